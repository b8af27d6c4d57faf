import asyncio

import discord

from bot.db import reflections as history


async def reflect(world, **options):
    result = await world.member.slash(world.general, "reflect", **options)
    assert result.ephemeral
    return result


async def test_reflect_is_private_and_attributed(world):
    result = await reflect(world)

    embed = result.response.embeds[0]
    assert embed.title == "A moment to reflect"
    assert "\n— " in embed.description
    assert "/share" in embed.footer.text
    labels = [child["label"] for row in result.response.components for child in row["components"]]
    assert labels == ["Another", "Share my own story", "Support"]
    assert world.general.last_message is None
    key = world.bot.app.identity.author_key("discord", world.member.id)
    assert len(await history.seen(world.db, key)) == 1
    assert str(world.member.id) not in key


async def test_another_never_repeats_until_all_are_seen(world):
    pool = world.bot.app.content.library.reflections("young-patient")
    result = await reflect(world, theme="The young patient")
    message = result.response.message
    shown = [result.response.embeds[0].description]
    for _ in range(len(pool) - 1):
        click = await world.member.click(message, label="Another")
        assert click.response.id == message.id
        shown.append(click.response.embeds[0].description)

    assert len(set(shown)) == len(pool)
    key = world.bot.app.identity.author_key("discord", world.member.id)
    seen = await history.seen(world.db, key)
    assert sorted(seen) == sorted(reflection.id for reflection in pool)

    click = await world.member.click(message, label="Another")
    assert click.response.embeds[0].description != shown[-1]
    after = await history.seen(world.db, key)
    assert len(after) == 1 and after[0] != seen[-1]


async def test_unknown_theme_lists_the_themes(world):
    result = await reflect(world, theme="cheerful things")

    assert "I don't have a theme called “cheerful things”" in result.response.content
    assert "Breaking bad news" in result.response.content


async def test_theme_autocomplete(world):
    choices = await world.member.autocomplete(world.general, "reflect", "theme", "bad")
    assert choices == [{"name": "Breaking bad news", "value": "bad-news"}]


async def test_support_button_sends_the_crisis_card(world):
    await world.admin.slash(world.general, "setup region", country="US")
    result = await reflect(world)

    support = await world.member.click(result.response.message, label="Support")

    assert support.ephemeral
    embed = support.response.embeds[0]
    assert "988" in embed.description
    assert "call your local emergency number: 911" in embed.description


async def test_share_button_opens_the_story_form(world):
    from tests.discord_app.conftest import configure

    await configure(world)
    result = await reflect(world)

    opened = await world.member.click(result.response.message, label="Share my own story")

    assert opened.modal is not None


async def test_buttons_from_before_the_flow_layer_still_answer(world):
    """A /reflect message sent by an older version keeps its old custom_ids on members' screens."""
    await world.admin.slash(world.general, "setup region", country="US")
    old = discord.ui.View(timeout=None)
    for label, custom_id in (
        ("Another", "stairwell:reflect:another:young-patient"),
        ("Share my own story", "stairwell:share"),
        ("Support", "stairwell:support"),
    ):
        old.add_item(discord.ui.Button(label=label, custom_id=custom_id))
    channel = world.bot.get_channel(world.general.id)
    message = await channel.send("An older reflection", view=old)

    another = await world.member.click(message, label="Another")
    support = await world.member.click(message, label="Support")

    pool = {reflection.id for reflection in world.bot.app.content.library.reflections("young-patient")}
    key = world.bot.app.identity.author_key("discord", world.member.id)
    assert set(await history.seen(world.db, key)) <= pool and await history.seen(world.db, key)
    assert another.response.embeds[0].title == "A moment to reflect"
    assert "988" in support.response.embeds[0].description


async def test_private_cards_hold_no_view_in_memory(world):
    """Every button is found by its custom_id: a stored ephemeral view would keep a task asleep for 15 minutes."""
    for _ in range(3):
        result = await reflect(world)
    await world.member.click(result.response.message, label="Another")

    waiting = [task for task in asyncio.all_tasks() if "timeout_task" in repr(task.get_coro())]
    assert waiting == []
    store = world.bot._connection._view_store
    assert store.persistent_views == [] and not store._synced_message_views


async def test_only_a_share_seals_a_contact(world, monkeypatch):
    """Sealing loads the cryptography package (about 6 MB) and encrypts: /reflect and /about never need it."""

    def refuse(*args):
        raise AssertionError("sealed a contact outside a share")

    monkeypatch.setattr(world.bot.app.identity, "seal", refuse)
    await reflect(world)
    about = await world.member.slash(world.general, "about")
    assert about.response.embeds
