"""SQL for per-server settings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.connection import Database

SETTING_COLUMNS = frozenset(
    {
        "moderation_channel_id",
        "stories_channel_id",
        "daily_channel_id",
        "moderator_role_id",
        "timezone",
        "region",
        "sharing_enabled",
        "submissions_per_day",
        "purge_after_days",
    }
)


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    moderation_channel_id: int | None = None
    stories_channel_id: int | None = None
    daily_channel_id: int | None = None
    moderator_role_id: int | None = None
    timezone: str = "UTC"
    region: str | None = None
    sharing_enabled: bool = True
    submissions_per_day: int = 3
    purge_after_days: int = 7


async def get(db: Database, guild_id: int) -> GuildSettings:
    """A server with no row yet has the defaults."""
    row = await db.fetchone("SELECT * FROM guilds WHERE guild_id = ?", (guild_id,))
    if row is None:
        return GuildSettings(guild_id)
    return GuildSettings(
        guild_id=row["guild_id"],
        moderation_channel_id=row["moderation_channel_id"],
        stories_channel_id=row["stories_channel_id"],
        daily_channel_id=row["daily_channel_id"],
        moderator_role_id=row["moderator_role_id"],
        timezone=row["timezone"],
        region=row["region"],
        sharing_enabled=bool(row["sharing_enabled"]),
        submissions_per_day=row["submissions_per_day"],
        purge_after_days=row["purge_after_days"],
    )


async def update(db: Database, guild_id: int, **values: object) -> None:
    unknown = set(values) - SETTING_COLUMNS
    if unknown:
        raise ValueError(f"unknown guild settings: {sorted(unknown)}")
    columns = ", ".join(values)
    placeholders = ", ".join("?" for _ in values)
    updates = ", ".join(f"{name} = excluded.{name}" for name in values)
    await db.execute(
        f"INSERT INTO guilds (guild_id, {columns}) VALUES (?, {placeholders}) "
        f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
        (guild_id, *values.values()),
    )


async def delete(db: Database, guild_id: int) -> None:
    """Removes the server and, through ON DELETE CASCADE, everything stored for it."""
    await db.execute("DELETE FROM guilds WHERE guild_id = ?", (guild_id,))


async def claim(db: Database, platform: str, guild_ids: list[int]) -> None:
    """Records that these servers are the platform's, so a later reconciliation may drop them."""
    async with db.transaction():
        for guild_id in guild_ids:
            await db.execute(
                "INSERT INTO guilds (guild_id, platform) VALUES (?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET platform = excluded.platform",
                (guild_id, platform),
            )


async def of_platform(db: Database, platform: str) -> list[int]:
    rows = await db.fetchall("SELECT guild_id FROM guilds WHERE platform = ?", (platform,))
    return [row[0] for row in rows]


async def delete_many(db: Database, guild_ids: list[int]) -> None:
    """Several servers and, through ON DELETE CASCADE, everything stored for them, in one transaction."""
    async with db.transaction():
        for guild_id in guild_ids:
            await db.execute("DELETE FROM guilds WHERE guild_id = ?", (guild_id,))


async def ensure(db: Database, guild_id: int) -> None:
    """Rows of other tables hang off the server's row so leaving the server deletes them too."""
    await db.execute("INSERT INTO guilds (guild_id) VALUES (?) ON CONFLICT DO NOTHING", (guild_id,))


async def platform_of(db: Database, guild_id: int) -> str | None:
    """The platform a server was claimed by; None for one no adapter has seen yet (or no such server)."""
    row = await db.fetchone("SELECT platform FROM guilds WHERE guild_id = ?", (guild_id,))
    return None if row is None else row[0]
