"""The daily scheduler and rotation, driven by an injected clock without Discord."""

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core import daily
from bot.core.app import Stairwell
from bot.core.daily import DailyError
from bot.core.terms import Terms
from bot.db import daily as store
from bot.db import guilds
from tests.conftest import SECRET

GUILD = 42
CHANNEL = 4242


@pytest.fixture
async def app(db_path, content, clock):
    app = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    yield app
    await app.close()


async def tick(app, now):
    """What the Discord cog does per tick, with a poster that only collects the posts."""
    posted = []
    for schedule in await daily.due_posts(app, now):
        claimed = await daily.claim(app, schedule, now)
        if claimed is not None:
            post = await daily.next_post(app, claimed.guild_id, claimed.local_date)
            notice = await daily.complete(app, claimed, post)
            posted.append((now, claimed, post, notice))
    return posted


async def walk(app, start, end, step=timedelta(minutes=15)):
    """Tick every `step` from `start` to `end`, as the loop would, and collect every post."""
    posted = []
    now = start
    while now <= end:
        posted += await tick(app, now)
        now += step
    return posted


async def schedule(app, zone, local_time="09:00", days="daily", now=None):
    await guilds.update(app.db, GUILD, timezone=zone)
    return await daily.configure(app, GUILD, CHANNEL, local_time, days, now or app.clock.now())


def local_midnight(day, zone):
    return datetime.combine(day, datetime.min.time(), ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        ("America/New_York", date(2026, 3, 6), date(2026, 3, 10)),  # spring forward on the 8th
        ("America/New_York", date(2026, 10, 30), date(2026, 11, 3)),  # fall back on 1 November
        ("Europe/London", date(2026, 3, 27), date(2026, 3, 31)),
        ("Europe/London", date(2026, 10, 23), date(2026, 10, 27)),
        ("Australia/Sydney", date(2026, 4, 2), date(2026, 4, 6)),
        ("Australia/Sydney", date(2026, 10, 1), date(2026, 10, 5)),
        ("Asia/Kolkata", date(2026, 11, 20), date(2026, 11, 23)),
    ],
)
async def test_posts_once_a_day_at_nine_local_across_clock_changes(app, zone, first, last):
    start = local_midnight(first, zone)
    await schedule(app, zone, now=start)

    posted = await walk(app, start, local_midnight(last + timedelta(days=1), zone) - timedelta(minutes=15))

    local = [at.astimezone(ZoneInfo(zone)) for at, *_ in posted]
    assert [moment.strftime("%H:%M") for moment in local] == ["09:00"] * len(local)
    expected_days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert [moment.date() for moment in local] == expected_days
    assert [claimed.local_date for _, claimed, *_ in posted] == expected_days
    stored = await store.get(app.db, GUILD)
    assert stored.last_posted_date == last.isoformat()


