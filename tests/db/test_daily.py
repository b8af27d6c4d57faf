"""The daily tables: conditional claims, one notice per blocking episode, the due index, deletion."""

import pytest

from bot.db import daily as store
from bot.db import guilds
from bot.db.connection import Dialect
from bot.db.migrate import open_database

GUILD = 7


@pytest.fixture
async def db(db_path):
    db = await open_database(db_path)
    await store.save(db, GUILD, 70, "09:00", "daily", 1_000)
    yield db
    await db.close()


async def test_a_run_is_claimed_once_and_a_posted_date_never_again(db):
    assert await store.claim(db, GUILD, 1_000, 2_000, "2026-11-21")
    assert not await store.claim(db, GUILD, 1_000, 2_000, "2026-11-21")  # next_run moved on
    await store.complete(db, GUILD, "2026-11-21")
    await store.set_next_run(db, GUILD, 3_000)

    assert not await store.claim(db, GUILD, 3_000, 4_000, "2026-11-21")
    stored = await store.get(db, GUILD)
    assert (stored.last_posted_date, stored.claimed_for, stored.next_run) == ("2026-11-21", None, 3_000)


async def test_a_pending_skip_stops_a_claim_and_is_used_up_once(db):
    assert await store.set_skip(db, GUILD)
    assert not await store.set_skip(db, GUILD)
    assert not await store.claim(db, GUILD, 1_000, 2_000, "2026-11-21")

    assert await store.reschedule(db, GUILD, 1_000, 2_000, consume_skip=True)
    stored = await store.get(db, GUILD)
    assert (stored.skip_next, stored.next_run) == (False, 2_000)


async def test_block_reports_only_the_start_of_an_episode(db):
    assert await store.block(db, GUILD, "missing Send Messages")
    assert not await store.block(db, GUILD, "missing Send Messages")
    await store.save(db, GUILD, None, "10:00", "daily", 5_000)  # a new setup ends the episode
    assert (await store.get(db, GUILD)).blocked_reason is None
    assert await store.block(db, GUILD, "channel deleted")


async def test_the_due_query_reads_only_the_partial_index(db):
    if db.dialect is Dialect.SQLITE:  # PostgreSQL's planner scans a table this small whatever its indexes
        plan = " ".join(row["detail"] for row in await db.fetchall("EXPLAIN QUERY PLAN " + store.DUE_SQL, (0, 10)))
        assert "USING INDEX daily_schedules_due" in plan
        assert "SCAN s" not in plan
    assert [schedule.guild_id for schedule in await store.due(db, 1_000, 10)] == [GUILD]
    await store.set_paused(db, GUILD, True)
    assert await store.due(db, 1_000, 10) == []


async def test_leaving_a_server_deletes_its_schedule_rotation_and_community_reflections(db):
    await store.set_order(db, GUILD, ["a#1", "story:3"], new_cycle=True)
    await db.execute(
        "INSERT INTO community_reflections (guild_id, story_number, text, added_at) VALUES (?, 3, 'x', 'now')",
        (GUILD,),
    )

    await guilds.delete(db, GUILD)

    for table in ("daily_schedules", "daily_rotation", "community_reflections"):
        assert await db.fetchval(f"SELECT count(*) FROM {table} WHERE guild_id = ?", (GUILD,)) == 0
