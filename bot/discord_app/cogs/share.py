"""/share, /mystories and /forgetme: thin commands over the core's share and author flows."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.flows import authors, share
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.buttons import FlowButton, RetiredButton
from bot.discord_app.errors import report_failure
from bot.discord_app.forms import is_stale_form, submit_form
from bot.discord_app.platform import TERMS
from bot.discord_app.render import buttons, respond


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:forgetme"):
    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Yes, delete everything", style=discord.ButtonStyle.danger, custom_id="stairwell:forgetme"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ForgetButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await deliver(interaction, await authors.forget(app_of(interaction), await actor(interaction)))
        except Exception as error:
            await report_failure(interaction, error)


class Share(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A form opened before a restart has no live modal object: answer it from its fields."""
        if not is_stale_form(interaction):
            return
        try:
            await submit_form(interaction)
        except Exception as error:
            await report_failure(interaction, error)

    @app_commands.command(
        name="share", description="Tell what happened to you, anonymously. A moderator reads it first."
    )
    @app_commands.guild_only()
    async def share(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await share.open_form(self.bot.app, await actor(interaction)))

    @app_commands.command(
        name="mystories", description="Your shared stories: status, moderators' replies, withdraw or remove."
    )
    @app_commands.guild_only()
    async def mystories(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await authors.my_stories(self.bot.app, await actor(interaction)))

    @app_commands.command(name="forgetme", description="Delete everything Stairwell holds about you, in every server.")
    async def forgetme(self, interaction: discord.Interaction) -> None:
        warning = authors.forget_warning(TERMS)
        await respond(
            interaction, warning + " Dismiss this message to keep everything.", view=buttons((ForgetButton(),))
        )


async def setup(bot: StairwellBot) -> None:
    bot.add_dynamic_items(FlowButton, RetiredButton, ForgetButton)
    await bot.add_cog(Share(bot))
