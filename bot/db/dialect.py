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
    # A table's column names in order (one `?`: the table's name).
    columns: str
    # `{column}` holds the text in `?` (a plain substring, no pattern characters).
    contains: str
    # After rows were copied in with their ids, the table's own id counter continues above them
    # (`{table}`: the table's name; empty where the database continues by itself, as SQLite does).
    continue_ids: str


_STATEMENTS = {
    Dialect.SQLITE: Statements(
        skip_locked="",
        mark_seen="INSERT OR REPLACE INTO reflection_seen (person_key, reflection_id, seen_at) VALUES (?, ?, ?)",
        seen_order="seen_at, rowid",
        columns="SELECT name FROM pragma_table_info(?) ORDER BY cid",
        contains="instr({column}, ?) > 0",
        continue_ids="",
    ),
    Dialect.POSTGRESQL: Statements(
        skip_locked=" FOR UPDATE SKIP LOCKED",
        mark_seen=(
            "INSERT INTO reflection_seen (person_key, reflection_id, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (person_key, reflection_id) DO UPDATE SET seen_at = excluded.seen_at, seen_order = DEFAULT"
        ),
        seen_order="seen_at, seen_order",
        columns=(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position"
        ),
        contains="strpos({column}, ?) > 0",
        continue_ids=(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
        ),
    ),
}


def sql(db: Database) -> Statements:
    return _STATEMENTS[db.dialect]
