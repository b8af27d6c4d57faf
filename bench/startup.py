"""Cost of starting the bot: time from process start until it answers a command, CPU and memory.

Run: `python bench/startup.py`. Builds `StairwellBot` on a temporary database (real migrations,
content loaded and validated, commands synced) against SimCord, has a member run `/about` once
to prove the bot is ready, then prints wall time since the process started, CPU time used by
then and peak RSS, beside the targets (under 1 s CPU, under 60 MB RSS).
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simcord

from bot.discord_app.bot import StairwellBot

SECRET = b"bench-secret-key-that-is-long-enough-0000"
CPU_TARGET_S = 1.0
RSS_TARGET_MB = 60.0


def since_process_start() -> float:
    """Wall seconds since this process began, interpreter start included (Linux: /proc).

    Both numbers count from boot in 10 ms ticks; /proc/stat's boot time is whole seconds, too coarse here.
    """
    started_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])  # field 22
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - started_ticks / os.sysconf("SC_CLK_TCK")


async def start_and_ask(db_path: str) -> tuple[float, float, float]:
    """Returns (wall seconds since process start, CPU seconds, peak RSS in MB) once /about has answered."""
    bot = StairwellBot(db_path, SECRET)
    async with simcord.run(bot) as env:
        guild = env.create_guild("Night Shift")
        channel = guild.create_text_channel("general")
        member = guild.add_member(env.create_user("mia"))
        result = await member.slash(channel, "about")
        assert result.response is not None and result.response.embeds, "the bot did not answer /about"
        ready = since_process_start()
        cpu = time.process_time()
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    await bot.close()  # SimCord detaches the bot without closing it; the database thread must end too
    return ready, cpu, rss_mb


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else "OVER TARGET"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ready, cpu, rss_mb = asyncio.run(start_and_ask(str(Path(folder) / "startup.sqlite3")))
    total = since_process_start()
    print(f"ready (answered /about): {ready:.2f} s wall since process start")
    print(f"CPU time by then: {cpu:.2f} s (target under {CPU_TARGET_S:.0f} s: {verdict(cpu, CPU_TARGET_S)})")
    print(f"peak RSS by then: {rss_mb:.1f} MB (target under {RSS_TARGET_MB:.0f} MB: {verdict(rss_mb, RSS_TARGET_MB)})")
    print(f"wall time, process start to shut down: {total:.2f} s")


if __name__ == "__main__":
    main()
