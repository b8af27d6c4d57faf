"""Moving a deployment between SQLite and PostgreSQL: every table, one transaction each, counts checked."""

from __future__ import annotations

import logging

from bot.db import dialect
from bot.db.connection import Database
from bot.db.migrate import MigrationError, current_version

log = logging.getLogger(__name__)

# Parents before children, so every foreign key finds its row.
TABLES = (
    "guilds",
    "bot_meta",
    "local_resources",
    "reflection_seen",
    "daily_schedules",
    "daily_rotation",
    "community_reflections",
    "daily_extra_posts",
    "drafts",
    "share_conversations",
    "stories",
    "story_replies",
    "submission_times",
    "blocks",
    "mod_log",
    "telegram_communities",
    "telegram_members",
    "telegram_notices",
    "telegram_prompts",
    "telegram_posts",
)
# Tables whose `id` the database hands out: PostgreSQL's counter must continue after the copied ids.
_IDENTITY = frozenset(
    {"local_resources", "daily_extra_posts", "drafts", "share_conversations", "stories", "story_replies", "mod_log"}
)


async def _columns(db: Database, table: str) -> list[str]:
    return [row[0] for row in await db.fetchall(dialect.sql(db).columns, (table,))]


async def copy_data(source: Database, target: Database) -> dict[str, int]:
    """Both at the same schema version and the target empty; returns rows copied per table."""
    if await current_version(source) != await current_version(target):
        raise MigrationError("the two databases are at different schema versions: migrate both first.")
    for table in TABLES:
        if await target.fetchval(f"SELECT count(*) FROM {table}"):
            raise MigrationError(f"{target.path} already holds data (table {table}): copy into an empty database.")
    copied = {}
    for table in TABLES:
        wanted = await _columns(target, table)
        columns = [column for column in await _columns(source, table) if column in wanted]
        names = ", ".join(columns)
        # A person's reflection history keeps its order (the target numbers rows as they arrive).
        order = f" ORDER BY {dialect.sql(source).seen_order}" if table == "reflection_seen" else ""
        rows = await source.fetchall(f"SELECT {names} FROM {table}{order}")
        marks = ", ".join("?" for _ in columns)
        async with target.transaction():
            await target.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [tuple(row) for row in rows])
            continue_ids = dialect.sql(target).continue_ids
            if table in _IDENTITY and continue_ids:
                await target.execute(continue_ids.format(table=table))
            count = int(await target.fetchval(f"SELECT count(*) FROM {table}"))
            if count != len(rows):
                raise MigrationError(f"table {table}: {len(rows)} rows read but {count} written; nothing kept.")
        copied[table] = count
        log.info("copied table %s (%d rows)", table, count)
    return copied
