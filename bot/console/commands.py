"""The console's commands, mirroring the slash commands and calling the same core."""

from __future__ import annotations

from bot.console.shell import CONSOLE_GUILD, REGISTRY, Invocation, Session, command
from bot.core import server_setup
from bot.core.info import ABOUT, PRIVACY
from bot.core.server_setup import SetupError
from bot.db import guilds


def register() -> None:
    """Importing this module registers the commands; calling this makes that explicit at start."""


@command("help", "List the commands.")
async def help_(session: Session, _: Invocation) -> None:
    lines = [f"/{name:<24} {found.summary}" for name, found in sorted(REGISTRY.items())]
    session.print("Commands (options as in Discord, e.g. /resources country:GB):\n" + "\n".join(lines) + "\n/quit")


@command("about", "What Stairwell is.")
async def about(session: Session, _: Invocation) -> None:
    session.print(ABOUT)


@command("privacy", "What Stairwell stores and how to delete it.")
async def privacy(session: Session, _: Invocation) -> None:
    session.print(PRIVACY)


@command("setup show", "This (console) server's settings.")
async def setup_show(session: Session, _: Invocation) -> None:
    settings = await guilds.get(session.app.db, CONSOLE_GUILD)
    region = session.app.content.directory.countries.get(settings.region or "")
    card = server_setup.settings_card(settings, {}, {}, region)
    session.print(card)


@command("setup timezone", "Set the time zone: /setup timezone Europe/London")
async def setup_timezone(session: Session, args: Invocation) -> None:
    name = args.require("name", 0, "/setup timezone <IANA name, e.g. Europe/London>")
    try:
        zone = await server_setup.set_timezone(session.app.db, CONSOLE_GUILD, name)
    except SetupError as error:
        session.print(str(error))
        return
    session.print(f"Saved: this server's time zone is {zone}.")


@command("setup region", "Set the default country for /resources: /setup region GB")
async def setup_region(session: Session, args: Invocation) -> None:
    value = args.require("country", 0, "/setup region <country code or name, e.g. GB>")
    try:
        name = await server_setup.set_region(session.app.db, session.app.content.directory, CONSOLE_GUILD, value)
    except SetupError as error:
        session.print(str(error))
        return
    session.print(f"Saved: /resources shows lines for {name} first.")
