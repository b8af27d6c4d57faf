"""/mod commands, the report menu, and the background jobs, over the core's moderation flows."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.flows import jobs, moderation
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot
from bot.discord_app.checks import require_moderator

log = logging.getLogger(__name__)


def _mention(user_id: int) -> str:
    return f"<@{user_id}>"


class Moderation(commands.Cog):
    mod_group = app_commands.Group(
        name="mod",
        description="Review shared stories (moderators only).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot
        self.report_menu = app_commands.ContextMenu(name="Report to moderators", callback=self.report)
        self.report_menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.report_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.report_menu.name, type=self.report_menu.type)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        if interaction.command is self.report_menu:
            return True
        return await require_moderator(interaction)

    async def tick(self) -> None:
        """One round of the story jobs now (tests and operators; the bot's worker runs them when due)."""
        await jobs.tick(self.bot.app, self.bot.router)

    async def publish_due(self) -> None:
        await jobs.publish_due(self.bot.app, self.bot.router)

    @mod_group.command(name="queue", description="Stories waiting for review: urgent first, then oldest.")
    async def queue(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await moderation.queue(self.bot.app, await actor(interaction, moderator=True)))

    @mod_group.command(name="log", description="Recent moderator actions (story numbers only, never authors).")
    async def mod_log(self, interaction: discord.Interaction) -> None:
        await deliver(
            interaction, await moderation.log(self.bot.app, await actor(interaction, moderator=True), _mention)
        )

    @mod_group.command(name="unpublish", description="Remove a published story and delete its post.")
    @app_commands.describe(number="The story's number, e.g. 12 for story #12.")
    async def unpublish_command(self, interaction: discord.Interaction, number: app_commands.Range[int, 1]) -> None:
        person = await actor(interaction, moderator=True)
        await deliver(interaction, await moderation.unpublish_number(self.bot.app, person, number))

    @mod_group.command(name="unblock", description="Let the author of a story share again.")
    @app_commands.describe(number="The number of the story the block was placed through.")
    async def unblock(self, interaction: discord.Interaction, number: app_commands.Range[int, 1]) -> None:
        person = await actor(interaction, moderator=True)
        await deliver(interaction, await moderation.unblock(self.bot.app, person, number))

    async def report(self, interaction: discord.Interaction, message: discord.Message) -> None:
        await deliver(interaction, await moderation.report(self.bot.app, await actor(interaction), message.id))


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Moderation(bot))
