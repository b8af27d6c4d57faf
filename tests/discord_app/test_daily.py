"""/daily through SimCord: moderators configure it, the scheduler posts with a thread, problems are told once.

The bot runs with its background loop (SimCord parks the loop's sleep until `advance_time`); most
tests drive the scheduler by setting the injected clock and calling the cog's `tick()` directly.
"""

from datetime import UTC, datetime, timedelta

import discord

from bot.core import daily as core
from bot.db import daily as store
from bot.db import guilds
from bot.discord_app.errors import NotAllowed
from bot.discord_app.render import embed
from tests.discord_app.conftest import configure

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # the clock fixture's start: 07:00 in New York


async def let_moderators_use_daily(world):
    """What an admin does in Server Settings → Integrations: the moderator role has no Manage Messages."""
    commands = await world.bot.tree.fetch_commands()
    group = next(command for command in commands if command.name == "daily")
    world.guild.set_command_permissions(group, {world.mod_role: True})


async def ready(world, zone="America/New_York", time="09:00", **options):
    await configure(world)
    await let_moderators_use_daily(world)
    if zone != "UTC":
        result = await world.admin.slash(world.general, "setup timezone", name=zone)
        assert result.response.content.startswith("Saved"), result.response.content
    result = await world.mod.slash(world.general, "daily setup", channel=world.daily, time=time, **options)
    assert result.response.content.startswith("Saved"), result.response.content
    return result


async def tick(world, clock, at):
    clock.set(at)
    await world.bot.get_cog("Daily").tick()
    await world.env.settle()


def posts(channel):
    return [message for message in channel.history() if message.embeds]


async def test_daily_is_hidden_from_members(world):
    assert "daily setup" not in world.member.available_commands(world.general)


async def test_a_member_is_refused_even_when_an_override_shows_daily(world):
    commands = await world.bot.tree.fetch_commands()
    group = next(command for command in commands if command.name == "daily")
    world.guild.set_command_permissions(group, {world.member: True})

    result = await world.member.slash(world.general, "daily setup", channel=world.daily, time="09:00")

    assert result.ephemeral
    assert "moderators" in result.response.content
    assert await store.get(world.db, world.guild.id) is None
    assert isinstance(world.env.errors[-1], NotAllowed)


async def test_moderator_setup_stores_the_schedule_and_says_when_in_local_time(world):
    result = await ready(world, days="weekdays")

    assert result.ephemeral
    content = result.response.content
    assert world.daily.mention in content
    assert "**09:00** on weekdays (Mon–Fri)" in content
    assert "Monday 23 November at 09:00 (America/New_York)" in content  # the 21st is a Saturday
    stored = await store.get(world.db, world.guild.id)
    assert (stored.local_time, stored.days, stored.paused) == ("09:00", "weekdays", False)
    assert stored.next_run == int(datetime(2026, 11, 23, 14, 0, tzinfo=UTC).timestamp())
    assert (await guilds.get(world.db, world.guild.id)).daily_channel_id == world.daily.id


async def test_an_unset_time_zone_uses_utc_and_says_so(world):
    result = await ready(world, zone="UTC", time="13:00")

    assert "Saturday 21 November at 13:00 (UTC)" in result.response.content
    assert "UTC" in result.response.content and "/setup timezone" in result.response.content
    stored = await store.get(world.db, world.guild.id)
    assert stored.next_run == int(datetime(2026, 11, 21, 13, 0, tzinfo=UTC).timestamp())


async def test_bad_times_get_a_clear_message(world):
    await configure(world)
    await let_moderators_use_daily(world)
    for text in ("25:00", "9am"):
        result = await world.mod.slash(world.general, "daily setup", channel=world.daily, time=text)
        assert result.ephemeral
        assert "24-hour HH:MM" in result.response.content
        assert "09:00" in result.response.content
    assert await store.get(world.db, world.guild.id) is None


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(world):
    await configure(world)
    await let_moderators_use_daily(world)
    quiet = world.guild.create_text_channel(
        "quiet", overwrites={world.bot.user: discord.PermissionOverwrite(send_messages=False)}
    )

    result = await world.mod.slash(world.general, "daily setup", channel=quiet, time="09:00")

    assert "Nothing was changed" in result.response.content and "Send Messages" in result.response.content
    assert await store.get(world.db, world.guild.id) is None


