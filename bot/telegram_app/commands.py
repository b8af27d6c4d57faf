"""The command menu Telegram shows (setMyCommands), and /help built from the same list."""

from __future__ import annotations

import hashlib
import json
import logging

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeAllPrivateChats

from bot.core import servers
from bot.core.app import Stairwell

log = logging.getLogger(__name__)

PRIVATE = (
    ("start", "Begin here, or join your community through its link"),
    ("share", "Tell what happened to you, anonymously; a moderator reads it first"),
    ("mystories", "Your shared stories: status, replies, withdraw or remove"),
    ("reflect", "A clinician's own words and a question to sit with"),
    ("resources", "Crisis lines and support lines for healthcare workers"),
    ("help", "What I can do"),
    ("about", "What Stairwell is, and urgent help"),
    ("privacy", "What Stairwell stores and how to delete it"),
    ("forgetme", "Delete everything Stairwell holds about you"),
)
GROUP_ADMINS = (
    ("setup", "Set up Stairwell for this group (admins)"),
    ("unpublish", "Take a published story down: /unpublish 12 (moderators' group)"),
)
PRIVATE_NAMES = tuple(name for name, _ in PRIVATE)
_HASH_KEY = "telegram_command_hash"


async def set_menu(bot: Bot, app: Stairwell) -> bool:
    """Only when the menu changed since it was last set, like the Discord command sync."""
    payload = json.dumps({"private": PRIVATE, "admins": GROUP_ADMINS})
    digest = hashlib.sha256(payload.encode()).hexdigest()
    key = f"{_HASH_KEY}:{bot.id}"  # per bot, so a new token gets its menu
    if await servers.stored_value(app, key) == digest:
        return False
    await bot.set_my_commands(
        [BotCommand(command=name, description=text) for name, text in PRIVATE],
        scope=BotCommandScopeAllPrivateChats(),
    )
    await bot.set_my_commands(
        [BotCommand(command=name, description=text) for name, text in GROUP_ADMINS],
        scope=BotCommandScopeAllChatAdministrators(),
    )
    await servers.store_value(app, key, digest)
    log.info("telegram command menu set")
    return True
