"""Per-server configuration: the rules behind /setup, whatever platform asks."""

from __future__ import annotations

from bot.core import daily, timezones
from bot.core.resources import Directory
from bot.db import guilds
from bot.db.connection import Database


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
