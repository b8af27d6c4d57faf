"""SQLite and PostgreSQL side by side, in one run: queue throughput, /reflect throughput, publish-job latency.

Run: `python bench/backends.py` (PostgreSQL: a throwaway local cluster, as the tests start it, with
fsync off; a real server with fsync on pays a WAL flush per commit). Same machine, same data, same
code; each figure is for one process with all its work concurrent (asyncio.gather), and the queue
figure again with the same authors split over two processes sharing the database.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.share import STORY
from bot.core import reflections, stories
from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.clock import FixedClock
from bot.core.flows import jobs
from bot.core.flows.port import Outgoing, PostRef, Where
from bot.db import guilds
from tests.backends import start_cluster

AUTHORS = 100
SHARES_EACH = 3
READERS = 200
REFLECTS_EACH = 5
PUBLISH = 300
GUILD = 1
SECRET = b"bench-secret-key-that-is-long-enough-0000"


class NullPlatform:
    name = "bench"

    def __init__(self) -> None:
        self.count = 0

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        self.count += 1
        return PostRef(where.guild_id, where.channel_id, self.count)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        return True

    async def delete(self, ref: PostRef) -> bool:
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        return True

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        return None


async def _share(app: Stairwell, number: int) -> None:
    key = app.identity.author_key("bench", number)
    sealed = app.identity.seal("bench", number)
    for index in range(SHARES_EACH):
        outcome = await stories.start(app, GUILD, key, sealed, f"{STORY} ({index})", None, for_reflection=False,
                                      notify=True)
        assert await stories.submit(app, outcome.screened.draft.id, sealed) is not None


async def _reflect(app: Stairwell, number: int) -> None:
    for _ in range(REFLECTS_EACH):
        await reflections.next_reflection(app, f"reader-{number}")


async def measure(target: str) -> dict[str, str]:
    clock = FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    app = await Stairwell.open(target, SECRET, clock=clock)
    try:
        await guilds.update(app.db, GUILD, moderation_channel_id=11, stories_channel_id=12, submissions_per_day=20)
        started = time.perf_counter()
        await asyncio.gather(*(_share(app, n) for n in range(AUTHORS)))
        queue_rate = AUTHORS * SHARES_EACH / (time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(_reflect(app, n) for n in range(READERS)))
        reflect_rate = READERS * REFLECTS_EACH / (time.perf_counter() - started)

        await app.db.execute(
            "UPDATE stories SET status = 'approved', queue_state = 'posted', publish_state = 'due', publish_after = 0"
        )
        platform = NullPlatform()
        latencies = []
        for _ in range(PUBLISH // 20):  # the job takes up to 20 due stories a pass
            started = time.perf_counter()
            made = await jobs.publish_due(app, platform)
            if made:
                latencies.append((time.perf_counter() - started) * 1000 / made)
        left = await app.db.fetchval("SELECT count(*) FROM stories WHERE publish_state = 'due'")
        assert left == 0, left
    finally:
        await app.close()
    return {
        "queue throughput (share + submit)": f"{queue_rate:,.0f} stories/s",
        "/reflect throughput": f"{reflect_rate:,.0f} reflections/s",
        "publish job, per story (claim, post, record)": f"{statistics.median(latencies):.2f} ms",
    }


async def _share_half(target: str, half: int, barrier: Any, times: Any) -> None:
    app = await Stairwell.open(target, SECRET, clock=FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC)))
    try:
        await asyncio.get_running_loop().run_in_executor(None, barrier.wait)
        started = time.time()
        await asyncio.gather(*(_share(app, n) for n in range(half, AUTHORS, 2)))
        times.put((started, time.time()))
    finally:
        await app.close()


def _process(target: str, half: int, barrier: Any, times: Any) -> None:
    asyncio.run(_share_half(target, half, barrier, times))


def two_processes(target: str) -> str:
    """The queue figure again with the authors split over two processes sharing the database."""

    async def seed() -> None:
        app = await Stairwell.open(target, SECRET)
        try:
            await guilds.update(app.db, GUILD, moderation_channel_id=11, stories_channel_id=12, submissions_per_day=20)
        finally:
            await app.close()

    asyncio.run(seed())
    context = multiprocessing.get_context("spawn")
    barrier, times = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_process, args=(target, half, barrier, times)) for half in (0, 1)]
    for worker in workers:
        worker.start()
    spans = [times.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    wall = max(end for _, end in spans) - min(start for start, _ in spans)
    return f"{AUTHORS * SHARES_EACH / wall:,.0f} stories/s"


def main() -> None:
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as folder:
            results = {"SQLite": asyncio.run(measure(str(Path(folder) / "bench.sqlite3")))}
            split = {"SQLite": two_processes(str(Path(folder) / "two.sqlite3"))}
            if cluster is not None:
                results["PostgreSQL"] = asyncio.run(measure(cluster.fresh_database(migrated=False)))
                split["PostgreSQL"] = two_processes(cluster.fresh_database(migrated=False))
    finally:
        if cluster is not None:
            cluster.stop()
    names = list(results)
    print(f"{AUTHORS} authors x {SHARES_EACH} shares, {READERS} readers x {REFLECTS_EACH} /reflect, "
          f"{AUTHORS * SHARES_EACH} publications; one process")
    print(f"{'':46}" + "".join(f"{name:>22}" for name in names))
    for metric in results["SQLite"]:
        print(f"{metric:46}" + "".join(f"{results[name][metric]:>22}" for name in names))
    print(f"{'queue throughput, two processes':46}" + "".join(f"{split[name]:>22}" for name in names))
    if cluster is None:
        print("PostgreSQL is not installed here: only SQLite was measured.")


if __name__ == "__main__":
    main()
