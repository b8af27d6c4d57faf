"""One answer for every failure: short, private, with a reference, and never the user's words in logs."""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.discord_app.render import respond
from bot.log_safety import where

log = logging.getLogger(__name__)


class NotAllowed(app_commands.CheckFailure):
    """A refusal whose message is safe and useful to show the person who tried."""


def _command_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    return command.qualified_name if command is not None else "component"


class StairwellTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, NotAllowed):
            message = str(error)
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = "This command works inside a server, not in direct messages."
        elif isinstance(error, app_commands.CheckFailure):
            message = "You don't have permission to use this command here."
        elif isinstance(error, app_commands.TransformerError):
            message = "I couldn't understand one of the options. Please check it and try again."
        else:
            await report_failure(interaction, error)
            return
        await _safe_respond(interaction, message)


class StairwellModal(discord.ui.Modal):
    """Modal errors skip the tree's handler: answer them the same way, so nobody sees "interaction failed"."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        if isinstance(error, NotAllowed):
            await _safe_respond(interaction, str(error))
        else:
            await report_failure(interaction, error)


async def report_failure(interaction: discord.Interaction, error: BaseException) -> None:
    """Log by type and reference only; tell the person their words were kept."""
    reference = secrets.token_hex(3).upper()
    original = getattr(error, "original", error)
    log.error(
        "command %s failed (ref %s): %s at %s",
        _command_name(interaction),
        reference,
        type(original).__name__,
        where(original),
    )
    await _safe_respond(
        interaction,
        f"Sorry — something went wrong on my side (reference `{reference}`). Nothing you wrote was lost. "
        "Please try again in a moment; if it keeps happening, tell a server admin the reference.",
    )


async def _safe_respond(interaction: discord.Interaction, message: str) -> None:
    try:
        await respond(interaction, message)
    except discord.HTTPException:
        log.warning("could not deliver an error message for %s", _command_name(interaction))