async def test_daily_now_posts_with_a_thread_and_keeps_todays_scheduled_post(world, clock):
    await ready(world)  # 09:00 New York = 14:00 UTC, still to come

    result = await world.mod.slash(world.general, "daily now")

    assert result.ephemeral
    assert f"Posting a daily reflection in {world.daily.mention} now" in result.response.content
    assert "Next post: **Saturday 21 November at 09:00 (America/New_York)**" in result.response.content
    [posted] = posts(world.daily)
    assert posted.embeds[0].title == core.DAILY_TITLE
    assert "/share" in posted.embeds[0].footer.text and "/resources" in posted.embeds[0].footer.text
    assert [thread.name for thread in world.daily.threads] == ["Reflections — 21 Nov"]
    assert [used for _, used in await store.rotation(world.db, world.guild.id)].count(True) == 1
    assert (await store.get(world.db, world.guild.id)).last_posted_date is None

    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))

    assert len(posts(world.daily)) == 2
    assert posts(world.daily)[1].embeds[0].description != posted.embeds[0].description
    assert (await store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"


async def test_preview_is_private_and_matches_the_next_post(world, clock):
    await ready(world)

    preview = await world.mod.slash(world.general, "daily preview")
    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))

    assert preview.ephemeral
    assert "Reflections — 21 Nov" in preview.response.content
    [posted] = posts(world.daily)
    shown = preview.response.embeds[0]
    assert (shown.title, shown.description, shown.footer.text) == (
        posted.embeds[0].title,
        posted.embeds[0].description,
        posted.embeds[0].footer.text,
    )
    assert [thread.name for thread in world.daily.threads] == ["Reflections — 21 Nov"]


async def test_pause_stops_the_next_post_and_resume_restores_it(world, clock):
    await ready(world)

    result = await world.mod.slash(world.general, "daily pause")
    assert result.ephemeral and "Paused" in result.response.content
    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    assert posts(world.daily) == []
    assert (await store.get(world.db, world.guild.id)).paused

    result = await world.mod.slash(world.general, "daily resume")
    assert "Sunday 22 November at 09:00 (America/New_York)" in result.response.content
    assert not (await store.get(world.db, world.guild.id)).paused
    await tick(world, clock, datetime(2026, 11, 22, 14, 0, tzinfo=UTC))
    assert len(posts(world.daily)) == 1
    assert [thread.name for thread in world.daily.threads] == ["Reflections — 22 Nov"]


async def test_skip_skips_exactly_one(world, clock):
    await ready(world)

    result = await world.mod.slash(world.general, "daily skip")
    assert result.ephemeral
    assert "Skipping the post on Saturday 21 November at 09:00" in result.response.content
    assert (await store.get(world.db, world.guild.id)).skip_next

    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    assert posts(world.daily) == []
    assert not (await store.get(world.db, world.guild.id)).skip_next
    await tick(world, clock, datetime(2026, 11, 22, 14, 0, tzinfo=UTC))
    assert len(posts(world.daily)) == 1


async def test_missing_permissions_are_told_once_in_the_moderation_channel(world, clock):
    await ready(world)
    quiet = world.guild.create_text_channel(
        "quiet", overwrites={world.bot.user: discord.PermissionOverwrite(send_messages=False)}
    )
    await guilds.update(world.db, world.guild.id, daily_channel_id=quiet.id)  # permissions lost after setup

    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    await tick(world, clock, datetime(2026, 11, 21, 14, 1, tzinfo=UTC))
    await tick(world, clock, datetime(2026, 11, 22, 14, 0, tzinfo=UTC))

    assert posts(quiet) == []
    [notice] = posts(world.mod_channel)
    assert notice.embeds[0].title == "The daily reflection could not be posted"
    assert "Send Messages" in notice.embeds[0].description
    stored = await store.get(world.db, world.guild.id)
    assert "Send Messages" in stored.blocked_reason
    assert stored.next_run == int(datetime(2026, 11, 23, 14, 0, tzinfo=UTC).timestamp())

    await guilds.update(world.db, world.guild.id, daily_channel_id=world.daily.id)  # fixed
    clock.set(datetime(2026, 11, 23, 14, 30, tzinfo=UTC))
    result = await world.mod.slash(world.general, "daily resume")
    assert "within a minute" in result.response.content
    await tick(world, clock, datetime(2026, 11, 23, 14, 30, tzinfo=UTC))
    assert len(posts(world.daily)) == 1
    assert (await store.get(world.db, world.guild.id)).blocked_reason is None


