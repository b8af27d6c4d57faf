"""`stairwell` command line: run | console | migrate | sync | backup | copy-data | content check | screen | eval."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__
from bot.config import ConfigError, Settings, configure_logging, load_settings, log_file_beside
from bot.core.errors import ContentError
from bot.db.connection import Database, DatabaseOpenError, is_postgres_url
from bot.db.migrate import MigrationError

if TYPE_CHECKING:
    from bot.core.app import Stairwell
    from bot.core.shards import Scope

log = logging.getLogger("stairwell")


def _settings(args: argparse.Namespace, *, log_to_file: bool = False) -> Settings:
    settings = load_settings(env_file=args.env_file)
    configure_logging(settings.log_level, log_file_beside(settings.db_path) if log_to_file else None)
    if settings.db_path != ":memory:" and not is_postgres_url(settings.db_path) and not Path(settings.db_path).exists():
        print(
            f"stairwell: no database at {Path(settings.db_path).resolve()} yet; creating a new, empty one there.",
            file=sys.stderr,
        )
    if settings.secret_generated_at is not None:
        print(
            f"stairwell: generated a secret key in {settings.secret_generated_at} (mode 0600). "
            "Back it up: without it, authors can no longer be linked to their stories.",
            file=sys.stderr,
        )
    return settings


def _make_bot(settings: Settings, app: Stairwell | None = None, *, background: bool = True) -> Any:
    from bot.discord_app.bot import ShardedStairwellBot, StairwellBot

    kind = ShardedStairwellBot if app is not None and app.scope.shard_count > 1 else StairwellBot
    return kind(
        settings.db_path,
        settings.secret_key,
        dev_guild=settings.dev_guild,
        app=app,
        timing=_timing(settings),
        background_tasks=background,
    )


def _timing(settings: Settings) -> Any:
    from bot.core.app import Timing

    return Timing(queue_delay=settings.queue_delay, publish_delay=settings.publish_delay)


@asynccontextmanager
async def _connected_bot(
    settings: Settings, app: Stairwell | None = None, *, background: bool = True
) -> AsyncIterator[Any]:
    """A bot built from the settings, with Discord's refusals turned into one-line configuration errors."""
    import discord

    token = settings.require_token()
    if app is None:
        async with _database(settings):
            pass  # a bad database path is one line here, before Discord is contacted
    bot = _make_bot(settings, app, background=background)
    try:
        async with bot:
            await bot.login(token)
            yield bot
    except discord.LoginFailure as error:
        raise ConfigError(
            "DISCORD_TOKEN was refused by Discord: reset it on the Developer Portal's Bot page."
        ) from error
    except discord.PrivilegedIntentsRequired as error:
        raise ConfigError("Discord refused the bot's intents; Stairwell needs no privileged intents.") from error


class PlatformName(StrEnum):
    DISCORD = "discord"
    TELEGRAM = "telegram"


def _platforms(settings: Settings, chosen: str | None) -> list[PlatformName]:
    """The platforms `run` starts: the one asked for, else every one whose token is set."""
    if chosen == PlatformName.DISCORD:
        settings.require_token()
    if chosen == PlatformName.TELEGRAM and settings.telegram is None:
        raise ConfigError("TELEGRAM_TOKEN is not set: create a bot with @BotFather and put its token in .env.")
    if chosen:
        return [PlatformName(chosen)]
    configured = ((PlatformName.DISCORD, settings.discord_token), (PlatformName.TELEGRAM, settings.telegram))
    found = [name for name, on in configured if on]
    if not found:
        raise ConfigError(
            "no platform token is set: put DISCORD_TOKEN and/or TELEGRAM_TOKEN in .env (see .env.example), "
            "or try Stairwell without either with `stairwell console`."
        )
    return found


async def _run_discord(settings: Settings, app: Stairwell) -> None:
    async with _connected_bot(settings, app) as bot:
        await bot.connect()


async def _run_telegram(settings: Settings, app: Stairwell) -> None:
    from bot.telegram_app.bot import TelegramAdapter

    assert settings.telegram is not None
    await TelegramAdapter.from_settings(app, settings.telegram).run(settings.telegram)


