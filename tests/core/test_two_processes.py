"""Two worker processes on one database make every queue post and publication exactly once.

Two real OS processes serving the same servers (as two processes would if they ever served one shard) each
run the core's background jobs against a platform that appends every post to one shared file; they start
together at a barrier and contend for the same work. (A simulated Discord lives in one process's memory, so
the SimCord test of two processes, tests/discord_app/test_shards.py, gives each its own shard.)
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections import Counter
from pathlib import Path

from bot.core.app import Content, Stairwell
from bot.core.cards import Card
from bot.core.flows import jobs
from bot.core.flows.port import Outgoing, PostRef, Where
from bot.db import guilds
from bot.db import stories as store
from tests.conftest import SECRET

GUILD = 41
STORIES = 80


class FilePlatform:
    """Every post is one line appended (O_APPEND) to a file both processes share."""

    name = "file"

    def __init__(self, path: Path, worker: int) -> None:
        self.path = path
        self.worker = worker
        self.count = 0

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        self.count += 1
        with open(self.path, "a") as handle:
            handle.write(f"{where.place}:{nonce}:{self.worker}\n")
        await asyncio.sleep(0)  # let the other coroutines (and the other process) in between post and record
        return PostRef(where.guild_id, where.channel_id, self.worker * 1_000_000 + self.count)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        return True

    async def delete(self, ref: PostRef) -> bool:
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        return True

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        return None  # a post made twice would show up twice in the file


async def _work(target: str, posts: Path, worker: int) -> None:
    app = await Stairwell.open(target, SECRET, content=Content.load())
    platform = FilePlatform(posts, worker)
    try:
        # Several passes each, as the background worker would make them, until nothing is left.
        for _ in range(STORIES):
            made = await asyncio.gather(jobs.queue_due(app, platform), jobs.publish_due(app, platform))
            if not any(made) and not await store.due_for_queue(app.db, 2**40):
                break
    finally:
        await app.close()


def _process(target: str, posts: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()
    asyncio.run(_work(target, Path(posts), worker))


async def _seed(target: str, content: Content) -> None:
    app = await Stairwell.open(target, SECRET, content=content)
    try:
        await guilds.update(app.db, GUILD, moderation_channel_id=1001, stories_channel_id=1002)
        for index in range(STORIES):
            draft = await store.save_draft(app.db, GUILD, f"author-{index}", "text", None, False, False, 0)
            await store.create_from_draft(
                app.db, draft, text=f"story {index}", sealed_author=None, crisis_level="none", crisis_signals=[],
                redacted_summary="", submitted_on="2026-11-21", now=0, queue_after=0,
            )
        # Half are approved and due to be published; the other half wait for their queue post.
        await app.db.execute(
            "UPDATE stories SET status = 'approved', queue_state = 'posted', publish_state = 'due', "
            "publish_after = 0 WHERE number % 2 = 0"
        )
    finally:
        await app.close()


async def test_two_processes_post_every_story_exactly_once(db_path, content, tmp_path):
    await _seed(db_path, content)
    posts = tmp_path / "posts.txt"
    posts.touch()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_process, args=(db_path, str(posts), n, barrier)) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0

    lines = posts.read_text().splitlines()
    made = Counter(line.rsplit(":", 1)[0] for line in lines)
    assert len(made) == STORIES and set(made.values()) == {1}, [key for key, count in made.items() if count > 1]
    app = await Stairwell.open(db_path, SECRET, content=content)
    try:
        left = await app.db.fetchval(
            "SELECT count(*) FROM stories WHERE queue_state != 'posted' OR publish_state IN ('due', 'posting')"
        )
        assert left == 0
    finally:
        await app.close()
    # Both processes took part (on PostgreSQL they run truly side by side).
    assert {line.rsplit(":", 1)[1] for line in lines} <= {"1", "2"}
    assert os.path.getsize(posts) > 0
