from bot.db import local_resources
from bot.discord_app.errors import NotAllowed


async def set_region(world, country):
    result = await world.admin.slash(world.general, "setup region", country=country)
    assert result.response.content.startswith("Saved")


async def test_resources_without_options_uses_the_server_region(world):
    await set_region(world, "GB")

    result = await world.member.slash(world.general, "resources")

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Support lines — United Kingdom"
    assert "999" in embed.description
    assert embed.fields[0].name == "Samaritans"
    assert "Call 116 123" in embed.fields[0].value
    assert "Hours: 24/7" in embed.fields[0].value
    assert embed.fields[-1].name.startswith("Find A Helpline")


async def test_unknown_country_gets_international_directories_not_an_error(world):
    result = await world.member.slash(world.general, "resources", country="Atlantis")

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Support lines — international"
    assert "I don't have lines for “Atlantis” yet" in embed.description
    assert [field.name for field in embed.fields][:2] == ["Find A Helpline (ThroughLine)", "Befrienders Worldwide"]


async def test_audience_puts_lines_for_that_group_first(world):
    result = await world.member.slash(world.general, "resources", country="US", audience="ems")

    embed = result.response.embeds[0]
    assert embed.title == "Support lines — United States — for ems and paramedics"
    assert embed.fields[0].name.startswith("Fire/EMS Helpline")
    assert "Call 1-888-731-3473" in embed.fields[0].value


async def test_country_autocomplete(world):
    choices = await world.member.autocomplete(world.general, "resources", "country", "austr")
    assert choices[0]["value"] == "AU"


async def test_local_resources_appear_first_after_an_admin_adds_one(world):
    await set_region(world, "US")
    shown = await world.admin.slash(world.general, "setup resource add")
    assert shown.modal is not None

    done = await world.admin.submit_modal(
        shown, {"name": "Riverside peer-support team", "contact": "Call ext. 4455", "hours": "24/7", "description": ""}
    )

    assert done.ephemeral and "Riverside peer-support team" in done.response.content
    stored = await local_resources.list_for(world.db, world.guild.id)
    assert [(r.name, r.contact, r.hours, r.description) for r in stored] == [
        ("Riverside peer-support team", "Call ext. 4455", "24/7", None)
    ]
    embed = (await world.member.slash(world.general, "resources")).response.embeds[0]
    assert embed.fields[0].name == "Riverside peer-support team (this server)"
    assert embed.fields[1].name == "988 Suicide & Crisis Lifeline"

    choices = await world.admin.autocomplete(world.general, "setup resource remove", "resource", "river")
    removed = await world.admin.slash(world.general, "setup resource remove", resource=choices[0]["value"])
    assert "Removed **Riverside peer-support team**" in removed.response.content
    assert await local_resources.list_for(world.db, world.guild.id) == []


async def test_a_member_cannot_add_local_resources(world):
    assert "setup resource add" not in world.member.available_commands(world.general)
    commands = await world.bot.tree.fetch_commands()
    setup = next(command for command in commands if command.name == "setup")
    world.guild.set_command_permissions(setup, {world.member: True})

    result = await world.member.slash(world.general, "setup resource add")

    assert result.modal is None
    assert "Manage Server" in result.response.content
    assert isinstance(world.env.errors[-1], NotAllowed)
    assert await local_resources.list_for(world.db, world.guild.id) == []
