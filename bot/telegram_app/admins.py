"""Who administers a chat, asked of Telegram and remembered briefly (every press is checked, cheaply).

A press must be answered before any other call to Telegram. So a list older than `ADMIN_CACHE_SECONDS`
but younger than `STALE_SECONDS` still lets its admins act, and a fresh list is fetched once the update
is handled (`refresh_behind`), for the next press; only a first press (or one after a long quiet) waits.
Someone the list does not name is never refused on an old list: that answer waits for a fresh one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner

log = logging.getLogger(__name__)
ADMIN_CACHE_SECONDS = 60.0  # a list this young is used as it is
STALE_SECONDS = 600.0  # an older one, up to this age, still admits its admins while it is refreshed

Members = dict[int, ChatMemberOwner | ChatMemberAdministrator]


class Admins:
    def __init__(self, bot: Bot, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self._clock = clock
        self._cache: dict[int | str, tuple[float, Members]] = {}  # chat → (when fetched, its admins)
        self._due: set[int | str] = set()  # chats whose list was used old, to fetch after the answer
        self._refreshing: dict[int | str, asyncio.Task[None]] = {}

    async def of(self, chat_id: int | str) -> Members:
        """User id → their admin record (rights) in the chat. Raises TelegramAPIError if the chat is closed to me."""
        cached = self._cache.get(chat_id)
        if cached is not None and self._clock() - cached[0] < ADMIN_CACHE_SECONDS:
            return cached[1]
        return await self._fetch(chat_id)

    async def _fetch(self, chat_id: int | str) -> Members:
        fetched_at = self._clock()
        members = await self.bot.get_chat_administrators(chat_id)
        admins = {
            member.user.id: member
            for member in members
            if isinstance(member, ChatMemberOwner | ChatMemberAdministrator)
        }
        self._cache[chat_id] = (fetched_at, admins)
        return admins

    async def is_admin(self, chat_id: int | str, user_id: int) -> bool:
        return user_id in await self.of(chat_id)

    async def may_act(self, chat_id: int | str, user_id: int) -> bool:
        """For a press, before it is answered: an admin on a recent list acts at once (the list is refreshed
        behind the answer); anyone else is checked against a fresh list."""
        cached = self._cache.get(chat_id)
        if cached is not None:
            age = self._clock() - cached[0]
            if age >= ADMIN_CACHE_SECONDS and age < STALE_SECONDS and user_id in cached[1]:
                self._due.add(chat_id)
                return True
        return await self.is_admin(chat_id, user_id)

    def refresh_behind(self) -> None:
        """After an update is handled (so after its answer): fetch, in the background, the lists used old."""
        for chat_id in self._due - self._refreshing.keys():
            self._refreshing[chat_id] = asyncio.create_task(self._refresh(chat_id))
        self._due.clear()

    async def _refresh(self, chat_id: int | str) -> None:
        try:
            await self._fetch(chat_id)
        except TelegramAPIError:
            # Closed to me now: the next press asks Telegram itself, and is refused if it is still closed.
            log.info("telegram.admins_refresh_failed")
            self.forget(chat_id)
        finally:
            self._refreshing.pop(chat_id, None)

    async def settle(self) -> None:
        """Wait for the refreshes behind answers (tests, and shutdown)."""
        while self._refreshing:
            await asyncio.gather(*self._refreshing.values(), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._refreshing.values()):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def forget(self, chat_id: int | str) -> None:
        self._cache.pop(chat_id, None)
