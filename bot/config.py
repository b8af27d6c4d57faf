"""Settings from the environment and `.env`, as one typed object with one-line errors."""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

from bot.db.connection import is_postgres_url

DEFAULT_DB = Path("data") / "stairwell.sqlite3"
SECRET_FILE_NAME = "secret.key"
MIN_SECRET_LENGTH = 32
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_GENERATE_HINT = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
# BotFather tokens: the bot's numeric id, a colon, then 35 characters.
_TELEGRAM_TOKEN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,50}$")
# Telegram accepts 1–256 characters of A–Z, a–z, 0–9, _ and - as a webhook's secret token.
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
DEFAULT_WEBHOOK_PORT = 8443


class ConfigError(Exception):
    """A setting is wrong or missing; the message is one line naming the variable and the fix."""


@dataclass(frozen=True, slots=True)
class Webhook:
    """Telegram pushes updates to `url`; Stairwell listens on `port` and checks `secret` on each request."""

    url: str
    port: int
    secret: str

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    token: str
    webhook: Webhook | None = None  # None: long polling
    api_base: str | None = None  # a self-hosted Bot API server; None for api.telegram.org
    # Telegram user ids who may act on queued stories besides the moderators' group's admins (config, never stored).
    moderators: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: str | None
    db_path: str
    secret_key: bytes
    dev_guild: int | None
    log_level: str
    secret_generated_at: Path | None = None
    telegram: TelegramSettings | None = None
    # Seconds, inclusive ranges: see Timing in bot/core/app.py.
    queue_delay: tuple[int, int] = (30, 300)
    publish_delay: tuple[int, int] = (120, 600)

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(
                "DISCORD_TOKEN is not set: put your bot token in .env (see .env.example) "
                "or try Stairwell without Discord with `stairwell console`."
            )
        return self.discord_token


def _db_path(env: dict[str, str]) -> str:
    raw = env.get("STAIRWELL_DB", "").strip()
    if raw == ":memory:" or is_postgres_url(raw):
        return raw
    path = Path(raw) if raw else DEFAULT_DB
    if path.exists() and path.is_dir():
        raise ConfigError(f"STAIRWELL_DB={raw} is a directory: give a file path such as {DEFAULT_DB}.")
    blocking = next((folder for folder in path.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise ConfigError(f"STAIRWELL_DB={raw}: {blocking} is a file, not a folder; choose another path.")
    return str(path)


def _secret(env: dict[str, str], db_path: str) -> tuple[bytes, Path | None]:
    """Use the configured key, else the one kept beside the database, else make and keep one."""
    raw = env.get("STAIRWELL_SECRET_KEY", "").strip()
    if raw:
        if len(raw) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"STAIRWELL_SECRET_KEY is too short ({len(raw)} characters, need {MIN_SECRET_LENGTH}+): "
                f"generate one with {_GENERATE_HINT}."
            )
        return raw.encode(), None
    if is_postgres_url(db_path):
        # Processes sharing one database must share one key, or an author's stories would fall apart.
        raise ConfigError(
            "STAIRWELL_SECRET_KEY must be set when STAIRWELL_DB is a PostgreSQL URL: every process sharing "
            f"the database needs the same key. Generate one with {_GENERATE_HINT}."
        )
    data_dir = Path(db_path).parent if db_path != ":memory:" else Path("data")
    key_file = data_dir / SECRET_FILE_NAME
    if key_file.exists():
        stored = key_file.read_text().strip()
        if len(stored) < MIN_SECRET_LENGTH:
            raise ConfigError(f"STAIRWELL_SECRET_KEY: the key file {key_file} is damaged; restore it from a backup.")
        return stored.encode(), None
    key = secrets.token_urlsafe(32)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key + "\n")
    except OSError as error:
        raise ConfigError(
            f"STAIRWELL_SECRET_KEY is not set and a key cannot be written to {key_file} ({error.strerror}): "
            "fix STAIRWELL_DB or the folder's permissions, or set STAIRWELL_SECRET_KEY."
        ) from None
    return key.encode(), key_file


def _webhook(env: dict[str, str]) -> Webhook | None:
    url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
    port_raw = env.get("TELEGRAM_WEBHOOK_PORT", "").strip()
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if not url:
        if port_raw or secret:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_PORT/TELEGRAM_WEBHOOK_SECRET are set but TELEGRAM_WEBHOOK_URL is not: "
                "set the public https URL Telegram should call, or remove them to use long polling."
            )
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ConfigError(
            f"TELEGRAM_WEBHOOK_URL={url!r} is not an https URL: Telegram calls webhooks only over https, "
            "e.g. https://bot.example.org/telegram."
        )
    if port_raw and not (port_raw.isdigit() and 0 < int(port_raw) < 65536):
        raise ConfigError(f"TELEGRAM_WEBHOOK_PORT={port_raw!r} is not a port number (1–65535).")
    if not _WEBHOOK_SECRET.match(secret):
        raise ConfigError(
            "TELEGRAM_WEBHOOK_SECRET must be 16–256 characters of letters, digits, _ and - so only Telegram can "
            f"post updates: generate one with {_GENERATE_HINT}."
        )
    return Webhook(url=url, port=int(port_raw) if port_raw else DEFAULT_WEBHOOK_PORT, secret=secret)