async def test_without_a_moderation_channel_the_owner_is_told_by_dm_once(world, clock, content):
    await core.configure(world.bot.app, world.guild.id, 999, "09:00", "daily", NOON)  # a deleted channel

    await tick(world, clock, datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    await tick(world, clock, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))

    [dm] = [message for message in world.guild.owner.dm_channel.history() if message.embeds]
    assert "Night Shift" in dm.content
    assert "no longer exists" in dm.embeds[0].description
    assert (await store.get(world.db, world.guild.id)).blocked_reason is not None


async def test_the_background_loop_posts_when_time_comes(world, clock):
    await ready(world)
    clock.set(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))

    await world.env.advance_time(core.MAX_SLEEP)

    assert len(posts(world.daily)) == 1
    assert (await store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"
    await world.env.advance_time(timedelta(minutes=5).total_seconds())
    assert len(posts(world.daily)) == 1


async def test_a_server_error_is_retried_looking_first_and_a_refusal_is_told_once(world, clock):
    await ready(world)
    world.env.inject_error("POST", f"/channels/{world.daily.id}/messages", status=503)
    await tick(world, clock, datetime(2026, 11, 21, 14, 0, tzinfo=UTC))

    stored = await store.get(world.db, world.guild.id)
    assert (stored.claimed_for, stored.last_posted_date, stored.blocked_reason) == ("2026-11-21", None, None)
    assert posts(world.mod_channel) == [] and posts(world.daily) == []
    await tick(world, clock, datetime(2026, 11, 21, 14, 5, tzinfo=UTC))  # looks first, then posts once
    await tick(world, clock, datetime(2026, 11, 21, 14, 10, tzinfo=UTC))
    assert len(posts(world.daily)) == 1
    assert (await store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"

    world.env.inject_error("POST", f"/channels/{world.daily.id}/messages", status=403, code=50013, times=2)
    await tick(world, clock, datetime(2026, 11, 22, 14, 0, tzinfo=UTC))
    await tick(world, clock, datetime(2026, 11, 23, 14, 0, tzinfo=UTC))

    [notice] = posts(world.mod_channel)
    assert "refused" in notice.embeds[0].description
    assert len(posts(world.daily)) == 1
    assert [used for _, used in await store.rotation(world.db, world.guild.id)].count(True) == 1


async def test_a_crash_between_claim_and_post_posts_once_after_restart(world, clock, make_bot):
    await ready(world)
    clock.set(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    [schedule] = await core.due_posts(world.bot.app, clock.now())
    assert await core.claim(world.bot.app, schedule, clock.now()) is not None  # then the process dies

    await world.env.restart_bot(make_bot())
    await tick(world, clock, datetime(2026, 11, 21, 14, 3, tzinfo=UTC))
    await tick(world, clock, datetime(2026, 11, 21, 14, 6, tzinfo=UTC))

    assert len(posts(world.daily)) == 1
    assert (await store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"


async def test_a_post_made_before_a_crash_is_found_not_posted_again(world, clock, make_bot):
    await ready(world)
    clock.set(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    app = world.bot.app
    [schedule] = await core.due_posts(app, clock.now())
    claimed = await core.claim(app, schedule, clock.now())
    post = await core.next_post(app, claimed.guild_id, claimed.local_date)
    await world.bot.get_channel(world.daily.id).send(embed=embed(post.card))  # then the process dies

    await world.env.restart_bot(make_bot())
    await tick(world, clock, datetime(2026, 11, 21, 14, 3, tzinfo=UTC))

    assert len(posts(world.daily)) == 1
    assert (await store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"
