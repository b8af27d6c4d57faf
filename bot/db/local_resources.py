"""SQL for support a server adds for its own people."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import guilds
from bot.db.connection import Database


@dataclass(frozen=True, slots=True)
class LocalResource:
    id: int
    name: str
    contact: str
    hours: str | None
    description: str | None


async def list_for(db: Database, guild_id: int) -> list[LocalResource]:
    rows = await db.fetchall(
        "SELECT id, name, contact, hours, description FROM local_resources WHERE guild_id = ? ORDER BY id",
        (guild_id,),
    )
    return [LocalResource(*row) for row in rows]


async def add(db: Database, guild_id: int, name: str, contact: str, hours: str | None, description: str | None) -> int:
    await guilds.ensure(db, guild_id)
    return await db.insert(
        "INSERT INTO local_resources (guild_id, name, contact, hours, description) VALUES (?, ?, ?, ?, ?)",
        (guild_id, name, contact, hours, description),
    )


async def remove(db: Database, guild_id: int, resource_id: int) -> str | None:
    """The removed resource's name, or None when there was nothing to remove."""
    row = await db.fetchone(
        "DELETE FROM local_resources WHERE guild_id = ? AND id = ? RETURNING name", (guild_id, resource_id)
    )
    return None if row is None else str(row[0])
