"""Every /setup subcommand works in the console, through the same core flows as Discord, in plain text."""

import pytest

from bot.console.shell import REGISTRY
from bot.core.app import Stairwell
from bot.db import local_resources
from tests.conftest import SECRET
from tests.console.test_console_stories import run

DISCORD_SETUP = {
    "setup channels",
    "setup moderator-role",
    "setup timezone",
    "setup region",
    "setup sharing",
    "setup show",
    "setup resource add",
    "setup resource remove",
    "setup resource list",
}


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield opened
    await opened.close()


def test_the_console_has_every_setup_subcommand_discord_has():
    import bot.console.main  # noqa: F401  (registers the commands)

    assert {name for name in REGISTRY if name.startswith("setup")} == DISCORD_SETUP


async def test_local_resources_are_added_listed_and_removed(app):
    output = await run(
        app,
        "/setup resource list",
        "/setup resource add name:Peer*team contact:ext.4455 hours:24/7",
        "/setup resource list",
        "/resources",
        "/setup resource remove nobody",
        "/setup resource remove Peer*team",
        "/setup show",
    )

    assert "This server has no local resources yet. Add one with /setup resource add." in output
    assert "Added Peer*team. It now shows first in /resources here." in output
    assert "-- Peer*team\next.4455\nHours: 24/7" in output
    assert "-- Peer*team (this server)" in output
    assert "I couldn't find that local resource. /setup resource list shows them." in output
    assert "Removed Peer*team from this server's resources." in output
    assert "Moderator role: not set (access to this console is used)" in output
    assert "\\" not in output and "**" not in output and "`" not in output
    assert await local_resources.list_for(app.db, 1) == []


async def test_daily_in_the_console_posts_now_under_the_daily_heading(app):
    output = await run(
        app,
        "/daily now",
        "/daily setup 9:00 weekends",
        "/daily setup 09:00 weekdays",
        "/daily status",
        "/daily now",
        "/daily skip",
        "/daily pause",
        "/daily resume",
    )

    assert "Daily reflections aren't set up in this server yet: run /daily setup first." in output
    assert "Choose daily (every day) or weekdays (Monday to Friday)." in output
    assert "Saved: daily reflections go to this console." in output
    assert "Posting a daily reflection in this console now" in output
    assert "[daily channel]\n== Today's reflection ==" in output
    assert "Extra reflection (1)" in output
    assert "Paused: no daily reflections" in output and "Resumed." in output
    assert "**" not in output and "`" not in output


async def test_setup_sharing_without_options_names_the_settings_not_discords_option_names(app):
    output = await run(app, "/setup sharing")
    assert "Give at least one setting: sharing on or off, the daily limit per person, or the retention days." in output
