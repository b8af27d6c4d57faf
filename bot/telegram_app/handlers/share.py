"""/share as a conversation in the private chat, /mystories and /forgetme, over the core's share and author flows."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.core import chat_communities
from bot.core.flows import authors, conversation
from bot.core.flows.choices import choose
from bot.core.flows.port import Choice, ChoiceStyle
from bot.core.flows.results import Reply, Result
from bot.telegram_app.answer import actor, private
from bot.telegram_app.callbacks import Press
from bot.telegram_app.context import Telegram

NO_COMMUNITY = (
    "Stories go to a community's moderators, so I need to know which community is yours: open the link your "
    "group shows (it starts this chat with the community's code), then send /share again. /reflect and "
    "/resources work without one."
)
WHAT_NOW = "To share a story, send /share. /help lists everything I can do."
UNKNOWN_BUTTON = "This button no longer works here. /help lists everything I can do."
FORGET = Choice("forget", "confirm", 0, "Yes, delete everything", ChoiceStyle.DANGER)


async def share(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    community = await chat_communities.member_community(tg.app, tg.person_key(message.from_user.id))
    if community is None:
        await tg.send(message.chat.id, NO_COMMUNITY)
        return
    person = actor(tg, message.from_user, community)
    await private(tg, person, message.chat.id, await conversation.begin(tg.app, person))


async def mystories(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    community = await chat_communities.member_community(tg.app, tg.person_key(message.from_user.id))
    person = actor(tg, message.from_user, community)
    await private(tg, person, message.chat.id, await authors.my_stories(tg.app, person))


async def forgetme(message: Message, tg: Telegram) -> None:
    assert message.from_user is not None
    person = actor(tg, message.from_user, None)
    text = authors.forget_warning(person.terms) + " To keep everything, just ignore this message."
    await private(tg, person, message.chat.id, Result(Reply(text, choices=(FORGET,))))


async def forget_confirmed(query: CallbackQuery, tg: Telegram) -> None:
    person = actor(tg, query.from_user, None)
    result = await authors.forget(tg.app, person)
    await private(tg, person, query.from_user.id, Result(Reply(result.reply.text, replace=True), result.effects), query)


async def text(message: Message, tg: Telegram) -> None:
    """A message that is not a command: the next answer in a share, or a pointer to /share."""
    assert message.from_user is not None and message.text is not None
    community = await chat_communities.member_community(tg.app, tg.person_key(message.from_user.id))
    person = actor(tg, message.from_user, community)
    continues = tg.continues_a_long_text(message)
    result = await conversation.answer(tg.app, person, message.text, continues=continues)
    if result is None:
        await tg.send(message.chat.id, WHAT_NOW)
        return
    await private(tg, person, message.chat.id, result)


async def not_text(message: Message, tg: Telegram) -> None:
    """A photo, a sticker, a voice message: said kindly, and the share waits where it was."""
    assert message.from_user is not None
    person = actor(tg, message.from_user, None)
    said = conversation.not_text(await conversation.current(tg.app, person))
    await tg.send(message.chat.id, said or WHAT_NOW)


async def pressed(query: CallbackQuery, callback_data: Press, tg: Telegram) -> None:
    """The conversation's, the preview's and /mystories' buttons: the flow finds the rest by the id."""
    community = await chat_communities.member_community(tg.app, tg.person_key(query.from_user.id))
    person = actor(tg, query.from_user, community)
    if not callback_data.target.isdigit():
        await query.answer()
        return
    choice = Choice(callback_data.kind, callback_data.action, int(callback_data.target), "")
    await private(tg, person, query.from_user.id, await choose(tg.app, person, choice), query)


async def unknown_press(query: CallbackQuery) -> None:
    """A button no handler takes (made by an older version, or pressed where it does not belong): answered,
    so the app stops waiting, and nothing else is done."""
    await query.answer(UNKNOWN_BUTTON)


def router() -> Router:
    share_router = Router(name="share")
    in_private = F.chat.type == ChatType.PRIVATE
    share_router.message.register(share, in_private, Command("share"))
    share_router.message.register(mystories, in_private, Command("mystories"))
    share_router.message.register(forgetme, in_private, Command("forgetme"))
    share_router.message.register(text, in_private, F.text, ~F.text.startswith("/"))
    share_router.message.register(not_text, in_private, ~F.text)
    share_router.callback_query.register(forget_confirmed, Press.filter(F.kind == "forget"))
    share_router.callback_query.register(
        pressed,
        Press.filter(F.kind.in_({"draft", "mine", "reflect", "support", "share", conversation.KIND})),
        F.message.chat.type == ChatType.PRIVATE,
    )
    share_router.callback_query.register(unknown_press)  # last of every router's (this router goes last)
    return share_router
