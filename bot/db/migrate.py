"""Numbered SQL migrations tracked by PRAGMA user_version, each applied in one transaction."""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.db.connection import Database
from bot.paths import migrations_dir

log = logging.getLogger(__name__)
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The database cannot be brought to this code's schema; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    path: Path


def discover(directory: Path | None = None) -> list[Migration]:
    """Migrations in order; a gap or a duplicate number is a packaging bug worth stopping for."""
    folder = directory or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_what.sql")
        found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"{migration.path.name}: expected migration number {expected:04d}")
    return found


async def current_version(db: Database) -> int:
    return int(await db.fetchval("PRAGMA user_version"))


async def migrate(db: Database, directory: Path | None = None) -> list[int]:
    """Apply what is missing; refuse a database written by newer code. Returns versions applied."""
    migrations = discover(directory)
    latest = migrations[-1].version if migrations else 0
    version = await current_version(db)
    if version > latest:
        raise MigrationError(
            f"the database {db.path} is at schema version {version} but this Stairwell knows only "
            f"up to {latest}: upgrade Stairwell, or restore a backup made by this version."
        )
    applied = []
    for migration in migrations[version:]:
        body = migration.path.read_text()
        script = f"BEGIN;\n{body}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        try:
            await db.conn.executescript(script)
        except sqlite3.Error as exc:
            if db.conn.in_transaction:
                await db.conn.execute("ROLLBACK")
            raise MigrationError(f"{migration.path.name} failed: {exc}") from exc
        log.info("applied migration %s", migration.path.name)
        applied.append(migration.version)
    return applied


async def open_database(path: str, directory: Path | None = None) -> Database:
    """Open and migrate: every entry point calls this so no code runs on an old schema."""
    db = await Database.open(path)
    try:
        await migrate(db, directory)
    except BaseException:
        await db.close()
        raise
    return db


async def backup(db: Database, target: Path) -> None:
    """A consistent online copy through SQLite's backup API, safe while the bot runs."""
    if target.exists():
        raise MigrationError(f"{target} already exists: choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target, check_same_thread=False)
    try:
        await db.conn.backup(dest)
    finally:
        dest.close()
