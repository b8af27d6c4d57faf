"""Time one scheduler tick over 10,000 configured servers, with 10 due and with none due.

The tick is what the Discord cog does (select due → claim → choose the item → post → complete),
with a poster that does nothing, on a temporary SQLite file built by the real migrations.
Run: python bench/schedule.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core import daily  # noqa: E402
from bot.core.app import Stairwell  # noqa: E402
from bot.core.clock import FixedClock  # noqa: E402
from bot.db import daily as store  # noqa: E402

SERVERS = 10_000
DUE = 10
ROUNDS = 7
NOW = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)


async def seed(app: Stairwell) -> list[int]:
    """All servers post at 14:00 UTC; all but DUE of them already posted today (next run tomorrow)."""
    tomorrow = int((NOW + timedelta(days=1)).timestamp())
    guild_ids = list(range(1, SERVERS + 1))
    async with app.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO guilds (guild_id, daily_channel_id) VALUES (?, ?)", [(g, g) for g in guild_ids]
        )
        await conn.executemany(
            "INSERT INTO daily_schedules (guild_id, local_time, days, next_run, last_posted_date) "
            "VALUES (?, '14:00', 'daily', ?, '2026-11-21')",
            [(g, tomorrow) for g in guild_ids],
        )
    due = guild_ids[:: SERVERS // DUE][:DUE]
    for guild_id in due:
        await daily.next_item(app, guild_id)  # steady state: each server's rotation already exists
    return due


async def make_due(app: Stairwell, guild_ids: list[int]) -> None:
    async with app.db.transaction() as conn:
        await conn.executemany(
            "UPDATE daily_schedules SET next_run = ?, last_posted_date = NULL WHERE guild_id = ?",
            [(int(NOW.timestamp()), g) for g in guild_ids],
        )


async def tick(app: Stairwell) -> tuple[float, int, int]:
    """Seconds, rows selected as due, rows written."""
    before = app.db.conn.total_changes
    started = time.perf_counter()
    due = await daily.due_posts(app, NOW)
    for schedule in due:
        claimed = await daily.claim(app, schedule, NOW)
        if claimed is not None:
            post = await daily.next_post(app, claimed.guild_id, claimed.local_date)
            await daily.complete(app, claimed, post)  # the no-op poster "posted" it
    elapsed = time.perf_counter() - started
    return elapsed, len(due), app.db.conn.total_changes - before


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = await Stairwell.open(str(Path(folder) / "bench.sqlite3"), b"bench-secret", clock=FixedClock(NOW))
        try:
            due_ids = await seed(app)
            busy, idle = [], []
            for _ in range(ROUNDS):
                await make_due(app, due_ids)
                busy.append(await tick(app))
                idle.append(await tick(app))
            plan = await app.db.fetchall("EXPLAIN QUERY PLAN " + store.DUE_SQL, (int(NOW.timestamp()), daily.BATCH))
        finally:
            await app.close()

    print(f"{SERVERS:,} configured servers, median of {ROUNDS} ticks")
    for label, runs in ((f"{DUE} due", busy), ("0 due", idle)):
        seconds = statistics.median(run[0] for run in runs)
        print(f"  {label:>6}: {seconds * 1000:7.2f} ms   rows selected {runs[0][1]:>3}   rows written {runs[0][2]:>4}")
    print("EXPLAIN QUERY PLAN (due query):")
    for row in plan:
        print(f"  {row['detail']}")


if __name__ == "__main__":
    asyncio.run(main())
