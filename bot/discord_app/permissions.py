"""What the bot itself may do in a channel, named the way server admins see it in Discord."""

from __future__ import annotations

import discord

from bot.core.flows.port import Place
from bot.core.flows.setup import PURPOSES, Channel

POSTING = ("view_channel", "send_messages", "embed_links")
THREADS = ("create_public_threads", "send_messages_in_threads")
NEEDED = {
    "moderation": (*POSTING, "read_message_history"),
    "stories": (*POSTING, *THREADS),
    "daily": (*POSTING, *THREADS),
}


def label(permission: str) -> str:
    return permission.replace("_", " ").title()


def missing(channel: discord.abc.GuildChannel | discord.Thread, purpose: str) -> list[str]:
    """Names of the permissions the bot lacks there for `purpose` (moderation, stories, daily)."""
    me = channel.guild.me
    granted = channel.permissions_for(me)
    return [label(name) for name in NEEDED[purpose] if not getattr(granted, name)]


def can_post(channel: discord.abc.GuildChannel | discord.Thread) -> bool:
    granted = channel.permissions_for(channel.guild.me)
    return all(getattr(granted, name) for name in POSTING)


def can_thread(channel: discord.abc.GuildChannel | discord.Thread) -> bool:
    granted = channel.permissions_for(channel.guild.me)
    return all(getattr(granted, name) for name in THREADS)


def is_public(channel: discord.abc.GuildChannel) -> bool:
    """True when @everyone can read it: no place for stories still under review."""
    return channel.permissions_for(channel.guild.default_role).view_channel


def seen(channel: discord.abc.GuildChannel, purpose: str) -> Channel:
    """A channel as the core's setup rules need it: what the bot lacks there, whether everyone can read it."""
    return Channel(
        id=channel.id,
        label=channel.mention,
        missing=tuple(missing(channel, purpose)),
        can_post=can_post(channel),
        can_thread=can_thread(channel),
        public=is_public(channel),
    )


class GuildView:
    """What the core's /setup show and /daily now ask of a server: its channels (with the bot's permissions), roles."""

    def __init__(self, guild: discord.Guild) -> None:
        self.guild = guild

    def channel(self, channel_id: int, place: Place) -> Channel | None:
        found = self.guild.get_channel(channel_id)
        return seen(found, PURPOSES[place]) if found is not None else None

    def role(self, role_id: int) -> str | None:
        found = self.guild.get_role(role_id)
        return found.mention if found is not None else None
