"""Discord's shards spread over processes sharing one database: each serves its own servers, all of them once.

The two-process test runs two real bot processes (ShardedStairwellBot, shards 0 and 1 of 2), each against
its own simulated Discord (a SimCord world lives in one process's memory) holding the servers of its shard,
on one PostgreSQL database. They submit, queue, approve and then publish at the same moment.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import simcord

from bot.core import servers
from bot.core.app import Content, Stairwell
from bot.core.clock import FixedClock
from bot.core.flows import jobs
from bot.core.shards import Scope
from bot.discord_app.bot import ShardedStairwellBot
from tests.backends import SKIP_REASON
from tests.conftest import NO_QUEUE_DELAY, SECRET
from tests.discord_app.conftest import build_world, configure
from tests.discord_app.test_share import share
from tests.samples import STORY

STORIES = 6  # per shard, from three members (a member may share three a day)
START = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


async def _open(url: str, scope: Scope) -> tuple[Stairwell, ShardedStairwellBot]:
    app = await Stairwell.open(
        url, SECRET, content=Content.load(), clock=FixedClock(START), timing=NO_QUEUE_DELAY, scope=scope
    )
    return app, ShardedStairwellBot(url, SECRET, app=app)


def _titles(channel: Any) -> list[str]:
    """The story number of each of the bot's story cards in a channel (queue title or published footer)."""
    found = []
    for message in channel.history():
        for card in message.embeds:
            text = card.title if card.title and card.title.startswith("Story #") else card.footer.text or ""
            found.append(text.split(" ·")[0])
    return found


async def _serve(url: str, shard_id: int, out: Path, barrier: Any) -> None:
    app, bot = await _open(url, Scope.for_shards(2, [shard_id]))
    try:
        # Shard 0's process syncs the global commands; the other finds them already there.
        async with simcord.run(bot, strict_sync=bot.scope.leader) as env:
            world = build_world(env, shard_id=shard_id)
            await configure(world)
            members = [world.guild.add_member(env.create_user(f"nurse{n}")) for n in range(STORIES // 3)]
            for number in range(STORIES):
                preview = await share(world, STORY, actor=members[number % len(members)])
                await members[number % len(members)].click(preview.response.message, label="Submit")
            for message in list(world.mod_channel.history()):
                if message.components:
                    await world.mod.click(message, label="Approve")
            await asyncio.get_running_loop().run_in_executor(None, barrier.wait)  # both processes at once
            app.clock.set(START + timedelta(minutes=15))  # type: ignore[attr-defined]
            moderation: Any = bot.get_cog("Moderation")
            await asyncio.gather(moderation.publish_due(), jobs.publish_due(app, bot.router))
            synced = await servers.stored_value(app, "command_hash:global") is not None
            out.write_text(
                json.dumps(
                    {
                        "guild": world.guild.id,
                        "queued": _titles(world.mod_channel),
                        "published": _titles(world.stories),
                        "synced_here": synced and bot.scope.leader,
                    }
                )
            )
    finally:
        await app.close()


def _process(url: str, shard_id: int, out: str, barrier: Any) -> None:
    asyncio.run(_serve(url, shard_id, Path(out), barrier))


async def test_two_bot_processes_on_two_shards_post_every_story_exactly_once(postgres, tmp_path):
    if postgres is None:
        pytest.skip(SKIP_REASON)
    url = postgres.fresh_database()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    outs = [tmp_path / f"shard{shard}.json" for shard in (0, 1)]
    workers = [
        context.Process(target=_process, args=(url, shard, str(outs[shard]), barrier)) for shard in (0, 1)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
        assert worker.exitcode == 0

    expected = Counter(f"Story #{number}" for number in range(1, STORIES + 1))
    results = [json.loads(out.read_text()) for out in outs]
    for shard, result in enumerate(results):
        assert (result["guild"] >> 22) % 2 == shard
        assert Counter(result["queued"]) == expected  # queue posts, each now closed as approved
        assert Counter(result["published"]) == expected
    assert [result["synced_here"] for result in results] == [True, False]

    app, _ = await _open(url, Scope())
    try:
        rows = await app.db.fetchall(
            "SELECT guild_id, status, queue_attempts, publish_attempts, published_message_id FROM stories"
        )
    finally:
        await app.close()
    assert len(rows) == 2 * STORIES
    # Each post was attempted once, by the process that serves its server: none went to the wrong shard.
    assert {(row[1], row[2], row[3]) for row in rows} == {("published", 1, 1)}
    assert all(row[4] is not None for row in rows)


async def test_a_process_without_shard_0_serves_its_servers_and_never_syncs(db_path):
    app, bot = await _open(db_path, Scope.for_shards(2, [1]))
    try:
        async with simcord.run(bot, strict_sync=False) as env:
            assert not [r for r in env.http_requests if "/commands" in r.path]  # started, and did not sync
            assert await servers.stored_value(app, "command_hash:global") is None
            guild = env.create_guild(shard_id=1)
            # The commands shard 0's process synced (SimCord registers them for this world when first used).
            result = await guild.add_member(env.create_user("ana")).slash(guild.create_text_channel("g"), "about")
            assert result.ephemeral and result.response.embeds[0].title == "About Stairwell"
    finally:
        await app.close()
