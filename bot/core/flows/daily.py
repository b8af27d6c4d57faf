"""/daily: setup, preview, now, pause, resume, skip and status, for the server's moderators.

`/daily now` records an extra post and the daily-post job makes it (exactly once, like every post);
the adapter answers first, then carries out the `PostDailyNow` effect.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.core import daily
from bot.core.app import Stairwell
from bot.core.daily import DailyError, DailyNotSetUpError
from bot.core.flows.port import Place
from bot.core.flows.results import Actor, PostDailyNow, Reply, Result, not_a_moderator, private
from bot.core.flows.setup import Channel, ServerView

NO_CHANNEL = "The daily channel is not set or no longer exists. Choose one with {setup}."
DAYS = {"daily": "daily", "every": "daily", "everyday": "daily", "weekdays": "weekdays"}


def _refusal(actor: Actor) -> Result | None:
    return not_a_moderator(actor) if not actor.is_moderator or actor.guild_id is None else None


def _said(actor: Actor, error: DailyError) -> Result:
    """The error in the platform's words, where it names the setup command."""
    if isinstance(error, DailyNotSetUpError):
        return private(str(error).format(community=actor.terms.community, setup=actor.terms.daily_setup))
    return private(str(error))


def _cannot_post(channel: Channel) -> str:
    return f"I can't post in {channel.label}: I am missing {', '.join(channel.missing)}."


async def setup(app: Stairwell, actor: Actor, channel: Channel, time: str, days: str = "daily") -> Result:
    """`days` is daily or weekdays (also every / everyday, as people type them)."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    if not channel.can_post:
        return private(f"Nothing was changed. {_cannot_post(channel)}")
    chosen = DAYS.get(days.strip().lower())
    if chosen is None:
        return private("Choose `daily` (every day) or `weekdays` (Monday to Friday).")
    now = app.clock.now()
    try:
        schedule = await daily.configure(app, actor.guild_id, channel.id, time, chosen, now)
    except DailyError as error:
        return _said(actor, error)
    lines = [f"Saved: daily reflections go to {channel.label}.", daily.schedule_summary(schedule, now, actor.terms)]
    if not channel.can_thread:
        lines.append(
            f"I can't open reply threads there (missing {', '.join(channel.missing)}), so posts go out without one."
        )
    return private("\n".join(lines))


async def preview(app: Stairwell, actor: Actor) -> Result:
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    post, when = await daily.preview(app, actor.guild_id, app.clock.now(), actor.terms)
    return Result(Reply(f"{when}\nA reply thread named “{post.thread_name}” opens on it.", cards=(post.card,)))


async def now(app: Stairwell, actor: Actor, view: ServerView) -> Result:
    """Checked first (the channel must take posts), then recorded; the post follows the answer."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    try:
        schedule = await daily.require(app, actor.guild_id)
    except DailyError as error:
        return _said(actor, error)
    channel = view.channel(schedule.channel_id, Place.DAILY) if schedule.channel_id is not None else None
    if channel is None:
        return private(f"Nothing was posted. {NO_CHANNEL.format(setup=actor.terms.daily_setup)}")
    if not channel.can_post:
        return private(f"Nothing was posted. {_cannot_post(channel)}")
    extra_id, schedule = await daily.request_now(app, actor.guild_id, app.clock.now())
    text = (
        f"Posting a daily reflection in {channel.label} now; the scheduled one still goes out.\n"
        f"{daily.schedule_summary(schedule, app.clock.now(), actor.terms)}"
    )
    return Result(Reply(text), (PostDailyNow(extra_id),))


async def _answer(actor: Actor, act: Callable[[int], Awaitable[str]]) -> Result:
    """A moderator's action on their server's schedule: refused for others, a DailyError in the platform's words."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    try:
        return private(await act(actor.guild_id))
    except DailyError as error:
        return _said(actor, error)


async def pause(app: Stairwell, actor: Actor) -> Result:
    async def act(guild_id: int) -> str:
        await daily.pause(app, guild_id)
        return f"Paused: no daily reflections will be posted until someone runs {actor.terms.daily_resume}."

    return await _answer(actor, act)


async def resume(app: Stairwell, actor: Actor) -> Result:
    async def act(guild_id: int) -> str:
        schedule = await daily.resume(app, guild_id, app.clock.now())
        return f"Resumed.\n{daily.schedule_summary(schedule, app.clock.now(), actor.terms)}"

    return await _answer(actor, act)


async def skip(app: Stairwell, actor: Actor) -> Result:
    return await _answer(actor, lambda guild_id: daily.skip(app, guild_id, app.clock.now()))


async def status(app: Stairwell, actor: Actor) -> Result:
    """When the next post is, how often, and whether it is paused or blocked."""

    async def act(guild_id: int) -> str:
        schedule = await daily.require(app, guild_id)
        return daily.schedule_summary(schedule, app.clock.now(), actor.terms)

    return await _answer(actor, act)