async def _run_both(settings: Settings, app: Stairwell) -> None:
    """Discord and Telegram on one loop and one database, with one background worker routing each
    server's work to its own platform (two workers would each make the other's posts fail)."""
    from bot.core.flows.background import Background
    from bot.core.flows.daily_posts import Notice
    from bot.core.flows.routing import PlatformRouter
    from bot.telegram_app.bot import TelegramAdapter

    assert settings.telegram is not None
    telegram = TelegramAdapter.from_settings(app, settings.telegram, background=False)
    async with _connected_bot(settings, app, background=False) as bot:

        async def worker() -> None:
            await bot.wait_until_ready()
            await telegram.ready.wait()
            router = PlatformRouter(app, {"discord": bot.platform, "telegram": telegram.platform})
            bot.router = router
            daily = bot.get_cog("Daily")

            async def on_notices(notices: list[Notice]) -> None:
                if notices:  # each adapter delivers the notices of its own servers
                    if daily is not None:
                        await daily.deliver_notices(notices)
                    await telegram.deliver_notices(notices)

            await Background(app, router, on_notices).run_forever()

        async with asyncio.TaskGroup() as group:
            group.create_task(bot.connect())
            group.create_task(telegram.run(settings.telegram))
            group.create_task(worker())


def _shard_ids(text: str) -> list[int]:
    """`0,1` or `0-3` (so a systemd instance name, where commas are not allowed, can say which)."""
    ids: list[int] = []
    try:
        for part in filter(None, (part.strip() for part in text.split(","))):
            first, _, last = part.partition("-")
            ids += range(int(first), int(last or first) + 1)
    except ValueError:
        raise argparse.ArgumentTypeError("shard ids are numbers or ranges, such as 0,1 or 0-3") from None
    return ids


def _scope(settings: Settings, args: argparse.Namespace, platforms: list[PlatformName]) -> Scope:
    """The shards this process connects; spread over processes, they need one PostgreSQL database."""
    from bot.core.shards import Scope

    if args.shard_count is None:
        if args.shard_ids is not None:
            raise ConfigError("--shard-ids needs --shard-count: the number of shards across every process.")
        return Scope()
    if PlatformName.DISCORD not in platforms:
        raise ConfigError("--shard-count is for Discord: start it with DISCORD_TOKEN set (or --platform discord).")
    ids = range(args.shard_count) if args.shard_ids is None else args.shard_ids
    try:
        scope = Scope.for_shards(args.shard_count, ids)
    except ValueError as error:
        raise ConfigError(f"--shard-ids: {error} (--shard-count is {args.shard_count}).") from None
    if scope.sharded and not is_postgres_url(settings.db_path):
        raise ConfigError(
            "the other shards run in other processes, which must share this database: set STAIRWELL_DB to a "
            "postgresql:// URL (see README, Running on several processes), or leave out --shard-ids so this "
            "process serves every shard."
        )
    return scope


def _here(platforms: list[PlatformName], scope: Scope) -> tuple[list[PlatformName], Scope]:
    """The platforms this process runs, and the servers whose background work it takes: only those it can reach.

    Telegram allows one reader per bot: with shards spread over processes, shard 0's process runs it.
    """
    if not scope.leader and PlatformName.TELEGRAM in platforms:
        log.info("Telegram runs in the process serving shard 0, not here")
        platforms = [name for name in platforms if name is not PlatformName.TELEGRAM]
    return platforms, scope.serving(
        discord=PlatformName.DISCORD in platforms, others=scope.others and PlatformName.TELEGRAM in platforms
    )


