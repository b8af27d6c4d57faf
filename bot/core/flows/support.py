"""The crisis card for one person: their server's region, else their language, else international."""

from __future__ import annotations

from bot.core import support
from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.flows.results import Actor
from bot.db import guilds


async def crisis_card(app: Stairwell, actor: Actor, lead: str) -> Card:
    directory = app.content.directory
    region = (await guilds.get(app.db, actor.guild_id)).region if actor.guild_id else None
    country = support.pick_country(directory, None, region, actor.locale)
    return support.crisis_card(directory.crisis_card(country), lead=lead)
