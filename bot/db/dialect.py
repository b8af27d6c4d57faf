"""The few statements SQLite and PostgreSQL spell differently, all in one place.

Everything else in `bot/db` is written once: `ON CONFLICT`, `RETURNING`, `IS DISTINCT FROM` and
`?` placeholders mean the same on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.connection import Database, Dialect


@dataclass(frozen=True, slots=True)
class Statements:
    # A claim's subselect locks the row it takes; PostgreSQL skips a row another process is taking
    # (SQLite has one writer at a time, so there is nothing to skip).
    skip_locked: str
    # Marking a reflection seen moves it to the end of the person's history.
    mark_seen: str
    seen_order: str


_STATEMENTS = {
    Dialect.SQLITE: Statements(
        skip_locked="",
        mark_seen="INSERT OR REPLACE INTO reflection_seen (person_key, reflection_id, seen_at) VALUES (?, ?, ?)",
        seen_order="seen_at, rowid",
    ),
    Dialect.POSTGRESQL: Statements(
        skip_locked=" FOR UPDATE SKIP LOCKED",
        mark_seen=(
            "INSERT INTO reflection_seen (person_key, reflection_id, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (person_key, reflection_id) DO UPDATE SET seen_at = excluded.seen_at, seen_order = DEFAULT"
        ),
        seen_order="seen_at, seen_order",
    ),
}


def sql(db: Database) -> Statements:
    return _STATEMENTS[db.dialect]
