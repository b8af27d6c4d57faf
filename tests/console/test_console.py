import io
import os
import subprocess
import sys

from bot.console.main import run_session
from bot.core.app import Stairwell
from bot.db import guilds
from tests.conftest import SECRET


async def script(app, text: str) -> str:
    out = io.StringIO()
    await run_session(app, io.StringIO(text), out)
    return out.getvalue()


async def test_scripted_session_answers_each_command(db_path, content):
    app = await Stairwell.open(db_path, SECRET, content=content)
    try:
        output = await script(
            app,
            "/about\n"
            "/setup timezone Europe/Londn\n"
            "/setup timezone name:Europe/London\n"
            "/setup region uk\n"
            "/setup show\n"
            "/nonsense\n",
        )
        stored = await guilds.get(app.db, 1)
    finally:
        await app.close()

    blocks = output.strip().split("\n\n")
    assert blocks[0].startswith("== About Stairwell ==")
    assert "not a time zone I know" in output
    assert "Saved: this server's time zone is Europe/London." in output
    assert "Saved: /resources shows lines for United Kingdom first." in output
    assert "Time zone: Europe/London" in output
    assert "**" not in output and "`" not in output and "||" not in output
    assert "Unknown command '/nonsense'" in output
    assert (stored.timezone, stored.region) == ("Europe/London", "GB")


def test_console_command_reads_stdin_and_exits_at_end(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/privacy\n/help\n",
        env={"PATH": os.environ["PATH"], "PYTHONPATH": os.getcwd(), "STAIRWELL_DB": str(tmp_path / "c.sqlite3")},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "== What Stairwell stores, and how to delete it ==" in result.stdout
    assert "/setup timezone" in result.stdout
    assert "generated a secret key" in result.stderr
