"""The core's services in one object, shared by every adapter (Discord, console, later Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.clock import Clock, SystemClock
from bot.core.identity import Identity
from bot.core.resources import Directory, load_directory
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


@dataclass
class Stairwell:
    db: Database
    identity: Identity
    content: Content
    clock: Clock

    @classmethod
    async def open(
        cls,
        db_path: str,
        secret: bytes,
        *,
        clock: Clock | None = None,
        content: Content | None = None,
    ) -> Stairwell:
        content = content or Content.load()
        db = await open_database(db_path)
        return cls(db=db, identity=Identity(secret), content=content, clock=clock or SystemClock())

    async def close(self) -> None:
        await self.db.close()
