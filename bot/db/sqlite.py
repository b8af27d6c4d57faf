"""SQLite: one aiosqlite connection for writes, serialised by a lock so transactions never interleave; one for reads."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.db.connection import Database, DatabaseOpenError, Dialect, Row

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
)

# aiosqlite logs every statement with its parameters at DEBUG, which would put story text in logs.
logging.getLogger("aiosqlite").setLevel(logging.INFO)


def _why(path: Path, error: BaseException) -> str:
    """The cause a person can act on, rather than SQLite's "unable to open database file"."""
    if path.is_dir():
        return "it is a directory: give a file path such as data/stairwell.sqlite3."
    folder = next((ancestor for ancestor in path.parents if ancestor.exists()), None)
    if folder is not None and not folder.is_dir():
        return f"{folder} is a file, not a folder: choose another path for STAIRWELL_DB."
    if folder is not None and (isinstance(error, PermissionError) or not os.access(folder, os.W_OK | os.X_OK)):
        return f"the folder {folder} is not writable by this user: fix its permissions or choose another path."
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return "it is not a SQLite database (another kind of file?): choose another path for STAIRWELL_DB."
    reason = getattr(error, "strerror", None) or str(error)
    return f"{reason}: check that the folder can be written to, or choose another path for STAIRWELL_DB."


async def _connect(path: str, pragmas: Iterable[str]) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        for pragma in pragmas:
            async with conn.execute(pragma):
                pass
    except BaseException:
        # A file that is not a database fails only here; an open connection's thread would keep the process alive.
        await conn.close()
        raise
    return conn


class SqliteDatabase(Database):
    """Writes share one lock because SQLite has one writer anyway; BEGIN IMMEDIATE also excludes other processes."""

    dialect = Dialect.SQLITE

    def __init__(self, conn: aiosqlite.Connection, path: str, reader: aiosqlite.Connection | None = None) -> None:
        self.conn = conn
        self.path = path
        # WAL lets readers run beside the writer: plain SELECTs outside a transaction use this one, unlocked.
        self.reader = reader
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    @classmethod
    async def open(cls, path: str) -> SqliteDatabase:
        """Creates missing folders; anything else in the way is one DatabaseOpenError line, not a traceback."""
        conn: aiosqlite.Connection | None = None
        reader: aiosqlite.Connection | None = None
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                # Tried here first: aiosqlite's worker thread outlives a failed connect and then fails
                # noisily once the event loop has closed.
                sqlite3.connect(path).close()
            conn = await _connect(path, PRAGMAS)
            if path != ":memory:":
                reader = await _connect(path, (*PRAGMAS[1:], "PRAGMA query_only=ON"))
        except (OSError, sqlite3.Error) as error:
            for opened in (conn, reader):
                if opened is not None:
                    await opened.close()
            raise DatabaseOpenError(f"cannot open the database {path}: {_why(Path(path), error)}") from None
        return cls(conn, path, reader)

    async def close(self) -> None:
        """Both connections, whatever happens: a worker thread left running would keep the process alive."""
        try:
            if self.reader is not None:
                await self.reader.close()
        finally:
            await self.conn.close()

    def _read_connection(self, sql: str) -> aiosqlite.Connection | None:
        """The reader for a plain SELECT outside this task's transaction; None means the writer, locked.

        Reads on it run to completion in one call (execute_fetchall): a statement left open would keep
        its read transaction, and with it an old snapshot, for every read that follows.
        """
        if self.reader is None or self._inside() or sql.lstrip()[:6].upper() != "SELECT":
            return None
        return self.reader

    def _inside(self) -> bool:
        return self._owner is not None and self._owner is asyncio.current_task()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; nested uses join the outer one."""
        if self._inside():
            yield self.conn
            return
        async with self._lock:
            self._owner = asyncio.current_task()
            try:
                await self._run("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                except BaseException:
                    await self._run("ROLLBACK")
                    raise
                await self._run("COMMIT")
            finally:
                self._owner = None

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        """The lock, unless this task's own transaction already holds it."""
        if self._inside():
            yield
            return
        async with self._lock:
            yield

    async def _run(self, sql: str) -> None:
        async with self.conn.execute(sql):
            pass

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement on its own; returns the rows it changed."""
        async with self._turn(), self.conn.execute(sql, tuple(params)) as cursor:
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._turn(), self.conn.executemany(sql, [tuple(row) for row in rows]):
            pass

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        async with self._turn(), self.conn.execute(sql, tuple(params)) as cursor:
            return int(cursor.lastrowid or 0)

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        reader = self._read_connection(sql)
        if reader is not None:
            rows = await reader.execute_fetchall(sql, tuple(params))
            return next(iter(rows), None)
        async with self._turn(), self.conn.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        reader = self._read_connection(sql)
        if reader is not None:
            return list(await reader.execute_fetchall(sql, tuple(params)))
        async with self._turn(), self.conn.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())
