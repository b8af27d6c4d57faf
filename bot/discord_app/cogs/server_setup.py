"""/setup: channels, moderator role, time zone, region. Manage Server only, checked on every use."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import publishing, server_setup, servers, support, timezones
from bot.core.flows import setup as setup_flows
from bot.core.server_setup import SetupError
from bot.core.support import ResourceInputError
from bot.discord_app import permissions
from bot.discord_app.answer import deliver
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import require_manage_server
from bot.discord_app.cogs.support import country_autocomplete
from bot.discord_app.errors import StairwellModal
from bot.discord_app.render import respond


async def timezone_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=zone, value=zone) for zone in timezones.suggest(current)]


class LocalResourceModal(StairwellModal, title="Add a local support resource"):
    """Admins describe their own support (a peer-support team, an EAP); members see it first."""

    name: discord.ui.Label[LocalResourceModal] = discord.ui.Label(
        text="Name",
        component=discord.ui.TextInput(custom_id="name", max_length=80, placeholder="Riverside peer-support team"),
    )
    contact: discord.ui.Label[LocalResourceModal] = discord.ui.Label(
        text="How to reach it",
        description="A phone number, link or email.",
        component=discord.ui.TextInput(custom_id="contact", max_length=200, placeholder="Call ext. 4455"),
    )
    hours: discord.ui.Label[LocalResourceModal] = discord.ui.Label(
        text="Hours (optional)",
        component=discord.ui.TextInput(custom_id="hours", max_length=80, required=False, placeholder="24/7"),
    )
    details: discord.ui.Label[LocalResourceModal] = discord.ui.Label(
        text="One line about it (optional)",
        component=discord.ui.TextInput(
            custom_id="description", style=discord.TextStyle.paragraph, max_length=200, required=False
        ),
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        require_manage_server(interaction)
        values = [_text(item) for item in (self.name, self.contact, self.hours, self.details)]
        try:
            await support.add_local(app_of(interaction).db, interaction.guild_id or 0, *values)
        except ResourceInputError as error:
            await respond(interaction, str(error))
            return
        await respond(interaction, f"Added **{values[0].strip()}**. It now shows first in `/resources` here.")


def _text(label: discord.ui.Label[LocalResourceModal]) -> str:
    component = label.component
    assert isinstance(component, discord.ui.TextInput)
    return component.value


async def local_resource_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    found = await servers.local(app_of(interaction), interaction.guild_id)
    wanted = current.casefold()
    return [app_commands.Choice(name=r.name[:100], value=str(r.id)) for r in found if wanted in r.name.casefold()]


class ServerSetup(commands.Cog):
    setup_group = app_commands.Group(
        name="setup",
        description="Configure Stairwell for this server (Manage Server only).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )
    resource_group = app_commands.Group(
        name="resource", description="Local support shown first in /resources.", parent=setup_group
    )

    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        """default_permissions only hides /setup; this enforces Manage Server on every subcommand."""
        return require_manage_server(interaction)

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
        app = app_of(interaction)
        await servers.update(app, interaction.guild_id or 0, **values)
        if stories is not None:
            await publishing.resume_blocked(app, interaction.guild_id or 0)
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
        await servers.update(app_of(interaction), role.guild.id, moderator_role_id=role.id)
        await respond(
            interaction,
            f"Saved: members of {role.mention} are Stairwell moderators here. Discord shows `/mod` and `/daily` "
            "only to people with Manage Messages by default: to let this role see them, allow it under "
            "Server Settings → Integrations → Stairwell.",
        )

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

    @setup_group.command(name="sharing", description="Story sharing: on or off, daily limit per author, retention.")
    @app_commands.describe(
        enabled="Whether members can share stories here.",
        per_day="How many stories one person may send in 24 hours (1–20, default 3).",
        purge_days="Days before rejected or withdrawn story text is erased (1–90, default 7).",
    )
    async def sharing(
        self,
        interaction: discord.Interaction,
        enabled: bool | None = None,
        per_day: app_commands.Range[int, 1, 20] | None = None,
        purge_days: app_commands.Range[int, 1, 90] | None = None,
    ) -> None:
        result = await setup_flows.sharing(
            app_of(interaction), interaction.guild_id or 0, enabled=enabled, per_day=per_day, purge_days=purge_days
        )
        await deliver(interaction, result)

    @setup_group.command(name="show", description="Show this server's Stairwell settings and any missing permissions.")
    async def show(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        app = app_of(interaction)
        settings = await servers.settings(app, guild.id)
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

    @resource_group.command(name="add", description="Add your workplace's own support (opens a form).")
    async def resource_add(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(LocalResourceModal())

    @resource_group.command(name="remove", description="Remove a local support resource.")
    @app_commands.describe(resource="The local resource to remove (suggested as you type).")
    @app_commands.autocomplete(resource=local_resource_autocomplete)
    async def resource_remove(self, interaction: discord.Interaction, resource: str) -> None:
        removed = None
        if resource.isdigit():
            removed = await servers.remove_local(app_of(interaction), interaction.guild_id or 0, int(resource))
        if removed is None:
            await respond(interaction, "I couldn't find that local resource. Pick one from the suggestions.")
            return
        await respond(interaction, f"Removed **{removed}** from this server's resources.")


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(ServerSetup(bot))
