"""Runtime permission checks: default_permissions only hides commands, server admins can change that."""

from __future__ import annotations

import discord

from bot.core import servers
from bot.discord_app.bot import app_of
from bot.discord_app.errors import NotAllowed


def _member(interaction: discord.Interaction) -> discord.Member:
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise NotAllowed("This command works inside a server, not in direct messages.")
    return interaction.user


def require_manage_server(interaction: discord.Interaction) -> bool:
    member = _member(interaction)
    if not member.guild_permissions.manage_guild:
        raise NotAllowed("Only people with the **Manage Server** permission can change Stairwell's settings.")
    return True


async def is_moderator(interaction: discord.Interaction) -> bool:
    """The configured moderator role, or Manage Messages, or Manage Server."""
    member = _member(interaction)
    perms = member.guild_permissions
    if perms.manage_messages or perms.manage_guild:
        return True
    settings = await servers.settings(app_of(interaction), member.guild.id)
    return settings.moderator_role_id is not None and any(
        role.id == settings.moderator_role_id for role in member.roles
    )


async def require_moderator(interaction: discord.Interaction) -> bool:
    if not await is_moderator(interaction):
        raise NotAllowed(
            "Only this server's Stairwell moderators (the moderator role, or Manage Messages) can do that."
        )
    return True
