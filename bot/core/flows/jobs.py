"""The background work every adapter runs the same way: queue posts, publishing, retention.

Each post is made through the Platform port with a nonce (a quick retry is dropped by the platform)
and carries a marker (a later check finds it), so a crash or an ambiguous error never posts twice.
"""

from __future__ import annotations

import logging

from bot.core import moderation, publishing
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.flows import moderation as flow_moderation
from bot.core.flows import places
from bot.core.flows.port import (
    Choice,
    ChoiceStyle,
    Outgoing,
    Place,
    PlaceUnavailableError,
    Platform,
    PlatformError,
    PostRef,
)
from bot.db import stories as store
from bot.db.stories import Story

log = logging.getLogger(__name__)
QUEUE_LEASE = 60  # seconds a worker holds a queue post it is making
QUEUE_RETRY = 60  # seconds before a failed or impossible queue post is tried again

URGENT_PING = "an urgent story needs a moderator."
UNCONFIRMED = (
    "Story #{number} may be missing from {place}: {why}. So that it never appears twice, I won't post it again "
    "by myself. Please look there: if it is missing, press “" + flow_moderation.MISSING_LABEL + "” and it is "
    "posted once. Nothing of the story is lost: it stays in Stairwell."
)
UNCONFIRMED_REMOVED = (
    "Story #{number} was taken down, but its post in {place} can't be deleted by me: {why}. Please look there "
    "and, if it is there, delete it by hand."
)
QUEUE_CHOICES: tuple[tuple[moderation.Action, str, ChoiceStyle], ...] = (
    (moderation.Action.APPROVE, "Approve", ChoiceStyle.SUCCESS),
    (moderation.Action.APPROVE_CW, "Approve with content warning", ChoiceStyle.SUCCESS),
    (moderation.Action.EDIT_APPROVE, "Edit & approve", ChoiceStyle.PRIMARY),
    (moderation.Action.REJECT, "Reject", ChoiceStyle.DANGER),
    (moderation.Action.REPLY, "Reply to author", ChoiceStyle.SECONDARY),
    (moderation.Action.BLOCK, "Block author", ChoiceStyle.SECONDARY),
    (moderation.Action.SUPPORT, "Send support", ChoiceStyle.SECONDARY),
    (moderation.Action.URGENT, "Mark urgent", ChoiceStyle.DANGER),
)


def _now(app: Stairwell) -> int:
    return int(app.clock.now().timestamp())


def queue_choices(story: Story) -> tuple[Choice, ...]:
    """An urgent story has no Mark urgent button: it is already at the top."""
    return tuple(
        Choice("mod", action.value, story.id, label, style)
        for action, label, style in QUEUE_CHOICES
        if not (action is moderation.Action.URGENT and story.crisis_level == "urgent")
    )


async def refresh_queue_message(app: Stairwell, platform: Platform, story: Story) -> None:
    if story.queue_channel_id is None or story.queue_message_id is None:
        return
    ref = PostRef(story.guild_id, story.queue_channel_id, story.queue_message_id)
    message = await queue_post(app, story)
    try:
        await platform.edit(ref, Outgoing(card=message.card, choices=message.choices))
    except PlatformError:
        log.warning("story %d: could not redraw its queue message", story.number)


async def ping_moderators(app: Stairwell, platform: Platform, guild_id: int, text: str) -> None:
    where = await places.where(app, guild_id, Place.QUEUE)
    role = await places.moderator_role(app, guild_id)
    if where is None:
        return
    try:
        await platform.post(where, Outgoing(text=text, ping_role=role), nonce="")
    except PlatformError:
        log.warning("could not ping the moderators of a server")


async def queue_post(app: Stairwell, story: Story) -> Outgoing:
    role = await places.moderator_role(app, story.guild_id) if story.crisis_level == "urgent" else None
    return Outgoing(
        card=moderation.queue_card(story),
        text=URGENT_PING if role else None,
        choices=queue_choices(story),
        ping_role=role,
    )


def queue_marker(story: Story) -> str:
    """In the queue card's footer: finds a queue post made just before a crash."""
    return f"Story #{story.number} · Arrived"


async def queue_story(app: Stairwell, platform: Platform, story_id: int) -> bool:
    """Right after Submit: make the queue post if it is due now and no other worker has it."""
    claimed = await store.claim_queue(app.db, story_id, _now(app), QUEUE_LEASE)
    return claimed is not None and await _queue(app, platform, claimed)


