"""One background worker for every adapter: it sleeps until work is due, or until a flow says there is more.

Queue posts, publishing, daily posts and retention all run here; a flow that records new work
calls `Stairwell.wake()`, so nothing waits for a polling interval.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.core.app import Stairwell
from bot.core.flows import daily_posts, jobs
from bot.core.flows.daily_posts import Notice
from bot.core.flows.port import Platform

log = logging.getLogger(__name__)
MAX_SLEEP = 60.0  # even with nothing due, look again this often (retention, a clock that jumped)
RETENTION_EVERY = 300  # seconds between retention runs

NoticeHandler = Callable[[list[Notice]], Awaitable[None]]


class Background:
    def __init__(self, app: Stairwell, platform: Platform, on_notices: NoticeHandler) -> None:
        self.app = app
        self.platform = platform
        self.on_notices = on_notices
        self._last_retention: int | None = None
        self._sleeping: asyncio.Future[None] | None = None
        self._woken = False
        app.on_work = self.wake

    def wake(self) -> None:
        """New work: cut the current sleep short (or skip the next one if a round is running)."""
        self._woken = True
        if self._sleeping is not None:
            self._sleeping.cancel()

    async def run_once(self) -> float:
        """Every due job once; returns the seconds until the next one is due."""
        app = self.app
        await jobs.queue_due(app, self.platform)
        await jobs.publish_due(app, self.platform)
        notices, daily_wait = await daily_posts.run_due(app, self.platform)
        await self.on_notices(notices)
        now = int(app.clock.now().timestamp())
        if self._last_retention is None or now - self._last_retention >= RETENTION_EVERY:
            await jobs.retention(app)
            self._last_retention = now
        return min(daily_wait, await jobs.seconds_until_next(app), MAX_SLEEP)

    async def run_forever(self) -> None:
        while True:
            self._woken = False
            try:
                wait = await self.run_once()
            except Exception as error:  # the worker must outlive any one failure
                log.error("background round failed: %s", type(error).__name__)
                wait = MAX_SLEEP
            if self._woken:
                continue
            # A plain timer (so test clocks can drive it) that wake() cancels; asyncio.wait does not raise then.
            self._sleeping = asyncio.ensure_future(asyncio.sleep(max(wait, 0.0)))
            try:
                await asyncio.wait([self._sleeping])
            finally:
                self._sleeping = None
