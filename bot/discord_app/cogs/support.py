"""/resources: crisis and clinician support lines for a country, privately."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import support
from bot.core.flows import resources as flows
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of

AUDIENCE_CHOICES = [app_commands.Choice(name=label, value=value) for value, label in support.AUDIENCE_LABELS.items()]


async def country_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    directory = app_of(interaction).content.directory
    return [
        app_commands.Choice(name=f"{name} ({code})", value=code) for code, name in directory.search_countries(current)
    ]


class Support(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

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
        chosen = audience.value if audience else None
        await deliver(interaction, await flows.resources(self.bot.app, await actor(interaction), country, chosen))


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Support(bot))
