"""One chain of numbered SQL migrations for both backends, each applied in one transaction.

`migrations/NNNN_what.sql` serves both; `migrations/postgresql/NNNN_what.sql` replaces it on
PostgreSQL where the dialects differ. SQLite keeps its version in PRAGMA user_version,
PostgreSQL in the one-row table stairwell_schema.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.db.connection import Database, Dialect
from bot.paths import migrations_dir

log = logging.getLogger(__name__)
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The database cannot be brought to this code's schema; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    path: Path


def _numbered(folder: Path) -> list[Migration]:
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_what.sql")
        found.append(Migration(int(match.group(1)), path))
    return found


def discover(directory: Path | None = None, dialect: Dialect = Dialect.SQLITE) -> list[Migration]:
    """Migrations in order; a gap, a duplicate number or a stray dialect file is a packaging bug worth stopping for."""
    folder = directory or migrations_dir()
    found = _numbered(folder)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"{migration.path.name}: expected migration number {expected:04d}")
    variants = folder / Dialect.POSTGRESQL.value
    if not variants.is_dir():
        return found
    names = {migration.path.name for migration in found}
    overrides = {}
    for variant in _numbered(variants):
        if variant.path.name not in names:
            raise MigrationError(f"postgresql/{variant.path.name} has no shared migration of the same name")
        overrides[variant.version] = variant
    if dialect is Dialect.POSTGRESQL:
        return [overrides.get(migration.version, migration) for migration in found]
    return found


async def current_version(db: Database) -> int:
    if db.dialect is Dialect.SQLITE:
        return int(await db.fetchval("PRAGMA user_version"))
    async with db.transaction():  # two processes starting at once create the table once
        await db.execute("CREATE TABLE IF NOT EXISTS stairwell_schema (version BIGINT NOT NULL)")
        return int(await db.fetchval("SELECT coalesce(max(version), 0) FROM stairwell_schema"))


async def migrate(db: Database, directory: Path | None = None) -> list[int]:
    """Apply what is missing; refuse a database written by newer code. Returns versions applied."""
    migrations = discover(directory, db.dialect)
    latest = migrations[-1].version if migrations else 0
    version = await current_version(db)
    if version > latest:
        raise MigrationError(
            f"the database {db.path} is at schema version {version} but this Stairwell knows only "
            f"up to {latest}: upgrade Stairwell, or restore a backup made by this version."
        )
    applied = []
    for migration in migrations[version:]:
        if db.dialect is Dialect.SQLITE:
            await _apply_sqlite(db, migration)
        else:
            await _apply_postgres(db, migration)
        log.info("applied migration %s", migration.path.name)
        applied.append(migration.version)
    return applied


async def _apply_sqlite(db: Database, migration: Migration) -> None:
    from bot.db.sqlite import SqliteDatabase

    assert isinstance(db, SqliteDatabase)
    body = migration.path.read_text()
    script = f"BEGIN;\n{body}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
    try:
        await db.conn.executescript(script)
    except sqlite3.Error as exc:
        if db.conn.in_transaction:
            await db.conn.execute("ROLLBACK")
        raise MigrationError(f"{migration.path.name} failed: {exc}") from exc


async def _apply_postgres(db: Database, migration: Migration) -> None:
    """The script and the version bump in one transaction; a second process migrating waits, then finds it done."""
    import asyncpg

    try:
        async with db.transaction():
            if await current_version(db) >= migration.version:
                return
            await db.execute(migration.path.read_text())
            await db.execute("DELETE FROM stairwell_schema")
            await db.execute("INSERT INTO stairwell_schema (version) VALUES (?)", (migration.version,))
    except asyncpg.PostgresError as exc:
        raise MigrationError(f"{migration.path.name} failed: {exc}") from exc


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
    from bot.db.sqlite import SqliteDatabase

    if not isinstance(db, SqliteDatabase):
        raise MigrationError(
            "a PostgreSQL database is backed up with PostgreSQL's own tool, consistent while the bot runs: "
            f"pg_dump --format=custom --file={target} '{db.path}' (restore with pg_restore)."
        )
    if target.exists():
        raise MigrationError(f"{target} already exists: choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target, check_same_thread=False)
    try:
        await db.conn.backup(dest)
    finally:
        dest.close()
