"""/setup: channels, moderator role, time zone, region. Manage Server only, checked on every use."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import server_setup, timezones
from bot.core.server_setup import SetupError
from bot.db import guilds
from bot.discord_app import permissions
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import require_manage_server
from bot.discord_app.render import respond


class ManageServerGroup(app_commands.Group):
    """default_permissions hides the group; this check enforces it even if admins change overrides."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return require_manage_server(interaction)


async def timezone_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=zone, value=zone) for zone in timezones.suggest(current)]


async def country_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    directory = app_of(interaction).content.directory
    return [
        app_commands.Choice(name=f"{name} ({code})", value=code) for code, name in directory.search_countries(current)
    ]


class ServerSetup(commands.Cog):
    setup_group = ManageServerGroup(
        name="setup",
        description="Configure Stairwell for this server (Manage Server only).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @setup_group.command(
        name="channels", description="Choose where stories are reviewed, published, and daily reflections posted."
    )
    @app_commands.describe(
        moderation="Private channel where moderators review stories before anything is published.",
        stories="Channel where approved stories are posted anonymously.",
        daily="Channel for the daily reflection (you can also set it with /daily setup).",
    )
    async def channels(
        self,
        interaction: discord.Interaction,
        moderation: discord.TextChannel | None = None,
        stories: discord.TextChannel | None = None,
        daily: discord.TextChannel | None = None,
    ) -> None:
        chosen = {"moderation": moderation, "stories": stories, "daily": daily}
        if not any(chosen.values()):
            await respond(interaction, "Pick at least one channel: `moderation`, `stories` or `daily`.")
            return
        problems = []
        for purpose, channel in chosen.items():
            if channel is None:
                continue
            lacking = permissions.missing(channel, purpose)
            if lacking:
                problems.append(f"I can't work in {channel.mention} for {purpose}: I am missing {', '.join(lacking)}.")
            if purpose == "moderation" and permissions.is_public(channel):
                problems.append(
                    f"{channel.mention} is visible to everyone. Stories waiting for review must stay private: "
                    "choose a channel only moderators can see."
                )
        if problems:
            await respond(interaction, "Nothing was changed.\n" + "\n".join(problems))
            return
        values = {f"{purpose}_channel_id": channel.id for purpose, channel in chosen.items() if channel}
        await guilds.update(app_of(interaction).db, interaction.guild_id or 0, **values)
        done = ", ".join(f"{purpose} → {channel.mention}" for purpose, channel in chosen.items() if channel)
        await respond(interaction, f"Saved: {done}.")

    @setup_group.command(name="moderator-role", description="Choose the role whose members review shared stories.")
    @app_commands.describe(role="Members with this role can approve, redact or reject stories.")
    async def moderator_role(self, interaction: discord.Interaction, role: discord.Role) -> None:
        if role.is_default():
            await respond(
                interaction, "@everyone can't be the moderator role: choose a role given to a few trusted people."
            )
            return
        await guilds.update(app_of(interaction).db, role.guild.id, moderator_role_id=role.id)
        await respond(interaction, f"Saved: members of {role.mention} are Stairwell moderators here.")

    @setup_group.command(name="timezone", description="The server's time zone, for daily reflections.")
    @app_commands.describe(name="An IANA time zone such as Europe/London or America/New_York (suggested as you type).")
    @app_commands.autocomplete(name=timezone_autocomplete)
    async def timezone(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 64]) -> None:
        try:
            zone = await server_setup.set_timezone(app_of(interaction).db, interaction.guild_id or 0, name)
        except SetupError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, f"Saved: this server's time zone is **{zone}**.")

    @setup_group.command(name="region", description="The default country for /resources in this server.")
    @app_commands.describe(country="Country whose crisis and clinician support lines are shown first.")
    @app_commands.autocomplete(country=country_autocomplete)
    async def region(self, interaction: discord.Interaction, country: app_commands.Range[str, 1, 64]) -> None:
        app = app_of(interaction)
        try:
            name = await server_setup.set_region(app.db, app.content.directory, interaction.guild_id or 0, country)
        except SetupError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, f"Saved: `/resources` shows lines for **{name}** first.")

    @setup_group.command(name="show", description="Show this server's Stairwell settings and any missing permissions.")
    async def show(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        app = app_of(interaction)
        settings = await guilds.get(app.db, guild.id)
        names: dict[int, str] = {}
        problems: dict[str, list[str]] = {}
        for purpose in ("moderation", "stories", "daily"):
            channel_id = getattr(settings, f"{purpose}_channel_id")
            channel = guild.get_channel(channel_id) if channel_id else None
            if channel is None:
                continue
            names[channel.id] = channel.name
            lacking = permissions.missing(channel, purpose)
            if purpose == "moderation" and permissions.is_public(channel):
                lacking.append("privacy (everyone can see this channel)")
            problems[purpose] = lacking
        if settings.moderator_role_id and (role := guild.get_role(settings.moderator_role_id)):
            names[role.id] = role.name
        region = app.content.directory.countries.get(settings.region or "")
        await respond(interaction, server_setup.settings_card(settings, names, problems, region))


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(ServerSetup(bot))
