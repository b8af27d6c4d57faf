"""The daily reflection's schedule in one step, for adapters without a /daily command group (Telegram).

The time zone, the time and the days are set together; the post goes to the place the server already
uses for daily posts (on Telegram, the publish chat).
"""

from __future__ import annotations

from bot.core import daily, server_setup
from bot.core.app import Stairwell
from bot.core.daily import DailyError
from bot.core.flows.results import Result, private
from bot.core.server_setup import SetupError
from bot.db import guilds

NO_PLACE = "Choose where posts go first (the publish chat), then set the daily reflection's time."
STOPPED = "Daily reflections are paused. Set a time again to start them."


async def daily_at(app: Stairwell, guild_id: int, time_text: str, days: str, zone: str | None) -> Result:
    channel_id = (await guilds.get(app.db, guild_id)).daily_channel_id
    if channel_id is None:
        return private(NO_PLACE)
    now = app.clock.now()
    try:
        if zone:
            await server_setup.set_timezone(app.db, guild_id, zone)
        schedule = await daily.configure(app, guild_id, channel_id, time_text, days, now)
        if schedule.paused:
            schedule = await daily.resume(app, guild_id, now)
    except (DailyError, SetupError) as error:
        return private(str(error))
    return private("Saved. " + daily.schedule_summary(schedule, now))


async def daily_off(app: Stairwell, guild_id: int) -> Result:
    try:
        await daily.pause(app, guild_id)
    except DailyError as error:
        return private(str(error))
    return private(STOPPED)
