"""Anonymity, pings, races and faults around sharing and publishing."""

import asyncio
import logging
from datetime import timedelta

import pytest

from bot.core import moderation, publishing
from bot.core.moderation import ModerationError
from bot.db import stories as store
from bot.discord_app.render import embed
from tests import backends
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import posts, publish, share
from tests.samples import STORY, URGENT


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def submit(world, text=STORY):
    preview = await share(world, text)
    await world.member.click(preview.response.message, label="Submit")
    return await store.by_number(world.db, world.guild.id, await world.db.fetchval("SELECT max(number) FROM stories"))


def sent_payloads(env):
    """Every message the bot created or edited, and every interaction reply."""
    return [
        r
        for r in env.http_requests
        if r.method in ("POST", "PATCH")
        and isinstance(r.json, dict)
        and ("/messages" in r.path or "/callback" in r.path or "/webhooks/" in r.path)
    ]


async def test_author_identity_appears_nowhere(ready, db_path, caplog):
    world = ready
    caplog.set_level(logging.DEBUG)
    await world.admin.slash(world.general, "setup region", country="US")
    story = await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    await share(world, URGENT)
    shown = await world.mod.click(world.mod_channel.last_message, label="Reply to author")
    await world.mod.submit_modal(shown, {"reply": "We are here for you. Please reach out to a line tonight."})
    await world.member.slash(world.general, "reflect")
    assert story.status == "pending"

    secrets = [str(world.member.id), world.member.name]
    dump = await backends.dump(db_path)
    for secret in secrets:
        assert secret not in dump
    sealed = await world.db.fetchall("SELECT sealed_author FROM stories WHERE sealed_author IS NOT NULL")
    assert sealed and all(str(world.member.id).encode() not in row[0] for row in sealed)
    for record in caplog.records:
        for secret in [*secrets, "forty minutes", "morphine"]:
            assert secret not in record.getMessage()
    for request in sent_payloads(world.env):
        if request.path.startswith(f"/channels/{world.member.user.dm_channel.id}"):
            continue  # the author's own DMs are addressed to them by design
        text = str(request.json)
        for secret in secrets:
            assert secret not in text, request.path


async def test_no_message_the_bot_sends_can_ping(ready):
    world = ready
    hostile = "@everyone @here <@&" + str(world.mod_role.id) + "> <@" + str(world.admin.id) + "> " + STORY
    await share(world, hostile, content_warning="@everyone")
    preview_message = [m for m in world.general.history(viewer=world.member) if m.embeds][-1]
    await world.member.click(preview_message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    await share(world, URGENT)

    payloads = sent_payloads(world.env)
    assert len(payloads) > 8
    for request in payloads:
        data = request.json.get("data", request.json)
        if not isinstance(data, dict) or not ({"content", "embeds"} & set(data)):
            continue
        mentions = data.get("allowed_mentions")
        assert mentions is not None, request.path
        assert mentions.get("parse") == [], request.path
        assert mentions.get("users", []) == [], request.path
        if mentions.get("roles"):
            assert request.path == f"/channels/{world.mod_channel.id}/messages"
            assert [int(r) for r in mentions["roles"]] == [world.mod_role.id]
    [post] = posts(world.stories)
    assert "@everyone" not in post.embeds[0].description.replace("@\u2060everyone", "")
    assert str(world.mod_role.id) not in post.embeds[0].description
    assert str(world.admin.id) not in post.embeds[0].description


async def test_two_approvals_at_once_publish_once(ready):
    world = ready
    story = await submit(world)
    app = world.bot.app

    results = await asyncio.gather(
        moderation.approve(app, world.guild.id, story.id, world.mod.id),
        moderation.approve(app, world.guild.id, story.id, world.admin.id),
        return_exceptions=True,
    )

    assert sum(isinstance(r, ModerationError) for r in results) == 1
    assert "already handled: approved" in str(next(r for r in results if isinstance(r, ModerationError)))
    late = await world.admin.click(world.mod_channel.last_message, label="Approve")
    assert "already handled" in late.response.content
    await publish(world)
    await publish(world)
    assert len(posts(world.stories)) == 1
    assert await world.db.fetchval("SELECT count(*) FROM mod_log WHERE action = 'approve'") == 1


async def test_a_crash_between_approval_and_posting_publishes_once_after_restart(ready, make_bot):
    world = ready
    story = await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")

    await world.env.restart_bot(make_bot())
    await publish(world)

    assert len(posts(world.stories)) == 1
    assert (await store.get(world.db, story.id)).status == "published"


async def test_a_crash_after_the_post_went_out_does_not_post_twice(ready, make_bot):
    world = ready
    story = await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    app = world.bot.app
    app.clock.set(app.clock.now() + timedelta(minutes=15))
    [due] = await publishing.due(app)
    assert await publishing.claim(app, due)
    channel = world.bot.get_channel(world.stories.id)
    await channel.send(embed=embed(publishing.published_card(due)))

    await world.env.restart_bot(make_bot())
    await publish(world)

    assert len(posts(world.stories)) == 1
    stored = await store.get(world.db, story.id)
    assert stored.status == "published" and stored.published_message_id == posts(world.stories)[0].id


async def test_a_discord_500_during_posting_is_retried(ready):
    world = ready
    story = await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    world.env.inject_error("POST", f"/channels/{world.stories.id}/messages", status=500)

    await publish(world)
    assert posts(world.stories) == []
    stored = await store.get(world.db, story.id)
    assert (stored.publish_state, stored.publish_attempts) == ("due", 1)

    await publish(world)
    assert len(posts(world.stories)) == 1
    assert (await store.get(world.db, story.id)).status == "published"


async def test_missing_permission_tells_moderators_once_and_posts_after_the_fix(ready):
    world = ready
    import discord

    locked = world.guild.create_text_channel(
        "locked-stories", overwrites={world.bot.user: discord.PermissionOverwrite(send_messages=False)}
    )
    await world.bot.app.db.execute("UPDATE guilds SET stories_channel_id = ?", (locked.id,))
    story = await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")

    await publish(world)
    await publish(world)

    notices = [m for m in world.mod_channel.history() if "can't publish it" in m.content]
    assert len(notices) == 1 and "Send Messages" in notices[0].content
    assert (await store.get(world.db, story.id)).publish_state == "blocked"

    await world.admin.slash(world.general, "setup channels", stories=world.stories)
    await publish(world)
    assert len(posts(world.stories)) == 1


async def test_report_to_moderators_on_a_published_story(ready):
    world = ready
    await submit(world)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    [post] = posts(world.stories)

    reported = await world.member.context_menu(world.stories, "Report to moderators", post)

    assert reported.ephemeral and "moderators have been told" in reported.response.content
    report = world.mod_channel.last_message
    assert report.embeds[0].title == "Story #1 was reported by a member"
    assert world.member.name not in str(report.embeds[0].to_dict())
    await world.mod.click(report, label="Unpublish")
    assert posts(world.stories) == []
