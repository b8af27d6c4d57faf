"""The one way out to Telegram for messages: paced to its limits, and patient when told to wait (429).

Telegram allows about 30 messages a second overall, one a second in a chat and 20 a minute in a group;
beyond that it answers 429 with `retry_after`. Calls to one chat keep their order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    overall_per_second: int = 30
    chat_interval: float = 1.0
    group_per_minute: int = 20
    retries: int = 5  # 429s in a row before giving up on one call


@dataclass
class _Chat:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    recent: deque[float] = field(default_factory=deque)  # send times in the last minute (groups)


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids; people's private chats positive ones."""
    return chat_id < 0


class Sender:
    """Paces calls per chat and overall; `clock` and `sleep` are injected so tests run without waiting."""

    def __init__(
        self,
        bot: Bot,
        limits: Limits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.limits = limits or Limits()
        self._clock = clock
        self._sleep = sleep
        self._chats: dict[int, _Chat] = {}
        self._overall: deque[float] = deque()

    def _chat(self, chat_id: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            if len(self._chats) > 10_000:
                now = self._clock()
                idle = [key for key, c in self._chats.items() if not c.lock.locked() and c.next_at < now - 60]
                for key in idle:
                    del self._chats[key]
            chat = self._chats[chat_id] = _Chat()
        return chat

    def _wait_for(self, chat_id: int, chat: _Chat, now: float) -> float:
        """Seconds until this chat may send; 0 when it may now."""
        waits = [chat.next_at - now]
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        if len(self._overall) >= self.limits.overall_per_second:
            waits.append(self._overall[0] + 1.0 - now)
        if is_group(chat_id):
            while chat.recent and chat.recent[0] <= now - 60.0:
                chat.recent.popleft()
            if len(chat.recent) >= self.limits.group_per_minute:
                waits.append(chat.recent[0] + 60.0 - now)
        return max(0.0, *waits)

    async def _slot(self, chat_id: int, chat: _Chat) -> None:
        while (wait := self._wait_for(chat_id, chat, self._clock())) > 0:
            await self._sleep(wait)
        now = self._clock()
        self._overall.append(now)
        chat.next_at = now + self.limits.chat_interval
        if is_group(chat_id):
            chat.recent.append(now)

    async def call(self, chat_id: int, method: TelegramMethod[T]) -> T:
        """Send when the limits allow; on 429 wait as long as Telegram says, then try again."""
        chat = self._chat(chat_id)
        async with chat.lock:
            attempt = 0
            while True:
                await self._slot(chat_id, chat)
                try:
                    return await self.bot(method)
                except TelegramRetryAfter as error:
                    attempt += 1
                    if attempt > self.limits.retries:
                        raise
                    log.warning("telegram flood control: waiting %ss (attempt %d)", error.retry_after, attempt)
                    chat.next_at = max(chat.next_at, self._clock() + error.retry_after)
