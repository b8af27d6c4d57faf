"""Issue 9's races and faults that had no end-to-end test, through SimCord: what people see and what is stored."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import discord
import pytest

from bot.core import moderation
from bot.core.app import Timing
from bot.core.flows import effects, jobs
from bot.core.flows import moderation as mod_flow
from bot.core.flows.port import Place
from bot.core.flows.results import Actor
from bot.db import daily as daily_store
from bot.db import stories as store
from bot.discord_app.platform import DiscordPlatform
from bot.telegram_app.render import markup_to_html
from tests.discord_app import test_daily as daily
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import posts, publish, share
from tests.samples import STORY, URGENT


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def published(world, actor, text=STORY):
    preview = await share(world, text, actor=actor)
    await actor.click(preview.response.message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    return posts(world.stories)[-1]


async def test_an_old_reports_unpublish_never_removes_a_newer_story_after_forgetme(ready):
    world = ready
    first = await published(world, world.member)
    await world.observer.context_menu(world.stories, "Report to moderators", first)
    report = world.mod_channel.last_message
    asked = await world.member.slash(world.general, "forgetme")
    await world.member.click(asked.response.message, label="Yes, delete everything")

    newer = await published(world, world.observer, STORY + " Another night.")
    late = await world.mod.click(report, label="Unpublish")

    assert late.ephemeral and "no longer exists" in late.response.content
    assert [post.id for post in posts(world.stories)] == [newer.id]
    assert (await store.by_number(world.db, world.guild.id, 2)).status == "published"


def queue_posts(world):
    return [m for m in world.mod_channel.history() if m.embeds and m.embeds[0].title.startswith("Story #1")]


def role_pings(world):
    return [m for m in world.mod_channel.history() if m.content.startswith(f"<@&{world.mod_role.id}>")]


async def test_workers_racing_for_a_due_queue_post_make_it_once(ready):
    world = ready
    app, platform = world.bot.app, world.bot.platform
    app.timing = Timing(queue_delay=(600, 600))  # Submit leaves the post to the outbox
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    app.clock.set(app.clock.now() + timedelta(minutes=11))

    await asyncio.gather(
        jobs.queue_due(app, platform), jobs.queue_due(app, platform), jobs.queue_story(app, platform, 1)
    )

    [post] = queue_posts(world)
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert (stored.queue_state, stored.queue_message_id, stored.queue_attempts) == ("posted", post.id, 1)


async def test_an_urgent_story_is_posted_and_pinged_once_when_the_background_job_runs_mid_post(ready, monkeypatch):
    world = ready
    app, platform = world.bot.app, world.bot.platform
    real_post = DiscordPlatform.post
    ran: list[int] = []
    busy: list[bool] = []

    async def post_while_the_job_runs(self, where, message, *, nonce):
        if where.place is Place.QUEUE and not busy:
            busy.append(True)
            ran.append(await jobs.queue_due(app, platform))  # the loop wakes while Submit's post is in flight
        return await real_post(self, where, message, nonce=nonce)

    monkeypatch.setattr(DiscordPlatform, "post", post_while_the_job_runs)
    shared = await share(world, URGENT)

    assert shared.ephemeral and "marked so they read it first" in shared.response.content
    assert ran == [0]
    assert len(queue_posts(world)) == 1 and len(role_pings(world)) == 1
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert (stored.crisis_level, stored.queue_state, stored.queue_message_id) == (
        "urgent",
        "posted",
        queue_posts(world)[0].id,
    )


@pytest.mark.parametrize(
    ("label", "values", "stored"),
    [
        ("Approve with content warning", {"content_warning": "death of a child"}, "death of a child"),
        ("Edit & approve", {"story": STORY + " Edited.", "content_warning": ""}, None),
    ],
)
async def test_an_approval_form_opened_before_a_restart_is_answered_and_saved(ready, make_bot, label, values, stored):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    shown = await world.mod.click(world.mod_channel.last_message, label=label)
    assert shown.modal is not None

    await world.env.restart_bot(make_bot())
    done = await world.mod.submit_modal(shown, values)

    assert done.ephemeral and "Approved" in done.response.content
    story = await store.by_number(world.db, world.guild.id, 1)
    assert (story.status, story.content_warning) == ("approved", stored)
    assert story.text == values.get("story", STORY)
    [queued] = queue_posts(world)
    assert queued.components == [] and STORY not in (queued.embeds[0].description or "")


def made_then_failed(monkeypatch, channel_id, status):
    """Discord creates the message, then answers 500 or 503: the bot cannot know the post exists."""
    real_send = discord.TextChannel.send
    failed: list[int] = []

    async def send(self, *args, **kwargs):
        sent = await real_send(self, *args, **kwargs)
        if self.id == channel_id and not failed:
            failed.append(sent.id)
            raise discord.DiscordServerError(SimpleNamespace(status=status, reason="Server Error"), "made, then failed")
        return sent

    monkeypatch.setattr(discord.TextChannel, "send", send)
    return failed


@pytest.mark.parametrize("status", [500, 503])
async def test_a_story_post_discord_made_then_answered_an_error_is_not_posted_again(ready, monkeypatch, status):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    failed = made_then_failed(monkeypatch, world.stories.id, status)

    await publish(world)
    story = await store.by_number(world.db, world.guild.id, 1)
    assert len(failed) == 1 and (story.status, story.publish_state) == ("approved", "due")
    world.bot.app.clock.set(world.bot.app.clock.now() + timedelta(hours=2))
    await publish(world)

    [post] = posts(world.stories)
    story = await store.by_number(world.db, world.guild.id, 1)
    assert post.id == failed[0] == story.published_message_id and story.status == "published"


@pytest.mark.parametrize("status", [500, 503])
async def test_a_queue_post_discord_made_then_answered_an_error_is_not_posted_again(ready, monkeypatch, status):
    world = ready
    failed = made_then_failed(monkeypatch, world.mod_channel.id, status)
    preview = await share(world, STORY)
    submitted = await world.member.click(preview.response.message, label="Submit")
    assert "story #1" in submitted.response.content and len(failed) == 1

    world.bot.app.clock.set(world.bot.app.clock.now() + timedelta(minutes=5))
    await world.bot.get_cog("Moderation").tick()

    [post] = queue_posts(world)
    story = await store.by_number(world.db, world.guild.id, 1)
    assert post.id == failed[0] == story.queue_message_id and story.queue_state == "posted"
    done = await world.mod.click(post, label="Approve")
    assert "Approved" in done.response.content


# -- daily posts ---------------------------------------------------------------------------------------------

FIRST_RUN = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)  # 09:00 in New York, the time daily.ready sets


async def test_the_first_daily_setup_wakes_the_loop_so_the_first_post_is_on_time(world, clock):
    clock.set(FIRST_RUN - timedelta(seconds=20))
    await world.env.advance_time(1)  # the loop has gone to sleep with nothing to do (up to a minute)

    await daily.ready(world)
    clock.set(FIRST_RUN)
    await world.env.advance_time(21)

    assert len(daily.posts(world.daily)) == 1
    assert (await daily_store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"


@pytest.mark.parametrize("status", [500, 503])
async def test_a_daily_post_discord_made_then_answered_an_error_is_not_lost_or_posted_again(
    world, clock, monkeypatch, status
):
    await daily.ready(world)
    failed = made_then_failed(monkeypatch, world.daily.id, status)

    await daily.tick(world, clock, FIRST_RUN)
    assert len(failed) == 1 and (await daily_store.get(world.db, world.guild.id)).last_posted_date is None
    await daily.tick(world, clock, FIRST_RUN + timedelta(minutes=2))
    await daily.tick(world, clock, FIRST_RUN + timedelta(minutes=4))

    [post] = daily.posts(world.daily)
    assert post.id == failed[0]
    stored = await daily_store.get(world.db, world.guild.id)
    assert (stored.last_posted_date, stored.claimed_for) == ("2026-11-21", None)


async def test_five_server_errors_in_a_row_do_not_lose_the_daily_post(world, clock):
    await daily.ready(world)
    world.env.inject_error("POST", f"/channels/{world.daily.id}/messages", status=500, times=5)

    for attempt in range(5):
        await daily.tick(world, clock, FIRST_RUN + timedelta(minutes=2 * attempt))
        assert daily.posts(world.daily) == []
    await daily.tick(world, clock, FIRST_RUN + timedelta(minutes=10))
    await daily.tick(world, clock, FIRST_RUN + timedelta(minutes=12))

    assert len(daily.posts(world.daily)) == 1
    assert (await daily_store.get(world.db, world.guild.id)).last_posted_date == "2026-11-21"


# -- moderators ------------------------------------------------------------------------------------------


def moderator(world, member):
    app = world.bot.app
    return Actor(
        platform="discord",
        user_id=member.id,
        guild_id=world.guild.id,
        author_key=app.identity.author_key("discord", member.id),
        sealed=app.identity.seal("discord", member.id),
        name=member.name,
        is_moderator=True,
    )


async def test_two_moderators_approving_and_rejecting_at_once_resolve_the_story_once(ready):
    world = ready
    app, platform = world.bot.app, world.bot.platform
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    results = await asyncio.gather(
        mod_flow.approve(app, moderator(world, world.mod), 1),
        mod_flow.reject(app, moderator(world, world.admin), 1, None),
    )
    for result in results:
        await effects.carry_out(app, platform, result.effects)

    won = [r for r in results if r.reply.text.startswith("Done — story #1")]
    lost = [r for r in results if "already handled" in r.reply.text]
    assert len(won) == 1 and len(lost) == 1
    story = await store.by_number(world.db, world.guild.id, 1)
    assert story.status in ("approved", "rejected")
    assert await world.db.fetchval("SELECT count(*) FROM mod_log WHERE action IN ('approve', 'reject')") == 1
    [queued] = queue_posts(world)
    assert queued.components == [] and story.status in queued.embeds[0].description.lower()
    await publish(world)
    assert len(posts(world.stories)) == (1 if story.status == "approved" else 0)


async def test_a_story_approved_while_its_queue_post_is_being_recorded_is_closed(ready, monkeypatch):
    world = ready
    app = world.bot.app
    real_post = DiscordPlatform.post

    async def approved_meanwhile(self, where, message, *, nonce):
        ref = await real_post(self, where, message, nonce=nonce)
        if where.place is Place.QUEUE:  # a moderator clicks before the post's id is recorded
            await moderation.approve(app, world.guild.id, 1, world.mod.id)
        return ref

    monkeypatch.setattr(DiscordPlatform, "post", approved_meanwhile)
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    [queued] = queue_posts(world)
    assert queued.components == [] and STORY not in (queued.embeds[0].description or "")
    story = await store.by_number(world.db, world.guild.id, 1)
    assert (story.status, story.queue_message_id) == ("approved", queued.id)


# -- the crisis card without a server region -----------------------------------------------------------------


async def test_without_a_region_the_crisis_card_follows_the_members_language_and_keeps_the_emergency_line(ready):
    world = ready  # no /setup region; SimCord's members use Discord in en-US

    shared = await share(world, URGENT)

    crisis = shared.response.embeds[0]
    assert crisis.title == "You don't have to carry this alone"
    assert "988" in crisis.description and "911" in crisis.description  # US lines, from the member's language
    assert "Find A Helpline" in crisis.description  # and always an international directory
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert (stored.crisis_level, stored.status) == ("urgent", "pending")


# -- one error handler -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("restarted", [False, True])
async def test_a_failing_moderator_form_gets_a_private_answer_with_a_reference_and_logs_no_text(
    ready, make_bot, monkeypatch, caplog, restarted
):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    shown = await world.mod.click(world.mod_channel.last_message, label="Reject")
    if restarted:  # the listener for forms from an earlier run answers it, not the live modal
        await world.env.restart_bot(make_bot())

    async def broken(*args, **kwargs):
        raise RuntimeError("the story text: " + STORY)

    monkeypatch.setattr(moderation, "reject", broken)
    with caplog.at_level(logging.DEBUG):
        done = await world.mod.submit_modal(shown, {"reason": "It names a colleague."})

    assert (
        done.ephemeral
        and "reference" in done.response.content
        and "Nothing you wrote was lost" in done.response.content
    )
    assert STORY[:40] not in caplog.text and "It names a colleague" not in caplog.text
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "pending"
    assert {type(error).__name__ for error in world.env.errors} <= {"RuntimeError"}  # handled, and seen by SimCord


# -- story text limits: what is stored and what is published ------------------------------------------------


async def test_a_full_length_redacted_story_is_published_whole_not_clipped(ready):
    world = ready
    unit = "She was in bed 4 all night and I sat with her. "
    text = (unit * (4000 // len(unit) + 1))[:3999] + "."
    preview = await share(world, text)
    await world.member.click(preview.response.message, label="Submit redacted version")
    shown = await world.mod.click(world.mod_channel.last_message, label="Edit & approve")
    stored = await store.by_number(world.db, world.guild.id, 1)
    await world.mod.submit_modal(shown, {"story": stored.text, "content_warning": ""})
    await publish(world)

    [post] = posts(world.stories)
    assert post.embeds[0].description == stored.text and not post.embeds[0].description.endswith("…")
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "published"


async def test_emoji_joined_by_zero_width_joiners_are_stored_and_published_whole(ready):
    world = ready
    text = "As the 👩\u200d⚕️ on shift, under the 🏳\ufe0f\u200d🌈 pin on my badge, I held his hand. " + STORY

    await published(world, world.member, text)

    stored = await store.by_number(world.db, world.guild.id, 1)
    assert "👩\u200d⚕️" in stored.text and "🏳\ufe0f\u200d🌈" in stored.text
    assert "👩\u200d⚕️" in posts(world.stories)[0].embeds[0].description


def unescaped_spoiler_marks(text):
    return text.replace("\\|", "").count("||")


async def test_bars_in_a_story_behind_a_content_warning_never_end_its_spoiler_early(ready):
    world = ready
    text = "The monitor read || nothing || and then " + STORY
    preview = await share(world, text, content_warning="death of a patient")
    await world.member.click(preview.response.message, label="Submit")
    [queued] = queue_posts(world)
    assert unescaped_spoiler_marks(queued.embeds[0].description) == 2
    await world.mod.click(queued, label="Approve")
    await publish(world)

    description = posts(world.stories)[0].embeds[0].description
    assert unescaped_spoiler_marks(description) == 2 and description.endswith("||")
    assert (await store.by_number(world.db, world.guild.id, 1)).text == text  # stored as the author wrote it


@pytest.mark.parametrize("ending", ["\\", "|", "||"])
async def test_a_story_ending_in_a_backslash_or_a_bar_stays_behind_its_spoiler(ready, ending):
    world = ready
    text = STORY + " I typed it on the ward PC " + ending
    preview = await share(world, text, content_warning="death of a patient")
    await world.member.click(preview.response.message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)

    description = posts(world.stories)[0].embeds[0].description
    hidden = description.split("\n", 1)[1]
    assert hidden.startswith("||") and hidden.endswith("||") and hidden[-3] not in "\\|"
    assert unescaped_spoiler_marks(hidden) == 2
    # The same card through Telegram's renderer: one spoiler holding the whole story, no stray marks.
    rendered = markup_to_html(hidden)
    assert rendered.startswith("<tg-spoiler>") and rendered.endswith("</tg-spoiler>") and "||" not in rendered
    assert (await store.by_number(world.db, world.guild.id, 1)).text == text
