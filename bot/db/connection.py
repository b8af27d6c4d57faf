"""The one database interface every repository uses, and `open` choosing SQLite (a path) or PostgreSQL (a URL)."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol


class DatabaseOpenError(Exception):
    """The database cannot be opened or created; the message is one line saying why and what to do."""


class Dialect(enum.Enum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class Row(Protocol):
    """What both drivers' rows offer: by position, by column name, and `dict(row)`."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


# Runs many items in one transaction (statements on the Database join it): one result per item, and an
# Exception among the results is raised to that item's caller alone.
Batch = Callable[["Database", list[Any]], Awaitable[list[Any]]]


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Database(ABC):
    """Statements use `?` placeholders on both backends; a transaction belongs to the task that opened it.

    Within a task's transaction, its statements (and a nested `transaction()`) join it, so a
    multi-step action is one transaction. Outside one, each statement commits on its own.
    """

    dialect: Dialect
    # A path for SQLite; for PostgreSQL the URL without its password, safe to print.
    path: str

    @staticmethod
    async def open(target: str) -> Database:
        """SQLite for a path (as always), PostgreSQL for a postgresql:// URL."""
        if is_postgres_url(target):
            from bot.db.postgres import PostgresDatabase

            return await PostgresDatabase.open(target)
        from bot.db.sqlite import SqliteDatabase

        return await SqliteDatabase.open(target)

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Any]:
        """One transaction, rolled back on any error; other processes' writers wait or skip (see leases)."""

    @abstractmethod
    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement; returns the rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    async def write(self, sql: str, params: Iterable[Any] = ()) -> None:
        """An independent write whose row count nobody needs; the backend may commit concurrent ones together."""

    @abstractmethod
    async def together(self, run: Batch, item: Any) -> Any:
        """`run(db, [item, ...])` in one transaction, for this item and, where the backend groups them, every
        other one for the same `run` that arrives meanwhile; returns this item's result (or raises its
        Exception). Returns once the item is committed."""

    @abstractmethod
    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        """An INSERT into a table with an `id` key; returns the new row's id."""

    @abstractmethod
    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
