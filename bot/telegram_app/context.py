"""What every Telegram handler is given: the core, the paced sender, the admin cache, and how to reply."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiogram.enums import ParseMode
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import ForceReply, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters

from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.chat_communities import PLATFORM
from bot.telegram_app.admins import Admins
from bot.telegram_app.problems import Notices
from bot.telegram_app.render import card_messages, plain
from bot.telegram_app.sender import Sender

if TYPE_CHECKING:
    from bot.core.flows.port import Platform

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
GROUP_HINT_SECONDS = 60.0
# Telegram's apps split a message over 4,096 characters into pieces sent at once, the first near the limit
# (cut at a line or word). A message this long, followed within a few seconds by the very next message of
# the chat, was one paste.
PIECE_MIN_LENGTH = 3_000
PIECE_SECONDS = 3


@dataclass
class Telegram:
    app: Stairwell
    sender: Sender
    admins: Admins
    notices: Notices
    username: str = ""  # the bot's @username, known once connected
    # Who may act on queued stories besides the moderators' group's admins (TELEGRAM_MODERATORS).
    moderators: frozenset[int] = frozenset()
    # Where flows' effects go: the adapter's Platform, or the process's router over every platform.
    platform: Platform | None = None
    clock: Callable[[], float] = time.monotonic
    _hinted: dict[int, float] = field(default_factory=dict)  # group → when it was last pointed to a private chat
    _turns: dict[int, asyncio.Lock] = field(default_factory=dict)  # private chat → its updates, one at a time
    # Private chat → (message id, sent at) of its last long text: what a split paste's next piece follows.
    _long_texts: dict[int, tuple[int, int]] = field(default_factory=dict)

    def person_key(self, user_id: int) -> str:
        return self.app.identity.author_key(PLATFORM, user_id)

    def turn(self, chat_id: int) -> asyncio.Lock:
        """Updates are handled as tasks; one person's messages and presses still run in the order they came,
        so a story sent in a hurry and the next answer cannot overtake each other."""
        lock = self._turns.get(chat_id)
        if lock is None:
            if len(self._turns) > 10_000:
                for idle in [key for key, held in self._turns.items() if not held.locked()]:
                    del self._turns[idle]
            lock = self._turns[chat_id] = asyncio.Lock()
        return lock

    def continues_a_long_text(self, message: Message) -> bool:
        """Whether this text is the next piece of a long message the app split (never held past a restart:
        the pieces arrive together, and a piece after a restart is read as a message of its own)."""
        chat_id, sent_at = message.chat.id, int(message.date.timestamp())
        before = self._long_texts.pop(chat_id, None)
        if len(message.text or "") >= PIECE_MIN_LENGTH:
            if len(self._long_texts) > 10_000:
                self._long_texts.clear()
            self._long_texts[chat_id] = (message.message_id, sent_at)
        return (
            before is not None and message.message_id == before[0] + 1 and 0 <= sent_at - before[1] <= PIECE_SECONDS
        )

    def hint_due(self, chat_id: int, every: float = GROUP_HINT_SECONDS) -> bool:
        now = self.clock()
        if now - self._hinted.get(chat_id, -every) < every:
            return False
        self._hinted[chat_id] = now
        return True

    def bot_link(self, payload: str | None = None) -> str:
        return f"https://t.me/{self.username}" + (f"?start={payload}" if payload else "")

    async def send(
        self, chat_id: int, content: Card | str, keyboard: InlineKeyboardMarkup | None = None
    ) -> Sequence[Message]:
        """A card (split if it is long; the buttons go under the last part) or one plain line."""
        texts = card_messages(content) if isinstance(content, Card) else [plain(content)]
        sent = []
        for index, text in enumerate(texts):
            markup = keyboard if index == len(texts) - 1 else None
            method = SendMessage(
                chat_id=chat_id,
                text=text,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=markup,
            )
            sent.append(await self.sender.call(chat_id, method))
        return sent

    async def send_html(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | ForceReply | None = None,
        *,
        reply_to: int | None = None,
    ) -> Message:
        """One message already rendered (by render.py: everything escaped, no mention notifies)."""
        method = SendMessage(
            chat_id=chat_id,
            text=text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup,
            reply_parameters=ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
            if reply_to
            else None,
        )
        return await self.sender.call(chat_id, method)

    async def replace(
        self, chat_id: int, message_id: int, card: Card, keyboard: InlineKeyboardMarkup | None = None
    ) -> None:
        """Edit a card in place (short cards only: an edit is one message)."""
        text = "\n\n".join(card_messages(card))
        method = EditMessageText(
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=keyboard,
        )
        await self.sender.call(chat_id, method)
