"""SQL for facts about this installation (not about any person or server)."""

from __future__ import annotations

from bot.db.connection import Database


async def get_value(db: Database, key: str) -> str | None:
    value = await db.fetchval("SELECT value FROM bot_meta WHERE key = ?", (key,))
    return None if value is None else str(value)


async def set_value(db: Database, key: str, value: str) -> None:
    await db.execute(
        "INSERT INTO bot_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
