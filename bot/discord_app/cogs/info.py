"""/about, /privacy and /help: what Stairwell is, what it keeps, and the commands (read from the command tree)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.flows import info
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of

HELP_HINT = (
    "`/setup` needs Manage Server; `/mod` and `/daily` are for this server's moderators. "
    "On a published story, **Report to moderators** is in the message's Apps menu."
)


def command_list(tree: app_commands.CommandTree) -> list[tuple[str, str]]:
    """Every slash command and subcommand with its own description, so /help never drifts from the commands."""
    listed: list[tuple[str, str]] = []

    def walk(command: app_commands.Command[Any, ..., Any] | app_commands.Group) -> None:
        if isinstance(command, app_commands.Group):
            for child in command.commands:
                walk(child)
        else:
            listed.append((command.qualified_name, command.description))

    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        assert isinstance(command, app_commands.Command | app_commands.Group)
        walk(command)
    return sorted(listed)


class Info(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="about", description="What Stairwell is, how anonymity works, and where to get urgent help."
    )
    async def about(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await info.about(app_of(interaction), await actor(interaction)))

    @app_commands.command(
        name="privacy", description="Exactly what Stairwell stores, for how long, who sees it, how to delete it."
    )
    async def privacy(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await info.privacy(app_of(interaction), await actor(interaction)))

    @app_commands.command(name="help", description="Every Stairwell command and what it does.")
    async def help_(self, interaction: discord.Interaction) -> None:
        listed = command_list(self.bot.tree)
        await deliver(
            interaction, await info.help_(app_of(interaction), await actor(interaction), listed, hint=HELP_HINT)
        )


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Info(bot))
