"""Per-server configuration: the rules behind /setup, whatever platform asks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core import daily, timezones
from bot.core.cards import Card, Tone
from bot.core.resources import Directory
from bot.db import guilds
from bot.db.connection import Database
from bot.db.guilds import GuildSettings


class SetupError(Exception):
    """A value a server admin gave is not usable; the message says what would be."""


async def set_timezone(db: Database, guild_id: int, name: str) -> str:
    zone = timezones.normalize(name)
    if zone is None:
        close = timezones.suggest(name.split("/")[-1], limit=3)
        hint = f" Did you mean {', '.join(f'`{z}`' for z in close)}?" if close else ""
        raise SetupError(
            f"`{name[:60]}` is not a time zone I know. Use an IANA name such as `Europe/London`, "
            f"`America/New_York` or `Asia/Kolkata`; the option suggests them as you type.{hint}"
        )
    await guilds.update(db, guild_id, timezone=zone)
    await daily.timezone_changed(db, guild_id)
    return zone


async def set_region(db: Database, directory: Directory, guild_id: int, value: str) -> str:
    """Returns the country's name once stored."""
    code = directory.normalize_country(value)
    if code is None:
        known = ", ".join(f"{name} ({code})" for code, name in directory.search_countries(""))
        raise SetupError(
            f"I don't have support lines for `{value[:60]}` yet. Countries I know: {known}. "
            "Members elsewhere get international directories."
        )
    await guilds.update(db, guild_id, region=code)
    return directory.countries[code]


def settings_card(
    settings: GuildSettings,
    names: Mapping[int, str],
    problems: Mapping[str, list[str]],
    region_name: str | None,
) -> Card:
    """`names` maps channel and role IDs to display names; `problems` lists missing permissions per channel."""

    def channel_line(label: str, key: str, channel_id: int | None) -> str:
        if channel_id is None:
            return f"**{label}:** not set"
        line = f"**{label}:** #{names.get(channel_id, 'deleted channel')}"
        missing = problems.get(key)
        return line + (f"\n  ⚠ I am missing: {', '.join(missing)}" if missing else " ✓")

    role = settings.moderator_role_id
    lines = [
        channel_line("Moderation channel", "moderation", settings.moderation_channel_id),
        channel_line("Stories channel", "stories", settings.stories_channel_id),
        channel_line("Daily reflection channel", "daily", settings.daily_channel_id),
        "**Moderator role:** "
        + (f"@{names.get(role, 'deleted role')}" if role else "not set (Manage Messages is used)"),
        f"**Time zone:** {settings.timezone}",
        f"**Region for resources:** {region_name or 'not set (each member’s Discord language, else international)'}",
        f"**Story sharing:** {'on' if settings.sharing_enabled else 'off'} · {settings.submissions_per_day} per person "
        f"a day · rejected/withdrawn text erased after {settings.purge_after_days} days",
    ]
    any_problem = any(problems.values())
    return Card(
        title="Stairwell settings for this server",
        body="\n".join(lines),
        footer="Fix missing permissions in the channel's settings, then run /setup show again."
        if any_problem
        else "Change any of these with the other /setup commands.",
        tone=Tone.NOTICE if any_problem else Tone.OK,
    )
