"""/daily: scheduled reflection posts with a reply thread, and the one loop that makes them."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import daily, servers
from bot.core.cards import Card
from bot.core.daily import DailyError, Post
from bot.core.flows import daily_posts
from bot.discord_app import permissions
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import require_moderator
from bot.discord_app.render import NO_PINGS, embed, respond

log = logging.getLogger(__name__)

DAY_CHOICES = [
    app_commands.Choice(name="Every day", value="daily"),
    app_commands.Choice(name="Weekdays (Mon–Fri)", value="weekdays"),
]


class ModeratorGroup(app_commands.Group):
    """default_permissions hides the group; this check enforces it even if admins change overrides."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await require_moderator(interaction)


def _problem(channel: discord.abc.GuildChannel | None) -> str | None:
    """Why nothing can be posted there, in words a server admin can act on; None when posting works."""
    if not isinstance(channel, discord.TextChannel):
        return "The daily channel is not set or no longer exists. Choose one with `/daily setup`."
    if not permissions.can_post(channel):
        return f"I can't post in {channel.mention}: I am missing {', '.join(permissions.missing(channel, 'daily'))}."
    return None


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

    async def _publish(self, channel: discord.TextChannel, post: Post) -> discord.Message:
        """The embed, then a public thread for replies when the bot may open one."""
        message = await channel.send(embed=embed(post.card), allowed_mentions=NO_PINGS)
        if permissions.can_thread(channel):
            try:
                await message.create_thread(name=post.thread_name, auto_archive_duration=1440)
            except discord.HTTPException:
                log.warning("daily.thread_failed")
        return message

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
        if not permissions.can_post(channel):
            lacking = ", ".join(permissions.missing(channel, "daily"))
            await respond(
                interaction, f"Nothing was changed. I can't post in {channel.mention}: I am missing {lacking}."
            )
            return
        app = app_of(interaction)
        try:
            schedule = await daily.configure(
                app, channel.guild.id, channel.id, time, days.value if days else "daily", app.clock.now()
            )
        except DailyError as error:
            await respond(interaction, str(error))
            return
        lines = [
            f"Saved: daily reflections go to {channel.mention}.",
            daily.schedule_summary(schedule, app.clock.now()),
        ]
        if not permissions.can_thread(channel):
            lacking = ", ".join(permissions.missing(channel, "daily"))
            lines.append(f"I can't open reply threads there (missing {lacking}), so posts go out without one.")
        await respond(interaction, "\n".join(lines))

    @daily_group.command(name="preview", description="Privately see the next daily reflection exactly as it will post.")
    async def preview(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        post, when = await daily.preview(app, interaction.guild_id or 0, app.clock.now())
        note = f"{when}\nA reply thread named “{post.thread_name}” opens on it."
        await respond(interaction, note, embeds=[embed(post.card)])

    @daily_group.command(name="now", description="Post a daily reflection now; the scheduled one still goes out.")
    async def now(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        app = app_of(interaction)
        try:
            post, schedule = await daily.post_now(app, guild.id, app.clock.now())
        except DailyError as error:
            await respond(interaction, str(error))
            return
        channel = guild.get_channel(schedule.channel_id) if schedule.channel_id else None
        problem = _problem(channel)
        if problem is not None or not isinstance(channel, discord.TextChannel):
            await respond(interaction, f"Nothing was posted. {problem}")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            message = await self._publish(channel, post)
        except discord.Forbidden:
            await respond(interaction, f"Nothing was posted: Discord refused my post in {channel.mention}.")
            return
        await self._notify(guild, await daily.record_used(app, guild.id, post.key), owner_fallback=False)
        log.info("daily.posted_now")
        await respond(interaction, f"Posted: {message.jump_url}\n{daily.schedule_summary(schedule, app.clock.now())}")

    @daily_group.command(name="pause", description="Stop daily reflection posts until /daily resume.")
    async def pause(self, interaction: discord.Interaction) -> None:
        try:
            await daily.pause(app_of(interaction), interaction.guild_id or 0)
        except DailyError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, "Paused: no daily reflections will be posted until someone runs `/daily resume`.")

    @daily_group.command(name="resume", description="Start daily reflection posts again (also after fixing a problem).")
    async def resume(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        try:
            schedule = await daily.resume(app, interaction.guild_id or 0, app.clock.now())
        except DailyError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, f"Resumed.\n{daily.schedule_summary(schedule, app.clock.now())}")

    @daily_group.command(name="skip", description="Skip the next daily reflection post only.")
    async def skip(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        try:
            message = await daily.skip(app, interaction.guild_id or 0, app.clock.now())
        except DailyError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, message)


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Daily(bot))
