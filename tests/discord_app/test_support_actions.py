"""A human in the loop: Send support and Mark urgent on a queue post."""

import pytest

from bot.core import moderation
from bot.core.moderation import ModerationError
from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import components, share
from tests.samples import STORY


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def submitted(world, **extra):
    preview = await share(world, STORY, **extra)
    await world.member.click(preview.response.message, label="Submit")


async def test_send_support_gives_the_author_the_crisis_card_anonymously(ready):
    world = ready
    await world.admin.slash(world.general, "setup region", country="GB")
    await submitted(world)

    done = await world.mod.click(world.mod_channel.last_message, label="Send support")

    assert done.ephemeral and "sent to the author of story #1" in done.response.content
    dm = world.member.user.dm_channel.last_message
    assert "wanted to make sure you have people to talk to" in dm.content
    assert "moe" not in dm.content and "Samaritans" in dm.embeds[0].description
    assert "send support" in (await world.mod.slash(world.general, "mod log")).response.embeds[0].description


async def test_send_support_to_an_author_who_chose_no_messages_waits_in_mystories(ready):
    world = ready
    await submitted(world, notify=False)

    done = await world.mod.click(world.mod_channel.last_message, label="Send support")

    assert "can't be delivered" in done.response.content and "/mystories" in done.response.content
    mine = await world.member.slash(world.general, "mystories")
    assert "A moderator sent you support" in mine.response.embeds[0].fields[0].value
    crisis = mine.response.embeds[1]
    assert crisis.title == "You don't have to carry this alone"
    assert "emergency number" in crisis.description  # no region: still the emergency line and a directory


async def test_mark_urgent_moves_the_story_up_pings_once_and_is_logged(ready):
    world = ready
    await submitted(world)
    await submitted(world)
    queued = world.mod_channel.last_message  # story #2

    await world.mod.click(queued, label="Mark urgent")
    story = await store.by_number(world.db, world.guild.id, 2)
    with pytest.raises(ModerationError, match="already marked urgent"):  # a second moderator's click, a moment later
        await moderation.mark_urgent(world.bot.app, world.guild.id, story.id, world.admin.id)

    queue = await world.mod.slash(world.general, "mod queue")
    assert queue.response.embeds[0].description.splitlines()[0].startswith("🔴 URGENT · **#2**")
    pings = [m for m in world.mod_channel.history() if m.content.startswith(f"<@&{world.mod_role.id}>")]
    assert len(pings) == 1 and "story #2 was marked urgent" in pings[0].content
    redrawn = next(m for m in world.mod_channel.history() if m.id == queued.id)
    assert redrawn.embeds[0].title.startswith("Story #2 — URGENT")
    assert "Mark urgent" not in [c.label for c in components(redrawn)]
    assert (await store.by_number(world.db, world.guild.id, 2)).crisis_level == "urgent"
    assert "mark urgent" in (await world.mod.slash(world.general, "mod log")).response.embeds[0].description
