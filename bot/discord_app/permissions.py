"""What the bot itself may do in a channel, named the way server admins see it in Discord."""

from __future__ import annotations

import discord

from bot.core.flows.setup import Channel

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
