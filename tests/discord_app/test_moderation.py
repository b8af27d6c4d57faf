"""Moderator commands, persistence across restarts, retention, and joining a server."""

from datetime import timedelta

import pytest

from bot.db import guilds
from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import publish, share
from tests.samples import STORY, URGENT


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def submit(world, text=STORY, **extra):
    preview = await share(world, text, **extra)
    await world.member.click(preview.response.message, label="Submit")


async def test_queue_lists_urgent_first_then_oldest_and_log_never_names_authors(ready):
    world = ready
    await submit(world)
    await share(world, URGENT)

    queue = await world.mod.slash(world.general, "mod queue")
    assert queue.ephemeral
    lines = queue.response.embeds[0].description.splitlines()
    assert lines[0].startswith("🔴 URGENT · **#2**") and lines[1].startswith("**#1**")

    first = next(m for m in world.mod_channel.history() if m.embeds and m.embeds[0].title == "Story #1")
    await world.mod.click(first, label="Approve")
    log = await world.mod.slash(world.general, "mod log")
    body = log.response.embeds[0].description
    assert f"#1 · approve · <@{world.mod.id}>" in body
    assert world.member.name not in body and str(world.member.id) not in body


async def test_members_cannot_use_mod_commands(ready):
    world = ready
    assert "mod queue" not in world.member.available_commands(world.general)
    assert "mod queue" in world.mod.available_commands(world.general)


async def test_queue_buttons_work_after_a_restart(ready, make_bot):
    world = ready
    await submit(world)
    queued = world.mod_channel.last_message

    await world.env.restart_bot(make_bot())
    approved = await world.mod.click(queued, label="Approve")

    assert "Approved" in approved.response.content
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "approved"


async def test_a_story_offered_for_reflection_joins_the_daily_rotation_when_approved(ready):
    world = ready
    await submit(world, for_reflection=True)
    await world.mod.click(world.mod_channel.last_message, label="Approve")

    row = await world.db.fetchone(
        "SELECT story_number, text FROM community_reflections WHERE guild_id = ?", (world.guild.id,)
    )
    assert tuple(row) == (1, STORY)

    await world.mod.slash(world.general, "mod unpublish", number=1)
    assert await world.db.fetchval("SELECT count(*) FROM community_reflections") == 0


async def test_edit_and_approve_publishes_the_moderators_redaction(ready):
    world = ready
    await submit(world)

    shown = await world.mod.click(world.mod_channel.last_message, label="Edit & approve")
    await world.mod.submit_modal(shown, {"story": STORY.replace("young man", "[patient]"), "content_warning": "death"})
    await publish(world)

    post = next(m for m in world.stories.history() if m.embeds)
    assert "[patient]" in post.embeds[0].description and "young man" not in post.embeds[0].description
    assert post.embeds[0].description.startswith("**Content warning:** death\n||")


async def test_retention_erases_rejected_text_after_7_days_and_sealed_ids_after_30(ready):
    world = ready
    await submit(world)
    shown = await world.mod.click(world.mod_channel.last_message, label="Reject")
    await world.mod.submit_modal(shown, {"reason": ""})
    cog = world.bot.get_cog("Moderation")
    clock = world.bot.app.clock

    clock.set(clock.now() + timedelta(days=6))
    await cog.tick()
    story = await store.by_number(world.db, world.guild.id, 1)
    assert story.text == STORY and story.sealed_author is not None

    clock.set(clock.now() + timedelta(days=2))
    await cog.tick()
    story = await store.by_number(world.db, world.guild.id, 1)
    assert story.text is None and story.sealed_author is not None

    clock.set(clock.now() + timedelta(days=23))
    await cog.tick()
    assert (await store.by_number(world.db, world.guild.id, 1)).sealed_author is None
    mine = await world.member.slash(world.general, "mystories")
    assert "not published" in mine.response.embeds[0].fields[0].value


async def test_sharing_needs_a_moderation_channel(world):
    result = await world.member.slash(world.general, "share")

    assert result.modal is None
    assert "isn't set up in this server yet" in result.response.content


async def test_joining_a_server_tells_the_owner_privately(world):
    owner = world.env.create_user("olga")
    guild = world.env.create_guild("Ward Team", owner=owner)
    await world.env.settle()
    # SimCord announces a created guild as available; run the join handler Discord's invite event calls
    # (awaited, so its database work is finished before the assertions).
    await world.bot.get_cog("Lifecycle").on_guild_join(world.bot.get_guild(guild.id))
    await world.env.settle()

    dm = owner.dm_channel.last_message
    assert dm.embeds[0].title == "Stairwell has joined Ward Team"
    assert "/setup channels" in dm.embeds[0].description
    assert all(channel.last_message is None for channel in guild.channels.values() if hasattr(channel, "last_message"))
    assert await world.db.fetchval("SELECT platform FROM guilds WHERE guild_id = ?", (guild.id,)) == "discord"


async def test_a_short_reply_is_delivered(ready):
    world = ready
    await submit(world)

    shown = await world.mod.click(world.mod_channel.last_message, label="Reply to author")
    done = await world.mod.submit_modal(shown, {"reply": "Are you safe right now?"})

    assert "was sent" in done.response.content
    assert world.member.user.dm_channel.last_message.content.endswith("Are you safe right now?")
    assert tuple(await world.db.fetchone("SELECT text, delivered FROM story_replies")) == ("Are you safe right now?", 1)


async def test_a_form_submitted_after_losing_the_moderator_role_is_refused_politely(ready):
    world = ready
    await submit(world)
    shown = await world.mod.click(world.mod_channel.last_message, label="Reject")
    await guilds.update(world.db, world.guild.id, moderator_role_id=None)

    refused = await world.mod.submit_modal(shown, {"reason": "no"})

    assert refused.ephemeral
    assert "Only this server's Stairwell moderators" in refused.response.content
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "pending"
