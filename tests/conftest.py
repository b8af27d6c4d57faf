"""Shared fixtures: a real bot on a real SQLite file, driven through SimCord."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime

import pytest

from bot.core.app import Content, Timing
from bot.core.clock import FixedClock
from bot.discord_app.bot import StairwellBot
from tests.backends import SKIP_REASON, PostgresCluster, report_line, start_cluster

SECRET = b"test-secret-key-that-is-long-enough-000"
# Stories reach the queue at once in tests that do not measure the delay; publication keeps its delay.
NO_QUEUE_DELAY = Timing(queue_delay=(0, 0))


@pytest.fixture(scope="session")
def content() -> Content:
    return Content.load()


def pytest_report_header() -> str:
    return report_line()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster | None]:
    """Started only when a test asks for PostgreSQL, stopped at the end of the session."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        if cluster is not None:
            cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return str(request.param)


@pytest.fixture
def db_path(tmp_path, backend, request) -> str:
    """What STAIRWELL_DB would hold: a new SQLite file, or the emptied PostgreSQL test database's URL."""
    if backend == "sqlite":
        return str(tmp_path / "stairwell.sqlite3")
    cluster = request.getfixturevalue("postgres")
    if cluster is None:
        pytest.skip(SKIP_REASON)
    return cluster.emptied_database()


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
