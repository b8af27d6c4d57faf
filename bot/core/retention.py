"""Keeping the privacy promises beyond the daily purge: old sealed IDs re-sealed (departed servers: flows.lifecycle)."""

from __future__ import annotations

import logging

from bot.core.identity import Identity, is_legacy
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
