"""/reflect: a clinician's words and a question, privately; its buttons are the core's choices (FlowButton)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.flows import reflect as flows
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of


async def theme_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    themes = app_of(interaction).content.library.themes
    wanted = current.casefold()
    return [app_commands.Choice(name=label, value=key) for key, label in themes.items() if wanted in label.casefold()]


class Reflect(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="reflect", description="A clinician's own words and a question to sit with, just for you."
    )
    @app_commands.describe(theme="Choose a theme, such as breaking bad news or going back in (optional).")
    @app_commands.autocomplete(theme=theme_autocomplete)
    async def reflect(
        self, interaction: discord.Interaction, theme: app_commands.Range[str, 1, 60] | None = None
    ) -> None:
        # The Share button only where this bot offers sharing.
        offer_share = self.bot.get_cog("Share") is not None
        result = await flows.reflect(self.bot.app, await actor(interaction), theme, offer_share=offer_share)
        await deliver(interaction, result)


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Reflect(bot))
