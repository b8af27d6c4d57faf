"""Which servers this process serves when Discord's shards are spread over several processes.

Discord puts a server on shard `(guild_id >> 22) % shard_count`; a process connects some of the shards
and hears only their servers. Its background work (queue posts, publishing, daily posts) is limited to
those servers, so it never waits on another process's servers, and a server's posts come from the
process that hears it; the leases still make every post exactly once should two processes overlap.
Shard 0's process also serves everything that is not on a shard (Telegram, the console) and is the one
that syncs the slash commands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Scope:
    shard_count: int = 1
    shard_ids: tuple[int, ...] = (0,)
    discord: bool = True  # this process runs Discord (some shards of it)
    others: bool = True  # and also serves every server that is not on a Discord shard

    @classmethod
    def for_shards(cls, shard_count: int, shard_ids: Iterable[int], *, discord: bool = True) -> Scope:
        ids = tuple(sorted(set(shard_ids)))
        if shard_count < 1 or not ids or not all(0 <= shard < shard_count for shard in ids):
            raise ValueError(f"shard ids must be between 0 and {shard_count - 1}")
        return cls(shard_count, ids, discord=discord, others=0 in ids)

    def serving(self, *, discord: bool, others: bool) -> Scope:
        """The same shards, for a process that runs Discord or not, and the other platforms or not."""
        return replace(self, discord=discord, others=others)

    @property
    def sharded(self) -> bool:
        """Some shards are served by other processes."""
        return set(self.shard_ids) != set(range(self.shard_count))

    @property
    def leader(self) -> bool:
        """The one process that syncs commands and runs the platforms a single process must (Telegram)."""
        return 0 in self.shard_ids

    def holds(self, guild_id: int) -> bool:
        """Whether this Discord server is on one of this process's shards."""
        return self.discord and (guild_id >> 22) % self.shard_count in self.shard_ids
