"""/setup: channels, moderator role, time zone, region, sharing, local resources, show; the core decides."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import timezones
from bot.core.flows import setup as flows
from bot.core.flows.port import Place
from bot.discord_app import permissions
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import require_manage_server
from bot.discord_app.cogs.support import country_autocomplete
from bot.discord_app.errors import StairwellModal
from bot.discord_app.permissions import GuildView
from bot.discord_app.platform import PURPOSE


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
        name, contact, hours, details = (_text(item) for item in (self.name, self.contact, self.hours, self.details))
        result = await flows.add_resource(app_of(interaction), await actor(interaction), name, contact, hours, details)
        await deliver(interaction, result)


def _text(label: discord.ui.Label[LocalResourceModal]) -> str:
    component = label.component
    assert isinstance(component, discord.ui.TextInput)
    return component.value


async def local_resource_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    found = await flows.resource_names(app_of(interaction), interaction.guild_id, current)
    return [app_commands.Choice(name=name[:100], value=str(resource_id)) for name, resource_id in found]


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
        given = {Place.QUEUE: moderation, Place.STORIES: stories, Place.DAILY: daily}
        chosen = {place: permissions.seen(channel, PURPOSE[place]) for place, channel in given.items() if channel}
        await deliver(interaction, await flows.channels(self.bot.app, await actor(interaction), chosen))

    @setup_group.command(name="moderator-role", description="Choose the role whose members review shared stories.")
    @app_commands.describe(role="Members with this role can approve, redact or reject stories.")
    async def moderator_role(self, interaction: discord.Interaction, role: discord.Role) -> None:
        result = await flows.moderator_role(
            self.bot.app, await actor(interaction), role.id, role.mention, everyone=role.is_default()
        )
        await deliver(interaction, result)

    @setup_group.command(name="timezone", description="The server's time zone, for daily reflections.")
    @app_commands.describe(name="An IANA time zone such as Europe/London or America/New_York (suggested as you type).")
    @app_commands.autocomplete(name=timezone_autocomplete)
    async def timezone(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 64]) -> None:
        await deliver(interaction, await flows.timezone(self.bot.app, await actor(interaction), name))

    @setup_group.command(name="region", description="The default country for /resources in this server.")
    @app_commands.describe(country="Country whose crisis and clinician support lines are shown first.")
    @app_commands.autocomplete(country=country_autocomplete)
    async def region(self, interaction: discord.Interaction, country: app_commands.Range[str, 1, 64]) -> None:
        await deliver(interaction, await flows.region(self.bot.app, await actor(interaction), country))

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
        result = await flows.sharing(
            self.bot.app, await actor(interaction), enabled=enabled, per_day=per_day, purge_days=purge_days
        )
        await deliver(interaction, result)

    @setup_group.command(name="show", description="Show this server's Stairwell settings and any missing permissions.")
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        result = await flows.show(self.bot.app, await actor(interaction), GuildView(interaction.guild))
        await deliver(interaction, result)

    @resource_group.command(name="add", description="Add your workplace's own support (opens a form).")
    async def resource_add(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(LocalResourceModal())

    @resource_group.command(name="remove", description="Remove a local support resource.")
    @app_commands.describe(resource="The local resource to remove (suggested as you type).")
    @app_commands.autocomplete(resource=local_resource_autocomplete)
    async def resource_remove(self, interaction: discord.Interaction, resource: str) -> None:
        await deliver(interaction, await flows.remove_resource(self.bot.app, await actor(interaction), resource))

    @resource_group.command(name="list", description="This server's local support resources.")
    async def resource_list(self, interaction: discord.Interaction) -> None:
        await deliver(interaction, await flows.list_resources(self.bot.app, await actor(interaction)))


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(ServerSetup(bot))
