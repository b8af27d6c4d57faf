"""/about and /privacy: what Stairwell is and what it keeps."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.info import ABOUT, PRIVACY
from bot.discord_app.render import respond


class Info(commands.Cog):
    @app_commands.command(
        name="about", description="What Stairwell is, how anonymity works, and where to get urgent help."
    )
    async def about(self, interaction: discord.Interaction) -> None:
        await respond(interaction, ABOUT)

    @app_commands.command(
        name="privacy", description="Exactly what Stairwell stores, for how long, who sees it, how to delete it."
    )
    async def privacy(self, interaction: discord.Interaction) -> None:
        await respond(interaction, PRIVACY)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Info())
