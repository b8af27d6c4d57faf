"""Throughput of stories into the moderation queue when many authors share at once.

Run: `python bench/share.py`. 200 authors share 5 stories each, all authors at once
(asyncio.gather), through `stories.start` + `stories.submit` on a temporary SQLite file with
the real migrations. Prints stories per second and p50/p99 latency of one share (start +
submit), beside bare single-row inserts through the same `Database` as the floor.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core import stories
from bot.core.app import Stairwell
from bot.core.clock import FixedClock
from bot.db import guilds

AUTHORS = 200
STORIES_EACH = 5
GUILD = 1
SECRET = b"bench-secret-key-that-is-long-enough-0000"
# Realistic length, with identifiers to redact and no crisis language (urgent stories skip the preview).
STORY = (
    "Mrs. Alvarez came into Ward 7B on March 3rd and her son Marcus rang 555-201-3344 every hour of the night. "
    "We worked on her for forty minutes. I kept going for the rest of the shift and only cried in the car park "
    "at dawn. I still think about her hands, and about what I should have said to her son when he arrived. "
) * 3


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


async def author(app: Stairwell, number: int, latencies_ms: list[float]) -> None:
    """One person sharing their stories one after another, as the form allows."""
    user_id = 10_000 + number
    key = app.identity.author_key("bench", user_id)
    for story_number in range(STORIES_EACH):
        started = time.perf_counter()
        sealed = app.identity.seal("bench", user_id)
        outcome = await stories.start(
            app, GUILD, key, sealed, f"{STORY} ({story_number})", None, for_reflection=False, notify=True
        )
        queued = await stories.submit(app, outcome.screened.draft.id, sealed)
        latencies_ms.append((time.perf_counter() - started) * 1000)
        assert queued is not None


async def bare_inserts(app: Stairwell, rows: int) -> float:
    started = time.perf_counter()
    for row in range(rows):
        await app.db.execute(
            "INSERT INTO submission_times (guild_id, author_key, at) VALUES (?, ?, ?)", (GUILD, f"ref-{row}", row)
        )
    return time.perf_counter() - started


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
        app = await Stairwell.open(str(Path(folder) / "bench.sqlite3"), SECRET, clock=clock)
        try:
            await guilds.ensure(app.db, GUILD)
            await guilds.update(app.db, GUILD, submissions_per_day=STORIES_EACH)  # the limit is checked at submit
            latencies_ms: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(*(author(app, number, latencies_ms) for number in range(AUTHORS)))
            elapsed = time.perf_counter() - started
            total = AUTHORS * STORIES_EACH
            queued = await app.db.fetchval("SELECT count(*) FROM stories WHERE status = 'pending'")
            assert queued == total, queued
            insert_seconds = await bare_inserts(app, total)
        finally:
            await app.close()
    latencies_ms.sort()
    print(f"shares: {total} ({AUTHORS} authors x {STORIES_EACH}, all authors at once), {len(STORY) + 4} chars each")
    print(f"throughput: {total / elapsed:,.0f} stories/s into the queue ({elapsed:.2f} s)")
    print(
        f"latency of one share (start + submit): p50 {percentile(latencies_ms, 0.50):.1f} ms, "
        f"p99 {percentile(latencies_ms, 0.99):.1f} ms, mean {statistics.fmean(latencies_ms):.1f} ms"
    )
    print(f"reference, bare single-row inserts: {total / insert_seconds:,.0f} rows/s ({total} rows, one at a time)")


if __name__ == "__main__":
    asyncio.run(main())
