"""Shared fixtures: a real bot on a real SQLite file, driven through SimCord."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest

from bot.core.app import Content, Timing
from bot.core.clock import FixedClock
from bot.discord_app.bot import StairwellBot

SECRET = b"test-secret-key-that-is-long-enough-000"
# Stories reach the queue at once in tests that do not measure the delay; publication keeps its delay.
NO_QUEUE_DELAY = Timing(queue_delay=(0, 0))


@pytest.fixture(scope="session")
def content() -> Content:
    return Content.load()


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "stairwell.sqlite3")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))


@pytest.fixture
async def make_bot(db_path, content, clock) -> AsyncIterator[Callable[[], StairwellBot]]:
    """A fresh bot on the same database, as after a restart; every one is closed at teardown.

    SimCord never closes the bot, and aiosqlite's worker thread is not a daemon: a connection left
    open (kept alive by a failing test's traceback, say) would stop pytest from exiting.
    """
    built: list[StairwellBot] = []

    def build() -> StairwellBot:
        bot = StairwellBot(db_path, SECRET, content=content, clock=clock, timing=NO_QUEUE_DELAY)
        built.append(bot)
        return bot

    yield build
    for bot in built:
        if hasattr(bot, "app"):
            await bot.app.close()


@pytest.fixture
def simcord_bot(make_bot) -> StairwellBot:
    return make_bot()
