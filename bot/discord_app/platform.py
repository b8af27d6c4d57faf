"""The Platform port on Discord: posts, edits, deletions and DMs, with AllowedMentions.none() everywhere."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import discord

from bot.core.cards import Card
from bot.core.flows.port import ChoiceStyle, Outgoing, PlaceUnavailableError, PostRef, PostUncertainError, Where
from bot.core.flows.setup import PURPOSES as PURPOSE
from bot.core.terms import Terms
from bot.discord_app import permissions
from bot.discord_app.render import NO_PINGS, embed

log = logging.getLogger(__name__)
PLATFORM = "discord"
# Discord's own words for what the core's text names (the admin right, the account's id, ...).
TERMS = Terms(
    account="Discord account",
    account_id="Discord ID",
    admin_right="Manage Server",
    moderator_right="Manage Messages",
    language="Discord language",
    stories_place="Discord",
    moderator_role_hint=(
        "Discord shows `/mod` and `/daily` only to people with Manage Messages by default: to let this role see "
        "them, allow it under Server Settings → Integrations → Stairwell."
    ),
    platform_sees="Discord itself sees your use of commands, as with any bot.",
)
# A busy channel is searched this far back for a post made before a crash; pages are fetched as needed.
SEARCH_LIMIT = 2000
STYLES = {
    ChoiceStyle.PRIMARY: discord.ButtonStyle.primary,
    ChoiceStyle.SUCCESS: discord.ButtonStyle.success,
    ChoiceStyle.DANGER: discord.ButtonStyle.danger,
    ChoiceStyle.SECONDARY: discord.ButtonStyle.secondary,
}


def view_of(message: Outgoing) -> discord.ui.View | None:
    from bot.discord_app.buttons import view_for

    return view_for(message.choices) if message.choices else None


def _jump(guild_id: int, ref: PostRef) -> str:
    return f"https://discord.com/channels/{guild_id}/{ref.channel_id}/{ref.message_id}"


def _render(message: Outgoing, guild_id: int | None = None) -> dict[str, Any]:
    """The keyword arguments for send/edit; only an urgent queue post may ping, and only the role."""
    content = message.text
    mentions = NO_PINGS
    if message.ping_role is not None:
        content = f"<@&{message.ping_role}> {content or ''}".rstrip()
        mentions = discord.AllowedMentions(everyone=False, users=False, roles=[discord.Object(message.ping_role)])
    card = embed(message.card) if message.card else None
    if card is not None and message.refers_to is not None and guild_id is not None:
        card.description = f"[Go to the post]({_jump(guild_id, message.refers_to)}). {card.description or ''}"
    return {"content": content, "embed": card, "view": view_of(message), "allowed_mentions": mentions}


class DiscordPlatform:
    name = PLATFORM

    async def terms(self, guild_id: int) -> Terms:
        return TERMS

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    def _channel(self, where: Where) -> discord.TextChannel:
        guild = self.bot.get_guild(where.guild_id)
        channel = guild.get_channel(where.channel_id) if guild else None
        if not isinstance(channel, discord.TextChannel):
            raise PlaceUnavailableError(f"The {PURPOSE[where.place]} channel is not set or no longer exists")
        if not permissions.can_post(channel):
            lacking = ", ".join(permissions.missing(channel, PURPOSE[where.place]))
            raise PlaceUnavailableError(f"I can't post in {channel.mention}: I am missing {lacking}")
        return channel

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        channel = self._channel(where)
        kwargs = _render(message, where.guild_id)
        if kwargs["view"] is None:
            del kwargs["view"]
        if nonce:
            kwargs["nonce"] = nonce[:25]
        try:
            sent = await channel.send(**kwargs)
        except discord.Forbidden:
            raise PlaceUnavailableError(
                f"Discord refused my post in {channel.mention}; please check my permissions there"
            ) from None
        except (discord.HTTPException, TimeoutError) as error:
            raise PostUncertainError(type(error).__name__) from None
        if message.thread and permissions.can_thread(channel):
            with contextlib.suppress(discord.HTTPException):
                await sent.create_thread(name=message.thread[:100], auto_archive_duration=10080)
        return PostRef(where.guild_id, channel.id, sent.id)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        channel = self.bot.get_channel(ref.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return False
        kwargs = _render(message, channel.guild.id)
        try:
            await channel.get_partial_message(ref.message_id).edit(**kwargs)
        except discord.NotFound:
            return False
        except discord.HTTPException as error:
            raise PostUncertainError(type(error).__name__) from None
        return True

    async def delete(self, ref: PostRef) -> bool:
        channel = self.bot.get_channel(ref.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return False
        try:
            await channel.get_partial_message(ref.message_id).delete()
        except discord.NotFound:
            return False
        except discord.HTTPException as error:
            raise PostUncertainError(type(error).__name__) from None
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        opened = self.bot.app.identity.unseal(sealed)
        if opened is None or opened[0] != PLATFORM:
            return False
        try:
            user = await self.bot.fetch_user(int(opened[1]))
            if card is None:
                await user.send(text, allowed_mentions=NO_PINGS)
            else:
                await user.send(text, embed=embed(card), allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            return False
        return True

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        channel = self._channel(where)
        me = self.bot.user
        try:
            async for message in channel.history(limit=SEARCH_LIMIT):
                if me is not None and message.author.id != me.id:
                    continue
                texts = [message.content or ""]
                for found in message.embeds:
                    texts += [found.title or "", found.footer.text or "" if found.footer else ""]
                if any(marker in text for text in texts):
                    return PostRef(where.guild_id, channel.id, message.id)
        except (discord.HTTPException, TimeoutError) as error:
            raise PostUncertainError(type(error).__name__) from None
        return None
