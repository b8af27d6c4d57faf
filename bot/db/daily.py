"""SQL for daily reflection schedules, each server's rotation, and community reflections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.db.connection import Database, Row
from bot.db.scope import Served, condition


def due_sql(scope: Served | None = None) -> str:
    """Reads only the partial index daily_schedules_due, so a tick costs what the due servers cost."""
    return (
        "SELECT s.*, g.timezone, g.daily_channel_id FROM daily_schedules AS s "
        "JOIN guilds AS g ON g.guild_id = s.guild_id "
        f"WHERE s.paused = 0 AND s.next_run <= ?{condition(scope, 's.guild_id')} ORDER BY s.next_run LIMIT ?"
    )


DUE_SQL = due_sql()


@dataclass(frozen=True, slots=True)
class Schedule:
    guild_id: int
    local_time: str
    days: str
    paused: bool
    skip_next: bool
    next_run: int
    claimed_for: str | None
    last_posted_date: str | None
    blocked_reason: str | None
    timezone: str
    channel_id: int | None
    claimed_until: int | None = None
    claim_attempts: int = 0


@dataclass(frozen=True, slots=True)
class CommunityReflection:
    story_number: int
    text: str
    content_warning: str | None


def _schedule(row: Row) -> Schedule:
    return Schedule(
        guild_id=row["guild_id"],
        local_time=row["local_time"],
        days=row["days"],
        paused=bool(row["paused"]),
        skip_next=bool(row["skip_next"]),
        next_run=row["next_run"],
        claimed_for=row["claimed_for"],
        last_posted_date=row["last_posted_date"],
        blocked_reason=row["blocked_reason"],
        timezone=row["timezone"],
        channel_id=row["daily_channel_id"],
        claimed_until=row["claimed_until"],
        claim_attempts=row["claim_attempts"],
    )


async def get(db: Database, guild_id: int) -> Schedule | None:
    row = await db.fetchone(
        "SELECT s.*, g.timezone, g.daily_channel_id FROM daily_schedules AS s "
        "JOIN guilds AS g ON g.guild_id = s.guild_id WHERE s.guild_id = ?",
        (guild_id,),
    )
    return None if row is None else _schedule(row)


async def save(db: Database, guild_id: int, channel_id: int | None, local_time: str, days: str, next_run: int) -> None:
    """Create or replace a schedule; a new setup also ends any blocking episode."""
    async with db.transaction():
        await db.execute("INSERT INTO guilds (guild_id) VALUES (?) ON CONFLICT DO NOTHING", (guild_id,))
        if channel_id is not None:
            await db.execute("UPDATE guilds SET daily_channel_id = ? WHERE guild_id = ?", (channel_id, guild_id))
        await db.execute(
            "INSERT INTO daily_schedules (guild_id, local_time, days, next_run) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET local_time = excluded.local_time, days = excluded.days, "
            "next_run = excluded.next_run, blocked_reason = NULL",
            (guild_id, local_time, days, next_run),
        )


async def due(db: Database, now: int, limit: int, scope: Served | None = None) -> list[Schedule]:
    return [_schedule(row) for row in await db.fetchall(due_sql(scope), (now, limit))]


async def earliest_run(db: Database, scope: Served | None = None) -> int | None:
    """The soonest next run of any active schedule (or extra post waiting) in the scope, for the loop's sleep."""
    within = condition(scope, "daily_schedules.guild_id")
    extra = condition(scope, "daily_extra_posts.guild_id")
    value = await db.fetchval(
        f"SELECT min(at) FROM (SELECT min(next_run) AS at FROM daily_schedules WHERE paused = 0{within} "
        f"UNION ALL SELECT min(claimed_until) FROM daily_schedules WHERE claimed_for IS NOT NULL{within} "
        f"UNION ALL SELECT min(claimed_until) FROM daily_extra_posts WHERE done = 0{extra}) AS due"
    )
    return None if value is None else int(value)


async def claim(
    db: Database, guild_id: int, expected_run: int, following: int, local_date: str, lease_until: int = 0
) -> bool:
    """Take this run for one local date; False when another tick took it or the date already has its post."""
    changed = await db.execute(
        "UPDATE daily_schedules SET next_run = ?, claimed_for = ?, claimed_until = ?, claim_attempts = 1 "
        " WHERE guild_id = ? AND next_run = ? AND skip_next = 0 "
        "AND claimed_for IS DISTINCT FROM ? AND last_posted_date IS DISTINCT FROM ?",
        (following, local_date, lease_until, guild_id, expected_run, local_date, local_date),
    )
    return changed == 1


IN_FLIGHT_SQL = (
    "SELECT s.*, g.timezone, g.daily_channel_id FROM daily_schedules AS s "
    "JOIN guilds AS g ON g.guild_id = s.guild_id "
    "WHERE s.claimed_for IS NOT NULL AND coalesce(s.claimed_until, 0) <= ?{within} LIMIT ?"
)


