"""/daily over the core's daily flows, and where the core's notices about daily posts are delivered."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import servers
from bot.core.cards import Card
from bot.core.flows import daily as flows
from bot.core.flows import daily_posts
from bot.discord_app import permissions
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot
from bot.discord_app.checks import require_moderator
from bot.discord_app.permissions import GuildView
from bot.discord_app.render import NO_PINGS, embed

log = logging.getLogger(__name__)

DAY_CHOICES = [
    app_commands.Choice(name="Every day", value="daily"),
    app_commands.Choice(name="Weekdays (Mon–Fri)", value="weekdays"),
]


class ModeratorGroup(app_commands.Group):
    """default_permissions hides the group; this check enforces it even if admins change overrides."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await require_moderator(interaction)


class Daily(commands.Cog):
    daily_group = ModeratorGroup(
        name="daily",
        description="Daily reflection posts for this server (moderators only).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    async def tick(self) -> float:
        """Post every due run this process can claim (the core does it); returns seconds until the next tick."""
        notices, wait = await daily_posts.run_due(self.bot.app, self.bot.router)
        await self.deliver_notices(notices)
        return wait

    async def deliver_notices(self, notices: list[daily_posts.Notice]) -> None:
        for notice in notices:
            guild = self.bot.get_guild(notice.guild_id)
            if guild is not None:
                await self._notify(guild, notice.card, owner_fallback=notice.owner_fallback)

    async def _notify(self, guild: discord.Guild, notice: Card | None, *, owner_fallback: bool) -> None:
        """Moderation channel first; the owner by DM only for problems that stop posts altogether."""
        if notice is None:
            return
        settings = await servers.settings(self.bot.app, guild.id)
        channel = guild.get_channel(settings.moderation_channel_id) if settings.moderation_channel_id else None
        if isinstance(channel, discord.TextChannel) and permissions.can_post(channel):
            await channel.send(embed=embed(notice), allowed_mentions=NO_PINGS)
            return
        if not owner_fallback:
            log.info("daily.notice_undeliverable")
            return
        try:
            owner = guild.owner or await self.bot.fetch_user(guild.owner_id or 0)
            await owner.send(
                f"A note from Stairwell about your server **{guild.name}**:",
                embed=embed(notice),
                allowed_mentions=NO_PINGS,
            )
        except discord.HTTPException:
            log.info("daily.notice_undeliverable")

    @daily_group.command(name="setup", description="Choose the channel, time and days for the daily reflection.")
    @app_commands.describe(
        channel="Channel where the daily reflection is posted, with a reply thread.",
        time="Local time as 24-hour HH:MM in the server's time zone (see /setup timezone), e.g. 09:00.",
        days="Post every day, or only Monday to Friday.",
    )
    @app_commands.choices(days=DAY_CHOICES)
    async def setup_(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 16],
        days: app_commands.Choice[str] | None = None,
    ) -> None:
        seen = permissions.seen(channel, "daily")
        result = await flows.setup(
            self.bot.app, await actor(interaction, moderator=True), seen, time, days.value if days else "daily"
        )
        await deliver(interaction, result)

    @daily_group.command(name="preview", description="Privately see the next daily reflection exactly as it will post.")
    async def preview(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.preview(self.bot.app, await actor(interaction, moderator=True)))

    @daily_group.command(name="now", description="Post a daily reflection now; the scheduled one still goes out.")
    async def now(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        person = await actor(interaction, moderator=True)
        await deliver(interaction, await flows.now(self.bot.app, person, GuildView(interaction.guild)))

    @daily_group.command(name="pause", description="Stop daily reflection posts until /daily resume.")
    async def pause(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.pause(self.bot.app, await actor(interaction, moderator=True)))

    @daily_group.command(name="resume", description="Start daily reflection posts again (also after fixing a problem).")
    async def resume(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.resume(self.bot.app, await actor(interaction, moderator=True)))

    @daily_group.command(name="skip", description="Skip the next daily reflection post only.")
    async def skip(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.skip(self.bot.app, await actor(interaction, moderator=True)))

    @daily_group.command(
        name="status", description="When the next daily reflection is posted, and whether it is paused."
    )
    async def status(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.status(self.bot.app, await actor(interaction, moderator=True)))


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Daily(bot))
