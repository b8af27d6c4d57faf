"""Submits that arrive together share one transaction and are decided as if each had run alone."""

import asyncio

import pytest

from bot.db import stories as store
from bot.db.migrate import open_database

NOW = 1_790_000_000


@pytest.fixture
async def db(db_path):
    database = await open_database(db_path)
    yield database
    await database.close()


async def draft(db, guild_id: int, author: str) -> int:
    return await store.save_draft(db, guild_id, author, f"words from {author}", None, False, True, NOW)


def submit(db, draft_id: int, *, limit: int | None = 3, now: int = NOW):
    return store.create_from_draft(
        db,
        draft_id,
        text="words",
        sealed_author=b"sealed",
        crisis_level="none",
        crisis_signals=["a signal"],
        redacted_summary="",
        submitted_on="2026-12-01",
        now=now,
        queue_after=now,
        limit=limit,
    )


async def test_a_burst_across_servers_numbers_each_server_from_its_own_counter(db):
    drafts = [await draft(db, guild, f"author{n}") for n in range(6) for guild in (1, 2)]

    made = await asyncio.gather(*(submit(db, draft_id) for draft_id in drafts))

    assert sorted((story.guild_id, story.number) for story in made) == [(1, n) for n in range(1, 7)] + [
        (2, n) for n in range(1, 7)
    ]
    assert [story.crisis_signals for story in made] == [("a signal",)] * 12
    assert await db.fetchval("SELECT count(*) FROM drafts") == 0
    assert await db.fetchval("SELECT count(*) FROM submission_times") == 12


async def test_the_same_draft_submitted_twice_at_once_becomes_one_story(db):
    draft_id = await draft(db, 1, "mia")

    made = await asyncio.gather(submit(db, draft_id), submit(db, draft_id), submit(db, draft_id))

    assert sum(story is not None for story in made) == 1
    assert await db.fetchval("SELECT count(*) FROM stories") == 1


async def test_in_one_burst_the_limit_and_a_block_refuse_only_their_own_author(db):
    await db.execute("INSERT INTO guilds (guild_id) VALUES (1) ON CONFLICT DO NOTHING")
    await store.block(db, 1, "blocked", 9, NOW)
    mine = [await draft(db, 1, "mia") for _ in range(4)]
    theirs = [await draft(db, 1, "blocked"), await draft(db, 1, "sam")]

    results = await asyncio.gather(*(submit(db, draft_id) for draft_id in mine + theirs), return_exceptions=True)

    refused = [isinstance(result, store.SubmissionRefusedError) for result in results]
    assert refused == [False, False, False, True, True, False]
    assert await db.fetchval("SELECT count(*) FROM stories") == 4
    assert await db.fetchval("SELECT count(*) FROM drafts") == 2  # the refused drafts are kept
    # An urgent story (no limit) still goes through for the author at the limit.
    assert await submit(db, mine[3], limit=None) is not None


async def test_numbers_are_never_reused_after_a_burst(db):
    drafts = [await draft(db, 1, f"a{n}") for n in range(3)]
    first = await asyncio.gather(*(submit(db, draft_id) for draft_id in drafts))
    await db.execute("DELETE FROM stories WHERE number = 3")
    later = await submit(db, await draft(db, 1, "b"))
    assert sorted(story.number for story in first) == [1, 2, 3] and later.number == 4
