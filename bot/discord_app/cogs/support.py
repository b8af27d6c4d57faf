"""/resources: crisis and clinician support lines for a country, privately."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import support
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.render import respond

AUDIENCE_CHOICES = [app_commands.Choice(name=label, value=value) for value, label in support.AUDIENCE_LABELS.items()]


async def country_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    directory = app_of(interaction).content.directory
    return [
        app_commands.Choice(name=f"{name} ({code})", value=code) for code, name in directory.search_countries(current)
    ]


async def resources_for(interaction: discord.Interaction, country: str | None, audience: str | None) -> None:
    """Shared by /resources and the Support buttons elsewhere."""
    card = await support.resources_for(
        app_of(interaction), interaction.guild_id, country, audience, str(interaction.locale)
    )
    await respond(interaction, card)


class Support(commands.Cog):
    @app_commands.command(name="resources", description="Crisis lines and support lines for healthcare workers.")
    @app_commands.describe(
        country="Country to show lines for (default: this server's region, else your Discord language).",
        audience="Show lines made for a group first, e.g. physicians or EMS.",
    )
    @app_commands.autocomplete(country=country_autocomplete)
    @app_commands.choices(audience=AUDIENCE_CHOICES)
    async def resources(
        self,
        interaction: discord.Interaction,
        country: app_commands.Range[str, 1, 64] | None = None,
        audience: app_commands.Choice[str] | None = None,
    ) -> None:
        await resources_for(interaction, country, audience.value if audience else None)


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Support())
