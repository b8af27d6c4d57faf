"""Several adapters in one process: each server's work goes to the platform that server is on.

The background jobs see one Platform; this one hands each call to the adapter its server was claimed by
(`guilds.platform`). A server of a platform this process does not run gets `PlatformAbsentError`, a passing
failure, so its work waits (and is retried) instead of being tried, and failing for good, on another platform.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.flows.port import Outgoing, Platform, PlatformAbsentError, PostRef, Where
from bot.core.terms import Terms
from bot.db import guilds


class PlatformRouter:
    """A Platform over the adapters running here; the first one also serves servers no adapter has claimed yet
    (the console's, and servers created before platforms were recorded)."""

    name = "router"

    def __init__(self, app: Stairwell, platforms: Mapping[str, Platform]) -> None:
        if not platforms:
            raise ValueError("a router needs at least one platform")
        self.app = app
        self.platforms = dict(platforms)
        self._default = next(iter(self.platforms.values()))

    async def _for(self, guild_id: int) -> Platform:
        tag = await guilds.platform_of(self.app.db, guild_id)
        if tag is None:
            return self._default
        platform = self.platforms.get(tag)
        if platform is None:
            raise PlatformAbsentError(f"{tag} is not running in this process")
        return platform

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        return await (await self._for(where.guild_id)).post(where, message, nonce=nonce)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        return await (await self._for(ref.guild_id)).edit(ref, message)

    async def delete(self, ref: PostRef) -> bool:
        return await (await self._for(ref.guild_id)).delete(ref)

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        """The sealed contact names its platform; an author on a platform not running here cannot be reached now."""
        opened = self.app.identity.unseal(sealed)
        platform = self.platforms.get(opened[0]) if opened is not None else None
        return platform is not None and await platform.send_to_author(sealed, text, card)

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        return await (await self._for(where.guild_id)).find_post(where, marker)

    async def terms(self, guild_id: int) -> Terms:
        try:
            return await (await self._for(guild_id)).terms(guild_id)
        except PlatformAbsentError:
            return Terms()
