"""SQLite: one aiosqlite connection for writes, serialised by a lock so transactions never interleave; one for reads.

The reader is a plain sqlite3 connection used on the event loop itself: an indexed SELECT in WAL mode takes
tens of microseconds, less than handing it to a worker thread and waking the loop when it is done, and a
reader never waits for the writer. A read that would have to wait (SQLITE_BUSY) goes to the writer instead.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.db.connection import Batch, Database, DatabaseOpenError, Dialect, Row

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


def _reader(path: str) -> sqlite3.Connection:
    """Never waits: busy_timeout=0, so a rare busy read goes to the writer rather than blocking the loop."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in ("PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=0", "PRAGMA query_only=ON"):
        conn.execute(pragma).close()
    return conn


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


async def _write_all(db: Database, writes: list[tuple[str, tuple[Any, ...]]]) -> list[None]:
    for sql, same in itertools.groupby(writes, key=lambda write: write[0]):
        await db.executemany(sql, [params for _, params in same])
    return [None] * len(writes)


def _read_now(reader: sqlite3.Connection, sql: str, values: tuple[Any, ...]) -> list[Row]:
    cursor = reader.execute(sql, values)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


class SqliteDatabase(Database):
    """Writes share one lock because SQLite has one writer anyway; BEGIN IMMEDIATE also excludes other processes."""

    dialect = Dialect.SQLITE

    def __init__(self, conn: aiosqlite.Connection, path: str, reader: sqlite3.Connection | None = None) -> None:
        self.conn = conn
        self.path = path
        # WAL lets readers run beside the writer: plain SELECTs outside a transaction use this one, unlocked,
        # on the event loop's own thread.
        self.reader = reader
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None
        # Items waiting for `together`, by the batch that runs them, each with the future its caller awaits.
        self._waiting: dict[Batch, list[tuple[Any, asyncio.Future[Any]]]] = {}
        self._committing: set[asyncio.Task[None]] = set()

    @classmethod
    async def open(cls, path: str) -> SqliteDatabase:
        """Creates missing folders; anything else in the way is one DatabaseOpenError line, not a traceback."""
        conn: aiosqlite.Connection | None = None
        reader: sqlite3.Connection | None = None
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                # Tried here first: aiosqlite's worker thread outlives a failed connect and then fails
                # noisily once the event loop has closed.
                sqlite3.connect(path).close()
            conn = await _connect(path, PRAGMAS)
            if path != ":memory:":
                reader = _reader(path)
        except (OSError, sqlite3.Error) as error:
            if reader is not None:
                reader.close()
            if conn is not None:
                await conn.close()
            raise DatabaseOpenError(f"cannot open the database {path}: {_why(Path(path), error)}") from None
        return cls(conn, path, reader)

    async def close(self) -> None:
        """Both connections, whatever happens: a worker thread left running would keep the process alive."""
        await asyncio.gather(*self._committing, return_exceptions=True)
        try:
            if self.reader is not None:
                self.reader.close()
        finally:
            await self.conn.close()

    def _read_connection(self, sql: str) -> sqlite3.Connection | None:
        """The reader for a plain SELECT outside this task's transaction; None means the writer, locked.

        Reads on it run to completion (fetchall, then close): a statement left open would keep its read
        transaction, and with it an old snapshot, for every read that follows.
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
        async with self._lock, self._owned() as conn:
            yield conn

    @asynccontextmanager
    async def _owned(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT for the task that holds the lock."""
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
        await self.conn.execute_fetchall(sql)

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement on its own; returns the rows it changed."""
        async with self._turn(), self.conn.execute(sql, tuple(params)) as cursor:
            return cursor.rowcount

    async def write(self, sql: str, params: Iterable[Any] = ()) -> None:
        """An independent write whose row count nobody needs; concurrent ones are committed together."""
        await self.together(_write_all, (sql, tuple(params)))

    async def together(self, run: Batch, item: Any) -> Any:
        """`run(conn, items)` for this item and every other one for the same `run` that arrives meanwhile.

        Items that arrive while the writer is busy wait for it together and then share one transaction
        (a burst of submits is a handful of statements, not a handful each). `run` returns one result
        per item; an Exception among them is raised to that item's caller alone. If `run` itself fails,
        the transaction is rolled back and each item runs alone, so one bad item fails only its caller.
        Each caller returns once its item is committed.
        """
        if self._inside():
            [result] = await run(self, [item])
        else:
            done = asyncio.get_running_loop().create_future()
            waiting = self._waiting.setdefault(run, [])
            waiting.append((item, done))
            if len(waiting) == 1 and not self._lock.locked():
                await self._run_together(run)  # the writer is free: no one to wait for, so no task to wake
            elif len(waiting) == 1:
                task = asyncio.create_task(self._run_together(run))
                self._committing.add(task)
                task.add_done_callback(self._committing.discard)
            result = await done
        if isinstance(result, Exception):
            raise result
        return result

    async def _run_together(self, run: Batch) -> None:
        async with self._lock:
            group = self._waiting.pop(run)
            try:
                results: list[Any] | None = None
                if len(group) > 1:
                    try:
                        results = await self._in_transaction(run, [item for item, _ in group])
                    except Exception:
                        results = None
                if results is None:
                    results = []
                    for item, _ in group:
                        try:
                            results.extend(await self._in_transaction(run, [item]))
                        except Exception as error:
                            results.append(error)
                for (_, done), result in zip(group, results, strict=True):
                    if not done.done():
                        done.set_result(result)
            finally:
                for _, done in group:  # cancelled mid-way (the bot is closing): no caller waits forever
                    if not done.done():
                        done.cancel()

    async def _in_transaction(self, run: Batch, items: list[Any]) -> list[Any]:
        async with self._owned():
            return await run(self, items)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._turn(), self.conn.executemany(sql, [tuple(row) for row in rows]):
            pass

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run an INSERT; returns the new row's id. One call to the database thread, not three."""
        async with self._turn():
            row = await self.conn.execute_insert(sql, tuple(params))
        return int(row[0] or 0) if row is not None else 0

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        return next(iter(await self.fetchall(sql, params)), None)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        """Every row: on the reader at once, or on the writer in one call to its thread (not three)."""
        values = tuple(params)
        reader = self._read_connection(sql)
        if reader is not None:
            try:
                return _read_now(reader, sql, values)
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
        async with self._turn():
            return list(await self.conn.execute_fetchall(sql, values))
