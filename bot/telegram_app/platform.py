"""The Platform port on Telegram: the queue in the moderators' group, stories and daily posts in the publish chat.

Telegram has no history search and no idempotency key, so exactly-once rests on the outbox record here
(`telegram_posts`): the intent is written before a post is sent and its message ids once Telegram confirms it.
A later look (`find_post`) reads that record, never the chat:

- confirmed: the post exists and is never made again;
- no record: it was never sent (a refusal removes the intent), so it is made;
- unconfirmed (a timeout or 5xx after sending, or a crash in between): Telegram may or may not have made it and
  offers no way to ask. A story or daily post is then treated as made (at most once: never twice in a public
  chat) through an unconfirmed PostRef, and the core tells the moderators once to check (a missing story is
  posted again by their button); a queue post is made again (at least once: a second card in the private
  moderators' group is harmless, its buttons act on the same story, while a lost one hides a story).
"""

from __future__ import annotations

import contextlib
import logging

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import DeleteMessage, EditMessageText, SendMessage
from aiogram.types import InlineKeyboardMarkup

from bot.core import chat_communities
from bot.core.cards import Card
from bot.core.chat_communities import PLATFORM
from bot.core.flows.port import (
    Outgoing,
    Place,
    PlaceUnavailableError,
    PlatformError,
    PostRef,
    PostUncertainError,
    Where,
)
from bot.core.terms import Terms
from bot.telegram_app.context import NO_PREVIEW, Telegram
from bot.telegram_app.keyboards import keyboard
from bot.telegram_app.problems import Problem, classify
from bot.telegram_app.render import MESSAGE_LIMIT, card_messages, markup_to_html, visible_length

log = logging.getLogger(__name__)
# Telegram's own words for what the core's text names.
TERMS = Terms(
    account="Telegram account",
    account_id="Telegram ID",
    admin_right="admin of the group",
    moderator_right="admin of the moderators' group",
    language="Telegram language",
    stories_place="Telegram",
    publish_place="the publish chat",
    platform_sees=(
        "Telegram carries every message between you and the bot, as with any bot: bot chats are not end-to-end "
        "encrypted, so Telegram's servers see what you send here and which commands you use."
    ),
    setup_places="/setup in the community group (binding a private moderators' group)",
    unpublish_command="/unpublish {number} in the moderators' group",
    queue_place="the moderators' group (its card now says URGENT)",
    daily_resume="/setup daily on",
    stories_setup="/setup publish in the community group",
    daily_setup="/setup daily in the community group",
    settings_command="/setup in the community group",
    community="community",
    timezone_setup="/setup daily HH:MM Area/City in the community group",
    moderator_logged_as="a pseudonymous number for each moderator (never their Telegram ID or name)",
    unconfirmed_post="Telegram did not confirm a post there, and it gives me no way to check",
    also_kept=(
        "Which community your private chat belongs to (the link you came through), and while you share, which "
        "question you are at; under your pseudonym only. The message ids of a story's queue card and post (no "
        "words, no IDs of people) stay while the story waits or is up, then 7 days after it is resolved or removed."
    ),
)
PLACE_NAMES = {Place.QUEUE: "the moderators' group", Place.STORIES: "the publish chat", Place.DAILY: "the publish chat"}
REFUSED = {
    Problem.BLOCKED: "Telegram refused my post in {place}",
    Problem.REMOVED: "I was removed from {place} (add me back, or choose another chat)",
    Problem.CHAT_NOT_FOUND: "I can't find {place} any more (it may have been deleted)",
    Problem.NO_RIGHTS: "I'm not allowed to post in {place} (in a channel I need to be an admin with Post messages)",
}
UNKNOWN_MESSAGE = 0  # the message id of a post that may exist but was never confirmed
# Edits that change nothing, or of a message already gone, are not failures.
_NOT_MODIFIED = "message is not modified"
_GONE = ("message to edit not found", "message to delete not found", "message_id_invalid")
_CANT_DELETE = "message can't be deleted"
REMOVED = "This post was removed."


def marker_of(message: Outgoing) -> str:
    """What a later look matches: the card's title and footer, the bot's own words (never a person's)."""
    card = message.card
    return "" if card is None else " · ".join(part for part in (card.title, card.footer or "") if part)


def render(message: Outgoing) -> list[str]:
    """The post as HTML messages: plain text first (joined to the card when it fits), then the card's parts."""
    parts = card_messages(message.card) if message.card else []
    if message.text:
        head = markup_to_html(message.text)
        if parts and visible_length(head) + 2 + visible_length(parts[0]) <= MESSAGE_LIMIT:
            parts[0] = f"{head}\n\n{parts[0]}"
        else:
            parts.insert(0, head)
    return parts