def _telegram(env: dict[str, str]) -> TelegramSettings | None:
    token = env.get("TELEGRAM_TOKEN", "").strip()
    webhook = _webhook(env)
    api_base = env.get("TELEGRAM_API_URL", "").strip() or None
    if not token:
        if webhook is not None:
            raise ConfigError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_TOKEN is not: add the token from @BotFather.")
        return None
    if not _TELEGRAM_TOKEN.match(token):
        raise ConfigError(
            "TELEGRAM_TOKEN does not look like a bot token (digits, a colon, then letters): "
            "copy it again from @BotFather (/mybots → API Token)."
        )
    if api_base is not None and urlsplit(api_base).scheme not in ("http", "https"):
        raise ConfigError(f"TELEGRAM_API_URL={api_base!r} is not an http(s) URL of a Bot API server.")
    raw = env.get("TELEGRAM_MODERATORS", "").replace(",", " ").split()
    if not all(part.isdigit() for part in raw):
        raise ConfigError(
            "TELEGRAM_MODERATORS must be Telegram user ids (numbers) separated by commas; "
            "leave it empty to let the moderators' group's admins act on stories."
        )
    moderators = frozenset(int(part) for part in raw)
    return TelegramSettings(token=token, webhook=webhook, api_base=api_base, moderators=moderators)


def _delay(env: dict[str, str], name: str, default: tuple[int, int]) -> tuple[int, int]:
    """`LOW-HIGH` seconds (or one number for a fixed delay); a day at most."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    low_text, _, high_text = raw.partition("-")
    low_text, high_text = low_text.strip(), (high_text or low_text).strip()
    if not (low_text.isdigit() and high_text.isdigit()) or int(low_text) > int(high_text) or int(high_text) > 86_400:
        raise ConfigError(
            f"{name}={raw!r} is not a delay range: write seconds as LOW-HIGH, e.g. {default[0]}-{default[1]} "
            "(at most 86400)."
        )
    return int(low_text), int(high_text)


def load_settings(env_file: str | None = ".env", environ: dict[str, str] | None = None) -> Settings:
    """Read `.env` (never overriding real environment variables) and validate every value."""
    if environ is None:
        if env_file:
            load_dotenv(env_file, override=False)
        environ = dict(os.environ)
    token = environ.get("DISCORD_TOKEN", "").strip() or None
    if token is not None and (" " in token or len(token) < 50):
        raise ConfigError(
            "DISCORD_TOKEN does not look like a bot token: copy it again from the Developer Portal's Bot page."
        )
    dev_raw = environ.get("STAIRWELL_DEV_GUILD", "").strip()
    if dev_raw and not dev_raw.isdigit():
        raise ConfigError(
            f"STAIRWELL_DEV_GUILD={dev_raw!r} is not a server ID: right-click the server with Developer Mode on, "
            "'Copy Server ID', or leave it empty."
        )
    level = environ.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL={level!r} is not one of {', '.join(LOG_LEVELS)}.")
    db_path = _db_path(environ)
    secret, generated = _secret(environ, db_path)
    return Settings(
        discord_token=token,
        db_path=db_path,
        secret_key=secret,
        dev_guild=int(dev_raw) if dev_raw else None,
        log_level=level,
        secret_generated_at=generated,
        telegram=_telegram(environ),
        queue_delay=_delay(environ, "STAIRWELL_QUEUE_DELAY", (30, 300)),
        publish_delay=_delay(environ, "STAIRWELL_PUBLISH_DELAY", (120, 600)),
    )


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_NAME = "stairwell.log"


def log_file_beside(db_path: str) -> Path:
    """Where an interactive command logs, so log lines never land among its replies."""
    folder = DEFAULT_DB.parent if db_path == ":memory:" or is_postgres_url(db_path) else Path(db_path).parent
    return folder / LOG_FILE_NAME


def configure_logging(level: str, log_file: Path | None = None) -> None:
    """One line per event; user-written text, IDs and names are never passed to loggers.

    With `log_file`, every line goes there and only warnings and errors to stderr.
    """
    from bot.log_privacy import protect

    if log_file is None:
        logging.basicConfig(level=level, format=LOG_FORMAT)
    else:
        to_stderr = logging.StreamHandler()
        to_stderr.setLevel(logging.WARNING)
        handlers: list[logging.Handler] = [to_stderr]
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
        except OSError:
            pass  # an unusable folder is reported in one line when the database is opened there
        logging.basicConfig(level=level, format=LOG_FORMAT, handlers=handlers)
    # discord.py's DEBUG lines carry request bodies (story text); its INFO and up carry no text.
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))
    # aiogram's per-update lines name update and bot ids only, but its DEBUG output carries payloads.
    logging.getLogger("aiogram").setLevel(max(logging.getLevelName(level), logging.INFO))
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    protect()
