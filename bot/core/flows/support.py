"""The crisis card for one person: their server's region, else their language, else international."""

from __future__ import annotations

from bot.core import support
from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.db import guilds


async def crisis_card(app: Stairwell, guild_id: int | None, locale: str | None, lead: str) -> Card:
    """The server's region first, then the person's language; without either, international lines."""
    directory = app.content.directory
    region = (await guilds.get(app.db, guild_id)).region if guild_id else None
    country = support.pick_country(directory, None, region, locale)
    return support.crisis_card(directory.crisis_card(country), lead=lead)
