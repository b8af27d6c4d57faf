import asyncio
import sqlite3

import pytest

from bot.db.connection import Database


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(str(tmp_path / "c.sqlite3"))
    await database.execute("CREATE TABLE seen (person TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (person, item))")
    yield database
    await database.close()


async def test_concurrent_writes_are_all_committed_before_each_returns(db):
    async def one(number: int) -> int:
        await db.write("INSERT INTO seen (person, item) VALUES (?, ?)", (f"p{number}", "a"))
        # Read-your-writes on the reader, the moment the write returns.
        return int(await db.fetchval("SELECT count(*) FROM seen WHERE person = ?", (f"p{number}",)))

    assert await asyncio.gather(*(one(number) for number in range(50))) == [1] * 50
    assert await db.fetchval("SELECT count(*) FROM seen") == 50


async def test_a_bad_write_fails_only_its_caller(db):
    await db.execute("INSERT INTO seen (person, item) VALUES ('taken', 'a')")
    statement = "INSERT INTO seen (person, item) VALUES (?, ?)"
    results = await asyncio.gather(
        db.write(statement, ("p1", "a")),
        db.write(statement, ("taken", "a")),
        db.write(statement, ("p2", "a")),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], sqlite3.IntegrityError)
    rows = await db.fetchall("SELECT person FROM seen ORDER BY person")
    assert [row[0] for row in rows] == ["p1", "p2", "taken"]


async def test_a_write_inside_a_transaction_belongs_to_it(db):
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.write("INSERT INTO seen (person, item) VALUES ('p', 'a')")
            raise RuntimeError("rolled back")
    assert await db.fetchval("SELECT count(*) FROM seen") == 0


async def test_reads_see_the_last_commit_and_never_an_open_transaction(db):
    async with db.transaction():
        await db.execute("INSERT INTO seen (person, item) VALUES ('p', 'a')")
        # Another task reads on the reader: the uncommitted row is not there yet.
        assert await asyncio.create_task(db.fetchval("SELECT count(*) FROM seen")) == 0
        # This task reads inside its own transaction, on the writer: it is.
        assert await db.fetchval("SELECT count(*) FROM seen") == 1
    assert await db.fetchval("SELECT count(*) FROM seen") == 1
