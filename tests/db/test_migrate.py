import sqlite3

import pytest

from bot.db.connection import Database
from bot.db.migrate import MigrationError, backup, current_version, discover, migrate, open_database
from tests.backends import SKIP_REASON


async def test_fresh_database_reaches_the_newest_version(tmp_path):
    db = await open_database(str(tmp_path / "a.sqlite3"))
    try:
        assert await current_version(db) == discover()[-1].version
        tables = {row[0] for row in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"guilds", "bot_meta"} <= tables
        assert (await db.fetchval("PRAGMA journal_mode")) == "wal"
        assert (await db.fetchval("PRAGMA foreign_keys")) == 1
    finally:
        await db.close()


async def test_applying_twice_changes_nothing(tmp_path):
    path = str(tmp_path / "a.sqlite3")
    db = await open_database(path)
    schema = await db.fetchall("SELECT sql FROM sqlite_master ORDER BY name")
    assert await migrate(db) == []
    assert await db.fetchall("SELECT sql FROM sqlite_master ORDER BY name") == schema
    await db.close()


async def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()

    with pytest.raises(MigrationError, match="schema version 999 but this Stairwell knows only up to"):
        await open_database(str(path))


async def test_a_failing_migration_rolls_back_whole(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_one.sql").write_text("CREATE TABLE one (x);")
    (folder / "0002_two.sql").write_text("CREATE TABLE two (x); INSERT INTO missing VALUES (1);")
    db = await Database.open(str(tmp_path / "b.sqlite3"))
    with pytest.raises(MigrationError, match=r"0002_two\.sql failed"):
        await migrate(db, folder)
    assert await current_version(db) == 1
    assert await db.fetchval("SELECT count(*) FROM sqlite_master WHERE name = 'two'") == 0
    await db.close()


async def test_backup_is_a_consistent_copy(tmp_path):
    db = await open_database(str(tmp_path / "live.sqlite3"))
    await db.execute("INSERT INTO guilds (guild_id, timezone) VALUES (7, 'Europe/London')")
    await backup(db, tmp_path / "copy.sqlite3")
    await db.close()

    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("SELECT timezone FROM guilds WHERE guild_id = 7").fetchone() == ("Europe/London",)
    copy.close()
    with pytest.raises(MigrationError, match="already exists"):
        db = await open_database(str(tmp_path / "live.sqlite3"))
        try:
            await backup(db, tmp_path / "copy.sqlite3")
        finally:
            await db.close()


def migrations_up_to(tmp_path, version):
    """A folder holding the shipped migrations up to `version`, to build a database as older code left it."""
    folder = tmp_path / f"migrations-{version}"
    folder.mkdir()
    for migration in discover()[:version]:
        (folder / migration.path.name).write_text(migration.path.read_text())
    return folder


async def test_the_story_counter_starts_above_every_number_already_used(tmp_path):
    path = str(tmp_path / "old.sqlite3")
    db = await Database.open(path)
    await migrate(db, migrations_up_to(tmp_path, 5))
    await db.execute("INSERT INTO guilds (guild_id) VALUES (7)")
    await db.execute(
        "INSERT INTO stories (guild_id, number, author_key, notify, for_reflection, crisis_level, submitted_on) "
        "VALUES (7, 2, 'a', 0, 0, 'none', '2026-11-01')"
    )
    await db.execute("INSERT INTO blocks (guild_id, author_key, story_number, blocked_at) VALUES (7, 'b', 4, 0)")
    await db.execute("INSERT INTO mod_log (guild_id, story_number, action, at) VALUES (7, 3, 'approve', 0)")

    await migrate(db)

    assert await db.fetchval("SELECT last_story_number FROM guilds WHERE guild_id = 7") == 4
    await db.close()


async def test_reads_see_writes_while_other_reads_are_in_flight(tmp_path):
    import asyncio

    from bot.db.migrate import open_database

    db = await open_database(str(tmp_path / "r.sqlite3"))
    try:

        async def writer_then_reader(n: int) -> bool:
            await db.execute("INSERT INTO guilds (guild_id) VALUES (?)", (n,))
            return await db.fetchone("SELECT guild_id FROM guilds WHERE guild_id = ?", (n,)) is not None

        async def reader() -> None:
            await db.fetchall("SELECT * FROM guilds")

        results = await asyncio.gather(*(writer_then_reader(n) for n in range(200)), *(reader() for _ in range(200)))
        assert all(results[:200])
    finally:
        await db.close()


def test_every_postgresql_form_replaces_a_shared_migration():
    from bot.db.connection import Dialect

    shared = discover()
    forms = discover(dialect=Dialect.POSTGRESQL)
    assert [m.version for m in forms] == [m.version for m in shared]
    assert any("postgresql" in m.path.parts for m in forms)
    assert all(m.path.name == s.path.name for m, s in zip(forms, shared, strict=True))


async def test_postgresql_refuses_a_newer_database(postgres):
    if postgres is None:
        pytest.skip(SKIP_REASON)
    url = postgres.fresh_database()
    db = await Database.open(url)
    try:
        await db.execute("UPDATE stairwell_schema SET version = 999")
    finally:
        await db.close()
    with pytest.raises(MigrationError, match="schema version 999"):
        await open_database(url)
