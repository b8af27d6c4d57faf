"""The crisis card in Discord: private, immediate, for the person's own country."""

from __future__ import annotations

import discord

from bot.core import servers, support
from bot.discord_app.bot import app_of
from bot.discord_app.render import embed, respond

SUPPORT_LEAD = (
    "Whatever you are carrying right now, you don't have to carry it alone. These lines are free and confidential."
)


async def crisis_embed(interaction: discord.Interaction, lead: str) -> discord.Embed:
    app = app_of(interaction)
    directory = app.content.directory
    region = await servers.region(app, interaction.guild_id)
    country = support.pick_country(directory, None, region, str(interaction.locale))
    return embed(support.crisis_card(directory.crisis_card(country), lead=lead))


async def send_crisis_card(interaction: discord.Interaction, lead: str) -> None:
    await respond(
        interaction,
        "More lines, including ones for clinicians: `/resources`.",
        embeds=[await crisis_embed(interaction, lead)],
    )
