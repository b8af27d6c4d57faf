"""A story that fits the form stays within every limit after cleaning and redaction, and keeps its spoiler."""

import pytest

from bot.db import stories as store
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import posts, publish, share
from tests.samples import STORY


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


def of_length(unit: str, length: int = 4000) -> str:
    text = (unit * (length // len(unit) + 1))[:length]
    return text[:-1] + "."


async def test_a_full_length_story_with_everyone_is_not_pushed_over_the_limit(ready):
    world = ready
    text = of_length("@everyone " + STORY + " ")

    preview = await share(world, text)

    assert preview.response.embeds, preview.response.content
    assert preview.response.embeds[0].title == "Before you send it"
    await world.member.click(preview.response.message, label="Submit")
    story = await store.by_number(world.db, world.guild.id, 1)
    assert len(story.text) <= 4000 and "@everyone" not in story.text


async def test_redaction_never_makes_the_edit_form_overflow(ready):
    world = ready
    text = of_length("She was in bed 4 all night and I sat with her. ")
    preview = await share(world, text)
    await world.member.click(preview.response.message, label="Submit redacted version")
    story = await store.by_number(world.db, world.guild.id, 1)
    assert len(story.text) <= 4000 and "bed 4" not in story.text

    shown = await world.mod.click(world.mod_channel.last_message, label="Edit & approve")

    assert shown.modal is not None
    done = await world.mod.submit_modal(shown, {"story": story.text, "content_warning": ""})
    assert "Approved" in done.response.content


async def test_a_long_story_behind_a_content_warning_keeps_its_closing_spoiler(ready):
    world = ready
    warning = of_length("death of a young patient after a long resus, ", 100)
    preview = await share(world, of_length(STORY + " "), content_warning=warning)
    await world.member.click(preview.response.message, label="Submit")
    queued = world.mod_channel.last_message
    await world.mod.click(queued, label="Approve")
    await publish(world)

    [post] = posts(world.stories)
    description = post.embeds[0].description
    assert len(description) <= 4096
    assert description.endswith("…||") and description.count("||") == 2


async def test_invite_links_are_removed_from_the_content_warning(ready):
    world = ready
    preview = await share(world, STORY, content_warning="grief, join discord.gg/abcdef")

    assert "discord.gg" not in str(preview.response.embeds[0].to_dict())
    assert "discord.gg" not in await world.db.fetchval("SELECT content_warning FROM drafts")


async def test_emoji_joined_by_zero_width_joiners_survive_and_other_invisible_characters_go(ready):
    world = ready
    text = "As the 👩\u200d⚕️ on shift, under the 🏳\ufe0f\u200d🌈 pin on my badge, I held his hand. "
    text += "Hid\u200dden\u200b. " + STORY

    preview = await share(world, text)

    shown = preview.response.embeds[0].description
    assert "👩\u200d⚕️" in shown and "🏳\ufe0f\u200d🌈" in shown
    assert "Hidden." in shown


async def test_a_double_bar_in_a_story_cannot_end_its_spoiler_and_warning_marks_show_as_typed(ready):
    world = ready
    preview = await share(world, "Before || after, " + STORY, content_warning="**loss** of a || patient")
    await world.member.click(preview.response.message, label="Submit")

    queued = world.mod_channel.last_message.embeds[0].description
    assert queued.count("||") == 2 and queued.startswith("**Content warning:** \\*\\*loss\\*\\* of a \\|\\| patient")
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)

    [post] = posts(world.stories)
    description = post.embeds[0].description
    assert description.count("||") == 2 and description.endswith("||")
    assert "Before |\u200b| after" in description


async def test_telegram_invite_links_are_removed_from_the_warning_and_the_story(ready):
    world = ready
    preview = await share(world, "Join t.me/joinchat/AbCdEf. " + STORY, content_warning="grief, t.me/+XyZ123abc")
    await world.member.click(preview.response.message, label="Submit")

    story = await store.by_number(world.db, world.guild.id, 1)
    assert "t.me" not in story.text and "t.me" not in (story.content_warning or "")
    assert "t.me" not in str(world.mod_channel.last_message.embeds[0].to_dict())


async def test_a_moderators_content_warning_loses_its_invite_links_too(ready):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")

    form = await world.mod.click(world.mod_channel.last_message, label="Approve with content warning")
    await world.mod.submit_modal(form, {"content_warning": "loss, see discord.gg/abcdef"})
    await publish(world)

    [post] = posts(world.stories)
    assert "discord.gg" not in post.embeds[0].description
    assert "discord.gg" not in (await store.by_number(world.db, world.guild.id, 1)).content_warning
