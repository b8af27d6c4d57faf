"""From a Telegram update to a flow's Actor, and from a flow's Result back to Telegram: answer first, then effects.

On Telegram every person acting is known to the core by pseudonyms only: the author key for their stories and,
for moderators, a separate number for the moderation log (so the log never links a moderator to their own
stories). The raw id goes to Telegram as the chat_id of that person's own private chat, and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram.exceptions import TelegramAPIError
from aiogram.methods import EditMessageText
from aiogram.types import CallbackQuery, InaccessibleMessage, Message, User

from bot.core.chat_communities import PLATFORM, Community
from bot.core.flows import conversation
from bot.core.flows.effects import carry_out
from bot.core.flows.results import Actor, Effect, FormKind, Reply, Result
from bot.telegram_app.context import NO_PREVIEW, Telegram
from bot.telegram_app.keyboards import keyboard
from bot.telegram_app.platform import TERMS
from bot.telegram_app.render import MESSAGE_LIMIT, card_messages, markup_to_html, visible_length, visible_text

log = logging.getLogger(__name__)
TOAST_LIMIT = 200  # characters Telegram shows in a button's answer
_MODERATOR_KEY = "telegram/moderator"


def pseudonym(tg: Telegram, user_id: int) -> int:
    """A moderator's number in the log: stable, unlinkable to their Telegram id or their own author key."""
    return int(tg.app.identity.author_key(_MODERATOR_KEY, user_id)[:12], 16)


def moderator_name(number: int) -> str:
    return f"Moderator {number >> 32:04X}"


def actor(
    tg: Telegram, user: User, community: Community | None, *, moderator: bool = False, admin: bool = False
) -> Actor:
    number = pseudonym(tg, user.id)
    return Actor(
        platform=PLATFORM,
        user_id=number,
        guild_id=community.guild_id if community else None,
        author_key=tg.person_key(user.id),
        sealed=tg.app.identity.seal(PLATFORM, user.id),
        name=moderator_name(number),
        server_name=community.title if community else "the community",
        is_moderator=moderator,
        is_admin=admin,
        locale=user.language_code,
        terms=TERMS,
    )


async def may_moderate(tg: Telegram, chat_id: int, user_id: int) -> bool:
    """Asked at every press and answer: the configured list, or an admin of the moderators' group (a recent
    list admits its admins at once, so the press is answered before Telegram is asked again)."""
    if user_id in tg.moderators:
        return True
    try:
        return await tg.admins.may_act(chat_id, user_id)
    except TelegramAPIError:
        return False


def reply_texts(reply: Reply) -> list[str]:
    """The reply as HTML messages: its text, then each card (long ones split), short parts joined."""
    parts = [markup_to_html(reply.text)] if reply.text else []
    for card in reply.cards:
        parts += card_messages(card)
    joined: list[str] = []
    for part in parts:
        if joined and visible_length(joined[-1]) + 2 + visible_length(part) <= MESSAGE_LIMIT:
            joined[-1] += "\n\n" + part
        else:
            joined.append(part)
    return joined


async def show(
    tg: Telegram, chat_id: int, reply: Reply, *, edit: Message | None = None, reply_to: int | None = None
) -> None:
    """Sends the reply (buttons under its last message); `edit` replaces that message instead when it fits one."""
    texts = reply_texts(reply)
    markup = keyboard(reply.choices)
    if edit is not None and len(texts) == 1:
        method = EditMessageText(
            chat_id=chat_id,
            message_id=edit.message_id,
            text=texts[0],
            link_preview_options=NO_PREVIEW,
            reply_markup=markup,
        )
        await tg.sender.call(chat_id, method)
        return
    for index, text in enumerate(texts):
        await tg.send_html(chat_id, text, markup if index == len(texts) - 1 else None, reply_to=reply_to)


def editable(query: CallbackQuery) -> Message | None:
    """The message a button was on, unless Telegram no longer lets it be edited (older than 48 hours)."""
    message = query.message
    return None if message is None or isinstance(message, InaccessibleMessage) else message


async def effects(tg: Telegram, chat_id: int, to_do: Sequence[Effect]) -> None:
    """After the answer: the flow's posts, edits and messages; notes for the actor come back to their chat."""
    if not to_do:
        return
    assert tg.platform is not None
    for note in await carry_out(tg.app, tg.platform, tuple(to_do)):
        await show(tg, chat_id, Reply(note))


async def private(
    tg: Telegram, person: Actor, chat_id: int, result: Result, query: CallbackQuery | None = None
) -> None:
    """In a person's private chat: a button is answered at once, then the reply (in place when it replaces)."""
    if query is not None:
        await query.answer()
    reply = result.reply
    if reply.form is not None and reply.form.kind is FormKind.STORY:
        # Telegram has no forms: the conversation asks (again, for the preview's Edit).
        draft = reply.form.draft
        result = await (conversation.begin_edit(tg.app, person, draft) if draft else conversation.begin(tg.app, person))
        reply = result.reply
    target = editable(query) if query is not None and reply.replace else None
    await show(tg, chat_id, reply, edit=target)
    await effects(tg, chat_id, result.effects)


async def toast(query: CallbackQuery, text: str | None) -> bool:
    """A short answer only the presser sees; False when it is too long for one (it is then sent as a message)."""
    if text is None:
        await query.answer()
        return True
    plain = visible_text(text)
    if len(plain) > TOAST_LIMIT:
        await query.answer()
        return False
    await query.answer(plain, show_alert=len(plain) > 60)
    return True
