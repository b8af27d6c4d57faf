"""Background work picked per process: Discord servers on its shards, and the rest in shard 0's process."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.core.flows import lifecycle
from bot.core.shards import Scope
from bot.db import daily, guilds
from bot.db import stories as store
from bot.db.migrate import open_database

SHARD_0 = (1_000_000 << 22) + 7  # Discord puts a server on shard (id >> 22) % shard_count
SHARD_1 = (1_000_001 << 22) + 7
UNCLAIMED = (1_000_003 << 22) + 7  # shard 1; its row made by a command before any adapter claimed it
TELEGRAM = -1_001_234_567_890
EVERY = {SHARD_0, SHARD_1, UNCLAIMED, TELEGRAM}


@pytest.fixture
async def db(db_path):
    db = await open_database(db_path)
    await guilds.claim(db, "discord", [SHARD_0, SHARD_1])
    await guilds.claim(db, "telegram", [TELEGRAM])
    await guilds.ensure(db, UNCLAIMED)
    for guild_id in EVERY:
        draft = await store.save_draft(db, guild_id, f"author-{guild_id}", "text", None, False, False, 0)
        await store.create_from_draft(
            db, draft, text="a story", sealed_author=None, crisis_level="none", crisis_signals=[],
            redacted_summary="", submitted_on="2026-11-21", now=0, queue_after=5,
        )
        await daily.save(db, guild_id, 1, "09:00", "daily", 5)
        await daily.request_extra(db, guild_id, "2026-11-21")  # /daily now, its post not made yet
    yield db
    await db.close()


@pytest.mark.parametrize(
    ("scope", "served"),
    [
        (Scope(), EVERY),
        (Scope.for_shards(2, [0, 1]), EVERY),
        (Scope.for_shards(2, [0]), {SHARD_0, TELEGRAM}),
        (Scope.for_shards(2, [1]), {SHARD_1, UNCLAIMED}),
        (Scope(others=False), {SHARD_0, SHARD_1, UNCLAIMED}),  # a process running Discord alone
        (Scope(discord=False), {TELEGRAM}),  # and one running Telegram alone
    ],
)
async def test_each_process_picks_only_the_work_of_its_servers(db, scope, served):
    assert {story.guild_id for story in await store.due_for_queue(db, 10, scope=scope)} == served
    assert {schedule.guild_id for schedule in await daily.due(db, 10, 10, scope)} == served
    extras = await daily.extra_due(db, 10, 10, scope)
    rows = await db.fetchall("SELECT id, guild_id FROM daily_extra_posts")
    assert {row[1] for row in rows if row[0] in extras} == served
    assert await store.next_due(db, scope) == 5
    assert await daily.earliest_run(db, scope) == 0  # the extra posts are due at once


async def test_a_process_does_not_wake_for_another_shards_work(db):
    """A dead process's overdue work would otherwise keep the others' workers from ever sleeping."""
    await db.execute("UPDATE stories SET queue_state = 'posted' WHERE guild_id NOT IN (?, ?)", (SHARD_1, UNCLAIMED))
    await db.execute("UPDATE daily_schedules SET paused = 1 WHERE guild_id NOT IN (?, ?)", (SHARD_1, UNCLAIMED))
    await db.execute("UPDATE daily_extra_posts SET done = 1 WHERE guild_id NOT IN (?, ?)", (SHARD_1, UNCLAIMED))

    assert await store.next_due(db, Scope.for_shards(2, [0])) is None
    assert await daily.earliest_run(db, Scope.for_shards(2, [0])) is None
    assert await store.next_due(db, Scope.for_shards(2, [1])) == 5


async def test_publishing_is_picked_by_shard_too(db):
    await db.execute("UPDATE stories SET status = 'approved', publish_state = 'due', publish_after = 0")

    picked = await store.due_for_publishing(db, 10, scope=Scope.for_shards(2, [1]))
    assert {story.guild_id for story in picked} == {SHARD_1, UNCLAIMED}


async def test_a_shard_never_takes_another_shards_servers_for_departed_ones(db):
    """A process hears only its shards' servers; the rest are not gone, only elsewhere."""
    left = (1_000_002 << 22) + 7  # shard 0: removed Stairwell while it was offline
    await guilds.claim(db, "discord", [left])

    app: Any = SimpleNamespace(db=db)  # all reconcile uses of the app
    gone = await lifecycle.reconcile(app, "discord", [SHARD_0], heard=Scope.for_shards(2, [0]).holds)

    assert gone == 1
    assert set(await guilds.of_platform(db, "discord")) == {SHARD_0, SHARD_1}


def test_shard_ids_must_be_shards_of_the_count():
    with pytest.raises(ValueError, match="between 0 and 1"):
        Scope.for_shards(2, [2])
    with pytest.raises(ValueError):
        Scope.for_shards(2, [])
    assert Scope.for_shards(4, [3, 1]).shard_ids == (1, 3)
    assert not Scope.for_shards(2, [1]).leader and Scope.for_shards(2, [0, 1]).leader
