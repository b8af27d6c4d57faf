"""Issue 9's races and faults that had no end-to-end test, through SimCord: what people see and what is stored."""

import pytest

from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import posts, publish, share
from tests.samples import STORY


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
