"""The console at a real terminal (a pseudo-terminal): line editing and history, and no log lines among replies."""

import os
import pty
import select
import subprocess
import sys


def console_env(tmp_path, **extra):
    return {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.getcwd(),
        "STAIRWELL_DB": str(tmp_path / "c.sqlite3"),
        "LOG_LEVEL": "INFO",
        "TERM": "dumb",
        **extra,
    }


PROMPT = b"stairwell> "


def at_a_terminal(tmp_path, lines: list[bytes]) -> str:
    """Everything the console shows on a terminal while each line is keyed in at its prompt, until it exits.

    Each line waits for the prompt: keys typed earlier reach the terminal before readline takes it over, and
    an arrow key would then arrive as plain text.
    """
    main, replica = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        stdin=replica,
        stdout=replica,
        stderr=replica,
        env=console_env(tmp_path),
        cwd=tmp_path,
    )
    os.close(replica)
    shown = b""
    pending = list(lines)
    while True:
        if pending and shown.count(PROMPT) > len(lines) - len(pending):
            os.write(main, pending.pop(0))
        ready, _, _ = select.select([main], [], [], 60)
        assert ready, "the console stopped answering"
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the console exited and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    os.close(main)
    return shown.decode(errors="replace")


def test_the_up_arrow_recalls_the_last_command_and_no_log_line_is_shown(tmp_path):
    shown = at_a_terminal(tmp_path, [b"/about\r", b"\x1b[A\r", b"/quit\r"])

    assert shown.count("== About Stairwell ==") == 2
    assert "Commands start with '/'" not in shown
    assert " INFO " not in shown
    log = (tmp_path / "stairwell.log").read_text()
    assert "applied migration 0001_initial.sql" in log


def test_piped_input_still_works_and_logs_go_to_the_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/about\n",
        env=console_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "== About Stairwell ==" in result.stdout
    assert " INFO " not in result.stdout + result.stderr
    assert "applied migration" in (tmp_path / "stairwell.log").read_text()
