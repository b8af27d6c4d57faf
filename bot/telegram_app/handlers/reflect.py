"""/reflect in a private chat: a clinician's words and a question, with Another and Support buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.core import chat_communities, reflections, support
from bot.core.reflections import UnknownThemeError
from bot.telegram_app.callbacks import Press
from bot.telegram_app.context import Telegram


def keyboard(theme: str | None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text="Another", callback_data=Press(kind="reflect", action="another", target=theme or "").pack()
                ),
                InlineKeyboardButton(text="Support", callback_data=Press(kind="support", action="card").pack()),
            ]
        ]
    )


async def reflect(message: Message, command: CommandObject, tg: Telegram) -> None:
    assert message.from_user is not None
    try:
        theme = reflections.resolve_theme(tg.app, command.args)
    except UnknownThemeError as error:
        await tg.send(message.chat.id, str(error))
        return
    chosen = await reflections.next_reflection(tg.app, tg.person_key(message.from_user.id), theme)
    await tg.send(message.chat.id, reflections.reflection_card(chosen), keyboard(theme))


async def another(query: CallbackQuery, callback_data: Press, tg: Telegram) -> None:
    await query.answer()
    library = tg.app.content.library
    theme = callback_data.target if callback_data.target in library.themes else None
    chosen = await reflections.next_reflection(tg.app, tg.person_key(query.from_user.id), theme)
    card = reflections.reflection_card(chosen)
    # Messages older than 48 hours cannot be edited (Telegram sends them as inaccessible): send a new one.
    if isinstance(query.message, Message):
        await tg.replace(query.message.chat.id, query.message.message_id, card, keyboard(theme))
    else:
        await tg.send(query.from_user.id, card, keyboard(theme))


async def support_card(query: CallbackQuery, tg: Telegram) -> None:
    await query.answer()
    guild_id = await chat_communities.member_guild(tg.app, tg.person_key(query.from_user.id))
    card = await support.crisis_for(tg.app, guild_id, query.from_user.language_code)
    await tg.send(query.from_user.id, card)


def router() -> Router:
    reflections_router = Router(name="reflect")
    reflections_router.message.register(reflect, F.chat.type == ChatType.PRIVATE, Command("reflect"))
    reflections_router.callback_query.register(another, Press.filter(F.kind == "reflect"))
    reflections_router.callback_query.register(support_card, Press.filter(F.kind == "support"))
    return reflections_router
