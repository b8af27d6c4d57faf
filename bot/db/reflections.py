"""SQL for each person's reflection history (keyed by pseudonym, never by ID)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.db import dialect
from bot.db.connection import Database


async def seen(db: Database, person_key: str) -> list[str]:
    """Reflection ids this person has seen, oldest first."""
    rows = await db.fetchall(
        f"SELECT reflection_id FROM reflection_seen WHERE person_key = ? ORDER BY {dialect.sql(db).seen_order}",
        (person_key,),
    )
    return [row[0] for row in rows]


async def mark_seen(db: Database, person_key: str, reflection_id: str, at: str) -> None:
    """Committed with the other /reflects of the moment: 100 at once are one transaction, not 100 in a row."""
    await db.write(
        dialect.sql(db).mark_seen,
        (person_key, reflection_id, at),
    )


async def forget(db: Database, person_key: str, reflection_ids: Iterable[str] | None = None) -> int:
    """Clear a whole history (for /forgetme) or part of it (to start a theme over)."""
    if reflection_ids is None:
        return await db.execute("DELETE FROM reflection_seen WHERE person_key = ?", (person_key,))
    async with db.transaction():
        removed = 0
        for reflection_id in reflection_ids:
            removed += await db.execute(
                "DELETE FROM reflection_seen WHERE person_key = ? AND reflection_id = ?", (person_key, reflection_id)
            )
        return removed