async def _run(args: argparse.Namespace) -> None:
    """Every platform on one event loop and one database; if one stops with an error, all stop."""
    from bot.core.app import Stairwell

    settings = _settings(args)
    platforms = _platforms(settings, args.platform)
    platforms, scope = _here(platforms, _scope(settings, args, platforms))
    runners = {PlatformName.DISCORD: _run_discord, PlatformName.TELEGRAM: _run_telegram}
    app = await Stairwell.open(settings.db_path, settings.secret_key, timing=_timing(settings), scope=scope)
    # A service manager stops us with SIGTERM: finish cleanly (close sessions and the database).
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    try:
        if len(platforms) > 1:
            await _run_both(settings, app)
        else:
            await runners[platforms[0]](settings, app)
    except asyncio.CancelledError:
        log.info("stopped")
    except BaseExceptionGroup as failures:
        # One clear line for the first configuration problem, as for a single platform.
        raise failures.exceptions[0] from None
    finally:
        await app.close()


async def _sync(args: argparse.Namespace) -> None:
    async with _connected_bot(_settings(args)) as bot:
        await bot.sync_commands(force=True)
    print("Commands synced.")


async def _console(args: argparse.Namespace) -> None:
    from bot.console.main import run_session
    from bot.core.app import Stairwell

    settings = _settings(args, log_to_file=True)
    app = await Stairwell.open(settings.db_path, settings.secret_key, timing=_timing(settings))
    try:
        await run_session(app)
    finally:
        await app.close()


@asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[Database]:
    """Opened (and migrated) for one command, closed whatever happens."""
    from bot.db.migrate import open_database

    db = await open_database(settings.db_path)
    try:
        yield db
    finally:
        await db.close()


async def _migrate(args: argparse.Namespace) -> None:
    from bot.db.migrate import current_version

    settings = _settings(args)
    async with _database(settings) as db:
        print(f"Database {db.path} is at schema version {await current_version(db)}.")


async def _backup(args: argparse.Namespace) -> None:
    from bot.db.migrate import backup

    settings = _settings(args)
    async with _database(settings) as db:
        await backup(db, Path(args.path))
    print(f"Backed up {db.path} to {args.path}.")


async def _copy_data(args: argparse.Namespace) -> None:
    from bot.db.copy import copy_data
    from bot.db.migrate import open_database

    source = await open_database(args.source)
    try:
        target = await open_database(args.target)
        try:
            copied = await copy_data(source, target)
        finally:
            await target.close()
    finally:
        await source.close()
    print(f"Copied {sum(copied.values())} rows in {len(copied)} tables from {source.path} to {target.path}.")
    for table, count in copied.items():
        print(f"  {table}: {count}")


async def _content_check(args: argparse.Namespace) -> None:
    from bot.core.app import Content
    from bot.core.testimonies import verify_quotes
    from bot.paths import seeds_dir

    folder = Path(args.content_dir) if args.content_dir else None
    content = Content.load(folder)
    problems: list[str] = []
    seeds = Path(args.seeds) if args.seeds else seeds_dir()
    if seeds is not None:
        problems += verify_quotes(content.library, seeds)
    stale = content.directory.stale(date.today())
    for resource in stale:
        print(f"stale: resource {resource.id!r} was last verified on {resource.verified}; check {resource.source}")
    for problem in problems:
        print(f"error: {problem}")
    reflections = len(content.library.reflections())
    print(
        f"{len(content.library.testimonies)} testimonies ({reflections} reflections), "
        f"{len(content.directory.resources)} resources; "
        + ("quotes checked against the seed articles" if seeds else "seed articles absent: quotes not checked")
    )
    if problems or (stale and args.strict):
        raise SystemExit(1)


async def _screen(args: argparse.Namespace) -> None:
    from bot.core.screening.report import screen_json_lines, screen_text

    if args.jsonl:
        for line in screen_json_lines(sys.stdin):
            print(line)
    else:
        print(screen_text(sys.stdin.read()))


async def _eval(args: argparse.Namespace) -> None:
    from bot.core.screening.evaluation import EvalFileError, run

    try:
        with open(args.file, encoding="utf-8") as handle:
            print(run(handle, misses=args.misses))
    except OSError as error:
        raise ConfigError(f"cannot read {args.file}: {error.strerror}") from None
    except EvalFileError as error:
        raise ConfigError(f"{args.file}: {error}") from None