async def interrupted(db: Database, now: int, limit: int, scope: Served | None = None) -> list[Schedule]:
    """Claims whose lease ran out: the worker died, or the post failed in a way that may have posted."""
    sql = IN_FLIGHT_SQL.format(within=condition(scope, "s.guild_id"))
    return [_schedule(row) for row in await db.fetchall(sql, (now, limit))]


async def retake(db: Database, guild_id: int, local_date: str, expected_until: int | None, lease_until: int) -> bool:
    """One worker takes over an interrupted claim."""
    changed = await db.execute(
        "UPDATE daily_schedules SET claimed_until = ?, claim_attempts = claim_attempts + 1 "
        "WHERE guild_id = ? AND claimed_for = ? AND claimed_until IS NOT DISTINCT FROM ?",
        (lease_until, guild_id, local_date, expected_until),
    )
    return changed == 1


async def hold(db: Database, guild_id: int, local_date: str, until: int) -> None:
    """Keep the claim until `until`: it is retried then, looking for the post first."""
    await db.execute(
        "UPDATE daily_schedules SET claimed_until = ? WHERE guild_id = ? AND claimed_for = ?",
        (until, guild_id, local_date),
    )


async def reschedule(db: Database, guild_id: int, expected_run: int, following: int, *, consume_skip: bool) -> bool:
    """Move a run on without posting (missed window, or a skip being used up)."""
    changed = await db.execute(
        "UPDATE daily_schedules SET next_run = ?, skip_next = CASE WHEN ? = 1 THEN 0 ELSE skip_next END "
        "WHERE guild_id = ? AND next_run = ? AND (? = 0 OR skip_next = 1)",
        (following, consume_skip, guild_id, expected_run, consume_skip),
    )
    return changed == 1


async def complete(db: Database, guild_id: int, local_date: str) -> None:
    """The claimed post is out: the date has its post and any blocking episode is over."""
    await db.execute(
        "UPDATE daily_schedules SET last_posted_date = ?, claimed_for = NULL, claimed_until = NULL, "
        "blocked_reason = NULL WHERE guild_id = ? AND claimed_for = ?",
        (local_date, guild_id, local_date),
    )


async def release(db: Database, guild_id: int, local_date: str) -> None:
    """The claimed post failed; the claim is dropped so the row does not look in flight."""
    await db.execute(
        "UPDATE daily_schedules SET claimed_for = NULL, claimed_until = NULL WHERE guild_id = ? AND claimed_for = ?",
        (guild_id, local_date),
    )


async def block(db: Database, guild_id: int, reason: str) -> bool:
    """Record why posting is impossible; True only when this starts a new blocking episode."""
    async with db.transaction():
        row = await db.fetchone("SELECT blocked_reason FROM daily_schedules WHERE guild_id = ?", (guild_id,))
        await db.execute(
            "UPDATE daily_schedules SET blocked_reason = ?, claimed_for = NULL, claimed_until = NULL "
            "WHERE guild_id = ?",
            (reason, guild_id),
        )
        return row is not None and row[0] is None


async def set_next_run(db: Database, guild_id: int, next_run: int) -> None:
    await db.execute("UPDATE daily_schedules SET next_run = ? WHERE guild_id = ?", (next_run, guild_id))


async def set_paused(db: Database, guild_id: int, paused: bool) -> None:
    await db.execute("UPDATE daily_schedules SET paused = ? WHERE guild_id = ?", (paused, guild_id))


async def resume(db: Database, guild_id: int, next_run: int) -> None:
    """Unpause and end any blocking episode, running next at `next_run`."""
    await db.execute(
        "UPDATE daily_schedules SET paused = 0, blocked_reason = NULL, next_run = ? WHERE guild_id = ?",
        (next_run, guild_id),
    )


async def set_skip(db: Database, guild_id: int) -> bool:
    """False when the next post was already being skipped (or there is no schedule)."""
    changed = await db.execute(
        "UPDATE daily_schedules SET skip_next = 1 WHERE guild_id = ? AND skip_next = 0", (guild_id,)
    )
    return changed == 1


async def flag_low_stock(db: Database, guild_id: int) -> bool:
    """True the first time in a rotation cycle, so moderators hear about it once."""
    changed = await db.execute(
        "UPDATE daily_schedules SET low_stock_notified = 1 WHERE guild_id = ? AND low_stock_notified = 0",
        (guild_id,),
    )
    return changed == 1


async def community_reflections(db: Database, guild_id: int) -> list[CommunityReflection]:
    rows = await db.fetchall(
        "SELECT story_number, text, content_warning FROM community_reflections WHERE guild_id = ? "
        "ORDER BY story_number",
        (guild_id,),
    )
    return [CommunityReflection(row[0], row[1], row[2]) for row in rows]


