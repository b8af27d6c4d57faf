"""Every post the bot makes is made exactly once: concurrent workers, crashes mid-post, ambiguous errors."""

import asyncio
from datetime import timedelta

import pytest

from bot.core import publishing
from bot.core.app import Timing
from bot.core.flows import jobs
from bot.core.flows import share as share_flow
from bot.core.flows.port import Outgoing, Place, Where
from bot.core.flows.results import Actor
from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import posts, publish, share
from tests.samples import STORY, URGENT


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


def queue_posts(world, number=1):
    return [m for m in world.mod_channel.history() if m.embeds and m.embeds[0].title.startswith(f"Story #{number}")]


async def submitted(world, text=STORY):
    preview = await share(world, text)
    await world.member.click(preview.response.message, label="Submit")
    return await store.by_number(world.db, world.guild.id, await world.db.fetchval("SELECT max(number) FROM stories"))


def later(world, minutes):
    clock = world.bot.app.clock
    clock.set(clock.now() + timedelta(minutes=minutes))


async def test_a_submit_while_the_background_job_runs_is_queued_once(ready):
    world = ready
    app, platform = world.bot.app, world.bot.platform
    preview = await share(world, STORY)
    cog = world.bot.get_cog("Moderation")

    await asyncio.gather(
        world.member.click(preview.response.message, label="Submit"), cog.tick(), cog.tick(), cog.tick()
    )
    await asyncio.gather(jobs.queue_due(app, platform), jobs.queue_story(app, platform, 1))

    assert len(queue_posts(world)) == 1
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert (stored.queue_state, stored.queue_message_id) == ("posted", queue_posts(world)[0].id)


async def test_a_crash_after_the_queue_post_and_before_its_id_is_recorded_leaves_one_post(ready, make_bot):
    world = ready
    app = world.bot.app
    app.timing = Timing(queue_delay=(600, 600))  # so Submit leaves the post to the outbox
    story = await submitted(world)
    later(world, 11)
    claimed = await store.claim_queue(app.db, story.id, int(app.clock.now().timestamp()), jobs.QUEUE_LEASE)
    where = Where(world.guild.id, Place.QUEUE, world.mod_channel.id)
    await world.bot.platform.post(where, await jobs.queue_post(app, claimed), nonce="queue-1")  # then the crash

    await world.env.restart_bot(make_bot())
    later(world, 5)
    await world.bot.get_cog("Moderation").tick()

    [post] = queue_posts(world)
    assert (await store.get(world.db, story.id)).queue_message_id == post.id
    await world.mod.click(post, label="Approve")
    [closed] = queue_posts(world)
    assert closed.components == [] and STORY not in (closed.embeds[0].description or "")


async def test_a_story_resolved_while_its_queue_post_was_in_flight_gets_no_live_copy(ready, make_bot):
    world = ready
    app = world.bot.app
    app.timing = Timing(queue_delay=(600, 600))
    story = await submitted(world)
    later(world, 11)
    claimed = await store.claim_queue(app.db, story.id, int(app.clock.now().timestamp()), jobs.QUEUE_LEASE)
    where = Where(world.guild.id, Place.QUEUE, world.mod_channel.id)
    await world.bot.platform.post(where, await jobs.queue_post(app, claimed), nonce="queue-1")
    mine = await world.member.slash(world.general, "mystories")
    await world.member.click(mine.response.message, label="Withdraw #1")

    await world.env.restart_bot(make_bot())
    later(world, 5)
    await world.bot.get_cog("Moderation").tick()

    [post] = queue_posts(world)
    assert post.components == [] and STORY not in (post.embeds[0].description or "")


async def test_a_non_urgent_story_reaches_the_queue_after_the_delay_and_an_urgent_one_at_once(ready):
    world = ready
    world.bot.app.timing = Timing(queue_delay=(60, 300))
    await submitted(world)
    assert queue_posts(world) == []  # Discord's own timestamp would show when it was sent

    await share(world, URGENT)
    assert len(queue_posts(world, 2)) == 1

    later(world, 6)
    await world.bot.get_cog("Moderation").tick()
    assert len(queue_posts(world)) == 1


async def test_a_story_post_discord_made_before_an_error_is_found_not_posted_again(ready):
    world = ready
    app = world.bot.app
    story = await submitted(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    later(world, 15)
    [due] = await publishing.due(app)
    assert await publishing.claim(app, due)
    # Discord made the post, then answered 503: the attempt is recorded as failed and retried later.
    where = Where(world.guild.id, Place.STORIES, world.stories.id)
    await world.bot.platform.post(where, Outgoing(card=publishing.published_card(due)), nonce="x")
    await publishing.failed(app, due)

    await publish(world)
    await publish(world)

    assert len(posts(world.stories)) == 1
    assert (await store.get(world.db, story.id)).published_message_id == posts(world.stories)[0].id


async def test_the_check_for_an_earlier_post_reads_past_fifty_messages_and_does_not_give_up_on_one_error(
    ready, make_bot
):
    world = ready
    app = world.bot.app
    story = await submitted(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    later(world, 15)
    [due] = await publishing.due(app)
    assert await publishing.claim(app, due)
    channel = world.bot.get_channel(world.stories.id)
    from bot.discord_app.render import embed

    await channel.send(embed=embed(publishing.published_card(due)))
    for n in range(60):
        await channel.send(f"a busy channel, message {n}")

    await world.env.restart_bot(make_bot())
    world.env.inject_error("GET", f"/channels/{world.stories.id}/messages", status=503, times=1)
    await publish(world)
    assert len(posts(world.stories)) == 1  # one error: not taken for "no post", nothing posted
    await publish(world)

    assert len(posts(world.stories)) == 1
    assert (await store.get(world.db, story.id)).status == "published"


async def test_every_post_carries_a_nonce(ready):
    world = ready
    await submitted(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)

    creates = [
        r.json
        for r in world.env.http_requests
        if r.method == "POST"
        and r.path in (f"/channels/{world.mod_channel.id}/messages", f"/channels/{world.stories.id}/messages")
        and isinstance(r.json, dict)
        and r.json.get("embeds")
    ]
    assert len(creates) == 2
    # One nonce per intent, the same on every attempt, so Discord drops a quick duplicate.
    assert [(payload["nonce"], payload["enforce_nonce"]) for payload in creates] == [
        ("queue-1", True),
        ("story-1-1", True),
    ]


async def test_two_publishers_at_once_post_once(ready):
    world = ready
    app, platform = world.bot.app, world.bot.platform
    await submitted(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    later(world, 15)

    await asyncio.gather(jobs.publish_due(app, platform), jobs.publish_due(app, platform))

    assert len(posts(world.stories)) == 1


async def test_concurrent_submits_cannot_pass_the_daily_limit(ready):
    world = ready
    app = world.bot.app
    person = Actor(
        platform="discord",
        user_id=world.member.id,
        guild_id=world.guild.id,
        author_key=app.identity.author_key("discord", world.member.id),
        name="mia",
    )
    drafts = []
    for n in range(4):
        preview = await share_flow.receive(app, person, STORY + f" Night {n}.", None, for_reflection=False, notify=True)
        drafts.append(preview.reply.choices[0].target)

    results = await asyncio.gather(*(share_flow.draft_action(app, person, draft, "submit") for draft in drafts))

    assert await world.db.fetchval("SELECT count(*) FROM stories") == 3
    refused = [r for r in results if "can't share another story" in (r.reply.text or "")]
    assert len(refused) == 1
    assert await world.db.fetchval("SELECT count(*) FROM drafts") == 1  # nothing written is lost
