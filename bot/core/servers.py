"""A server's stored settings and local resources, for adapters (which never import bot.db)."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.db import guilds, local_resources, meta
from bot.db.guilds import GuildSettings
from bot.db.local_resources import LocalResource


async def settings(app: Stairwell, guild_id: int) -> GuildSettings:
    return await guilds.get(app.db, guild_id)


async def update(app: Stairwell, guild_id: int, **values: object) -> None:
    await guilds.update(app.db, guild_id, **values)


async def forget(app: Stairwell, guild_id: int) -> None:
    """The bot left the server: everything stored for it goes (the privacy statement promises it)."""
    await guilds.delete(app.db, guild_id)


async def region(app: Stairwell, guild_id: int | None) -> str | None:
    return (await guilds.get(app.db, guild_id)).region if guild_id else None


async def local(app: Stairwell, guild_id: int | None) -> list[LocalResource]:
    return await local_resources.list_for(app.db, guild_id) if guild_id else []


async def remove_local(app: Stairwell, guild_id: int, resource_id: int) -> str | None:
    """The removed resource's name, or None when it was not there."""
    return await local_resources.remove(app.db, guild_id, resource_id)


async def stored_value(app: Stairwell, key: str) -> str | None:
    """Small bot-wide values (the command tree's hash), kept in the database."""
    return await meta.get_value(app.db, key)


async def store_value(app: Stairwell, key: str, value: str) -> None:
    await meta.set_value(app.db, key, value)
