"""Server setup flows that every adapter shares."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.db import guilds

# An adapter with one place for everything (the console) gives every place this channel.
ONE_CHANNEL = 1


async def use_one_channel(app: Stairwell, guild_id: int) -> None:
    """Sharing needs a moderation channel (the core refuses without one) and a stories channel.

    Where the adapter has only one place, both are it; saved once, silently, rather than bending
    the core's rule for one adapter.
    """
    settings = await guilds.get(app.db, guild_id)
    if settings.moderation_channel_id is None:
        await guilds.update(
            app.db,
            guild_id,
            moderation_channel_id=ONE_CHANNEL,
            stories_channel_id=ONE_CHANNEL,
            daily_channel_id=settings.daily_channel_id or ONE_CHANNEL,
        )
