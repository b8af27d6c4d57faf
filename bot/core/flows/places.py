"""From a server's settings to the named places its posts go to."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.core.flows.port import Place, Where
from bot.db import guilds


async def where(app: Stairwell, guild_id: int, place: Place) -> Where | None:
    """None when the server has not chosen a channel for that place."""
    settings = await guilds.get(app.db, guild_id)
    channel = {
        Place.QUEUE: settings.moderation_channel_id,
        Place.STORIES: settings.stories_channel_id,
        Place.DAILY: settings.daily_channel_id,
    }[place]
    return None if channel is None else Where(guild_id, place, channel)


async def moderator_role(app: Stairwell, guild_id: int) -> int | None:
    return (await guilds.get(app.db, guild_id)).moderator_role_id
