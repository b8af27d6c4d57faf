import discord

from bot.db import guilds
from bot.discord_app.errors import NotAllowed
from tests.discord_app.conftest import configure


async def test_setup_is_hidden_from_members(world):
    assert "setup show" not in world.member.available_commands(world.general)
    assert "setup show" in world.admin.available_commands(world.general)


async def test_setup_refuses_a_member_even_when_an_override_shows_it(world):
    commands = await world.bot.tree.fetch_commands()
    setup = next(command for command in commands if command.name == "setup")
    world.guild.set_command_permissions(setup, {world.member: True})

    result = await world.member.slash(world.general, "setup timezone", name="Europe/London")

    assert result.ephemeral
    assert "Manage Server" in result.response.content
    assert (await guilds.get(world.db, world.guild.id)).timezone == "UTC"
    assert isinstance(world.env.errors[-1], NotAllowed)


async def test_admin_sets_channels_role_timezone_and_show_reflects_them(world):
    await configure(world)
    result = await world.admin.slash(world.general, "setup timezone", name="america/new_york")
    assert result.ephemeral and "America/New_York" in result.response.content
    result = await world.admin.slash(world.general, "setup region", country="UK")
    assert "United Kingdom" in result.response.content

    stored = await guilds.get(world.db, world.guild.id)
    assert stored.timezone == "America/New_York"
    assert stored.region == "GB"
    assert stored.moderation_channel_id == world.mod_channel.id
    assert stored.moderator_role_id == world.mod_role.id

    shown = await world.admin.slash(world.general, "setup show")
    assert shown.ephemeral
    body = shown.response.embeds[0].description
    assert f"{world.mod_channel.mention} ✓" in body
    assert f"{world.stories.mention} ✓" in body
    assert "America/New_York" in body
    assert f"**Moderator role:** {world.mod_role.mention}" in body


async def test_unknown_timezone_is_refused_with_suggestions(world):
    result = await world.admin.slash(world.general, "setup timezone", name="Europe/Londn")

    assert result.ephemeral
    assert "not a time zone" in result.response.content
    assert "Europe/London" in result.response.content
    assert (await guilds.get(world.db, world.guild.id)).timezone == "UTC"


async def test_timezone_autocomplete_suggests_zones(world):
    choices = await world.admin.autocomplete(world.general, "setup timezone", "name", "kolk")
    assert [choice["value"] for choice in choices] == ["Asia/Kolkata"]


async def test_public_moderation_channel_is_refused(world):
    result = await world.admin.slash(world.general, "setup channels", moderation=world.general)

    assert "visible to everyone" in result.response.content
    assert (await guilds.get(world.db, world.guild.id)).moderation_channel_id is None


async def test_show_names_permissions_the_bot_lacks(world):
    await configure(world)
    locked = world.guild.create_text_channel(
        "locked", overwrites={world.bot.user: discord.PermissionOverwrite(embed_links=False)}
    )
    await guilds.update(world.db, world.guild.id, stories_channel_id=locked.id)

    shown = await world.admin.slash(world.general, "setup show")

    assert f"{locked.mention}\n  ⚠ I am missing: Embed Links" in shown.response.embeds[0].description


async def test_forced_failure_gives_a_friendly_private_error(world, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(guilds, "get", broken)
    result = await world.admin.slash(world.general, "setup show")

    assert result.ephemeral
    assert "Nothing you wrote was lost" in result.response.content
    assert "reference" in result.response.content
    assert [type(error) for error in world.env.errors][-1].__name__ == "CommandInvokeError"


async def test_leaving_a_server_deletes_its_data(world):
    await configure(world)
    await world.bot.get_cog("Lifecycle").on_guild_remove(world.bot.get_guild(world.guild.id))
    assert await world.db.fetchval("SELECT count(*) FROM guilds WHERE guild_id = ?", (world.guild.id,)) == 0


async def test_the_console_has_every_setup_subcommand_of_the_tree(world):
    import bot.console.main  # noqa: F401  (registers the console's commands)
    from bot.console.shell import REGISTRY
    from tests.console.test_console_setup import DISCORD_SETUP

    tree = {c.qualified_name for c in world.bot.tree.walk_commands() if not hasattr(c, "commands")}
    assert {name for name in tree if name.startswith("setup")} == DISCORD_SETUP
    assert set(REGISTRY) >= DISCORD_SETUP


async def test_resource_list_and_moderator_role_hint(world):
    await configure(world)
    empty = await world.admin.slash(world.general, "setup resource list")
    assert "no local resources yet" in empty.response.content
    saved = await world.admin.slash(world.general, "setup moderator-role", role=world.mod_role)
    assert f"members of {world.mod_role.mention} are Stairwell moderators" in saved.response.content
    assert "Server Settings → Integrations" in saved.response.content
    everyone = await world.admin.slash(world.general, "setup moderator-role", role=world.guild.default_role)
    assert "can't be the moderator role" in everyone.response.content
