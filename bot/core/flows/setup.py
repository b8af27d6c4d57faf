"""Server setup flows that every adapter shares."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.core.flows.results import Result, private
from bot.db import guilds

MAX_PER_DAY = 20
MAX_PURGE_DAYS = 90
# An adapter with one place for everything (the console) gives every place this channel.
ONE_CHANNEL = 1


async def use_one_channel(app: Stairwell, guild_id: int) -> None:
    """Sharing needs a moderation channel (the core refuses without one) and a stories channel.

    Where the adapter has only one place, both are it; saved once, silently, rather than bending
    the core's rule for one adapter.
    """
    settings = await guilds.get(app.db, guild_id)
    if settings.moderation_channel_id is None:
        await guilds.update(
            app.db,
            guild_id,
            moderation_channel_id=ONE_CHANNEL,
            stories_channel_id=ONE_CHANNEL,
            daily_channel_id=settings.daily_channel_id or ONE_CHANNEL,
        )


async def sharing(
    app: Stairwell, guild_id: int, *, enabled: bool | None, per_day: int | None, purge_days: int | None
) -> Result:
    """/setup sharing: on or off, the per-person daily limit, how long resolved text is kept."""
    values: dict[str, object] = {}
    if enabled is not None:
        values["sharing_enabled"] = int(enabled)
    if per_day is not None:
        if not 1 <= per_day <= MAX_PER_DAY:
            return private(f"The daily limit is a whole number from 1 to {MAX_PER_DAY}.")
        values["submissions_per_day"] = per_day
    if purge_days is not None:
        if not 1 <= purge_days <= MAX_PURGE_DAYS:
            return private(f"Retention is a whole number of days from 1 to {MAX_PURGE_DAYS}.")
        values["purge_after_days"] = purge_days
    if not values:
        return private("Give at least one option: `enabled`, `per_day` or `purge_days`.")
    await guilds.update(app.db, guild_id, **values)
    settings = await guilds.get(app.db, guild_id)
    return private(
        f"Saved: sharing is {'on' if settings.sharing_enabled else 'off'}, up to {settings.submissions_per_day} "
        f"per person a day, rejected or withdrawn text erased after {settings.purge_after_days} days."
    )
