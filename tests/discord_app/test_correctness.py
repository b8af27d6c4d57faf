"""Defects seen end to end, each fixed: races between actions, wrong words, silent failures."""

import asyncio
import logging

import pytest

from bot.core import moderation, stories
from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import share
from tests.samples import STORY


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def submitted(world, **extra):
    preview = await share(world, STORY, **extra)
    await world.member.click(preview.response.message, label="Submit")
    return await store.by_number(world.db, world.guild.id, await world.db.fetchval("SELECT max(number) FROM stories"))


async def test_approve_racing_the_authors_remove_leaves_nothing_in_the_daily_rotation(ready):
    world = ready
    story = await submitted(world, for_reflection=True)
    app = world.bot.app

    await asyncio.gather(
        moderation.approve(app, world.guild.id, story.id, world.mod.id),
        stories.take_down(app, story.id, story.author_key, None),
        return_exceptions=True,
    )

    current = await store.get(world.db, story.id)
    in_rotation = await world.db.fetchval("SELECT count(*) FROM community_reflections")
    assert (current.status, in_rotation) in (("removed", 0), ("approved", 1))


async def test_blocking_the_author_of_an_approved_story_does_not_claim_it_was_rejected(ready):
    world = ready
    await submitted(world)
    asked = await world.mod.click(world.mod_channel.last_message, label="Block author")
    await world.admin.click(world.mod_channel.last_message, label="Approve")  # meanwhile

    done = await world.mod.click(asked.response.message, label="Yes, block the author")

    assert "rejected" not in done.response.content
    assert "blocked" in done.response.content
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "approved"
    assert await world.db.fetchval("SELECT count(*) FROM blocks") == 1


async def test_the_mod_log_does_not_call_a_reporter_the_author(ready):
    world = ready
    await submitted(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    world.bot.app.clock.set(world.bot.app.clock.now().replace(hour=13))
    await world.bot.get_cog("Moderation").publish_due()
    post = next(m for m in world.stories.history() if m.embeds)
    await world.member.context_menu(world.stories, "Report to moderators", post)

    log = await world.mod.slash(world.general, "mod log")

    [line] = [line for line in log.response.embeds[0].description.splitlines() if "reported" in line]
    assert "the author" not in line


async def test_a_reply_to_an_author_who_chose_no_notices_says_it_cannot_be_delivered(ready):
    world = ready
    await submitted(world, notify=False)

    shown = await world.mod.click(world.mod_channel.last_message, label="Reply to author")
    done = await world.mod.submit_modal(shown, {"reply": "Thank you for sharing this."})

    assert "can't be delivered" in done.response.content
    assert "DMs are closed" not in done.response.content
    assert world.member.user.dm_channel is None or world.member.user.dm_channel.last_message is None


async def test_a_failing_button_gets_a_private_answer_with_a_reference_and_logs_no_text(ready, monkeypatch, caplog):
    world = ready
    preview = await share(world, STORY)

    async def broken(*args, **kwargs):
        raise RuntimeError("the story text: " + STORY)

    monkeypatch.setattr(stories, "draft_for", broken)
    with caplog.at_level(logging.DEBUG):
        answered = await world.member.click(preview.response.message, label="Submit")

    assert answered.ephemeral and "reference" in answered.response.content
    assert STORY[:40] not in caplog.text


async def test_a_moderator_form_opened_before_a_restart_is_answered(ready, make_bot):
    world = ready
    await submitted(world)
    shown = await world.mod.click(world.mod_channel.last_message, label="Reject")

    await world.env.restart_bot(make_bot())
    done = await world.mod.submit_modal(shown, {"reason": "Please leave out the colleague's name."})

    assert done.ephemeral and "Rejected" in done.response.content
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "rejected"


async def test_a_nested_transaction_joins_the_outer_one(ready):
    db = ready.db

    async def nested():
        async with db.transaction():
            await db.execute("INSERT INTO guilds (guild_id) VALUES (777)")
            async with db.transaction():
                assert await db.fetchval("SELECT count(*) FROM guilds WHERE guild_id = 777") == 1

    await asyncio.wait_for(nested(), timeout=5)  # a lock that is not re-entrant would hang here
    assert await db.fetchval("SELECT count(*) FROM guilds WHERE guild_id = 777") == 1


async def test_approve_is_answered_before_any_other_call_to_discord(ready):
    world = ready
    await submitted(world)
    before = len(world.env.http_requests)

    await world.mod.click(world.mod_channel.last_message, label="Approve")

    calls = [(r.method, r.path) for r in world.env.http_requests[before:]]
    assert "/callback" in calls[0][1], calls  # the answer first; the queue edit and the author's DM after
    assert any(method == "PATCH" for method, _ in calls[1:]) and any("/users/" in path for _, path in calls[1:])


async def test_a_draft_is_screened_once_from_preview_to_queue(ready, monkeypatch):
    world = ready
    calls = []
    real = stories.screen

    def counting(draft):
        calls.append(draft.id)
        return real(draft)

    monkeypatch.setattr(stories, "screen", counting)
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    assert len(calls) == 1
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "pending"
