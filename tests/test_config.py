import os
import stat
import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings

TOKEN = "M" * 24 + "." + "G" * 6 + "." + "x" * 38


def run_cli(*args, env, cwd):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={"PATH": os.environ["PATH"], "PYTHONPATH": os.getcwd(), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_defaults_generate_a_private_secret_key(tmp_path):
    settings = load_settings(environ={"STAIRWELL_DB": str(tmp_path / "d" / "s.sqlite3")})
    key_file = tmp_path / "d" / "secret.key"
    assert settings.secret_generated_at == key_file
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = load_settings(environ={"STAIRWELL_DB": str(tmp_path / "d" / "s.sqlite3")})
    assert again.secret_key == settings.secret_key and again.secret_generated_at is None


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"STAIRWELL_SECRET_KEY": "short"}, "STAIRWELL_SECRET_KEY"),
        ({"STAIRWELL_DEV_GUILD": "my server"}, "STAIRWELL_DEV_GUILD"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DISCORD_TOKEN": "not a token"}, "DISCORD_TOKEN"),
        ({"STAIRWELL_QUEUE_DELAY": "soon"}, "STAIRWELL_QUEUE_DELAY"),
        ({"STAIRWELL_PUBLISH_DELAY": "600-120"}, "STAIRWELL_PUBLISH_DELAY"),
    ],
)
def test_malformed_values_name_the_variable(tmp_path, environ, names):
    with pytest.raises(ConfigError, match=names):
        load_settings(environ={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), **environ})


def test_run_without_token_is_one_clear_line(tmp_path):
    result = run_cli("run", env={"STAIRWELL_DB": str(tmp_path / "s.sqlite3")}, cwd=tmp_path)

    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("stairwell:")]
    assert lines[-1].startswith("stairwell: no platform token is set: put DISCORD_TOKEN and/or TELEGRAM_TOKEN")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("platform", "message"),
    [("discord", "stairwell: DISCORD_TOKEN is not set"), ("telegram", "stairwell: TELEGRAM_TOKEN is not set")],
)
def test_run_one_platform_without_its_token(tmp_path, platform, message):
    result = run_cli(
        "run", "--platform", platform, env={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), "TELEGRAM_TOKEN": ""},
        cwd=tmp_path,
    )

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(message)


TELEGRAM = "123456789:AAE" + "k" * 32


def test_telegram_settings_default_to_long_polling(tmp_path):
    settings = load_settings(environ={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), "TELEGRAM_TOKEN": TELEGRAM})
    assert settings.telegram is not None
    assert settings.telegram.token == TELEGRAM and settings.telegram.webhook is None


def test_telegram_webhook_settings(tmp_path):
    settings = load_settings(
        environ={
            "STAIRWELL_DB": str(tmp_path / "s.sqlite3"),
            "TELEGRAM_TOKEN": TELEGRAM,
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook",
            "TELEGRAM_WEBHOOK_SECRET": "s" * 32,
            "TELEGRAM_WEBHOOK_PORT": "8081",
        }
    )
    webhook = settings.telegram.webhook
    assert (webhook.port, webhook.path) == (8081, "/telegram/hook")


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"TELEGRAM_TOKEN": "12345"}, "TELEGRAM_TOKEN does not look like a bot token"),
        ({"TELEGRAM_TOKEN": TELEGRAM, "TELEGRAM_WEBHOOK_URL": "http://x.org/h", "TELEGRAM_WEBHOOK_SECRET": "s" * 20},
         "TELEGRAM_WEBHOOK_URL=.* is not an https URL"),
        ({"TELEGRAM_TOKEN": TELEGRAM, "TELEGRAM_WEBHOOK_URL": "https://x.org/h"}, "TELEGRAM_WEBHOOK_SECRET must be"),
        ({"TELEGRAM_TOKEN": TELEGRAM, "TELEGRAM_WEBHOOK_URL": "https://x.org/h", "TELEGRAM_WEBHOOK_SECRET": "s" * 20,
          "TELEGRAM_WEBHOOK_PORT": "http"}, "TELEGRAM_WEBHOOK_PORT"),
        ({"TELEGRAM_WEBHOOK_SECRET": "s" * 20}, "TELEGRAM_WEBHOOK_URL is not"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x.org/h", "TELEGRAM_WEBHOOK_SECRET": "s" * 20}, "TELEGRAM_TOKEN is not"),
    ],
)
def test_telegram_mistakes_name_the_variable(tmp_path, environ, names):
    with pytest.raises(ConfigError, match=names):
        load_settings(environ={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), **environ})


def test_malformed_value_is_one_clear_line(tmp_path):
    result = run_cli("migrate", env={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), "LOG_LEVEL": "LOUD"}, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip() == "stairwell: LOG_LEVEL='LOUD' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL."


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text(f"STAIRWELL_DB={tmp_path / 'from-env.sqlite3'}\nLOG_LEVEL=WARNING\n")
    result = run_cli("migrate", env={}, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "from-env.sqlite3 is at schema version" in result.stdout


def test_run_starts_every_platform_whose_token_is_set(tmp_path):
    from bot.cli import _platforms

    both = load_settings(
        environ={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), "DISCORD_TOKEN": TOKEN, "TELEGRAM_TOKEN": TELEGRAM}
    )
    assert _platforms(both, None) == ["discord", "telegram"]
    assert _platforms(both, "telegram") == ["telegram"]
    only_telegram = load_settings(environ={"STAIRWELL_DB": str(tmp_path / "s.sqlite3"), "TELEGRAM_TOKEN": TELEGRAM})
    assert _platforms(only_telegram, None) == ["telegram"]


def test_delay_ranges_are_settings(tmp_path):
    base = {"STAIRWELL_DB": str(tmp_path / "s.sqlite3")}
    default = load_settings(environ=base)
    assert (default.queue_delay, default.publish_delay) == ((30, 300), (120, 600))
    chosen = load_settings(environ={**base, "STAIRWELL_QUEUE_DELAY": "0", "STAIRWELL_PUBLISH_DELAY": "5-10"})
    assert (chosen.queue_delay, chosen.publish_delay) == ((0, 0), (5, 10))
