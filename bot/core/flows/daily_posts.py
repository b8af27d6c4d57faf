"""Scheduled daily posts through the Platform port, exactly once: claim with a lease, look after any doubt."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import daily
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.daily import Claim
from bot.core.flows.port import Outgoing, Place, PlaceUnavailableError, Platform, PlatformError, PostRef, Where

NO_CHANNEL = "The daily channel is not set or no longer exists"


@dataclass(frozen=True, slots=True)
class Notice:
    """For the server's moderators; `owner_fallback` when it stops posts altogether (the adapter may DM the owner)."""

    guild_id: int
    card: Card
    owner_fallback: bool


async def run_due(app: Stairwell, platform: Platform) -> tuple[list[Notice], float]:
    """Finish interrupted posts, post every due run this worker can claim; returns notices and the next wait."""
    now = app.clock.now()
    notices: list[Notice] = []
    for claimed in await daily.interrupted(app, now):
        notices += await _post(app, platform, claimed, look_first=True)
    due = await daily.due_posts(app, now)
    for schedule in due:
        taken = await daily.claim(app, schedule, now)
        if taken is not None:
            notices += await _post(app, platform, taken, look_first=False)
    for extra_id in await daily.extra_due(app, now):
        notices += await post_extra(app, platform, extra_id)
    wait = 0.0 if len(due) == daily.BATCH else await daily.seconds_until_next(app, app.clock.now())
    return notices, wait


async def _post(app: Stairwell, platform: Platform, claimed: Claim, *, look_first: bool) -> list[Notice]:
    problem = NO_CHANNEL
    if claimed.channel_id is not None:
        where = Where(claimed.guild_id, Place.DAILY, claimed.channel_id)
        post = await daily.next_post(app, claimed.guild_id, claimed.local_date)
        nonce = f"daily-{claimed.local_date:%Y%m%d}-{claimed.guild_id % 10**6}"
        try:
            found = await platform.find_post(where, daily.marker(claimed.local_date)) if look_first else None
            if found is None:
                await platform.post(where, Outgoing(card=post.card, thread=post.thread_name), nonce=nonce)
        except PlaceUnavailableError as error:
            problem = str(error)
        except PlatformError:
            await daily.retry_later(app, claimed, app.clock.now())
            return []
        else:
            notice = await daily.complete(app, claimed, post)
            done = [Notice(claimed.guild_id, notice, owner_fallback=False)] if notice else []
            what = f"The daily reflection of {claimed.local_date:%-d %B}"
            return done + await _unconfirmed(platform, claimed.guild_id, found, what)
    terms = await platform.terms(claimed.guild_id)
    blocked = await daily.block(app, claimed, f"{problem}. Choose or fix it with {terms.daily_setup}.", terms)
    return [Notice(claimed.guild_id, blocked, owner_fallback=True)] if blocked else []


async def post_extra(app: Stairwell, platform: Platform, extra_id: int) -> list[Notice]:
    """A `/daily now` request, exactly once: claimed with a lease, looked for after any earlier attempt."""
    extra = await daily.claim_extra(app, extra_id, app.clock.now())
    if extra is None:
        return []  # done, or another worker has it
    if extra.channel_id is None:
        await daily.extra_done(app, extra, None)
        fix = (await platform.terms(extra.guild_id)).daily_setup
        return [Notice(extra.guild_id, _not_posted(f"{NO_CHANNEL}. Choose one with {fix}."), False)]
    where = Where(extra.guild_id, Place.DAILY, extra.channel_id)
    post = await daily.extra_post(app, extra)
    try:
        found = await platform.find_post(where, daily.extra_marker(extra.id)) if extra.attempts > 1 else None
        if found is None:
            outgoing = Outgoing(card=post.card, thread=post.thread_name)
            await platform.post(where, outgoing, nonce=f"daily-extra-{extra.id}")
    except PlaceUnavailableError as error:
        await daily.extra_done(app, extra, None)
        return [Notice(extra.guild_id, _not_posted(f"{error}."), owner_fallback=False)]
    except PlatformError:
        await daily.extra_retry_later(app, extra, app.clock.now())
        return []
    notice = await daily.extra_done(app, extra, post)
    done = [Notice(extra.guild_id, notice, owner_fallback=False)] if notice else []
    what = "The extra daily reflection a moderator asked for"
    return done + await _unconfirmed(platform, extra.guild_id, found, what)


async def _unconfirmed(platform: Platform, guild_id: int, found: PostRef | None, what: str) -> list[Notice]:
    """A post the platform never confirmed is taken as made (never twice); the moderators are told once.
    A missing one is not made again: the next day's reflection comes as usual (see the README)."""
    if found is None or found.confirmed:
        return []
    why = (await platform.terms(guild_id)).unconfirmed_post
    card = Card(
        title="A daily reflection may be missing",
        body=f"{what} may not have been posted: {why}. So that it never appears twice, "
        "I won't post it again; the next one comes as usual.",
        tone=Tone.NOTICE,
    )
    return [Notice(guild_id, card, owner_fallback=False)]


def _not_posted(problem: str) -> Card:
    return Card(
        title="The extra daily reflection could not be posted",
        body=f"{problem}\n\nA moderator asked for it with `/daily now`; fix the channel and ask again.",
        tone=Tone.NOTICE,
    )
