"""Update → answer latency for /reflect on Telegram: Stairwell against a bare aiogram bot, in one run.

Run: `python bench/telegram.py`. Both bots are the real aiogram, long polling the same fake Bot API server on
loopback (tests/telegram_app/fake_api.py), handling updates as tasks as in production. Each sample is one
/reflect from a new person: the time from the update being queued at the server to the answer's sendMessage
arriving there. The bare bot answers with a fixed text; Stairwell picks an unseen reflection (a read and a write
in SQLite), renders the card and sends it through its send queue. Pacing is off for the measurement (each sample
is a different chat, but 30/s overall would otherwise be the figure), so the difference is Stairwell's own work.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import Command
from aiogram.types import Message

from bot.core.app import Stairwell
from bot.telegram_app.bot import DEFAULTS, TelegramAdapter
from bot.telegram_app.sender import Limits, Sender
from tests.telegram_app.conftest import LoopbackSession
from tests.telegram_app.fake_api import TOKEN, FakeTelegram

SAMPLES = 300
WARMUP = 20
SECRET = b"bench-secret-key-that-is-long-enough-0000"
UNPACED = Limits(overall_per_second=1_000_000, chat_interval=0.0, group_per_minute=1_000_000)


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def loopback_bot(api: FakeTelegram) -> Bot:
    return Bot(TOKEN, session=LoopbackSession(api=TelegramAPIServer.from_base(api.base_url)), default=DEFAULTS)


async def measure(api: FakeTelegram, first_user: int) -> list[float]:
    latencies = []
    for n in range(WARMUP + SAMPLES):
        person = api.user(first_user + n, f"P{n}")
        started = time.perf_counter()
        await api.message(person, "/reflect")
        await api.wait_for_call("sendMessage", person.id)
        if n >= WARMUP:
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


async def run_bare(api: FakeTelegram) -> list[float]:
    bot = loopback_bot(api)
    dispatcher = Dispatcher()

    async def reflect(message: Message) -> None:
        await message.answer("A moment to reflect")

    dispatcher.message.register(reflect, Command("reflect"))
    return await polling(api, lambda: dispatcher.start_polling(bot, handle_signals=False), dispatcher, 1_000_000)


async def run_stairwell(api: FakeTelegram, folder: str) -> list[float]:
    app = await Stairwell.open(f"{folder}/bench.sqlite3", SECRET)
    bot = loopback_bot(api)
    adapter = TelegramAdapter(app, bot, sender=Sender(bot, UNPACED))
    try:
        return await polling(api, adapter.run_polling, adapter.dispatcher, 2_000_000)
    finally:
        await app.close()


async def polling(
    api: FakeTelegram, start: Callable[[], Awaitable[None]], dispatcher: Dispatcher, first_user: int
) -> list[float]:
    polls = api.polls
    task = asyncio.create_task(start())
    api.polled.clear()
    while api.polls == polls:
        await api.polled.wait()
        api.polled.clear()
    try:
        return await measure(api, first_user)
    finally:
        await dispatcher.stop_polling()
        await task


def report(name: str, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    print(
        f"{name:<22} p50 {percentile(ordered, 0.5):6.2f} ms   p90 {percentile(ordered, 0.9):6.2f} ms   "
        f"p99 {percentile(ordered, 0.99):6.2f} ms   mean {statistics.fmean(ordered):6.2f} ms"
    )


async def main() -> None:
    api = FakeTelegram()
    await api.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            bare = await run_bare(api)
            stairwell = await run_stairwell(api, folder)
    finally:
        await api.stop()
    print(f"/reflect, update queued → answer received, {SAMPLES} people one after another (fake Bot API, loopback)")
    report("bare aiogram bot", bare)
    report("Stairwell", stairwell)
    extra = statistics.median(stairwell) - statistics.median(bare)
    print(f"Stairwell's own work at the median: {extra:+.2f} ms")


if __name__ == "__main__":
    asyncio.run(main())