async def queue_due(app: Stairwell, platform: Platform, *, guild_id: int | None = None) -> int:
    """Queue posts whose delay has passed, and any a crash interrupted; returns how many were made."""
    made = 0
    for story in await store.due_for_queue(app.db, _now(app), scope=app.scope):
        if guild_id is not None and story.guild_id != guild_id:
            continue
        claimed = await store.claim_queue(app.db, story.id, _now(app), QUEUE_LEASE)
        if claimed is not None and await _queue(app, platform, claimed):
            made += 1
    return made


async def _queue(app: Stairwell, platform: Platform, story: Story) -> bool:
    """The outbox step: look first after any earlier attempt, post once, record the post."""
    where = await places.where(app, story.guild_id, Place.QUEUE)
    if story.status != "pending":
        # Resolved before its queue post was recorded: never post it; close one an interrupted attempt made.
        if where is not None and story.queue_attempts > 1:
            try:
                ref = await platform.find_post(where, queue_marker(story))
                if ref is not None:
                    await platform.edit(
                        ref, Outgoing(card=closed_card(story, moderation.outcome_line(story.status, None)))
                    )
            except PlatformError:
                await store.retry_queue(app.db, story.id, _now(app) + QUEUE_RETRY)
                return False
        await store.drop_queue_post(app.db, story.id)
        return False
    if where is None:
        log.warning("story %d waits: no moderation channel", story.number)
        await store.retry_queue(app.db, story.id, _now(app) + QUEUE_RETRY)
        return False
    try:
        ref = await platform.find_post(where, queue_marker(story)) if story.queue_attempts > 1 else None
        if ref is None:
            ref = await platform.post(where, await queue_post(app, story), nonce=f"queue-{story.id}")
    except PlatformError as error:
        log.warning("story %d waits: posting to the queue failed (%s)", story.number, type(error).__name__)
        await store.retry_queue(app.db, story.id, _now(app) + QUEUE_RETRY)
        return False
    current = await store.queue_posted(app.db, story.id, ref.channel_id, ref.message_id)
    if current is not None and current.status != "pending":
        # A moderator acted on the post before it was recorded: close it now.
        await close_queue_message(platform, current, moderation.outcome_line(current.status, None))
    log.info("story %d queued for review", story.number)
    return True


def closed_card(story: Story, outcome: str) -> Card:
    """Resolved queue messages keep no story text: the outcome, who acted, and no buttons."""
    return Card(title=f"Story #{story.number}", body=outcome, tone=Tone.CLOSED)


async def close_queue_message(platform: Platform, story: Story, outcome: str) -> None:
    if story.queue_channel_id is None or story.queue_message_id is None:
        return
    try:
        await platform.edit(
            PostRef(story.guild_id, story.queue_channel_id, story.queue_message_id),
            Outgoing(card=closed_card(story, outcome)),
        )
    except PlatformError:
        log.warning("story %d: could not close its queue message", story.number)


GONE_OUTCOME = "Deleted at its author's request."


async def closed_queue_post(app: Stairwell, story_id: int) -> tuple[PostRef | None, Outgoing] | None:
    """For a queue post the core may not know of (a second one, made after an error that left the first unknown):
    once its story is resolved or gone, the recorded post and what any such post should show instead.
    None while the story waits."""
    story = await store.get(app.db, story_id)
    if story is None:
        return None, Outgoing(card=Card(title="A story", body=GONE_OUTCOME, tone=Tone.CLOSED))
    if story.status == "pending":
        return None
    recorded = (
        PostRef(story.guild_id, story.queue_channel_id, story.queue_message_id)
        if story.queue_channel_id is not None and story.queue_message_id is not None
        else None
    )
    return recorded, Outgoing(card=closed_card(story, moderation.outcome_line(story.status, None)))


async def delete_post(app: Stairwell, platform: Platform, story: Story) -> bool:
    if story.published_channel_id is None:
        return False
    if story.published_message_id is None:
        # Its post was never confirmed, so it can't be deleted: it may be up, and a removed story never stays.
        terms = await platform.terms(story.guild_id)
        await tell_moderators(
            app,
            platform,
            story.guild_id,
            UNCONFIRMED_REMOVED.format(number=story.number, place=terms.publish_place, why=terms.unconfirmed_post),
        )
        return False
    try:
        return await platform.delete(PostRef(story.guild_id, story.published_channel_id, story.published_message_id))
    except PlatformError:
        log.warning("story %d: could not delete its post", story.number)
        return False


async def tell_moderators(
    app: Stairwell,
    platform: Platform,
    guild_id: int,
    text: str | None = None,
    card: Card | None = None,
    choices: tuple[Choice, ...] = (),
) -> bool:
    """False when the moderators could not be told (no moderation place, or the post failed)."""
    where = await places.where(app, guild_id, Place.QUEUE)
    if where is None:
        return False
    try:
        await platform.post(where, Outgoing(card=card, text=text, choices=choices), nonce="")
    except PlatformError:
        log.warning("could not tell the moderators of a server about a problem")
        return False
    return True


