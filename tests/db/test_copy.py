"""copy-data moves every row from SQLite to PostgreSQL and back; backup explains pg_dump on PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli import main
from bot.core.app import Stairwell
from bot.db import guilds, reflections, telegram
from bot.db import stories as store
from bot.db.copy import TABLES
from bot.db.migrate import open_database
from tests.backends import SKIP_REASON
from tests.conftest import SECRET


@pytest.fixture
def cluster(postgres):
    if postgres is None:
        pytest.skip(SKIP_REASON)
    return postgres


async def _seed(target: str, content) -> None:
    app = await Stairwell.open(target, SECRET, content=content)
    try:
        await guilds.update(app.db, 5, moderation_channel_id=2**60, timezone="Europe/Paris")
        for index in range(3):
            draft = await store.save_draft(app.db, 5, "key", f"draft {index}", None, True, False, 10)
            await store.create_from_draft(
                app.db, draft, text=f"story {index}", sealed_author=b"\x00\xffsealed", crisis_level="none",
                crisis_signals=["a"], redacted_summary="", submitted_on="2026-11-21", now=10, queue_after=0,
            )
        for reflection in ("r2", "r1", "r3"):
            await reflections.mark_seen(app.db, "person", reflection, "2026-11-21T10:00:00Z")
        await telegram.create(app.db, -1_001_234_567_890, "Night Shift", "code")
        await telegram.join(app.db, "telegram:person", -1_001_234_567_890)
        await telegram.note_problem(app.db, -1_001_234_567_890, -1_001_234_567_890, "forbidden")
    finally:
        await app.close()


async def _rows(target: str) -> dict[str, list[tuple]]:
    db = await open_database(target)
    try:
        found = {}
        for table in TABLES:
            rows = await db.fetchall(f"SELECT * FROM {table}")
            found[table] = sorted(
                tuple(bytes(v) if isinstance(v, memoryview) else v for k, v in dict(row).items() if k != "seen_order")
                for row in rows
            )
        found["history"] = [(r,) for r in await reflections.seen(db, "person")]
        return found
    finally:
        await db.close()


def test_copy_to_postgresql_and_back_keeps_every_row(tmp_path, cluster, content, capsys):
    sqlite = str(tmp_path / "first.sqlite3")
    asyncio.run(_seed(sqlite, content))
    postgres = cluster.fresh_database(migrated=False)
    main(["copy-data", "--from", sqlite, "--to", postgres])
    assert "stories: 3" in capsys.readouterr().out
    back = str(tmp_path / "back.sqlite3")
    main(["copy-data", "--from", postgres, "--to", back])

    original = asyncio.run(_rows(sqlite))
    assert original["stories"] and original["history"] == [("r2",), ("r1",), ("r3",)]
    assert asyncio.run(_rows(postgres)) == original
    assert asyncio.run(_rows(back)) == original
    assert asyncio.run(_next_draft(postgres)) == 4  # new rows on PostgreSQL get ids after the copied ones


async def _next_draft(target: str) -> int:
    db = await open_database(target)
    try:
        draft = await store.save_draft(db, 5, "key", "new", None, False, False, 20)
        story = await store.create_from_draft(
            db, draft, text="new", sealed_author=None, crisis_level="none", crisis_signals=[],
            redacted_summary="", submitted_on="2026-11-22", now=20, queue_after=0,
        )
        assert story is not None and story.number == 4
        return story.id
    finally:
        await db.close()


def test_copy_refuses_a_target_with_data(tmp_path, cluster, content, capsys):
    sqlite = str(tmp_path / "first.sqlite3")
    asyncio.run(_seed(sqlite, content))
    postgres = cluster.fresh_database()
    asyncio.run(_seed(postgres, content))
    with pytest.raises(SystemExit):
        main(["copy-data", "--from", sqlite, "--to", postgres])
    assert "already holds data" in capsys.readouterr().err


def test_backup_of_postgresql_explains_pg_dump(cluster, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STAIRWELL_DB", cluster.fresh_database())
    monkeypatch.setenv("STAIRWELL_SECRET_KEY", SECRET.decode())
    with pytest.raises(SystemExit):
        main(["--env-file", str(tmp_path / "none.env"), "backup", str(tmp_path / "copy.dump")])
    error = capsys.readouterr().err
    assert "pg_dump --format=custom" in error and error.count("\n") == 1


async def test_the_copy_names_every_table_the_migrations_make(tmp_path):
    """A table added by a later migration and forgotten here would be left behind by copy-data."""
    db = await open_database(str(tmp_path / "all.sqlite3"))
    try:
        rows = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    finally:
        await db.close()
    assert sorted(TABLES) == sorted(row[0] for row in rows)
