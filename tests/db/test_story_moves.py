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


@pytest.mark.parametrize("start", list(Status))
@pytest.mark.parametrize("message_id", [None, 42])
async def test_the_one_move_back_is_only_for_a_published_story_with_no_known_post(db, start, message_id):
    """`repost`, outside the table: published with no confirmed post → approved and due; anything else refused."""
    await db.execute(
        "UPDATE stories SET status = ?, publish_state = 'posted', published_channel_id = 5, "
        "published_message_id = ?, publish_attempts = 2 WHERE number = 1",
        (start.value, message_id),
    )
    story_id = await db.fetchval("SELECT id FROM stories WHERE number = 1")

    moved = await store.repost(db, story_id, 7, 1000)
    again = await store.repost(db, story_id, 7, 1000)

    if start is Status.PUBLISHED and message_id is None:
        assert moved is not None and again is None  # two presses: once
        assert (moved.status, moved.publish_state, moved.publish_attempts) == ("approved", "due", 0)
        assert moved.published_channel_id is None
    else:
        assert moved is None
        assert await db.fetchval("SELECT status FROM stories WHERE id = ?", (story_id,)) == start.value


async def test_the_move_back_is_refused_for_another_server(db):
    await db.execute("UPDATE stories SET status = 'published', published_channel_id = 5 WHERE number = 1")
    story_id = await db.fetchval("SELECT id FROM stories WHERE number = 1")

    assert await store.repost(db, story_id, 8, 1000) is None
    assert await db.fetchval("SELECT status FROM stories WHERE id = ?", (story_id,)) == "published"
