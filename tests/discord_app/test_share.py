"""End to end through SimCord: share → preview → queue → moderate → publish, and the author's controls."""

from datetime import timedelta

import pytest

from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.samples import STORY, URGENT, WITH_IDS


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


def posts(channel):
    """The bot's embed posts in a channel (thread creation adds a system message after them)."""
    return [message for message in channel.history() if message.embeds]


def components(message):
    return [child for row in message.components for child in row.children]


async def share(world, text, actor=None, **extra):
    actor = actor or world.member
    shown = await actor.slash(world.general, "share")
    assert shown.modal is not None, shown.response and shown.response.content
    values = {"story": text, "content_warning": "", "for_reflection": False, "notify": True}
    values.update(extra)
    return await actor.submit_modal(shown, values)


async def publish(world):
    world.bot.app.clock.set(world.bot.app.clock.now() + timedelta(minutes=15))
    await world.bot.get_cog("Moderation").publish_due()


async def test_full_flow_share_preview_submit_approve_publish(ready):
    world = ready
    preview = await share(world, STORY)

    assert preview.ephemeral
    card = preview.response.embeds[0]
    assert card.title == "Before you send it"
    assert STORY in card.description
    assert [b["label"] for row in preview.response.components for b in row["components"]] == [
        "Submit",
        "Edit",
        "Cancel",
    ]

    submitted = await world.member.click(preview.response.message, label="Submit")
    assert "Your story is with the moderators (story #1)" in submitted.response.content
    assert "/mystories" in submitted.response.content

    queued = world.mod_channel.last_message
    assert queued.embeds[0].title == "Story #1"
    assert STORY in queued.embeds[0].description
    assert [c.label for c in components(queued)] == [
        "Approve",
        "Approve with content warning",
        "Edit & approve",
        "Reject",
        "Reply to author",
        "Block author",
        "Send support",
        "Mark urgent",
    ]
    assert queued.embeds[0].footer.text == "Story #1 · Arrived 21 Nov 2026"  # the day, never the time
    assert queued.content == ""

    approved = await world.mod.click(queued, label="Approve")
    assert approved.ephemeral and "Approved by" in approved.response.content
    closed = world.mod_channel.last_message
    assert closed.components == [] and STORY not in closed.embeds[0].description
    assert posts(world.stories) == []  # delayed: publication time must not reveal who was online

    await publish(world)

    [post] = posts(world.stories)
    assert post.embeds[0].title == "Shared anonymously by a member of this community"
    assert post.embeds[0].description == STORY
    assert "/share" in post.embeds[0].footer.text and "/resources" in post.embeds[0].footer.text
    assert [thread.name for thread in world.stories.threads] == ["Support for story #1"]
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert (stored.status, stored.published_message_id) == ("published", post.id)
    dm = world.member.user.dm_channel.last_message
    assert "was approved" in dm.content


async def test_identifiers_are_redacted_before_a_moderator_reads(ready):
    world = ready
    preview = await share(world, WITH_IDS)

    card = preview.response.embeds[0]
    assert "I found details that could identify someone" in card.description
    for identifier in ("Alvarez", "7B", "March 3rd", "Marcus", "555-201-3344"):
        assert identifier not in card.description
    assert "[name]" in card.description
    await world.member.click(preview.response.message, label="Submit redacted version")

    queued = world.mod_channel.last_message
    stored = await store.by_number(world.db, world.guild.id, 1)
    for identifier in ("Alvarez", "7B", "March 3rd", "Marcus", "555-201-3344"):
        assert identifier not in queued.embeds[0].description
        assert identifier not in stored.text
    field = {f.name: f.value for f in queued.embeds[0].fields}["Identifiers redacted"]
    assert "name" in field and "date" in field and "phone" in field
    assert await world.db.fetchval("SELECT count(*) FROM drafts") == 0


async def test_edit_reopens_the_form_with_the_text_and_cancel_keeps_nothing(ready):
    world = ready
    preview = await share(world, STORY)

    edit = await world.member.click(preview.response.message, label="Edit")
    story_input = next(
        row["component"] for row in edit.modal["components"] if row["component"].get("custom_id") == "story"
    )
    assert story_input["value"] == STORY

    second = await world.member.submit_modal(
        edit, {"story": STORY + " Edited.", "for_reflection": True, "notify": True}
    )
    assert "Edited." in second.response.embeds[0].description
    assert await world.db.fetchval("SELECT count(*) FROM drafts") == 1
    cancelled = await world.member.click(second.response.message, label="Cancel")
    assert cancelled.response.content == "Cancelled. Nothing was kept."
    assert await world.db.fetchval("SELECT count(*) FROM drafts") == 0
    assert await world.db.fetchval("SELECT count(*) FROM stories") == 0


