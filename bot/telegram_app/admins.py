"""Who administers a chat, asked of Telegram and remembered briefly (every press is checked, cheaply)."""

from __future__ import annotations

import time
from collections.abc import Callable

from aiogram import Bot
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner

ADMIN_CACHE_SECONDS = 60.0


class Admins:
    def __init__(self, bot: Bot, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self._clock = clock
        self._cache: dict[int | str, tuple[float, dict[int, ChatMemberOwner | ChatMemberAdministrator]]] = {}

    async def of(self, chat_id: int | str) -> dict[int, ChatMemberOwner | ChatMemberAdministrator]:
        """User id → their admin record (rights) in the chat. Raises TelegramAPIError if the chat is closed to me."""
        now = self._clock()
        cached = self._cache.get(chat_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        members = await self.bot.get_chat_administrators(chat_id)
        admins = {
            member.user.id: member
            for member in members
            if isinstance(member, ChatMemberOwner | ChatMemberAdministrator)
        }
        self._cache[chat_id] = (now + ADMIN_CACHE_SECONDS, admins)
        return admins

    async def is_admin(self, chat_id: int | str, user_id: int) -> bool:
        return user_id in await self.of(chat_id)

    def forget(self, chat_id: int | str) -> None:
        self._cache.pop(chat_id, None)
