"""Every status change goes through the one table of moves: anything it does not list is refused."""

from itertools import product

import pytest

from bot.core.story_states import TRANSITIONS, Status, sources
from bot.db import stories as store
from bot.db.migrate import open_database


@pytest.fixture
async def db(tmp_path):
    db = await open_database(str(tmp_path / "moves.sqlite3"))
    await db.execute("INSERT INTO guilds (guild_id) VALUES (7)")
    await db.execute(
        "INSERT INTO stories (guild_id, number, author_key, notify, for_reflection, crisis_level, submitted_on) "
        "VALUES (7, 1, 'a', 0, 0, 'none', '2026-11-21')"
    )
    yield db
    await db.close()


@pytest.mark.parametrize(("start", "target"), list(product(Status, Status)))
async def test_a_move_happens_only_when_the_table_allows_it(db, start, target):
    await db.execute("UPDATE stories SET status = ? WHERE number = 1", (start.value,))
    story_id = await db.fetchval("SELECT id FROM stories WHERE number = 1")

    moved = await store.move(db, story_id, target, sources(target))

    allowed = target in TRANSITIONS[start]
    assert (moved is not None) == allowed
    assert await db.fetchval("SELECT status FROM stories WHERE id = ?", (story_id,)) == (
        target.value if allowed else start.value
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.REJECTED, Status.APPROVED),  # a second moderator's late Approve
        (Status.WITHDRAWN, Status.APPROVED),  # Approve racing the author's Withdraw
        (Status.REMOVED, Status.PUBLISHED),  # the author removed it while it was being posted
        (Status.APPROVED, Status.REJECTED),  # Block on an approved story must not call it rejected
        (Status.PENDING, Status.PUBLISHED),  # never published without a moderator
    ],
)
async def test_the_moves_behind_issue_9s_races_are_refused(db, start, target):
    await db.execute("UPDATE stories SET status = ? WHERE number = 1", (start.value,))
    story_id = await db.fetchval("SELECT id FROM stories WHERE number = 1")

    assert await store.move(db, story_id, target, sources(target)) is None
    assert await db.fetchval("SELECT status FROM stories WHERE id = ?", (story_id,)) == start.value
