"""Shared fixtures: a real bot on a real SQLite file, driven through SimCord."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.core.app import Content
from bot.core.clock import FixedClock
from bot.discord_app.bot import StairwellBot

SECRET = b"test-secret-key-that-is-long-enough-000"


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
def make_bot(db_path, content, clock) -> Callable[[], StairwellBot]:
    """A fresh bot on the same database, as after a restart."""

    def build() -> StairwellBot:
        return StairwellBot(db_path, SECRET, content=content, clock=clock)

    return build


@pytest.fixture
def simcord_bot(make_bot) -> StairwellBot:
    return make_bot()