async def notify_author(app: Stairwell, platform: Platform, story: Story, text: str, card: Card | None = None) -> bool:
    """A private message through the sealed contact; the author stays unknown to everyone else."""
    if story.sealed_author is None:
        return False
    try:
        delivered = await platform.send_to_author(story.sealed_author, text, card)
    except PlatformError:
        delivered = False
    if not delivered:
        log.info("story %d: the author could not be reached; the update is in /mystories", story.number)
    return delivered


# -- publishing ---------------------------------------------------------------------------------------------


async def publish_due(app: Stairwell, platform: Platform, *, guild_id: int | None = None) -> int:
    """Publish approved stories whose delay has passed (in one server, or every one); returns how many."""
    posted = 0
    for story in await publishing.due(app):
        if guild_id is not None and story.guild_id != guild_id:
            continue
        # Any earlier attempt (a crash mid-post, an ambiguous error) may have posted: look first.
        interrupted = story.publish_state == "posting" or story.publish_attempts > 0
        if await publishing.claim(app, story) and await _publish(app, platform, story, interrupted):
            posted += 1
    return posted


async def _park(app: Stairwell, platform: Platform, story: Story, why: str) -> None:
    if await publishing.blocked(app, story):
        await tell_moderators(
            app,
            platform,
            story.guild_id,
            f"Story #{story.number} is approved but I can't publish it. {why}. "
            f"Fix it, then run {(await platform.terms(story.guild_id)).stories_setup} again and it will be posted.",
        )


async def _publish(app: Stairwell, platform: Platform, story: Story, interrupted: bool) -> bool:
    where = await places.where(app, story.guild_id, Place.STORIES)
    if where is None:
        place = (await platform.terms(story.guild_id)).publish_place
        await _park(app, platform, story, f"{place[:1].upper()}{place[1:]} is not set or no longer exists")
        return False
    marker = publishing.marker(story)
    try:
        ref = await platform.find_post(where, marker) if interrupted else None
        if ref is None:
            ref = await platform.post(
                where,
                Outgoing(card=publishing.published_card(story), thread=f"Support for story #{story.number}"),
                nonce=f"story-{story.id}-{story.number}",
            )
        if not ref.confirmed and not await _ask_moderators_to_look(app, platform, story):
            raise PlatformError("the moderators could not be asked to look")
    except PlaceUnavailableError as error:
        await _park(app, platform, story, str(error))
        return False
    except PlatformError as error:
        delay = await publishing.failed(app, story)
        log.warning("story %d: publishing failed (%s); retrying in %ds", story.number, type(error).__name__, delay)
        return False
    if not await publishing.posted(app, story, ref.channel_id, ref.message_id if ref.confirmed else None):
        try:
            await platform.delete(ref)
        except PlatformError:
            log.warning("story %d: removed while posting, and its post could not be deleted", story.number)
        return False
    log.info("story %d %s", story.number, "published" if ref.confirmed else "taken as published, unconfirmed")
    return True


async def _ask_moderators_to_look(app: Stairwell, platform: Platform, story: Story) -> bool:
    """A post the platform never confirmed is taken as made (never twice in public); its story is only taken as
    published once the moderators have the notice whose button posts it again, so a lost notice is asked again."""
    terms = await platform.terms(story.guild_id)
    text = UNCONFIRMED.format(number=story.number, place=terms.publish_place, why=terms.unconfirmed_post)
    return await tell_moderators(app, platform, story.guild_id, text, choices=(flow_moderation.missing_choice(story),))


async def seconds_until_next(app: Stairwell) -> float:
    """Until the soonest queue post or publication (or a lease that runs out), for the worker's sleep."""
    soonest = await store.next_due(app.db, app.scope)
    return float("inf") if soonest is None else max(0.0, soonest - app.clock.now().timestamp())


async def skip_delays(app: Stairwell, guild_id: int) -> int:
    """The console's /tick shortcut: what waits for a random delay in one server is due now."""
    return await store.due_now(app.db, guild_id, _now(app))


async def retention(app: Stairwell) -> None:
    counts = await publishing.retention(app)
    if any(counts.values()):
        log.info("retention: %s", ", ".join(f"{name} {count}" for name, count in counts.items()))


async def tick(app: Stairwell, platform: Platform) -> None:
    """One round of background work: queue posts that are due, publish what is due, retention."""
    await queue_due(app, platform)
    await publish_due(app, platform)
    await retention(app)
