"""/resources: the community's own support first, then national lines, then a directory."""

from __future__ import annotations

from bot.core import support
from bot.core.app import Stairwell
from bot.core.flows.results import Actor, Reply, Result, private


async def resources(app: Stairwell, actor: Actor, country: str | None, audience: str | None) -> Result:
    """`country` as typed (a code or a name); `audience` one of support.AUDIENCE_LABELS, or None."""
    if audience is not None and audience not in support.AUDIENCE_LABELS:
        return private(f"There is no audience `{audience[:30]}`. Choose from: {', '.join(support.AUDIENCE_LABELS)}.")
    card = await support.resources_for(app, actor.guild_id, country, audience, actor.locale)
    return Result(Reply(cards=(card,)))
