"""Console versions of /daily over the core's daily flows; the daily channel is this terminal."""

from __future__ import annotations

from bot.console.answer import actor, deliver
from bot.console.commands import ConsoleView
from bot.console.shell import Invocation, Session, command
from bot.core.flows import daily
from bot.core.flows.setup import ONE_CHANNEL, Channel


@command("daily setup", "Schedule the daily reflection: /daily setup 09:00 weekdays")
async def daily_setup(session: Session, args: Invocation) -> None:
    time_text = args.require("time", 0, "/daily setup <HH:MM> [daily|weekdays]")
    here = Channel(ONE_CHANNEL, "this console")
    await deliver(
        session, await daily.setup(session.app, actor(session), here, time_text, args.get("days", 1) or "daily")
    )


@command("daily preview", "Show the next daily reflection without posting it.")
async def daily_preview(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.preview(session.app, actor(session)))


@command("daily now", "Post a daily reflection now, printed under [daily channel] (it counts in the rotation).")
async def daily_now(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.now(session.app, actor(session), ConsoleView()))


@command("daily pause", "Stop daily reflections until /daily resume.")
async def daily_pause(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.pause(session.app, actor(session)))


@command("daily resume", "Start daily reflections again.")
async def daily_resume(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.resume(session.app, actor(session)))


@command("daily skip", "Skip the next daily reflection only.")
async def daily_skip(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.skip(session.app, actor(session)))


@command("daily status", "When the next daily reflection is posted, and whether it is paused.")
async def daily_status(session: Session, _: Invocation) -> None:
    await deliver(session, await daily.status(session.app, actor(session)))
