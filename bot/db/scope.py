"""The servers one process works for, as a SQL condition: background work is picked by this, so several
processes (Discord shards spread over them) never wait on or compete for each other's servers.

Written once for both dialects: `>>`, `%` and `CASE` mean the same on SQLite and PostgreSQL for the
positive ids Discord gives servers.
"""

from __future__ import annotations

from typing import Protocol

DISCORD = "discord"  # guilds.platform of a Discord server
LARGEST_OTHER_ID = 4_294_967_295  # Discord's snowflakes are larger; Telegram's chat ids are negative


class Served(Protocol):
    """What a process serves: Discord servers on `shard_ids` of `shard_count` (none when `discord` is false),
    and, when `others`, every other server (Telegram's, the console's)."""

    @property
    def shard_count(self) -> int: ...

    @property
    def shard_ids(self) -> tuple[int, ...]: ...

    @property
    def discord(self) -> bool: ...

    @property
    def others(self) -> bool: ...


def everything(scope: Served | None) -> bool:
    return scope is None or (
        scope.discord and scope.others and set(scope.shard_ids) >= set(range(scope.shard_count))
    )


def condition(scope: Served | None, guild_column: str) -> str:
    """` AND (...)` limiting rows to the scope's servers; empty when it serves them all (one process)."""
    if everything(scope):
        return ""
    assert scope is not None
    # Discord assigns a server to shard (id >> 22) % shard_count; the numbers are ints, never user text.
    shards = ", ".join(str(int(shard)) for shard in scope.shard_ids)
    discord = f"({guild_column} >> 22) % {int(scope.shard_count)} IN ({shards})" if scope.discord else "1 = 0"
    others = "1 = 1" if scope.others else "1 = 0"
    # A server no adapter has claimed yet (its row made by a command before the join event) is Discord's
    # when its id is a snowflake, as migration 0007 decided for the servers it found.
    platform = (
        f"coalesce((SELECT platform FROM guilds AS p WHERE p.guild_id = {guild_column}), "
        f"CASE WHEN {guild_column} > {LARGEST_OTHER_ID} THEN '{DISCORD}' END)"
    )
    return f" AND (CASE WHEN {platform} = '{DISCORD}' THEN {discord} ELSE {others} END)"