async def test_crisis_text_gets_the_crisis_card_at_once_and_an_urgent_ping(ready):
    world = ready
    await world.admin.slash(world.general, "setup region", country="GB")

    result = await share(world, URGENT)

    assert result.ephemeral
    crisis = result.response.embeds[0]
    assert crisis.title == "You don't have to carry this alone"
    assert "Samaritans" in crisis.description and "999" in crisis.description
    assert "marked so they read it first" in result.response.content
    queued = world.mod_channel.last_message
    assert queued.embeds[0].title.startswith("Story #1 — URGENT")
    assert queued.embeds[0].description.startswith("||")
    assert queued.content == f"<@&{world.mod_role.id}> an urgent story needs a moderator."
    pings = [
        r
        for r in world.env.http_requests
        if isinstance(r.json, dict) and (r.json.get("allowed_mentions") or {}).get("roles")
    ]
    assert len(pings) == 1
    assert pings[0].path == f"/channels/{world.mod_channel.id}/messages"
    assert pings[0].json["allowed_mentions"]["roles"] == [str(world.mod_role.id)] or pings[0].json["allowed_mentions"][
        "roles"
    ] == [world.mod_role.id]
    stored = await store.by_number(world.db, world.guild.id, 1)
    assert stored.crisis_level == "urgent" and stored.status == "pending"


async def test_reject_with_reason_is_visible_in_mystories(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    shown = await world.mod.click(world.mod_channel.last_message, label="Reject")
    done = await world.mod.submit_modal(shown, {"reason": "It names a colleague; please share it without that."})
    assert "Rejected" in done.response.content

    mine = await world.member.slash(world.general, "mystories")
    field = mine.response.embeds[0].fields[0]
    assert field.name.startswith("Story #1")
    assert "not published" in field.value
    assert "It names a colleague" in field.value
    assert "It names a colleague" in world.member.user.dm_channel.last_message.content


async def test_reply_to_author_arrives_by_dm_and_in_mystories(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    shown = await world.mod.click(world.mod_channel.last_message, label="Reply to author")
    done = await world.mod.submit_modal(shown, {"reply": "Thank you for writing this. How are you doing today?"})

    assert "was sent" in done.response.content
    dm = world.member.user.dm_channel.last_message
    assert "A moderator in Night Shift replied about your story #1" in dm.content
    assert "moe" not in dm.content
    mine = await world.member.slash(world.general, "mystories")
    assert "How are you doing today?" in mine.response.embeds[0].fields[0].value


async def test_block_then_share_again_gets_the_neutral_message(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    confirm = await world.mod.click(world.mod_channel.last_message, label="Block author")
    await world.mod.click(confirm.response.message, label="Yes, block the author")
    assert "Author blocked" in world.mod_channel.last_message.embeds[0].description

    again = await world.member.slash(world.general, "share")
    assert again.modal is None
    assert "can't share another story in this server right now" in again.response.content
    assert "block" not in again.response.content.lower()

    await world.mod.slash(world.general, "mod unblock", number=1)
    assert (await world.member.slash(world.general, "share")).modal is not None


async def test_daily_limit_uses_the_same_neutral_message(ready):
    world = ready
    for _ in range(3):
        preview = await share(world, STORY)
        await world.member.click(preview.response.message, label="Submit")
    refused = await world.member.slash(world.general, "share")
    assert "can't share another story in this server right now" in refused.response.content


async def test_a_non_moderator_click_is_refused(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    queued = world.mod_channel.last_message

    refused = await world.observer.click(queued, label="Approve")

    assert refused.ephemeral
    assert "Only this server's Stairwell moderators" in refused.response.content
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "pending"
    assert len(components(world.mod_channel.last_message)) == 8


async def test_mystories_withdraw_and_remove(ready):
    world = ready
    first = await share(world, STORY)
    await world.member.click(first.response.message, label="Submit")
    second = await share(world, STORY + " Another night.")
    await world.member.click(second.response.message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    assert len(posts(world.stories)) == 1

    mine = await world.member.slash(world.general, "mystories")
    labels = [b["label"] for row in mine.response.components for b in row["components"]]
    assert labels == ["Remove #2", "Withdraw #1"]
    await world.member.click(mine.response.message, label="Withdraw #1")
    await world.member.click(mine.response.message, label="Remove #2")

    assert posts(world.stories) == []
    assert (await store.by_number(world.db, world.guild.id, 1)).status == "withdrawn"
    assert (await store.by_number(world.db, world.guild.id, 2)).status == "removed"


async def test_forgetme_removes_posts_and_rows(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)
    await world.member.slash(world.general, "reflect")
    assert len(posts(world.stories)) == 1

    asked = await world.member.slash(world.general, "forgetme")
    done = await world.member.click(asked.response.message, label="Yes, delete everything")

    assert "I deleted 1 story (1 published post removed from Discord)" in done.response.content
    assert posts(world.stories) == []
    for table in ("stories", "drafts", "reflection_seen", "submission_times", "story_replies"):
        assert await world.db.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_a_form_opened_before_a_restart_is_still_accepted(ready, make_bot):
    world = ready
    shown = await world.member.slash(world.general, "share")

    await world.env.restart_bot(make_bot())
    preview = await world.member.submit_modal(
        shown, {"story": STORY, "content_warning": "sudden death", "for_reflection": True, "notify": False}
    )

    assert preview.ephemeral and preview.response.embeds[0].title == "Before you send it"
    draft = await world.db.fetchone("SELECT text, content_warning, for_reflection, notify FROM drafts")
    assert tuple(draft) == (STORY, "sudden death", 1, 0)