def _send(chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> SendMessage:
    return SendMessage(chat_id=chat_id, text=text, link_preview_options=NO_PREVIEW, reply_markup=markup)


class TelegramPlatform:
    name = PLATFORM

    async def terms(self, guild_id: int) -> Terms:
        return TERMS

    def __init__(self, tg: Telegram) -> None:
        self.tg = tg

    async def _failed(self, where: Where, error: TelegramAPIError) -> PlatformError:
        """A refusal about the chat needs the moderators' fix (the core tells them once, with the story or day,
        in these words); the rest may pass."""
        if isinstance(error, TelegramServerError | TelegramNetworkError):
            return PostUncertainError(type(error).__name__)
        if isinstance(error, TelegramRetryAfter):
            return PlatformError("flood control")
        problem = classify(error)
        if problem is None:
            return PlatformError(type(error).__name__)
        log.warning("telegram chat problem: %s", problem.value)
        return PlaceUnavailableError(REFUSED[problem].format(place=PLACE_NAMES[where.place]))

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        app = self.tg.app
        if nonce:
            record = await chat_communities.post_intent(
                app, nonce, where.guild_id, where.channel_id, marker_of(message)
            )
            if record.message_ids:
                return PostRef(where.guild_id, where.channel_id, record.message_ids[0])
        texts = render(message)
        markup = keyboard(message.choices)
        sent: list[int] = []
        try:
            for index, text in enumerate(texts):
                method = _send(where.channel_id, text, markup if index == len(texts) - 1 else None)
                sent.append((await self.tg.sender.call(where.channel_id, method)).message_id)
        except TelegramAPIError as error:
            failure = await self._failed(where, error)
            for message_id in sent:  # half a post is worse than none: it is made again whole
                with contextlib.suppress(TelegramAPIError):
                    await self.tg.sender.call(
                        where.channel_id, DeleteMessage(chat_id=where.channel_id, message_id=message_id)
                    )
            if nonce and not isinstance(failure, PostUncertainError):
                await chat_communities.post_not_made(app, nonce)
            raise failure from None
        if nonce:
            await chat_communities.post_confirmed(app, nonce, tuple(sent))
        await self.tg.notices.working(where.channel_id)
        return PostRef(where.guild_id, where.channel_id, sent[0])

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        records = await chat_communities.posts_marked(self.tg.app, where.channel_id, marker)
        confirmed = next((record for record in records if record.message_ids), None)
        if confirmed is not None and confirmed.message_ids:
            return PostRef(where.guild_id, where.channel_id, confirmed.message_ids[0])
        if not records or where.place is Place.QUEUE:
            return None
        return PostRef(where.guild_id, where.channel_id, UNKNOWN_MESSAGE, confirmed=False)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        """Each part edited in place, parts no longer needed deleted (a closed card keeps no story text)."""
        if ref.message_id == UNKNOWN_MESSAGE:
            return False
        parts = await chat_communities.post_parts(self.tg.app, ref.channel_id, ref.message_id)
        texts = render(message)[: len(parts)]
        markup = keyboard(message.choices)
        try:
            for index, (message_id, text) in enumerate(zip(parts, texts, strict=False)):
                method = EditMessageText(
                    chat_id=ref.channel_id,
                    message_id=message_id,
                    text=text,
                    link_preview_options=NO_PREVIEW,
                    reply_markup=markup if index == len(texts) - 1 else None,
                )
                try:
                    await self.tg.sender.call(ref.channel_id, method)
                except TelegramBadRequest as error:
                    if _NOT_MODIFIED not in error.message.lower():
                        raise
            for message_id in parts[len(texts) :]:
                await self._delete_one(ref.channel_id, message_id)
        except TelegramBadRequest as error:
            if any(mark in error.message.lower() for mark in _GONE):
                return False
            raise PostUncertainError(type(error).__name__) from None
        except TelegramAPIError as error:
            raise PostUncertainError(type(error).__name__) from None
        return True

    async def _delete_one(self, chat_id: int, message_id: int) -> bool:
        """A bot may delete its own messages for 48 hours (later only with the Delete messages right):
        past that, the words are replaced instead, so a removed story never stays readable."""
        try:
            done: bool = await self.tg.sender.call(chat_id, DeleteMessage(chat_id=chat_id, message_id=message_id))
        except TelegramBadRequest as error:
            text = error.message.lower()
            if _CANT_DELETE not in text:
                if any(mark in text for mark in _GONE):
                    return False
                raise
            blank = EditMessageText(chat_id=chat_id, message_id=message_id, text=REMOVED, reply_markup=None)
            try:
                await self.tg.sender.call(chat_id, blank)
            except TelegramBadRequest:
                return False
            return True
        return done

    async def delete(self, ref: PostRef) -> bool:
        if ref.message_id == UNKNOWN_MESSAGE:
            return False
        parts = await chat_communities.post_parts(self.tg.app, ref.channel_id, ref.message_id)
        deleted = False
        try:
            for message_id in parts:
                deleted = await self._delete_one(ref.channel_id, message_id) or deleted
        except TelegramAPIError as error:
            raise PostUncertainError(type(error).__name__) from None
        await chat_communities.post_deleted(self.tg.app, ref.channel_id, ref.message_id)
        return deleted

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        """To the author's private chat, the only call that carries their id; False if they blocked the bot."""
        opened = self.tg.app.identity.unseal(sealed)
        if opened is None or opened[0] != PLATFORM or not opened[1].isdigit():
            return False
        chat_id = int(opened[1])
        try:
            await self.tg.send(chat_id, text)
            if card is not None:
                await self.tg.send(chat_id, card)
        except TelegramAPIError as error:
            problem = classify(error)
            log.info(
                "telegram: an author could not be reached (%s)", problem.value if problem else type(error).__name__
            )
            return False
        return True
