"""The flow layer's speed, each figure beside a bare discord.py bot (or bare inserts) measured in the same run.

Run: `python bench/flows.py`. Prints, with the ratio to the reference:

- start-up: process start until the first command is answered, and peak RSS (each bot in its own process);
- interaction latency p50/p99 through SimCord: `/reflect` against a bare bot's embed reply (SimCord runs one
  interaction at a time, so this is with one in flight; the flow layer's concurrency is measured below);
- Submit → queue post at 10 concurrent authors, through the flow layer and a Platform that records the post;
- queue throughput (200 authors sharing at once) against bare single-row inserts on the same database.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SECRET = b"bench-secret-key-that-is-long-enough-0000"
ROUNDS = 200
GUILD = 1
STORY = (
    "Mrs. Alvarez came into Ward 7B on March 3rd and her son Marcus rang 555-201-3344 every hour of the night. "
    "We worked on her for forty minutes. I kept going for the rest of the shift and only cried in the car park "
    "at dawn. I still think about her hands, and about what I should have said to her son when he arrived. "
)


def since_process_start() -> float:
    started_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - started_ticks / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


# -- the bots -----------------------------------------------------------------------------------------------


def bare_bot() -> Any:
    """What any discord.py bot does: a command tree and one embed reply, no database."""
    import discord
    from discord.ext import commands

    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix=commands.when_mentioned, intents=intents, help_command=None)

    @bot.tree.command(name="reflect", description="A card.")
    async def reflect(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            embed=discord.Embed(title="A card", description="words"), ephemeral=True
        )

    @bot.tree.command(name="about", description="About.")
    async def about(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=discord.Embed(title="About", description="words"), ephemeral=True)

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


def stairwell_bot(folder: str) -> Any:
    from bot.discord_app.bot import StairwellBot

    return StairwellBot(str(Path(folder) / "bench.sqlite3"), SECRET)


async def _startup(kind: str) -> dict[str, float]:
    import simcord

    with tempfile.TemporaryDirectory() as folder:
        bot = bare_bot() if kind == "bare" else stairwell_bot(folder)
        async with simcord.run(bot) as env:
            guild = env.create_guild("Night Shift")
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("mia"))
            result = await member.slash(channel, "about")
            assert result.response is not None
            ready = since_process_start()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        await bot.close()
    return {"ready_s": ready, "rss_mb": rss}


async def _latency(kind: str) -> list[float]:
    import simcord

    with tempfile.TemporaryDirectory() as folder:
        bot = bare_bot() if kind == "bare" else stairwell_bot(folder)
        async with simcord.run(bot) as env:
            guild = env.create_guild("Night Shift")
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("mia"))
            await member.slash(channel, "reflect")  # warm
            timings = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                await member.slash(channel, "reflect")
                timings.append((time.perf_counter() - started) * 1000)
        await bot.close()
    return timings


# -- the flow layer at the core -----------------------------------------------------------------------------


class RecordingPlatform:
    """A Platform that records when each post was asked for."""

    name = "bench"

    def __init__(self) -> None:
        self.posted_at: dict[str, float] = {}

    async def post(self, where: Any, message: Any, *, nonce: str) -> Any:
        from bot.core.flows.port import PostRef

        self.posted_at[nonce] = time.perf_counter()
        return PostRef(where.guild_id, where.channel_id, len(self.posted_at))

    async def edit(self, ref: Any, message: Any) -> bool:
        return True

    async def delete(self, ref: Any) -> bool:
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Any = None) -> bool:
        return True

    async def find_post(self, where: Any, marker: str) -> Any:
        return None

    async def terms(self, guild_id: int) -> Any:
        from bot.core.terms import Terms

        return Terms()


async def _open(folder: str) -> Any:
    from bot.core.app import Stairwell, Timing
    from bot.core.clock import FixedClock
    from bot.core.servers import update

    app = await Stairwell.open(
        str(Path(folder) / "flows.sqlite3"),
        SECRET,
        clock=FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC)),
        timing=Timing(queue_delay=(0, 0)),
    )
    await update(app, GUILD, moderation_channel_id=10, stories_channel_id=11, submissions_per_day=20)
    return app


def _actor(app: Any, number: int) -> Any:
    from bot.core.flows.results import Actor

    return Actor(
        platform="bench",
        user_id=number,
        guild_id=GUILD,
        author_key=app.identity.author_key("bench", number),
        sealed=app.identity.seal("bench", number),
        name=f"member {number}",
    )


async def _submit_to_queue(authors: int, each: int) -> list[float]:
    """Milliseconds from Submit to the queue post, every author submitting at once."""
    from bot.core.flows import share
    from bot.core.flows.effects import carry_out

    with tempfile.TemporaryDirectory() as folder:
        app = await _open(folder)
        platform = RecordingPlatform()
        timings: list[float] = []

        async def one(number: int) -> None:
            person = _actor(app, number)
            for n in range(each):
                preview = await share.receive(app, person, f"{STORY} ({n})", None, for_reflection=False, notify=True)
                draft = preview.reply.choices[0].target
                started = time.perf_counter()
                result = await share.draft_action(app, person, draft, "submit")
                await carry_out(app, platform, result.effects)
                [effect] = result.effects
                timings.append((platform.posted_at[f"queue-{effect.story_id}"] - started) * 1000)  # type: ignore[union-attr]

        try:
            await asyncio.gather(*(one(number) for number in range(authors)))
        finally:
            await app.close()
    return timings


async def _throughput(authors: int, each: int) -> tuple[float, float]:
    """(stories/s into the queue with everyone sharing at once, bare single-row inserts/s)."""
    from bot.core import stories

    with tempfile.TemporaryDirectory() as folder:
        app = await _open(folder)
        try:

            async def one(number: int) -> None:
                key = app.identity.author_key("bench", number)
                sealed = app.identity.seal("bench", number)
                for n in range(each):
                    outcome = await stories.start(
                        app, GUILD, key, sealed, f"{STORY} ({n})", None, for_reflection=False, notify=True
                    )
                    assert await stories.submit(app, outcome.screened.draft.id, sealed) is not None

            started = time.perf_counter()
            await asyncio.gather(*(one(number) for number in range(authors)))
            shared = authors * each / (time.perf_counter() - started)
            started = time.perf_counter()
            for row in range(authors * each):
                await app.db.execute(
                    "INSERT INTO submission_times (guild_id, author_key, at) VALUES (?, ?, ?)", (GUILD, f"r{row}", 0)
                )
            inserts = authors * each / (time.perf_counter() - started)
        finally:
            await app.close()
    return shared, inserts


def _child(kind: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--startup", kind], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--startup":
        print(json.dumps(asyncio.run(_startup(sys.argv[2]))))
        return
    bare, ours = _child("bare"), _child("stairwell")
    print(
        f"start-up to first answer: {ours['ready_s'] * 1000:.0f} ms vs bare {bare['ready_s'] * 1000:.0f} ms "
        f"({ours['ready_s'] / bare['ready_s']:.2f}x, target <= 1.2x)"
    )
    rss_ratio = ours["rss_mb"] / bare["rss_mb"]
    print(f"peak RSS: {ours['rss_mb']:.1f} MB vs bare {bare['rss_mb']:.1f} MB ({rss_ratio:.2f}x, target <= 1.3x)")
    bare_ms, our_ms = asyncio.run(_latency("bare")), asyncio.run(_latency("stairwell"))
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        ratio = pct(our_ms, fraction) / pct(bare_ms, fraction)
        print(
            f"/reflect {name} (SimCord, one in flight): {pct(our_ms, fraction):.2f} ms vs bare "
            f"{pct(bare_ms, fraction):.2f} ms ({ratio:.2f}x, target <= 1.5x)"
        )
    queue_ms = asyncio.run(_submit_to_queue(10, 20))
    print(
        f"Submit -> queue post, 10 authors at once: p50 {pct(queue_ms, 0.5):.2f} ms (target <= 10), "
        f"p99 {pct(queue_ms, 0.99):.2f} ms (target <= 50), mean {statistics.fmean(queue_ms):.2f} ms"
    )
    shared, inserts = asyncio.run(_throughput(200, 5))
    print(
        f"queue throughput, 200 authors at once: {shared:,.0f} stories/s vs bare inserts {inserts:,.0f} rows/s "
        f"({shared / inserts:.2f}x, target >= 0.3x)"
    )


if __name__ == "__main__":
    main()
