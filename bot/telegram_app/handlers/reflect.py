"""/reflect in a private chat, through the core's reflect flow (its Another, Share and Support buttons are
answered by the private chat's one button handler)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.core import chat_communities
from bot.core.flows import reflect as flow
from bot.telegram_app.answer import actor, private
from bot.telegram_app.context import Telegram


async def reflect(message: Message, command: CommandObject, tg: Telegram) -> None:
    assert message.from_user is not None
    community = await chat_communities.member_community(tg.app, tg.person_key(message.from_user.id))
    person = actor(tg, message.from_user, community)
    await private(tg, person, message.chat.id, await flow.reflect(tg.app, person, command.args))


def router() -> Router:
    reflections_router = Router(name="reflect")
    reflections_router.message.register(reflect, F.chat.type == ChatType.PRIVATE, Command("reflect"))
    return reflections_router
