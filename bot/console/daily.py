"""Console versions of /daily: the console server has no channels, so posts are printed."""

from __future__ import annotations

from bot.console.shell import CONSOLE_GUILD, Invocation, Session, command
from bot.core import daily
from bot.core.daily import DailyError

_DAYS = {"daily": "daily", "every": "daily", "everyday": "daily", "weekdays": "weekdays"}


@command("daily setup", "Schedule the daily reflection: /daily setup 09:00 weekdays")
async def daily_setup(session: Session, args: Invocation) -> None:
    usage = "/daily setup <HH:MM> [daily|weekdays]"
    time_text = args.require("time", 0, usage)
    days = _DAYS.get((args.get("days", 1) or "daily").strip().lower())
    if days is None:
        session.print(f"Days are `daily` or `weekdays`. Usage: {usage}")
        return
    now = session.app.clock.now()
    try:
        schedule = await daily.configure(session.app, CONSOLE_GUILD, None, time_text, days, now)
    except DailyError as error:
        session.print(str(error))
        return
    session.print("Saved.\n" + daily.schedule_summary(schedule, now))


@command("daily preview", "Show the next daily reflection without posting it.")
async def daily_preview(session: Session, _: Invocation) -> None:
    post, when = await daily.preview(session.app, CONSOLE_GUILD, session.app.clock.now())
    session.print(when)
    session.print(post.card)


@command("daily now", "Print a daily reflection now (it counts in the rotation).")
async def daily_now(session: Session, _: Invocation) -> None:
    try:
        post, _schedule = await daily.post_now(session.app, CONSOLE_GUILD, session.app.clock.now())
    except DailyError as error:
        session.print(str(error))
        return
    session.print(post.card)
    notice = await daily.record_used(session.app, CONSOLE_GUILD, post.key)
    if notice is not None:
        session.print(notice)


@command("daily pause", "Stop daily reflections until /daily resume.")
async def daily_pause(session: Session, _: Invocation) -> None:
    try:
        await daily.pause(session.app, CONSOLE_GUILD)
    except DailyError as error:
        session.print(str(error))
        return
    session.print("Paused: no daily reflections until /daily resume.")


@command("daily resume", "Start daily reflections again.")
async def daily_resume(session: Session, _: Invocation) -> None:
    now = session.app.clock.now()
    try:
        schedule = await daily.resume(session.app, CONSOLE_GUILD, now)
    except DailyError as error:
        session.print(str(error))
        return
    session.print("Resumed.\n" + daily.schedule_summary(schedule, now))


@command("daily skip", "Skip the next daily reflection only.")
async def daily_skip(session: Session, _: Invocation) -> None:
    try:
        session.print(await daily.skip(session.app, CONSOLE_GUILD, session.app.clock.now()))
    except DailyError as error:
        session.print(str(error))
