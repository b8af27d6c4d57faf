"""Daily reflection posts: schedule maths, each server's rotation, and the tick's steps.

An adapter runs a tick as: ``due_posts`` → for each, ``claim`` → ``next_post`` → post it →
``complete`` (or ``block`` when the channel or permissions are missing). Claims are conditional
updates, so two ticks (or two bot processes after a restart) never post the same run twice.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal, spoiler
from bot.core.reflections import FOOTER, reflection_card
from bot.core.terms import Terms
from bot.core.testimonies import Reflection
from bot.db import daily as store
from bot.db import guilds
from bot.db.connection import Database
from bot.db.daily import CommunityReflection, Schedule

log = logging.getLogger(__name__)

CATCH_UP = timedelta(hours=3)
RECENT = 7  # a new cycle does not start with any of the last RECENT posts
LOW_STOCK = 7  # moderators hear once per cycle when fewer unused items than this remain
BATCH = 500  # schedules handled per tick; more wait for the next tick, which comes at once
MIN_SLEEP = 1.0
MAX_SLEEP = 60.0
LEASE = 120  # seconds a worker holds a daily post it is making
DAYS = {"daily": "every day", "weekdays": "on weekdays (Mon–Fri)"}

DAILY_TITLE = "Today's reflection"
COMMUNITY_TITLE = "From a member of this community"
COMMUNITY_PROMPT = "What stays with you as you read this?"
COMMUNITY_ATTRIBUTION = "Shared anonymously by a member of this community"
STORY_PREFIX = "story:"

_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

Item = Reflection | CommunityReflection


class DailyError(Exception):
    """A value or request that cannot be carried out; the message says what would work."""


class DailyNotSetUpError(DailyError):
    """No schedule yet: the flow says so in the platform's words (its setup command)."""

    def __init__(self) -> None:
        super().__init__("Daily reflections aren't set up in this {community} yet: run {setup} first.")


# --- Schedule maths -------------------------------------------------------------------------