@pytest.mark.parametrize(
    ("zone", "local_time", "day", "expected_utc"),
    [
        # 02:30 does not exist on spring-forward day: the first valid minute after the gap is 03:00.
        ("America/New_York", "02:30", date(2026, 3, 8), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        ("Europe/London", "01:30", date(2026, 3, 29), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        # 01:30 happens twice on fall-back day: post at the first (EDT / BST) occurrence.
        ("America/New_York", "01:30", date(2026, 11, 1), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("Europe/London", "01:30", date(2026, 10, 25), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
async def test_missing_and_repeated_local_times_post_exactly_once(app, zone, local_time, day, expected_utc):
    start = local_midnight(day, zone)
    await schedule(app, zone, local_time, now=start)

    posted = await walk(app, start, start + timedelta(hours=23), step=timedelta(minutes=5))

    assert [at for at, *_ in posted] == [expected_utc]
    assert (await store.get(app.db, GUILD)).last_posted_date == day.isoformat()


def test_slot_maths_for_gaps_and_folds():
    new_york = ZoneInfo("America/New_York")
    assert daily.slot_on(date(2026, 3, 8), "02:30", new_york) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    after_first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert daily.next_run("01:30", "daily", new_york, after_first) == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)
    second_occurrence = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert daily.previous_run("01:30", "daily", new_york, second_occurrence) == after_first


async def test_two_ticks_at_the_due_minute_claim_once(app, db_path, content, clock):
    await schedule(app, "America/New_York")
    due = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)  # 09:00 in New York
    other = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    try:
        first, second = await asyncio.gather(tick(app, due), tick(other, due))
    finally:
        await other.close()

    assert len(first) + len(second) == 1
    stored = await store.get(app.db, GUILD)
    assert stored.last_posted_date == "2026-11-21"
    assert stored.claimed_for is None
    assert stored.next_run == int(datetime(2026, 11, 22, 14, 0, tzinfo=UTC).timestamp())


async def test_restart_at_the_due_minute_does_not_post_again(db_path, content, clock):
    due = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
    before = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    await schedule(before, "America/New_York")
    assert len(await tick(before, due)) == 1
    await before.close()

    restarted = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    try:
        assert await tick(restarted, due) == []
        assert await tick(restarted, due + timedelta(seconds=30)) == []
        assert (await store.get(restarted.db, GUILD)).last_posted_date == "2026-11-21"
    finally:
        await restarted.close()


async def test_reconfiguring_later_the_same_day_does_not_post_twice(app):
    await schedule(app, "Europe/London", now=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    assert len(await tick(app, datetime(2026, 11, 21, 9, 0, tzinfo=UTC))) == 1
    await daily.configure(app, GUILD, None, "17:00", "daily", datetime(2026, 11, 21, 10, 0, tzinfo=UTC))

    assert await tick(app, datetime(2026, 11, 21, 17, 0, tzinfo=UTC)) == []
    assert len(await tick(app, datetime(2026, 11, 22, 17, 0, tzinfo=UTC))) == 1


async def test_downtime_of_two_hours_posts_late(app):
    await schedule(app, "America/New_York")  # set up at 07:00 New York time

    posted = await tick(app, datetime(2026, 11, 21, 16, 0, tzinfo=UTC))  # back at 11:00 local

    assert [claimed.local_date for _, claimed, *_ in posted] == [date(2026, 11, 21)]
    stored = await store.get(app.db, GUILD)
    assert stored.last_posted_date == "2026-11-21"
    assert stored.next_run == int(datetime(2026, 11, 22, 14, 0, tzinfo=UTC).timestamp())


async def test_downtime_of_five_hours_skips_to_the_next_day(app):
    await schedule(app, "America/New_York")

    back = datetime(2026, 11, 21, 19, 0, tzinfo=UTC)  # 14:00 local, five hours late
    assert await tick(app, back) == []
    assert await tick(app, back + timedelta(minutes=1)) == []

    stored = await store.get(app.db, GUILD)
    assert stored.last_posted_date is None
    assert stored.next_run == int(datetime(2026, 11, 22, 14, 0, tzinfo=UTC).timestamp())
    assert len(await tick(app, datetime(2026, 11, 22, 14, 0, tzinfo=UTC))) == 1


async def test_catch_up_never_crosses_into_the_next_local_day(app):
    await schedule(app, "Europe/London", "23:00")

    assert await tick(app, datetime(2026, 11, 22, 0, 30, tzinfo=UTC)) == []  # 90 minutes late, but a new day

    stored = await store.get(app.db, GUILD)
    assert stored.last_posted_date is None
    assert stored.next_run == int(datetime(2026, 11, 22, 23, 0, tzinfo=UTC).timestamp())


async def test_weekdays_skip_saturday_and_sunday(app):
    start = local_midnight(date(2026, 11, 20), "Europe/London")  # a Friday
    await schedule(app, "Europe/London", days="weekdays", now=start)

    posted = await walk(app, start, start + timedelta(days=5) - timedelta(minutes=15), step=timedelta(hours=1))

    assert [claimed.local_date.strftime("%a %d") for _, claimed, *_ in posted] == ["Fri 20", "Mon 23", "Tue 24"]


async def test_pause_stops_posts_and_resume_carries_on_from_the_next_run(app):
    await schedule(app, "Europe/London")
    await daily.pause(app, GUILD)

    assert await tick(app, datetime(2026, 11, 22, 9, 0, tzinfo=UTC)) == []
    assert (await store.get(app.db, GUILD)).paused

    resumed = await daily.resume(app, GUILD, datetime(2026, 11, 22, 9, 30, tzinfo=UTC))
    assert not resumed.paused
    assert resumed.next_run == int(datetime(2026, 11, 23, 9, 0, tzinfo=UTC).timestamp())
    assert len(await tick(app, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))) == 1


async def test_skip_skips_exactly_one_post(app):
    await schedule(app, "Europe/London")
    message = await daily.skip(app, GUILD, app.clock.now())
    assert "Sunday 22 November at 09:00" in message
    assert "Monday 23 November at 09:00" in message
    assert "already" in await daily.skip(app, GUILD, app.clock.now())

    assert await tick(app, datetime(2026, 11, 22, 9, 0, tzinfo=UTC)) == []
    assert not (await store.get(app.db, GUILD)).skip_next
    assert len(await tick(app, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))) == 1


async def test_invalid_times_are_refused_with_an_example(app):
    for text in ("25:00", "9am", "12:60", ""):
        with pytest.raises(DailyError, match="24-hour HH:MM"):
            await daily.configure(app, GUILD, CHANNEL, text, "daily", app.clock.now())
    assert await store.get(app.db, GUILD) is None
    assert daily.parse_time(" 9:05 ") == "09:05"


async def test_blocked_schedule_notifies_once_per_episode(app):
    await schedule(app, "Europe/London")

    async def blocked_tick(now):
        notices = []
        for due in await daily.due_posts(app, now):
            claimed = await daily.claim(app, due, now)
            if claimed is not None:
                notices.append(await daily.block(app, claimed, "I can't post in #daily.", Terms()))
        return notices

    first = await blocked_tick(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    assert first[0] is not None and "#daily" in first[0].body
    assert await blocked_tick(datetime(2026, 11, 22, 9, 1, tzinfo=UTC)) == []  # waits for the next day
    assert await blocked_tick(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == [None]  # still blocked: no new notice
    assert (await store.get(app.db, GUILD)).blocked_reason == "I can't post in #daily."

    assert len(await tick(app, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))) == 1  # fixed: posts, episode over
    assert (await store.get(app.db, GUILD)).blocked_reason is None
    notices = await blocked_tick(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    assert notices[0] is not None


async def test_resume_after_a_block_retries_today_within_the_window(app):
    await schedule(app, "Europe/London")
    nine = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    for due in await daily.due_posts(app, nine):
        claimed = await daily.claim(app, due, nine)
        await daily.block(app, claimed, "missing permissions", Terms())

    await daily.resume(app, GUILD, nine + timedelta(minutes=30))
    posted = await tick(app, nine + timedelta(minutes=30))

    assert [claimed.local_date for _, claimed, *_ in posted] == [date(2026, 11, 22)]
    assert (await store.get(app.db, GUILD)).blocked_reason is None


async def test_a_changed_time_zone_is_planned_again_at_the_next_tick(app):
    await schedule(app, "America/New_York", now=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    await guilds.update(app.db, GUILD, timezone="Europe/London")
    await daily.timezone_changed(app.db, GUILD)

    start = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    posted = await walk(app, start, start + timedelta(days=1, hours=2), step=timedelta(minutes=30))

    assert [at for at, *_ in posted] == [
        datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
    ]


async def test_without_the_hook_a_changed_time_zone_still_corrects_itself(app):
    await schedule(app, "America/New_York", now=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))  # next: 14:00 UTC
    await guilds.update(app.db, GUILD, timezone="Europe/London")

    start = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    posted = await walk(app, start, start + timedelta(days=1, hours=2), step=timedelta(minutes=30))

    # At 14:00 UTC London's 09:00 is five hours gone: no late post, then 09:00 London from the next day.
    assert [at for at, *_ in posted] == [datetime(2026, 11, 22, 9, 0, tzinfo=UTC)]


async def cycle(app, count):
    keys, notices = [], []
    for _ in range(count):
        item = await daily.next_item(app, GUILD)
        keys.append(daily.item_key(item))
        notices.append(await daily.record_used(app, GUILD, keys[-1]))
    return keys, notices


async def test_rotation_uses_everything_once_then_avoids_the_last_seven(app, content):
    await schedule(app, "Europe/London")
    pool = {reflection.id for reflection in content.library.reflections()}

    first, first_notices = await cycle(app, len(pool))
    second, second_notices = await cycle(app, len(pool))

    assert sorted(first) == sorted(pool)
    assert sorted(second) == sorted(pool)
    assert not set(second[: len(pool) - daily.RECENT]) & set(first[-daily.RECENT :])
    for notices in (first_notices, second_notices):
        given = [index for index, notice in enumerate(notices) if notice is not None]
        assert given == [len(pool) - daily.LOW_STOCK]  # once, when six remain
        assert "6" in notices[given[0]].body


async def test_preview_works_before_setup_and_matches_what_is_posted_next(app):
    post, when = await daily.preview(app, GUILD, app.clock.now(), Terms())
    assert "aren't scheduled yet" in when
    assert post.thread_name == "Reflections — 21 Nov"

    await schedule(app, "America/New_York")
    [(_, _, posted, _)] = await tick(app, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    assert posted == post


async def test_the_next_item_is_stable_until_used(app):
    await schedule(app, "Europe/London")
    first = daily.item_key(await daily.next_item(app, GUILD))
    assert daily.item_key(await daily.next_item(app, GUILD)) == first
    await daily.record_used(app, GUILD, first)
    assert daily.item_key(await daily.next_item(app, GUILD)) != first


async def add_story(app, number, text, warning=None):
    await app.db.execute(
        "INSERT INTO community_reflections (guild_id, story_number, text, content_warning, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (GUILD, number, text, warning, "2026-11-21T12:00:00Z"),
    )


async def test_community_stories_join_the_rotation(app, content):
    await schedule(app, "Europe/London")
    await daily.next_item(app, GUILD)  # a cycle is under way before the stories arrive
    await add_story(app, 12, "The night we lost Mr. B I sat in the stairwell.")
    await add_story(app, 15, "Another night.\nAnother family.", "death of a child")
    pool = len(content.library.reflections()) + 2

    keys, _ = await cycle(app, pool)

    assert {"story:12", "story:15"} <= set(keys)
    assert len(set(keys)) == pool


async def test_vanished_items_are_skipped_silently(app):
    await schedule(app, "Europe/London")
    await add_story(app, 7, "A story later withdrawn.")
    await daily.next_item(app, GUILD)
    order = [key for key, _ in await store.rotation(app.db, GUILD)]
    fronted = ["story:7", "removed-testimony#1", *[key for key in order if key != "story:7"]]
    await store.set_order(app.db, GUILD, fronted, new_cycle=False)
    await app.db.execute("DELETE FROM community_reflections WHERE guild_id = ? AND story_number = 7", (GUILD,))

    item = await daily.next_item(app, GUILD)

    assert daily.item_key(item) == fronted[2]
    stored = {key for key, _ in await store.rotation(app.db, GUILD)}
    assert "story:7" not in stored and "removed-testimony#1" not in stored


def test_community_card_puts_the_content_warning_first_and_hides_the_text():
    story = store.CommunityReflection(15, "Another night.\nAnother || family.", "death of a child")
    card = daily.community_card(story)
    assert card.title == "From a member of this community"
    lines = card.body.split("\n")
    assert lines[0] == "**Content warning:** death of a child"
    assert lines[1] == "||Another night."
    assert lines[2] == "Another |\u200b| family.||"
    assert "— Shared anonymously by a member of this community" in card.body
    assert card.body.endswith("**What stays with you as you read this?**")
    assert "/share" in card.footer and "/resources" in card.footer

    plain = daily.community_card(store.CommunityReflection(3, "Line one\nLine two", None)).body
    assert plain.startswith("> Line one\n> Line two\n— Shared anonymously")


async def test_sleep_until_the_earliest_run_is_capped_at_a_minute(app):
    assert await daily.seconds_until_next(app, app.clock.now()) == daily.MAX_SLEEP
    await schedule(app, "UTC", "12:00", now=datetime(2026, 11, 21, 11, 59, 30, tzinfo=UTC))
    assert await daily.seconds_until_next(app, datetime(2026, 11, 21, 11, 59, 30, tzinfo=UTC)) == 30
    assert await daily.seconds_until_next(app, datetime(2026, 11, 21, 11, 0, tzinfo=UTC)) == daily.MAX_SLEEP
