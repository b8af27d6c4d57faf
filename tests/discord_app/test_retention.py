"""Retention keeps the promises /privacy makes: words erased with what quotes them, sealed IDs without a time,
and servers that removed the bot while it was offline erased."""

import base64
import hashlib
import hmac
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet

from bot.core.identity import VERSION
from bot.db import stories as store
from tests.conftest import SECRET
from tests.discord_app.conftest import configure
from tests.discord_app.test_share import publish, share
from tests.samples import STORY, URGENT

GONE = 912345678901234567


@pytest.fixture
async def ready(world):
    await configure(world)
    return world


async def test_replies_reasons_and_crisis_signals_go_with_the_story_text(ready):
    world = ready
    await share(world, URGENT)
    queued = world.mod_channel.last_message
    shown = await world.mod.click(queued, label="Reply to author")
    await world.mod.submit_modal(shown, {"reply": "You said you kept the morphine. Are you safe?"})
    shown = await world.mod.click(queued, label="Reject")
    await world.mod.submit_modal(shown, {"reason": "We can't post a story about the morphine, sorry."})
    story = await store.by_number(world.db, world.guild.id, 1)
    assert story.crisis_signals and story.reject_reason

    world.bot.app.clock.set(world.bot.app.clock.now() + timedelta(days=8))
    await world.bot.get_cog("Moderation").tick()

    story = await store.by_number(world.db, world.guild.id, 1)
    assert (story.text, story.content_warning, story.reject_reason, story.crisis_signals) == (None, None, None, ())
    assert await world.db.fetchval("SELECT count(*) FROM story_replies") == 0
    mine = await world.member.slash(world.general, "mystories")
    assert "morphine" not in str(mine.response.embeds[0].to_dict())


async def test_a_published_storys_crisis_signals_are_erased_after_the_window(ready):
    world = ready
    await share(world, URGENT)
    await world.mod.click(world.mod_channel.last_message, label="Approve")
    await publish(world)

    world.bot.app.clock.set(world.bot.app.clock.now() + timedelta(days=8))
    await world.bot.get_cog("Moderation").tick()

    story = await store.by_number(world.db, world.guild.id, 1)
    assert story.status == "published" and story.text and story.crisis_signals == ()


async def test_sealed_ids_hold_no_time_and_are_never_twice_the_same(ready):
    world = ready
    identity = world.bot.app.identity
    first, second = identity.seal("discord", world.member.id), identity.seal("discord", world.member.id)

    assert first != second and first.startswith(VERSION)
    assert len(first) == 1 + 12 + len(f"discord:{world.member.id}") + 16  # version, nonce, text, tag: nothing else
    assert identity.unseal(first) == ("discord", str(world.member.id))


def fernet_token(user_id: int) -> bytes:
    """A sealed ID as the Fernet-based code wrote it, under the same derived key."""
    key = hmac.new(SECRET, b"stairwell/sealed-id/v1", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key)).encrypt(f"discord:{user_id}".encode())


async def test_fernet_sealed_ids_are_resealed_at_start_and_still_reach_the_author(ready, make_bot):
    world = ready
    preview = await share(world, STORY)
    await world.member.click(preview.response.message, label="Submit")
    await world.db.execute("UPDATE stories SET sealed_author = ?", (fernet_token(world.member.id),))

    await world.env.restart_bot(make_bot())
    sealed = await world.db.fetchval("SELECT sealed_author FROM stories")
    assert sealed.startswith(VERSION)
    await world.mod.click(world.mod_channel.last_message, label="Approve")

    assert "was approved" in world.member.user.dm_channel.last_message.content


async def test_a_server_that_removed_the_bot_while_it_was_offline_is_erased_at_start(ready, make_bot):
    world = ready
    await world.db.execute("INSERT INTO guilds (guild_id, platform) VALUES (?, 'discord')", (GONE,))
    await world.db.execute(
        "INSERT INTO local_resources (guild_id, name, contact) VALUES (?, 'Ward EAP', '0800 000')", (GONE,)
    )
    await world.db.execute("INSERT INTO guilds (guild_id) VALUES (1)")  # the console's server: not Discord's

    await world.env.restart_bot(make_bot())

    remaining = {row[0] for row in await world.db.fetchall("SELECT guild_id FROM guilds")}
    assert remaining == {world.guild.id, 1}
    assert await world.db.fetchval("SELECT count(*) FROM local_resources") == 0
    assert (await world.member.slash(world.general, "share")).modal is not None