def parse_time(text: str) -> str:
    """24-hour HH:MM (or H:MM), normalised to HH:MM."""
    match = _TIME.fullmatch(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise DailyError(
            f"`{text.strip()[:20]}` is not a time I can use. Write it as 24-hour HH:MM in the local "
            "time zone, for example `09:00` or `18:30`."
        )
    return f"{int(match[1]):02d}:{match[2]}"


def zone_of(name: str) -> ZoneInfo:
    """The server's zone; a name this system no longer knows falls back to UTC rather than stopping posts."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def runs_on(day: date, days: str) -> bool:
    return days == "daily" or day.weekday() < 5


def slot_on(day: date, local_time: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of `local_time` on `day` in `zone`.

    An ambiguous time (clocks going back) is its first occurrence (fold=0); a time that does not
    exist (clocks going forward) moves to the first valid minute after the gap.
    """
    hour, minute = (int(part) for part in local_time.split(":"))
    wall = datetime.combine(day, time(hour, minute))
    while not _exists(wall, zone):
        wall += timedelta(minutes=1)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    there = wall.replace(tzinfo=zone)
    return there.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def next_run(local_time: str, days: str, zone: ZoneInfo, after_utc: datetime) -> datetime:
    """The first scheduled instant strictly after `after_utc`."""
    start = after_utc.astimezone(zone).date()
    for offset in range(9):
        day = start + timedelta(days=offset)
        if runs_on(day, days):
            slot = slot_on(day, local_time, zone)
            if slot > after_utc:
                return slot
    raise AssertionError("a daily or weekday schedule always has a run within nine days")


def previous_run(local_time: str, days: str, zone: ZoneInfo, at_utc: datetime) -> datetime:
    """The latest scheduled instant at or before `at_utc`."""
    start = at_utc.astimezone(zone).date()
    for offset in range(9):
        day = start - timedelta(days=offset)
        if runs_on(day, days):
            slot = slot_on(day, local_time, zone)
            if slot <= at_utc:
                return slot
    raise AssertionError("a daily or weekday schedule always has a run within nine days")


@dataclass(frozen=True, slots=True)
class Decision:
    """What a due schedule should do now: post for `post_for` (a local date) or not, then run next at `following`."""

    post_for: date | None
    following: datetime


def decide(schedule: Schedule, now: datetime) -> Decision:
    """Recomputed from the current zone, so a time zone changed since the run was stored is honoured.

    A run is posted late only within CATCH_UP of its time and on the same local day; a local date
    that already has its scheduled post never gets another.
    """
    zone = zone_of(schedule.timezone)
    slot = previous_run(schedule.local_time, schedule.days, zone, now)
    day = slot.astimezone(zone).date()
    catchable = now - slot <= CATCH_UP and now.astimezone(zone).date() == day
    fresh = schedule.last_posted_date != day.isoformat() and schedule.claimed_for != day.isoformat()
    following = next_run(schedule.local_time, schedule.days, zone, now)
    return Decision(day if catchable and fresh else None, following)


def describe_when(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} at {local:%H:%M} ({zone.key})"


def thread_name(day: date) -> str:
    return f"Reflections — {day.day} {_MONTHS[day.month - 1][:3]}"


def _ts(at: datetime) -> int:
    return int(at.timestamp())


def _at(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


# --- Configuration ---------------------------------------------------------------------------


async def configure(
    app: Stairwell, guild_id: int, channel_id: int | None, time_text: str, days: str, now: datetime
) -> Schedule:
    """Store the schedule; the first post is the next occurrence after now (never a late one)."""
    local_time = parse_time(time_text)
    if days not in DAYS:
        raise DailyError("Choose `daily` (every day) or `weekdays` (Monday to Friday).")
    timezone = (await guilds.get(app.db, guild_id)).timezone
    first = next_run(local_time, days, zone_of(timezone), now)
    await store.save(app.db, guild_id, channel_id, local_time, days, _ts(first))
    app.wake()  # the worker may be asleep for longer than the first run is away
    log.info("daily.configured")
    return await require(app, guild_id)


def _upcoming(schedule: Schedule, now: datetime) -> datetime:
    """The next run; a stored run already due (paused, or re-planned) is worked out as the tick would."""
    return _at(schedule.next_run) if schedule.next_run > _ts(now) else decide(schedule, now).following


async def require(app: Stairwell, guild_id: int) -> Schedule:
    schedule = await store.get(app.db, guild_id)
    if schedule is None:
        raise DailyNotSetUpError
    return schedule


def schedule_summary(schedule: Schedule, now: datetime, terms: Terms) -> str:
    """One paragraph for replies: when, how often, the next run, and the state it is in."""
    zone = zone_of(schedule.timezone)
    lines = [f"Daily reflections are posted at **{schedule.local_time}** {DAYS[schedule.days]}."]
    if schedule.paused:
        lines.append(f"They are **paused**: {terms.daily_resume} starts them again.")
    elif schedule.next_run <= _ts(now) and decide(schedule, now).post_for is not None:
        lines.append("Next post: **today's, within a minute** (it is retried now).")
    else:
        lines.append(f"Next post: **{describe_when(_upcoming(schedule, now), zone)}**.")
        if schedule.skip_next:
            lines.append("That one will be skipped, as a moderator asked.")
    if schedule.blocked_reason:
        lines.append(f"⚠ The last post could not be made: {schedule.blocked_reason}")
    if zone.key == "UTC":
        lines.append(
            f"Times are in **UTC** because this {terms.community}'s time zone is UTC; change it with "
            f"{terms.timezone_setup}."
        )
    return "\n".join(lines)


async def timezone_changed(db: Database, guild_id: int) -> None:
    """Call after the server's time zone changes: the next tick re-plans the run in the new zone.

    The tick's usual decision then applies, so today's run is posted only if the new local time
    passed less than CATCH_UP ago and today has no post yet; otherwise it moves to the next run.
    """
    await store.set_next_run(db, guild_id, 0)


async def pause(app: Stairwell, guild_id: int) -> None:
    await require(app, guild_id)
    await store.set_paused(app.db, guild_id, True)
    log.info("daily.paused")


async def resume(app: Stairwell, guild_id: int, now: datetime) -> Schedule:
    """Carries on from the next run; when posting had been blocked, retries today's run at once.

    The retry goes through the normal decision, so it posts only within the catch-up window
    and only if today has no post yet.
    """
    schedule = await require(app, guild_id)
    upcoming = next_run(schedule.local_time, schedule.days, zone_of(schedule.timezone), now)
    retry_now = schedule.blocked_reason is not None and not schedule.paused
    await store.resume(app.db, guild_id, _ts(now) if retry_now else _ts(upcoming))
    app.wake()
    log.info("daily.resumed")
    return await require(app, guild_id)


async def skip(app: Stairwell, guild_id: int, now: datetime) -> str:
    """Skip exactly one upcoming post; says which, and when the one after is."""
    schedule = await require(app, guild_id)
    zone = zone_of(schedule.timezone)
    skipped = _upcoming(schedule, now)
    after = next_run(schedule.local_time, schedule.days, zone, skipped)
    if not await store.set_skip(app.db, guild_id):
        return f"The next post is already being skipped. The one after it is on {describe_when(after, zone)}."
    log.info("daily.skip_set")
    return f"Skipping the post on {describe_when(skipped, zone)}. The next one is on {describe_when(after, zone)}."


# --- Rotation ---------------------------------------------------------------------------------


def item_key(item: Item) -> str:
    return item.id if isinstance(item, Reflection) else f"{STORY_PREFIX}{item.story_number}"


def item_card(item: Item) -> Card:
    return reflection_card(item, title=DAILY_TITLE) if isinstance(item, Reflection) else community_card(item)


def community_card(story: CommunityReflection) -> Card:
    """Like a testimony: content warning first with the text behind a spoiler, then a neutral prompt."""
    if story.content_warning:
        lines = [f"**Content warning:** {literal(story.content_warning)}", spoiler(story.text)]
    else:
        lines = ["\n".join(f"> {line}" for line in story.text.splitlines())]
    lines += [f"— {COMMUNITY_ATTRIBUTION}", "", f"**{COMMUNITY_PROMPT}**"]
    return Card(title=COMMUNITY_TITLE, body="\n".join(lines), footer=FOOTER, tone=Tone.CALM)


async def _pool(app: Stairwell, guild_id: int) -> dict[str, Item]:
    items: dict[str, Item] = {item_key(r): r for r in app.content.library.reflections()}
    for story in await store.community_reflections(app.db, guild_id):
        items[item_key(story)] = story
    return items


async def next_item(app: Stairwell, guild_id: int) -> Item:
    """The item the next post will carry; stable until it is used, so a preview matches the post.

    Items that no longer exist drop out silently; new ones join the current cycle at a random
    place after the next item; once all are used, a new shuffled cycle puts the last RECENT at its end.
    """
    pool = await _pool(app, guild_id)
    order = await store.rotation(app.db, guild_id)
    gone = [key for key, _ in order if key not in pool]
    if gone:
        await store.forget_items(app.db, guild_id, gone)
    order = [(key, used) for key, used in order if key in pool]
    known = {key for key, _ in order}
    new = [key for key in pool if key not in known]
    if new:
        order = _insert_new(order, new)
        await store.set_order(app.db, guild_id, [key for key, _ in order], new_cycle=False)
    unused = [key for key, used in order if not used]
    if unused:
        return pool[unused[0]]
    recent = [key for key in reversed(await store.recently_used(app.db, guild_id, RECENT)) if key in pool]
    fresh = [key for key in pool if key not in recent]
    random.shuffle(fresh)
    cycle = fresh + recent
    await store.set_order(app.db, guild_id, cycle, new_cycle=True)
    log.info("daily.rotation_reshuffled")
    return pool[cycle[0]]


def _insert_new(order: list[tuple[str, bool]], new: list[str]) -> list[tuple[str, bool]]:
    """Random places among the unused, never ahead of the current next item."""
    used = [entry for entry in order if entry[1]]
    unused = [entry for entry in order if not entry[1]]
    for key in new:
        unused.insert(random.randint(min(1, len(unused)), len(unused)), (key, False))
    return used + unused


async def record_used(app: Stairwell, guild_id: int, key: str) -> Card | None:
    """Count a post in the rotation; returns the moderators' low-stock notice the first time in a cycle."""
    remaining = await store.mark_used(app.db, guild_id, key)
    if remaining >= LOW_STOCK or not await store.flag_low_stock(app.db, guild_id):
        return None
    log.info("daily.low_stock_notice")
    return Card(
        title="Daily reflections: the rotation is nearly through",
        body=(
            f"Only **{remaining}** daily reflection{'s' if remaining != 1 else ''} remain before the rotation "
            "starts over. After that, earlier ones return in a new order (never the last few posted). "
            "Community stories approved for reflection join the rotation too."
        ),
        footer="This notice comes once per rotation.",
        tone=Tone.NOTICE,
    )


# --- The tick ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    """A run this process owns: post for `local_date` in the server's daily channel."""

    guild_id: int
    channel_id: int | None
    local_date: date


@dataclass(frozen=True, slots=True)
class Post:
    key: str
    card: Card
    thread_name: str


async def due_posts(app: Stairwell, now: datetime, limit: int = BATCH) -> list[Schedule]:
    """Schedules whose run is due and not paused (reads only the due index)."""
    return await store.due(app.db, _ts(now), limit, app.scope)


async def claim(app: Stairwell, schedule: Schedule, now: datetime) -> Claim | None:
    """Move the schedule to its following run and, when a post is due, take it.

    None when nothing should be posted: the run was missed (after downtime beyond the catch-up
    window), skipped on request, or another tick already moved it.
    """
    decision = decide(schedule, now)
    following = _ts(decision.following)
    if decision.post_for is None:
        if await store.reschedule(app.db, schedule.guild_id, schedule.next_run, following, consume_skip=False):
            log.info("daily.run_not_posted")
        return None
    if schedule.skip_next:
        if await store.reschedule(app.db, schedule.guild_id, schedule.next_run, following, consume_skip=True):
            log.info("daily.run_skipped")
        return None
    day = decision.post_for.isoformat()
    if not await store.claim(app.db, schedule.guild_id, schedule.next_run, following, day, _ts(now) + LEASE):
        return None
    return Claim(schedule.guild_id, schedule.channel_id, decision.post_for)


def marker(day: date) -> str:
    """In a scheduled post's footer: finds the day's post after a crash or an ambiguous error."""
    return f"Daily reflection · {day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


async def next_post(app: Stairwell, guild_id: int, day: date, *, scheduled: bool = True) -> Post:
    """The next item as a post; a scheduled one carries the day's marker (an extra /daily now does not)."""
    item = await next_item(app, guild_id)
    card = item_card(item)
    if scheduled:
        card = replace(card, footer=f"{card.footer} · {marker(day)}" if card.footer else marker(day))
    return Post(item_key(item), card, thread_name(day))


async def interrupted(app: Stairwell, now: datetime, limit: int = BATCH) -> list[Claim]:
    """Claims left in flight (a crash, an ambiguous error) that one worker now takes over.

    A claim past its catch-up window is given up: the day stays without a post rather than risk two.
    """
    taken = []
    for schedule in await store.interrupted(app.db, _ts(now), limit, app.scope):
        day = schedule.claimed_for
        assert day is not None
        if not await store.retake(app.db, schedule.guild_id, day, schedule.claimed_until, _ts(now) + LEASE):
            continue
        zone = zone_of(schedule.timezone)
        slot = slot_on(date.fromisoformat(day), schedule.local_time, zone)
        if now - slot > CATCH_UP:
            await store.release(app.db, schedule.guild_id, day)
            log.warning("daily.post_given_up")
            continue
        taken.append(Claim(schedule.guild_id, schedule.channel_id, date.fromisoformat(day)))
    return taken


async def retry_later(app: Stairwell, claimed: Claim, now: datetime, delay: int = 60) -> None:
    """The post failed in a way that may have posted: keep the claim and look for the post then."""
    await store.hold(app.db, claimed.guild_id, claimed.local_date.isoformat(), _ts(now) + delay)
    log.warning("daily.post_retry")


async def complete(app: Stairwell, claimed: Claim, post: Post) -> Card | None:
    """The post is out: record the date (never two scheduled posts a day) and count it in the rotation."""
    await store.complete(app.db, claimed.guild_id, claimed.local_date.isoformat())
    log.info("daily.posted")
    return await record_used(app, claimed.guild_id, post.key)


async def fail(app: Stairwell, claimed: Claim) -> None:
    """An unexpected failure: drop the claim; the date stays without a post rather than risk two."""
    await store.release(app.db, claimed.guild_id, claimed.local_date.isoformat())
    log.warning("daily.post_failed")


async def block(app: Stairwell, claimed: Claim, problem: str, terms: Terms) -> Card | None:
    """Posting is impossible until someone fixes the setup; returns a notice only for a new episode.

    The schedule keeps its following run, so it retries then (or at once after `/daily resume`),
    instead of failing every minute.
    """
    if not await store.block(app.db, claimed.guild_id, problem):
        log.info("daily.still_blocked")
        return None
    log.info("daily.blocked")
    schedule = await require(app, claimed.guild_id)
    when = describe_when(_at(schedule.next_run), zone_of(schedule.timezone))
    return Card(
        title="The daily reflection could not be posted",
        body=(
            f"{problem}\n\nI'll try again at the next scheduled time ({when}). Once it's fixed, a moderator "
            f"can run {terms.daily_resume} to retry today's post straight away (within three hours of its time). "
            "You won't get this notice again until a post has gone out."
        ),
        footer=f"Check the daily post's settings with {terms.settings_command}.",
        tone=Tone.NOTICE,
    )


async def seconds_until_next(app: Stairwell, now: datetime) -> float:
    """How long the loop may sleep: until the earliest run, between MIN_SLEEP and MAX_SLEEP.

    The floor keeps a run that could not be moved on (a lost race) from spinning the loop.
    """
    earliest = await store.earliest_run(app.db, app.scope)
    if earliest is None:
        return MAX_SLEEP
    return min(MAX_SLEEP, max(MIN_SLEEP, earliest - now.timestamp()))


async def preview(app: Stairwell, guild_id: int, now: datetime, terms: Terms) -> tuple[Post, str]:
    """The next post exactly as it will appear, and a line saying when."""
    schedule = await store.get(app.db, guild_id)
    if schedule is None:
        zone = zone_of((await guilds.get(app.db, guild_id)).timezone)
        return await next_post(app, guild_id, now.astimezone(zone).date()), "Daily posts aren't scheduled yet."
    zone = zone_of(schedule.timezone)
    at = _at(schedule.next_run) if schedule.next_run > _ts(now) else now
    post = await next_post(app, guild_id, at.astimezone(zone).date())
    return post, f"Preview of the next daily reflection.\n{schedule_summary(schedule, now, terms)}"


def extra_marker(extra_id: int) -> str:
    """In an extra post's footer; unlike a scheduled post's marker, and never one id inside another."""
    return f"Extra reflection ({extra_id})"


async def request_now(app: Stairwell, guild_id: int, now: datetime) -> tuple[int, Schedule]:
    """`/daily now`: an extra post, outside the schedule, recorded for the daily-post job to make once.

    It counts in the rotation but does not touch the schedule: today's scheduled post (if it is
    still to come) goes out as usual, since a moderator's extra post should not cancel the one
    members expect at the usual time. `/daily skip` is there for that.
    """
    schedule = await require(app, guild_id)
    day = now.astimezone(zone_of(schedule.timezone)).date()
    # No wake: the adapter makes the post right after answering; the worker only finishes one a crash left.
    extra_id = await store.request_extra(app.db, guild_id, day.isoformat())
    log.info("daily.extra_requested")
    return extra_id, schedule


async def claim_extra(app: Stairwell, extra_id: int, now: datetime) -> store.ExtraPost | None:
    return await store.claim_extra(app.db, extra_id, _ts(now), _ts(now) + LEASE)


async def extra_due(app: Stairwell, now: datetime, limit: int = BATCH) -> list[int]:
    return await store.extra_due(app.db, _ts(now), limit, app.scope)


async def extra_post(app: Stairwell, extra: store.ExtraPost) -> Post:
    """The next item with the request's marker (the same item again after a crash: it is used only once out)."""
    post = await next_post(app, extra.guild_id, date.fromisoformat(extra.local_date), scheduled=False)
    footer = f"{post.card.footer} · {extra_marker(extra.id)}" if post.card.footer else extra_marker(extra.id)
    return replace(post, card=replace(post.card, footer=footer))


async def extra_retry_later(app: Stairwell, extra: store.ExtraPost, now: datetime, delay: int = 60) -> None:
    await store.hold_extra(app.db, extra.id, _ts(now) + delay)
    log.warning("daily.extra_retry")


async def extra_done(app: Stairwell, extra: store.ExtraPost, post: Post | None) -> Card | None:
    """Posted (`post`), or given up when the channel cannot be used (None); returns a low-stock notice."""
    await store.finish_extra(app.db, extra.id)
    if post is None:
        log.warning("daily.extra_given_up")
        return None
    log.info("daily.extra_posted")
    return await record_used(app, extra.guild_id, post.key)
