"""PostgreSQL through an asyncpg pool, for several processes sharing one database.

Repositories write `?` placeholders; they become `$1, $2, ...` here, once per statement text.
Transactions are serialised among themselves across every process by one advisory lock, exactly
as SQLite's BEGIN IMMEDIATE serialises writers, so a multi-step action written for SQLite (read,
check, write) stays correct; single statements (the leased claims among them) run concurrently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.db.connection import Batch, Database, DatabaseOpenError, Dialect, Row

log = logging.getLogger(__name__)

# Any fixed number: the key of the advisory lock every Stairwell transaction takes.
TRANSACTION_LOCK = 0x5741_4952  # "STAIR"-ish, unlikely to collide with another application's


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """`?` outside quoted text becomes `$n`; our statements keep `?` out of literals, but quotes are honoured."""
    out: list[str] = []
    number = 0
    quote: str | None = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            number += 1
            out.append(f"${number}")
            continue
        out.append(char)
    return "".join(out)


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _value(value: Any) -> Any:
    """Booleans go to INTEGER columns as 0/1, as in SQLite; NUL, the one character PostgreSQL text cannot
    hold, is dropped (it is invisible, and the story cleaner removes it from every text anyway)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    return value


def _values(params: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(_value(value) for value in params)


class PostgresDatabase(Database):
    dialect = Dialect.POSTGRESQL

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url
        self.path = safe_url(url)
        # The connection each task's open transaction runs on.
        self._held: dict[asyncio.Task[Any], asyncpg.Connection] = {}
        # `together`'s turns, in the order the items arrived.
        self._arrivals = asyncio.Lock()

    @classmethod
    async def open(cls, url: str, *, min_size: int = 1, max_size: int = 10) -> PostgresDatabase:
        try:
            pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, command_timeout=60)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            raise DatabaseOpenError(
                f"cannot open the database {safe_url(url)}: {error}: check that PostgreSQL runs there, "
                "that the database exists and that this user may connect."
            ) from None
        return cls(pool, url)

    async def close(self) -> None:
        await self.pool.close()

    def _mine(self) -> asyncpg.Connection | None:
        task = asyncio.current_task()
        return None if task is None else self._held.get(task)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        if self._mine() is not None:
            yield
            return
        task = asyncio.current_task()
        assert task is not None
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", TRANSACTION_LOCK)
            self._held[task] = conn
            try:
                yield
            finally:
                del self._held[task]

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        held = self._mine()
        if held is not None:
            yield held
            return
        async with self.pool.acquire() as conn:
            yield conn

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        async with self._connection() as conn:
            status = await conn.execute(placeholders(sql), *_values(params))
        # "UPDATE 3", "INSERT 0 1", "DELETE 0": the last word is the row count.
        tail = status.rsplit(" ", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    async def write(self, sql: str, params: Iterable[Any] = ()) -> None:
        """On its own: the pool runs concurrent writes side by side, so there is no queue to fold them into."""
        await self.execute(sql, params)

    async def together(self, run: Batch, item: Any) -> Any:
        """Each item in its own transaction (or the caller's): a simple fallback, not SQLite's grouping.

        Outside a transaction they take turns in arrival order (an asyncio lock is first come, first served;
        the advisory lock alone promises no order), so limits and duplicates are decided as on SQLite.
        """
        if self._mine() is not None:
            [result] = await run(self, [item])
        else:
            async with self._arrivals, self.transaction():
                [result] = await run(self, [item])
        if isinstance(result, Exception):
            raise result
        return result

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._connection() as conn:
            await conn.executemany(placeholders(sql), [_values(row) for row in rows])

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        async with self._connection() as conn:
            return int(await conn.fetchval(placeholders(sql) + " RETURNING id", *_values(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        async with self._connection() as conn:
            row: Row | None = await conn.fetchrow(placeholders(sql), *_values(params))
            return row

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        async with self._connection() as conn:
            return list(await conn.fetch(placeholders(sql), *_values(params)))