def _command(sub: Any, name: str, summary: str, details: str = "") -> argparse.ArgumentParser:
    """One subcommand; its summary is the line in `stairwell --help` and opens its own `--help`."""
    description = f"{summary[0].upper()}{summary[1:]}." + (f" {details}" if details else "")
    parser: argparse.ArgumentParser = sub.add_parser(name, help=summary, description=description)
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stairwell", description="Peer support for healthcare workers, on Discord and Telegram."
    )
    parser.add_argument("--version", action="version", version=f"stairwell {__version__}")
    parser.add_argument("--env-file", default=".env", help="settings file to read (default: .env)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = _command(
        sub,
        "run",
        "connect to Discord and/or Telegram (each platform whose token is set)",
        "Runs until stopped; settings come from the environment and .env (see README, Configuration).",
    )
    run.add_argument("--platform", choices=[name.value for name in PlatformName], help="start only this platform")
    run.add_argument(
        "--shard-count", type=int, metavar="N", help="Discord shards across every process (see README, sharding)"
    )
    run.add_argument(
        "--shard-ids",
        type=_shard_ids,
        metavar="0,1",
        help="the shards this process connects, such as 0,1 or 0-3 (default: all); other processes serving the "
        "other shards share its PostgreSQL database",
    )
    run.set_defaults(handler=_run)
    _command(
        sub,
        "console",
        "try every flow in this terminal, no token needed",
        "Type slash commands as in Discord (/help lists them), with line editing and history at a terminal; "
        "piped input is read line by line. Logs go to stairwell.log beside the database, warnings also to stderr.",
    ).set_defaults(handler=_console)
    _command(
        sub, "migrate", "bring the database to the newest schema", "Also done automatically at every start."
    ).set_defaults(handler=_migrate)
    _command(
        sub, "sync", "push the slash commands to Discord now", "Normally they sync only when they changed."
    ).set_defaults(handler=_sync)
    backup_parser = _command(
        sub,
        "backup",
        "consistent copy of the database while it runs",
        "Uses SQLite's online backup; for PostgreSQL it prints the pg_dump command to use.",
    )
    backup_parser.add_argument("path", help="new file to write the copy to")
    backup_parser.set_defaults(handler=_backup)
    copy = _command(
        sub,
        "copy-data",
        "copy every table between SQLite and PostgreSQL",
        "Both are migrated first; the target must be empty. One transaction per table, row counts checked. "
        "Stop the bot while copying.",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="PATH_OR_URL", help="the database to read")
    copy.add_argument("--to", dest="target", required=True, metavar="PATH_OR_URL", help="the empty database to fill")
    copy.set_defaults(handler=_copy_data)
    content = _command(sub, "content", "content files", "Testimonies and support resources.").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    check = _command(
        content,
        "check",
        "validate testimonies and resources; report stale entries",
        "Quotes are checked against the seed articles when they are beside the checkout.",
    )
    check.add_argument("--content-dir", help="folder with testimonies.toml and resources.toml")
    check.add_argument("--seeds", help="folder of seed articles to verify quotes against")
    check.add_argument("--strict", action="store_true", help="fail on stale resources too")
    check.set_defaults(handler=_content_check)
    screen = _command(
        sub,
        "screen",
        "screen text on stdin for crisis language and patient identifiers",
        "Prints one JSON object (the format is in the README).",
    )
    screen.add_argument("--jsonl", action="store_true", help='one JSON object with a "text" field per line')
    screen.set_defaults(handler=_screen)
    evaluate = _command(
        sub,
        "eval",
        "measure the screens on a labelled JSON Lines file",
        'Crisis lines are {"text", "label"} (urgent, concern, none); identifier lines are '
        '{"text", "identifiers": [{"type", "value"}]}. Prints recall, false alarms, figures by length and misses.',
    )
    evaluate.add_argument("file", help="labelled .jsonl file")
    evaluate.add_argument("--misses", type=int, default=40, help="how many misses to list (default 40)")
    evaluate.set_defaults(handler=_eval)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], Coroutine[Any, Any, None]] = args.handler
    try:
        asyncio.run(handler(args))
    except (ConfigError, ContentError, MigrationError, DatabaseOpenError) as error:
        print(f"stairwell: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
