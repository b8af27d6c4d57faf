"""Story numbers name one story for ever: never reused, and blocks outlive the story they were placed through."""

import pytest

from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import share
from tests.samples import STORY


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def submit(world, actor, text=STORY):
    preview = await share(world, text, actor=actor)
    return await actor.click(preview.response.message, label="Submit")


async def forget(world, actor):
    asked = await actor.slash(world.general, "forgetme")
    return await actor.click(asked.response.message, label="Yes, delete everything")


async def test_forgetme_by_the_newest_author_never_frees_their_number(ready):
    world = ready
    await submit(world, world.observer)
    await submit(world, world.member)
    await forget(world, world.member)

    again = await submit(world, world.observer, STORY + " Another shift.")

    assert "(story #3)" in again.response.content
    assert await store.by_number(world.db, world.guild.id, 2) is None
    assert world.mod_channel.last_message.embeds[0].title == "Story #3"


async def test_a_block_whose_story_was_deleted_can_still_be_lifted(ready):
    world = ready
    await submit(world, world.member)
    confirm = await world.mod.click(world.mod_channel.last_message, label="Block author")
    await world.mod.click(confirm.response.message, label="Yes, block the author")
    await forget(world, world.member)
    assert (await world.member.slash(world.general, "share")).modal is None

    lifted = await world.mod.slash(world.general, "mod unblock", number=1)

    assert lifted.ephemeral and lifted.response.content == "The author of story #1 can share again."
    assert (await world.member.slash(world.general, "share")).modal is not None
    assert await world.db.fetchval("SELECT count(*) FROM blocks") == 0
    log = await world.mod.slash(world.general, "mod log")
    assert "#1 · unblock author" in log.response.embeds[0].description


async def test_unblock_of_a_number_never_used_says_so(ready):
    world = ready
    answer = await world.mod.slash(world.general, "mod unblock", number=9)
    assert "There is no story #9" in answer.response.content
