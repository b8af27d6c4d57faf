"""The two storage backends tests run on: a SQLite file, and a throwaway PostgreSQL cluster.

The cluster is started once per test session (initdb + pg_ctl in a temporary folder, a loopback
port, trust auth, no fsync) and every test gets its own database, copied from a migrated template.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg

from bot.db.migrate import open_database

SKIP_REASON = (
    "PostgreSQL is not installed here (no initdb/pg_ctl): PostgreSQL runs skipped; "
    ".ci/run installs Debian's postgresql package"
)


def _binaries() -> Path | None:
    """Debian keeps the server's tools (initdb, pg_ctl, createdb) together under /usr/lib/postgresql/N/bin."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="stairwell-pg-"))
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._numbers = itertools.count(1)
        self._test_database = False

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as, *command], check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        data = self.folder / "data"
        self._run(str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")
        asyncio.run(self._template())

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    async def _template(self) -> None:
        await self._admin("CREATE DATABASE stairwell_template")
        db = await open_database(self.url("stairwell_template"))
        await db.close()

    async def _admin(self, sql: str) -> None:
        conn = await asyncpg.connect(self.url("postgres"))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def emptied_database(self) -> str:
        """One migrated database that every test empties first: a copy of the template per test costs
        0.3–0.6 s here (about half the suite's time), emptying its tables a few milliseconds."""
        url = self.url("stairwell_test")
        with ThreadPoolExecutor(1) as thread:  # an event loop of its own, whatever runs in this one
            thread.submit(asyncio.run, self._empty(url)).result()
        return url

    async def _empty(self, url: str) -> None:
        if not self._test_database:
            await self._admin("CREATE DATABASE stairwell_test TEMPLATE stairwell_template")
            self._test_database = True
        conn = await asyncpg.connect(url)
        try:
            rows = await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'stairwell_schema'"
            )
            await conn.execute(f"TRUNCATE {', '.join(row[0] for row in rows)} RESTART IDENTITY CASCADE")
        finally:
            await conn.close()

    def fresh_database(self, *, migrated: bool = True) -> str:
        """A new database for one test: the migrated template's copy, or empty."""
        name = f"test_{next(self._numbers)}"
        template = "stairwell_template" if migrated else "template0"
        subprocess.run(
            [str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-T", template, name],
            check=True, capture_output=True,
        )
        return self.url(name)


def start_cluster() -> PostgresCluster | None:
    bin_dir = _binaries()
    if bin_dir is None:
        return None
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
    except BaseException:
        with contextlib.suppress(subprocess.CalledProcessError):  # not started that far: nothing to stop
            cluster.stop()  # a server left running would outlive the tests
        raise
    return cluster


def report_line() -> str:
    """Said once at the top of a test run: whether the PostgreSQL runs will run."""
    bin_dir = _binaries()
    if bin_dir is None:
        return f"postgresql: not installed; {SKIP_REASON.split(': ', 1)[1]}"
    return f"postgresql: a throwaway cluster from {bin_dir} (started when a test first needs it)"


async def dump(target: str) -> str:
    """Every row of every table as text, on either backend: for tests that search the whole database."""
    from bot.db.connection import Database

    db = await Database.open(target)
    try:
        if target.startswith("postgresql://"):
            tables = [row[0] for row in await db.fetchall(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        else:
            tables = [row[0] for row in await db.fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        lines = []
        for table in tables:
            for row in await db.fetchall(f"SELECT * FROM {table}"):
                lines.append(f"{table}: {tuple(row)!r}")
        return "\n".join(lines)
    finally:
        await db.close()
