"""The core's services in one object, shared by every adapter (Discord, console, Telegram)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.clock import Clock, SystemClock
from bot.core.identity import Identity
from bot.core.resources import Directory, load_directory
from bot.core.retention import reseal_legacy_ids
from bot.core.screening import warm
from bot.core.shards import Scope
from bot.core.testimonies import Library, load_library
from bot.db.connection import Database
from bot.db.migrate import open_database


@dataclass(frozen=True)
class Content:
    """Data files validated once at start; a malformed file stops the start with a ContentError."""

    library: Library
    directory: Directory

    @classmethod
    def load(cls, folder: Path | None = None) -> Content:
        testimonies = folder / "testimonies.toml" if folder else None
        resources = folder / "resources.toml" if folder else None
        return cls(load_library(testimonies), load_directory(resources))


@dataclass(frozen=True)
class Timing:
    """Random delays (seconds, inclusive ranges) that keep timing from saying who was online.

    A story reaches the moderation queue `queue_delay` after Submit (an urgent one at once), and is
    published `publish_delay` after approval. Operators set them with STAIRWELL_QUEUE_DELAY and
    STAIRWELL_PUBLISH_DELAY; tests and benchmarks set them to what they measure.
    """

    queue_delay: tuple[int, int] = (30, 300)
    publish_delay: tuple[int, int] = (120, 600)


@dataclass
class Stairwell:
    db: Database
    identity: Identity
    content: Content
    clock: Clock
    timing: Timing = field(default_factory=Timing)
    # The servers this process's background work is for (all of them unless shards are spread over processes).
    scope: Scope = field(default_factory=Scope)
    # Called when a flow records work for the background worker (a queue post, a publication, a schedule).
    on_work: Callable[[], None] | None = field(default=None, repr=False)
    # The screens are built in a thread when the first share form opens, so start-up never waits for them.
    _warming: asyncio.Future[None] | None = field(default=None, repr=False)

    @classmethod
    async def open(
        cls,
        db_path: str,
        secret: bytes,
        *,
        clock: Clock | None = None,
        content: Content | None = None,
        timing: Timing | None = None,
        scope: Scope | None = None,
    ) -> Stairwell:
        content = content or Content.load()
        db = await open_database(db_path)
        identity = Identity(secret)
        await reseal_legacy_ids(db, identity)
        app = cls(
            db=db,
            identity=identity,
            content=content,
            clock=clock or SystemClock(),
            timing=timing or Timing(),
            scope=scope or Scope(),
        )
        return app

    def wake(self) -> None:
        """Tell the background worker that new work was recorded, so it recomputes when to run."""
        if self.on_work is not None:
            self.on_work()

    def warm_up(self) -> None:
        """Build the screens in a thread (once). A share calls this as its form opens; until then nothing
        needs them, and building them at start would compete with it for the interpreter."""
        if self._warming is None:
            self._warming = asyncio.get_running_loop().run_in_executor(None, warm)

    async def close(self) -> None:
        if self._warming is not None:
            await self._warming
        await self.db.close()
