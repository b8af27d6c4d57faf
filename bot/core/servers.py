"""A server's stored settings and bot-wide values, for adapters (which never import bot.db)."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.db import guilds, meta
from bot.db.guilds import GuildSettings


async def settings(app: Stairwell, guild_id: int) -> GuildSettings:
    return await guilds.get(app.db, guild_id)


async def update(app: Stairwell, guild_id: int, **values: object) -> None:
    """Settings written directly, without the setup flows' checks (benchmarks and tools)."""
    await guilds.update(app.db, guild_id, **values)


async def stored_value(app: Stairwell, key: str) -> str | None:
    """Small bot-wide values (the command tree's hash), kept in the database."""
    return await meta.get_value(app.db, key)


async def store_value(app: Stairwell, key: str, value: str) -> None:
    await meta.set_value(app.db, key, value)
