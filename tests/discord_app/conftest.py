"""A small server with an admin, a moderator, a member and Stairwell's three channels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord
import pytest


@dataclass
class World:
    env: Any
    guild: Any
    general: Any
    mod_channel: Any
    stories: Any
    daily: Any
    mod_role: Any
    admin: Any
    mod: Any
    member: Any
    observer: Any

    @property
    def bot(self) -> Any:
        return self.env.bot

    @property
    def db(self) -> Any:
        return self.env.bot.app.db


@pytest.fixture
def world(simcord_env) -> World:
    return build_world(simcord_env)


def build_world(env: Any, *, shard_id: int | None = None) -> World:
    guild = env.create_guild("Night Shift", shard_id=shard_id)
    admin_role = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    mod_role = guild.create_role("Stairwell Mods")
    observers = guild.create_role("Observers")
    private = {
        guild.default_role: discord.PermissionOverwrite(view_channel=False),
        mod_role: discord.PermissionOverwrite(view_channel=True),
        observers: discord.PermissionOverwrite(view_channel=True),
        admin_role: discord.PermissionOverwrite(view_channel=True),
        env.bot.user: discord.PermissionOverwrite(view_channel=True),
    }
    return World(
        env=env,
        guild=guild,
        general=guild.create_text_channel("general"),
        mod_channel=guild.create_text_channel("stairwell-mod", overwrites=private),
        stories=guild.create_text_channel("stories"),
        daily=guild.create_text_channel("daily"),
        mod_role=mod_role,
        admin=guild.add_member(env.create_user("ada"), roles=[admin_role]),
        mod=guild.add_member(env.create_user("moe"), roles=[mod_role]),
        member=guild.add_member(env.create_user("mia")),
        observer=guild.add_member(env.create_user("oli"), roles=[observers]),
    )


async def configure(world: World) -> None:
    """What a server admin does first: channels, moderator role."""
    result = await world.admin.slash(
        world.general, "setup channels", moderation=world.mod_channel, stories=world.stories, daily=world.daily
    )
    assert result.response.content.startswith("Saved"), result.response.content
    result = await world.admin.slash(world.general, "setup moderator-role", role=world.mod_role)
    assert result.response.content.startswith("Saved"), result.response.content
    # As an admin does in Server Settings → Integrations: let the moderator role see the moderator commands.
    for command in await world.bot.tree.fetch_commands():
        if command.name in ("mod", "daily"):
            world.guild.set_command_permissions(command, {world.mod_role: True})
