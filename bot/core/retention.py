"""Keeping the privacy promises beyond the daily purge: old sealed IDs re-sealed, departed servers erased."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.core.identity import Identity, is_legacy
from bot.db import guilds
from bot.db import stories as store
from bot.db.connection import Database

log = logging.getLogger(__name__)


async def reseal_legacy_ids(db: Database, identity: Identity) -> int:
    """Fernet tokens embed their creation time; seal them again with AES-GCM (no time). Returns how many.

    A token this secret cannot read is erased: it can reach nobody, and it would still hold a time.
    """
    legacy = {story_id: sealed for story_id, sealed in await store.sealed_ids(db) if is_legacy(sealed)}
    if not legacy:
        return 0
    await store.replace_sealed_ids(db, {story_id: identity.reseal_legacy(token) for story_id, token in legacy.items()})
    log.info("re-sealed %d encrypted IDs without their timestamps", len(legacy))
    return len(legacy)


async def reconcile_servers(db: Database, platform: str, present: Iterable[int]) -> int:
    """Servers the platform says we are in are kept; the ones that removed us while we were offline
    are erased with everything stored for them, as leaving a server does. Returns how many went."""
    here = list(present)
    await guilds.claim(db, platform, here)
    gone = sorted(set(await guilds.of_platform(db, platform)) - set(here))
    if gone:
        await guilds.delete_many(db, gone)
        log.info("erased the data of %d server(s) that removed Stairwell while it was offline", len(gone))
    return len(gone)


async def server_joined(db: Database, platform: str, guild_id: int) -> None:
    """A server joined while online is the platform's from now on (so a later reconciliation sees it)."""
    await guilds.claim(db, platform, [guild_id])
