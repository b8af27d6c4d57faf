"""/start (with a community's link), /help, /about, /privacy, /resources, and private commands sent in groups."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.core import chat_communities, support
from bot.core.cards import Card, Tone, literal
from bot.core.chat_communities import JoinError
from bot.core.flows import info
from bot.core.flows import resources as resources_flow
from bot.core.flows.results import Actor, Result
from bot.telegram_app.answer import actor, private
from bot.telegram_app.commands import PRIVATE, PRIVATE_NAMES
from bot.telegram_app.context import Telegram

HELP_HINT = (
    "**In /reflect** you can name a theme: /reflect loss.\n"
    "**In /resources** you can name a country and who the lines are for: /resources GB ems.\n\n"
    "**Group admins:** /setup in your group connects it to Stairwell and a private group of moderators."
)


async def _help(tg: Telegram, person: Actor) -> Result:
    return await info.help_(tg.app, person, PRIVATE, hint=HELP_HINT)

WELCOME = (
    "Welcome to Stairwell — peer support for healthcare workers who lose patients. What you do here stays in "
    "this private chat."
)


async def start(message: Message, command: CommandObject, tg: Telegram) -> None:
    assert message.from_user is not None
    payload = (command.args or "").strip()
    lines = [WELCOME]
    if payload:
        try:
            community = await chat_communities.join(tg.app, tg.person_key(message.from_user.id), payload)
        except JoinError as error:
            await tg.send(message.chat.id, str(error))
            return
        lines.append(f"You came from **{literal(community.title)}**: this private chat now belongs to it.")
    elif await chat_communities.member_guild(tg.app, tg.person_key(message.from_user.id)) is None:
        lines.append("If your group uses Stairwell, open its link once so what you share goes to the right place.")
    person = actor(tg, message.from_user, None)
    card = (await _help(tg, person)).reply.cards[0]
    welcome = Card(title=card.title, body="\n\n".join(lines) + "\n\n" + card.body, footer=card.footer)
    await tg.send(message.chat.id, welcome)


async def help_(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    person = actor(tg, message.from_user, None)
    await private(tg, person, message.chat.id, await _help(tg, person))


async def about(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    person = actor(tg, message.from_user, None)
    await private(tg, person, message.chat.id, await info.about(tg.app, person))


async def privacy(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    person = actor(tg, message.from_user, None)
    await private(tg, person, message.chat.id, await info.privacy(tg.app, person))


def parse_resources(args: str | None) -> tuple[str | None, str | None]:
    """`/resources GB ems` → ("GB", "ems"): a word naming an audience is the audience, the rest the country."""
    country_words, audience = [], None
    for word in (args or "").split():
        if word.casefold() in support.AUDIENCE_LABELS:
            audience = word.casefold()
        else:
            country_words.append(word)
    return (" ".join(country_words)[:64] or None), audience


async def resources(message: Message, command: CommandObject, tg: Telegram) -> None:
    assert message.from_user is not None
    country, audience = parse_resources(command.args)
    community = await chat_communities.member_community(tg.app, tg.person_key(message.from_user.id))
    person = actor(tg, message.from_user, community)
    await private(tg, person, message.chat.id, await resources_flow.resources(tg.app, person, country, audience))


async def in_group(message: Message, tg: Telegram) -> None:
    """Nothing personal happens in a group: point to the private chat (with this community's link if any).

    Once a minute per group at most, so a burst of commands cannot fill the group (or the send queue).
    """
    if not tg.hint_due(message.chat.id):
        return
    community = await chat_communities.by_group(tg.app, message.chat.id)
    link = tg.bot_link(community.code if community else None)
    await tg.send(
        message.chat.id,
        Card(
            title="Let's talk in private",
            body=f"I answer in a private chat, so nobody here sees what you ask or write: {link}",
            tone=Tone.CALM,
        ),
    )


def router() -> Router:
    """A new router each time: a router belongs to one dispatcher, and a restart builds a new one."""
    info = Router(name="info")
    private = F.chat.type == ChatType.PRIVATE
    info.message.register(start, private, CommandStart())
    info.message.register(help_, private, Command("help"))
    info.message.register(about, private, Command("about"))
    info.message.register(privacy, private, Command("privacy"))
    info.message.register(resources, private, Command("resources"))
    info.message.register(
        in_group, F.chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP}), Command(*PRIVATE_NAMES)
    )
    return info
