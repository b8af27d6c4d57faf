"""The crisis card in Discord: private, immediate, for the person's own country."""

from __future__ import annotations

import discord

from bot.core import support
from bot.discord_app.bot import app_of
from bot.discord_app.render import embed, respond


async def crisis_embed(interaction: discord.Interaction, lead: str) -> discord.Embed:
    card = await support.crisis_for(app_of(interaction), interaction.guild_id, str(interaction.locale), lead)
    return embed(card)


async def send_crisis_card(interaction: discord.Interaction, lead: str) -> None:
    await respond(
        interaction,
        "More lines, including ones for clinicians: `/resources`.",
        embeds=[await crisis_embed(interaction, lead)],
    )