async def rotation(db: Database, guild_id: int) -> list[tuple[str, bool]]:
    """The stored order of this cycle: (item key, used) by position."""
    rows = await db.fetchall(
        "SELECT item_key, used FROM daily_rotation WHERE guild_id = ? ORDER BY position", (guild_id,)
    )
    return [(row[0], bool(row[1])) for row in rows]


async def recently_used(db: Database, guild_id: int, count: int) -> list[str]:
    """Newest first."""
    rows = await db.fetchall(
        "SELECT item_key FROM daily_rotation WHERE guild_id = ? AND last_used IS NOT NULL "
        "ORDER BY last_used DESC LIMIT ?",
        (guild_id, count),
    )
    return [row[0] for row in rows]


async def forget_items(db: Database, guild_id: int, keys: Sequence[str]) -> None:
    async with db.transaction():
        await db.executemany(
            "DELETE FROM daily_rotation WHERE guild_id = ? AND item_key = ?", [(guild_id, key) for key in keys]
        )


async def set_order(db: Database, guild_id: int, keys: Sequence[str], *, new_cycle: bool) -> None:
    """Store positions for `keys` (inserting new ones); a new cycle also marks everything unused."""
    async with db.transaction():
        # A preview before setup.
        await db.execute("INSERT INTO guilds (guild_id) VALUES (?) ON CONFLICT DO NOTHING", (guild_id,))
        if new_cycle:
            await db.execute("UPDATE daily_rotation SET used = 0 WHERE guild_id = ?", (guild_id,))
            await db.execute("UPDATE daily_schedules SET low_stock_notified = 0 WHERE guild_id = ?", (guild_id,))
        await db.executemany(
            "INSERT INTO daily_rotation (guild_id, item_key, position) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, item_key) DO UPDATE SET position = excluded.position",
            [(guild_id, key, position) for position, key in enumerate(keys)],
        )


async def mark_used(db: Database, guild_id: int, key: str) -> int:
    """Returns how many items of this cycle are still unused."""
    async with db.transaction():
        await db.execute(
            "UPDATE daily_rotation SET used = 1, last_used = "
            "(SELECT coalesce(max(last_used), 0) + 1 FROM daily_rotation WHERE guild_id = ?) "
            "WHERE guild_id = ? AND item_key = ?",
            (guild_id, guild_id, key),
        )
        return int(
            await db.fetchval("SELECT count(*) FROM daily_rotation WHERE guild_id = ? AND used = 0", (guild_id,))
        )


# --- Extra posts (/daily now), through their own outbox --------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExtraPost:
    id: int
    guild_id: int
    local_date: str
    channel_id: int | None
    attempts: int


async def request_extra(db: Database, guild_id: int, local_date: str) -> int:
    """Record the intent first; the post is made by whoever claims it (at once, or the worker after a crash)."""
    return await db.insert("INSERT INTO daily_extra_posts (guild_id, local_date) VALUES (?, ?)", (guild_id, local_date))


async def claim_extra(db: Database, extra_id: int, now: int, lease_until: int) -> ExtraPost | None:
    """Take the request for one attempt; None when it is done or another worker holds it."""
    row = await db.fetchone(
        "UPDATE daily_extra_posts SET claimed_until = ?, attempts = attempts + 1 "
        "WHERE id = ? AND done = 0 AND claimed_until <= ? "
        "RETURNING id, guild_id, local_date, attempts, "
        "(SELECT daily_channel_id FROM guilds WHERE guilds.guild_id = daily_extra_posts.guild_id)",
        (lease_until, extra_id, now),
    )
    return None if row is None else ExtraPost(row[0], row[1], row[2], row[4], row[3])


async def extra_due(db: Database, now: int, limit: int, scope: Served | None = None) -> list[int]:
    """Requests no worker holds in the scope's servers: left by a crash, or held after an ambiguous error."""
    rows = await db.fetchall(
        "SELECT id FROM daily_extra_posts WHERE done = 0 AND claimed_until <= ?"
        f"{condition(scope, 'daily_extra_posts.guild_id')} ORDER BY id LIMIT ?",
        (now, limit),
    )
    return [int(row[0]) for row in rows]


async def hold_extra(db: Database, extra_id: int, until: int) -> None:
    await db.execute("UPDATE daily_extra_posts SET claimed_until = ? WHERE id = ? AND done = 0", (until, extra_id))


async def finish_extra(db: Database, extra_id: int) -> None:
    """Posted, or given up for a missing channel: never tried again."""
    await db.execute("UPDATE daily_extra_posts SET done = 1 WHERE id = ?", (extra_id,))
