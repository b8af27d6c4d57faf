"""The console's commands, mirroring the slash commands and calling the same core."""

from __future__ import annotations

from bot.console.answer import actor, deliver
from bot.console.shell import CONSOLE_GUILD, REGISTRY, Invocation, Session, UsageError, command
from bot.core.flows import info, setup
from bot.core.flows import reflect as reflect_flows
from bot.core.flows import resources as resource_flows
from bot.core.flows.port import Place
from bot.core.flows.setup import Channel


def register() -> None:
    """Importing this module registers the commands; calling this makes that explicit at start."""


@command("help", "List the commands.")
async def help_(session: Session, _: Invocation) -> None:
    listed = [(name, found.summary) for name, found in sorted(REGISTRY.items())] + [("quit", "Leave the console.")]
    hint = "Options are written as in the slash commands, e.g. `/resources country:GB audience:ems`."
    await deliver(session, await info.help_(session.app, actor(session), listed, hint=hint))


@command("about", "What Stairwell is.")
async def about(session: Session, _: Invocation) -> None:
    await deliver(session, await info.about(session.app, actor(session)))


@command("privacy", "What Stairwell stores and how to delete it.")
async def privacy(session: Session, _: Invocation) -> None:
    await deliver(session, await info.privacy(session.app, actor(session)))


class ConsoleView:
    """The console server's one place is this terminal; it has no roles (you are the moderator)."""

    def channel(self, channel_id: int, place: Place) -> Channel | None:
        return Channel(channel_id, "this console")

    def role(self, role_id: int) -> str | None:
        return None


@command("setup show", "This (console) server's settings.")
async def setup_show(session: Session, _: Invocation) -> None:
    await deliver(session, await setup.show(session.app, actor(session), ConsoleView()))


@command("setup timezone", "Set the time zone: /setup timezone Europe/London")
async def setup_timezone(session: Session, args: Invocation) -> None:
    name = args.require("name", 0, "/setup timezone <IANA name, e.g. Europe/London>")
    await deliver(session, await setup.timezone(session.app, actor(session), name))


@command("setup region", "Set the default country for /resources: /setup region GB")
async def setup_region(session: Session, args: Invocation) -> None:
    value = args.require("country", 0, "/setup region <country code or name, e.g. GB>")
    await deliver(session, await setup.region(session.app, actor(session), value))


@command("resources", "Support lines: /resources [country:GB] [audience:ems]")
async def resources(session: Session, args: Invocation) -> None:
    result = await resource_flows.resources(
        session.app, actor(session), args.get("country", 0), args.get("audience", 1)
    )
    await deliver(session, result)


@command("setup resource add", "Add local support: /setup resource add name:... contact:... [hours:...]")
async def setup_resource_add(session: Session, args: Invocation) -> None:
    name = args.get("name", 0) or session.ask("Name: ") or ""
    contact = args.get("contact", 1) or session.ask("How to reach it: ") or ""
    result = await setup.add_resource(
        session.app, actor(session), name, contact, args.get("hours"), args.get("description")
    )
    await deliver(session, result)


@command("setup resource remove", "Remove local support: /setup resource remove <name>")
async def setup_resource_remove(session: Session, args: Invocation) -> None:
    wanted = " ".join(args.words) or args.require("resource", 0, "/setup resource remove <name>")
    await deliver(session, await setup.remove_resource(session.app, actor(session), wanted))


@command("setup resource list", "This server's local support resources.")
async def setup_resource_list(session: Session, _: Invocation) -> None:
    await deliver(session, await setup.list_resources(session.app, actor(session)))


@command("reflect", "A reflection just for you: /reflect [theme]")
async def reflect(session: Session, args: Invocation) -> None:
    theme = " ".join(args.words) or args.get("theme")
    # The card's buttons are commands here: /reflect again for another, /resources for support, /share.
    await deliver(session, await reflect_flows.reflect(session.app, actor(session), theme), offer_choices=False)


@command("setup channels", "Where the queue, stories and daily posts go (in the console: this terminal).")
async def setup_channels(session: Session, _: Invocation) -> None:
    await setup.use_one_channel(session.app, CONSOLE_GUILD)
    session.print(
        "In the console every channel is this terminal: the moderation queue, published stories and daily "
        "reflections are printed here under a heading ([moderation queue], [stories channel], [daily channel])."
    )


@command("setup moderator-role", "Who reviews stories (in the console: you).")
async def setup_moderator_role(session: Session, _: Invocation) -> None:
    session.print("In the console you are both the member and the server's moderator, so there is no role to choose.")


@command(
    "setup sharing", "Sharing on/off, daily limit, retention: /setup sharing [enabled:on] [per-day:3] [purge-days:7]"
)
async def setup_sharing(session: Session, args: Invocation) -> None:
    usage = "/setup sharing [enabled:on|off] [per-day:1-20] [purge-days:1-90]"
    enabled_text = args.get("enabled")
    if enabled_text is not None and enabled_text.lower() not in ("on", "off", "yes", "no", "true", "false"):
        raise UsageError(f"`enabled` is on or off. Usage: {usage}")
    numbers: dict[str, int | None] = {}
    for name in ("per-day", "purge-days"):
        value = args.get(name)
        if value is not None and not value.strip().isdigit():
            raise UsageError(f"`{name}` is a whole number. Usage: {usage}")
        numbers[name] = int(value) if value is not None else None
    result = await setup.sharing(
        session.app,
        actor(session),
        enabled=None if enabled_text is None else enabled_text.lower() in ("on", "yes", "true"),
        per_day=numbers["per-day"],
        purge_days=numbers["purge-days"],
    )
    await deliver(session, result)
