"""The flow layer's speed, each figure beside a bare discord.py bot (or bare inserts) measured in the same run.

Run: `python bench/flows.py` (about a minute). Prints, with the ratio to the reference:

- start-up: process start until the first command is answered, and peak RSS (each bot in its own process);
- interaction latency p50/p99 and throughput with 100 in flight, for `/reflect` and `/about`. SimCord runs one
  operation at a time, so both bots are driven the same way below it: INTERACTION_CREATE payloads built by
  SimCord go through its gateway into discord.py's real parser and command tree, 100 at once, and each answer
  (timed when SimCord's HTTP layer records it) sends the next one, so 100 stay in flight. SimCord checks every
  reply in process, as Discord would on its own servers, and checking buttons costs more than the bare bot's
  own work; so the bare bot's reference answers with the same shape (one embed of the same length and, for
  `/reflect`, three buttons in a finished view, the cheapest way discord.py sends them). The bare bot's
  embed-only answer is printed too, for comparison with earlier figures. The bots take turns (three each), so
  a change in the machine's load falls on both;
- Submit → queue post at 10 concurrent authors, through the flow layer and a Platform that records the post,
  with the random queue delay set to 0 (`Timing(queue_delay=(0, 0))`; operators' default is 30–300 s);
- queue throughput: stories/s through Submit into the queue with 200 authors at once (drafts screened first,
  as the preview does), against bare single-row inserts on the same database; the whole share (draft, both
  screens, submit) is printed beside it.

The machine is shared: run it a few times and take the median.
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


IN_FLIGHT_ROUNDS = 3  # turns per bot, alternating
LOST_AFTER = 60.0  # seconds without the last answer before a run reports unanswered interactions
IN_FLIGHT_TOTAL = 2100  # answers timed per bot, over all turns
REFLECT_CHARS = 320  # the mean length of a /reflect card's text
ABOUT_CHARS = 1180  # /about's text, fields included


def bare_bot(*, buttons: bool = True) -> Any:
    """What any discord.py bot does: a command tree and one reply, no database.

    `/reflect` answers one embed and (with `buttons`) three buttons, the shape of Stairwell's card.
    """
    import discord
    from discord.ext import commands

    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix=commands.when_mentioned, intents=intents, help_command=None)

    @bot.tree.command(name="reflect", description="A card.")
    async def reflect(interaction: discord.Interaction) -> None:
        card = discord.Embed(title="A moment to reflect", description="w" * REFLECT_CHARS).set_footer(text="f" * 66)
        if not buttons:
            await interaction.response.send_message(embed=card, ephemeral=True)
            return
        view = discord.ui.View(timeout=None)
        for label in ("Another", "Share my own story", "Support"):
            view.add_item(discord.ui.Button(label=label, custom_id=f"bare:{label}"))
        view.stop()  # not stored: no 15-minute task per ephemeral reply
        await interaction.response.send_message(embed=card, view=view, ephemeral=True)

    @bot.tree.command(name="about", description="About.")
    async def about(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            embed=discord.Embed(title="About", description="w" * ABOUT_CHARS), ephemeral=True
        )

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
            cpu = time.process_time()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        await bot.close()
    return {"ready_s": ready, "cpu_s": cpu, "rss_mb": rss}


class InFlight:
    """Keeps `width` interactions in flight: each answer sends the next, until `total` have been answered."""

    def __init__(self, env: Any, channel: Any, members: list[Any], command: str, total: int, warm: int) -> None:
        from simcord.interactions import base_payload

        self.env, self.channel, self.total, self.warm = env, channel, total, warm
        self.build = base_payload
        root = env.backend.find_command(command, channel.guild.id, type=1)
        self.data = {"id": root["id"], "name": root["name"], "type": 1, "options": []}
        self.members = members
        self.started: dict[int, tuple[float, int, int]] = {}
        self.timings: list[float] = []
        self.sent = 0
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def emit(self, user_id: int) -> None:
        self.sent += 1
        record, payload = self.build(
            self.env.backend,
            type=2,
            channel_id=self.channel.id,
            guild_id=self.channel.guild.id,
            user_id=user_id,
            data=self.data,
        )
        self.started[record.id] = (time.perf_counter(), self.sent, user_id)
        self.env.backend.emit("INTERACTION_CREATE", payload)  # SimCord's gateway: discord.py's real parser

    def answered(self, interaction_id: int) -> None:
        began, number, user_id = self.started.pop(interaction_id)
        if number > self.warm:
            self.timings.append((time.perf_counter() - began) * 1000)
        if self.sent < self.total + self.warm:
            asyncio.get_running_loop().call_soon(self.emit, user_id)
        elif not self.started and not self.done.done():
            self.done.set_result(None)


async def _in_flight(kind: str, command: str, width: int = 100, total: int = 2000) -> tuple[list[float], float]:
    """(milliseconds from INTERACTION_CREATE to the answer, answers per second), `width` in flight."""
    import simcord
    from simcord.backend.models.interaction import Interaction

    with tempfile.TemporaryDirectory() as folder:
        bot = stairwell_bot(folder) if kind == "stairwell" else bare_bot(buttons=kind == "bare")
        async with simcord.run(bot) as env:
            guild = env.create_guild("Night Shift")
            channel = guild.create_text_channel("general")
            members = [guild.add_member(env.create_user(f"member{n}")) for n in range(width)]
            await members[0].slash(channel, command)  # warm
            run = InFlight(env, channel, members, command, total, warm=width)
            recorded = Interaction.respond_with_message

            def respond_with_message(self: Any, *args: Any, **kwargs: Any) -> None:
                recorded(self, *args, **kwargs)
                if self.id in run.started:
                    run.answered(self.id)

            Interaction.respond_with_message = respond_with_message  # type: ignore[method-assign]
            try:
                started = time.perf_counter()
                for member in members:
                    run.emit(member.id)
                try:
                    await asyncio.wait_for(asyncio.shield(run.done), LOST_AFTER)
                except TimeoutError:
                    # An interaction never answered would hang the run: say so, with what the bot reported.
                    print(
                        f"{kind} /{command}: {len(run.started)} interactions unanswered after {LOST_AFTER:.0f} s; "
                        f"errors: {[type(error).__name__ for error in env.errors][:5]}"
                    )
                elapsed = time.perf_counter() - started
            finally:
                Interaction.respond_with_message = recorded  # type: ignore[method-assign]
            # What the answers left behind (history writes) finishes here; the worker's own sleep is not waited for.
            await env.settle()
        await bot.close()
    return run.timings, (total + width) / elapsed


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


async def _throughput(authors: int, each: int) -> tuple[float, float, float]:
    """(whole shares/s, stories/s through Submit into the queue, bare single-row inserts/s), everyone at once."""
    from bot.core import stories

    with tempfile.TemporaryDirectory() as folder:
        app = await _open(folder)
        try:
            drafts: list[tuple[int, bytes]] = []

            async def share(number: int) -> None:
                key = app.identity.author_key("bench", number)
                sealed = app.identity.seal("bench", number)
                for n in range(each):
                    outcome = await stories.start(
                        app, GUILD, key, sealed, f"{STORY} ({n})", None, for_reflection=False, notify=True
                    )
                    drafts.append((outcome.screened.draft.id, sealed))

            async def submit(draft_id: int, sealed: bytes) -> None:
                assert await stories.submit(app, draft_id, sealed) is not None

            started = time.perf_counter()
            await asyncio.gather(*(share(number) for number in range(authors)))
            screened = time.perf_counter() - started
            started = time.perf_counter()
            await asyncio.gather(*(submit(draft_id, sealed) for draft_id, sealed in drafts))
            submitted = time.perf_counter() - started
            started = time.perf_counter()
            for row in range(authors * each):
                await app.db.execute(
                    "INSERT INTO submission_times (guild_id, author_key, at) VALUES (?, ?, ?)", (GUILD, f"r{row}", 0)
                )
            inserts = authors * each / (time.perf_counter() - started)
        finally:
            await app.close()
    count = authors * each
    return count / (screened + submitted), count / submitted, inserts


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
        f"({ours['ready_s'] / bare['ready_s']:.2f}x, target <= 1.2x); CPU by then {ours['cpu_s']:.2f} s vs "
        f"{bare['cpu_s']:.2f} s ({ours['cpu_s'] / bare['cpu_s']:.2f}x)"
    )
    rss_ratio = ours["rss_mb"] / bare["rss_mb"]
    print(f"peak RSS: {ours['rss_mb']:.1f} MB vs bare {bare['rss_mb']:.1f} MB ({rss_ratio:.2f}x, target <= 1.3x)")
    for command in ("reflect", "about"):
        kinds = ("stairwell", "bare", "embed-only") if command == "reflect" else ("stairwell", "bare")
        timings: dict[str, list[float]] = {kind: [] for kind in kinds}
        rates: dict[str, list[float]] = {kind: [] for kind in kinds}
        # Taken in turns, so a change in the machine's load falls on every bot alike.
        for _ in range(IN_FLIGHT_ROUNDS):
            for kind in kinds:
                ms, rate = asyncio.run(_in_flight(kind, command, total=IN_FLIGHT_TOTAL // IN_FLIGHT_ROUNDS))
                timings[kind] += ms
                rates[kind].append(rate)
        ours_ms, bare_ms = timings["stairwell"], timings["bare"]
        for name, fraction in (("p50", 0.5), ("p99", 0.99)):
            ratio = pct(ours_ms, fraction) / pct(bare_ms, fraction)
            plain = timings.get("embed-only")
            print(
                f"/{command} {name}, 100 in flight: {pct(ours_ms, fraction):.1f} ms vs bare "
                f"{pct(bare_ms, fraction):.1f} ms ({ratio:.2f}x, target <= 1.5x)"
                + (f"; bare embed-only {pct(plain, fraction):.1f} ms" if plain else "")
            )
        print(
            f"/{command} answers/s, 100 in flight: {statistics.median(rates['stairwell']):,.0f} vs bare "
            f"{statistics.median(rates['bare']):,.0f} (median of {IN_FLIGHT_ROUNDS} turns)"
        )
    queue_ms = asyncio.run(_submit_to_queue(10, 20))
    print(
        f"Submit -> queue post, 10 authors at once (queue delay 0): p50 {pct(queue_ms, 0.5):.2f} ms (target <= 10), "
        f"p99 {pct(queue_ms, 0.99):.2f} ms (target <= 50), mean {statistics.fmean(queue_ms):.2f} ms"
    )
    shares, queued, inserts = asyncio.run(_throughput(200, 5))
    print(
        f"queue throughput, 200 authors at once: {queued:,.0f} stories/s through Submit vs bare inserts "
        f"{inserts:,.0f} rows/s ({queued / inserts:.2f}x, target >= 0.3x); whole shares with both screens "
        f"{shares:,.0f}/s ({shares / inserts:.2f}x)"
    )


if __name__ == "__main__":
    main()
