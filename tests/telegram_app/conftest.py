"""The real aiogram bot, long polling a fake Bot API server on loopback, over a real SQLite file."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.core.app import Stairwell
from bot.core.flows.background import Background
from bot.telegram_app.bot import DEFAULTS, TelegramAdapter
from bot.telegram_app.sender import Limits, Sender
from tests.conftest import NO_QUEUE_DELAY, SECRET
from tests.telegram_app.fake_api import TOKEN, FakeTelegram, User


class LoopbackSession(AiohttpSession):
    """aiogram waits 250 ms on close for TLS connections to finish; plain HTTP on loopback has none."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def loopback_bot(api: FakeTelegram) -> Bot:
    return Bot(TOKEN, session=LoopbackSession(api=TelegramAPIServer.from_base(api.base_url)), default=DEFAULTS)


@dataclass
class FakeTime:
    """The send queue's clock: sleeping moves it on at once, and every wait is recorded."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class Running:
    """One running bot process: its core, its adapter and the polling task."""

    app: Stairwell
    adapter: TelegramAdapter
    task: asyncio.Task[None]

    async def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            await self.adapter.dispatcher.stop_polling()
        await asyncio.wait_for(self.task, 10)
        await self.app.close()


@dataclass
class TelegramWorld:
    api: FakeTelegram
    time: FakeTime
    running: Running
    db_path: str
    content: object
    clock: object
    admin: User
    member: User
    stranger: User

    @property
    def app(self) -> Stairwell:
        return self.running.app

    @property
    def adapter(self) -> TelegramAdapter:
        return self.running.adapter

    async def jobs(self) -> None:
        """One round of the core's background worker (queue posts, publishing, daily posts, retention)."""
        await Background(self.app, self.adapter.platform, self.adapter.deliver_notices).run_once()

    async def restart(self) -> None:
        """Stop the bot and start a new process on the same database, as after a crash or deploy."""
        await self.running.stop()
        self.running = await start_bot(self.api, self.time, self.db_path, self.content, self.clock)


async def start_bot(api: FakeTelegram, time: FakeTime, db_path: str, content, clock) -> Running:
    app = await Stairwell.open(db_path, SECRET, content=content, clock=clock, timing=NO_QUEUE_DELAY)
    bot = loopback_bot(api)
    sender = Sender(bot, Limits(), clock=time.clock, sleep=time.sleep)
    # Background jobs are run by the tests (`world.jobs()`), at the moments they choose.
    adapter = TelegramAdapter(app, bot, sender=sender, background=False)
    polls_before = api.polls
    # Each update is handled before the next getUpdates, so a test knows when its update is done.
    task = asyncio.create_task(adapter.run_polling(handle_as_tasks=False))
    while api.polls == polls_before:
        if task.done():
            task.result()
        await asyncio.sleep(0)  # yield to the bot's start-up (no timing: we wait for its first poll)
    return Running(app, adapter, task)


@pytest.fixture
async def tg(db_path, content, clock) -> AsyncIterator[TelegramWorld]:
    api = FakeTelegram()
    await api.start()
    time = FakeTime()
    running = await start_bot(api, time, db_path, content, clock)
    world = TelegramWorld(
        api=api,
        time=time,
        running=running,
        db_path=db_path,
        content=content,
        clock=clock,
        admin=api.user(5550001, "Ada", "ada_admin"),
        member=api.user(5550002, "Mia", "mia_nurse"),
        stranger=api.user(5550003, "Sam", "sam_else"),
    )
    try:
        yield world
    finally:
        await world.running.stop()
        await api.stop()
