"""Telegram figures against a bare aiogram bot, in one run: /reflect update → answer, and a share end to end.

Run: `python bench/telegram.py`. Both bots are the real aiogram, long polling the same fake Bot API server on
loopback (tests/telegram_app/fake_api.py), handling updates as tasks as in production. Each sample is one
/reflect from a new person: the time from the update being queued at the server to the answer's sendMessage
arriving there. The bare bot answers with a fixed text; Stairwell picks an unseen reflection (a read and a write
in SQLite), renders the card and sends it through its send queue. Pacing is off for the measurement (each sample
is a different chat, but 30/s overall would otherwise be the figure), so the difference is Stairwell's own work.

The share: one person after another goes through the whole conversation (/share, the story, No content warning,
Continue, Submit) and a moderator presses Approve. Measured: each step's update → the bot's next message (or the
button's answer), the story's Submit → its queue card in the moderators' group, and the whole share from /share to
the queue card. The bare bot answers every update with one fixed message (a press with its answer and, for Submit,
a card in the group), so it shows what the same round trips cost without Stairwell's work (the screens, the
database, the outbox record).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.core import chat_communities
from bot.core.app import Stairwell, Timing
from bot.telegram_app.bot import DEFAULTS, TelegramAdapter
from bot.telegram_app.sender import Limits, Sender
from tests.telegram_app.conftest import LoopbackSession
from tests.telegram_app.fake_api import TOKEN, FakeTelegram, User
from tests.telegram_app.flows import STORY

SHARES = 40
WARMUP_SHARES = 3  # the first share builds the screens (about 2 s, in a thread), as after any start
GROUP, MODS = -1001000, -1002000

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
    latencies: list[float] = await polling(
        api, lambda: dispatcher.start_polling(bot, handle_signals=False), dispatcher, 1_000_000
    )
    return latencies


async def run_stairwell(api: FakeTelegram, folder: str) -> list[float]:
    app = await Stairwell.open(f"{folder}/bench.sqlite3", SECRET)
    bot = loopback_bot(api)
    adapter = TelegramAdapter(app, bot, sender=Sender(bot, UNPACED))
    try:
        latencies: list[float] = await polling(api, adapter.run_polling, adapter.dispatcher, 2_000_000)
        return latencies
    finally:
        await app.close()


async def polling(api: FakeTelegram, start: Callable[[], Awaitable[None]], dispatcher: Dispatcher, drive: Any) -> Any:
    polls = api.polls
    task = asyncio.create_task(start())
    api.polled.clear()
    while api.polls == polls:
        await api.polled.wait()
        api.polled.clear()
    try:
        return await (drive() if callable(drive) else measure(api, drive))
    finally:
        await dispatcher.stop_polling()
        await task


Steps = dict[str, list[float]]


async def timed(steps: Steps, name: str, started: float) -> None:
    steps.setdefault(name, []).append((time.perf_counter() - started) * 1000)


async def one_share(api: FakeTelegram, person: User, admin: User, steps: Steps, *, closes: bool = True) -> None:
    began = time.perf_counter()
    await api.message(person, "/share")
    await api.wait_for_sent(person.id, "Tell me what happened")
    await timed(steps, "/share → first question", began)
    started = time.perf_counter()
    await api.message(person, STORY)
    asked = await api.wait_for_sent(person.id, "content warning")
    await timed(steps, "story → next question", started)
    started = time.perf_counter()
    await api.press(person, asked, asked.buttons()[-2]["text"] if len(asked.buttons()) > 1 else "No content warning")
    choices = await api.wait_for_sent(person.id, "Two choices")
    await timed(steps, "button → next question", started)
    await api.press(person, choices, "Continue")
    preview = await api.wait_for_sent(person.id, "Before you send it")
    submit = next(b["text"] for b in preview.buttons() if b["text"].startswith("Submit"))
    cards = len([sent for sent in api.in_chat(MODS) if sent.buttons()])
    started = time.perf_counter()
    await api.press(person, preview, submit)
    await api.wait_until(lambda: len([sent for sent in api.in_chat(MODS) if sent.buttons()]) > cards)
    await timed(steps, "Submit → queue card", started)
    await timed(steps, "share, /share → queue card", began)
    card = [sent for sent in api.in_chat(MODS) if sent.buttons()][-1]
    answered = len(api.calls_to("answerCallbackQuery"))
    started = time.perf_counter()
    await api.press(admin, card, "Approve")
    await api.wait_until(lambda: len(api.calls_to("answerCallbackQuery")) > answered)
    await timed(steps, "Approve → its answer", started)
    if closes:  # Stairwell closes the card after answering (the bare bot does not)
        await api.wait_until(lambda: not api.sent[(MODS, card.message_id)].buttons())


async def share_stairwell(api: FakeTelegram, folder: str) -> Steps:
    app = await Stairwell.open(f"{folder}/share.sqlite3", SECRET, timing=Timing(queue_delay=(0, 0)))
    bot = loopback_bot(api)
    adapter = TelegramAdapter(app, bot, sender=Sender(bot, UNPACED), background=False)
    admin = api.user(3_000_000, "Ada")
    api.group(GROUP, "Night Shift", owner=admin)
    api.group(MODS, "Mods", owner=admin)
    community = await chat_communities.begin(app, GROUP, "Night Shift")
    assert community.pairing_code is not None
    await chat_communities.bind_moderators(app, community, community.pairing_code, MODS, public=False)
    steps: Steps = {}

    async def drive() -> None:
        for n in range(WARMUP_SHARES + SHARES):
            person = api.user(3_000_001 + n, f"P{n}")
            await api.message(person, f"/start {community.code}")
            await api.wait_for_sent(person.id, "You came from")
            await one_share(api, person, admin, steps if n >= WARMUP_SHARES else {})

    try:
        await polling(api, adapter.run_polling, adapter.dispatcher, drive)
    finally:
        await app.close()
    return steps


async def share_bare(api: FakeTelegram) -> Steps:
    """The same updates, each answered with one fixed message: the round trips without Stairwell's work."""
    bot = loopback_bot(api)
    dispatcher = Dispatcher()
    admin = api.user(4_000_000, "Ada")
    api.group(MODS, "Mods", owner=admin)
    texts = {
        "/share": ("Tell me what happened", ["Cancel"]),
        "story": ("Does it need a content warning?", ["No content warning", "Cancel"]),
        "No content warning": ("Two choices", ["Continue"]),
        "Continue": ("Before you send it", ["Submit", "Edit", "Cancel"]),
    }

    def markup(labels: list[str]) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=label, callback_data=label)] for label in labels]
        )

    async def on_message(message: Message) -> None:
        text, labels = texts["/share" if message.text == "/share" else "story"]
        await message.answer(text, reply_markup=markup(labels))

    async def on_press(query: CallbackQuery) -> None:
        await query.answer()
        if query.data == "Submit":
            await bot.send_message(MODS, "Story", reply_markup=markup(["Approve"]))
        elif query.data in texts:
            text, labels = texts[query.data]
            await bot.send_message(query.from_user.id, text, reply_markup=markup(labels))

    dispatcher.message.register(on_message)
    dispatcher.callback_query.register(on_press)
    steps: Steps = {}

    async def drive() -> None:
        for n in range(WARMUP_SHARES + SHARES):
            person = api.user(4_000_001 + n, f"P{n}")
            await one_share(api, person, admin, steps if n >= WARMUP_SHARES else {}, closes=False)

    await polling(api, lambda: dispatcher.start_polling(bot, handle_signals=False), dispatcher, drive)
    return steps


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
            shares_bare = await share_bare(api)
            shares = await share_stairwell(api, folder)
    finally:
        await api.stop()
    print(f"/reflect, update queued → answer received, {SAMPLES} people one after another (fake Bot API, loopback)")
    report("bare aiogram bot", bare)
    report("Stairwell", stairwell)
    extra = statistics.median(stairwell) - statistics.median(bare)
    print(f"Stairwell's own work at the median: {extra:+.2f} ms")
    print(f"\nA share on Telegram, {SHARES} people one after another, then a moderator's Approve (p50 / p99, ms)")
    print(f"{'':<28} {'bare aiogram':>18} {'Stairwell':>18}")
    for step, values in shares.items():
        ordered, plain = sorted(values), sorted(shares_bare.get(step, [0.0]))
        print(
            f"{step:<28} {percentile(plain, 0.5):8.2f} / {percentile(plain, 0.99):7.2f} "
            f"{percentile(ordered, 0.5):8.2f} / {percentile(ordered, 0.99):7.2f}"
        )


if __name__ == "__main__":
    asyncio.run(main())
