"""The background work every adapter runs the same way: queue posts, publishing, retention.

Each post is made through the Platform port with a nonce (a quick retry is dropped by the platform)
and carries a marker (a later check finds it), so a crash or an ambiguous error never posts twice.
"""

from __future__ import annotations

import logging

from bot.core import moderation, publishing
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
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

URGENT_PING = "an urgent story needs a moderator."
QUEUE_CHOICES: tuple[tuple[moderation.Action, str, ChoiceStyle], ...] = (
    (moderation.Action.APPROVE, "Approve", ChoiceStyle.SUCCESS),
    (moderation.Action.APPROVE_CW, "Approve with content warning", ChoiceStyle.SUCCESS),
    (moderation.Action.EDIT_APPROVE, "Edit & approve", ChoiceStyle.PRIMARY),
    (moderation.Action.REJECT, "Reject", ChoiceStyle.DANGER),
    (moderation.Action.REPLY, "Reply to author", ChoiceStyle.SECONDARY),
    (moderation.Action.BLOCK, "Block author", ChoiceStyle.SECONDARY),
)


def queue_choices(story: Story) -> tuple[Choice, ...]:
    return tuple(Choice("mod", action.value, story.id, label, style) for action, label, style in QUEUE_CHOICES)


async def queue_post(app: Stairwell, story: Story) -> Outgoing:
    role = await places.moderator_role(app, story.guild_id) if story.crisis_level == "urgent" else None
    return Outgoing(
        card=moderation.queue_card(story),
        text=URGENT_PING if role else None,
        choices=queue_choices(story),
        ping_role=role,
    )


async def post_to_queue(app: Stairwell, platform: Platform, story: Story) -> bool:
    """Posts a pending story for review; False leaves it for the next attempt (it is listed in /mod queue)."""
    where = await places.where(app, story.guild_id, Place.QUEUE)
    if where is None:
        log.warning("story %d waits: no moderation channel", story.number)
        return False
    try:
        ref = await platform.post(where, await queue_post(app, story), nonce=f"queue-{story.id}")
    except PlatformError as error:
        log.warning("story %d waits: posting to the queue failed (%s)", story.number, type(error).__name__)
        return False
    await store.set_queue_message(app.db, story.id, ref.channel_id, ref.message_id)
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
            PostRef(story.queue_channel_id, story.queue_message_id), Outgoing(card=closed_card(story, outcome))
        )
    except PlatformError:
        log.warning("story %d: could not close its queue message", story.number)


async def delete_post(platform: Platform, story: Story) -> bool:
    if story.published_channel_id is None or story.published_message_id is None:
        return False
    try:
        return await platform.delete(PostRef(story.published_channel_id, story.published_message_id))
    except PlatformError:
        log.warning("story %d: could not delete its post", story.number)
        return False


async def tell_moderators(app: Stairwell, platform: Platform, guild_id: int, text: str) -> None:
    where = await places.where(app, guild_id, Place.QUEUE)
    if where is None:
        return
    try:
        await platform.post(where, Outgoing(text=text), nonce="")
    except PlatformError:
        log.warning("could not tell the moderators of a server about a problem")


async def notify_author(app: Stairwell, platform: Platform, story: Story, text: str) -> bool:
    """A private message through the sealed contact; the author stays unknown to everyone else."""
    if story.sealed_author is None:
        return False
    try:
        delivered = await platform.send_to_author(story.sealed_author, text)
    except PlatformError:
        delivered = False
    if not delivered:
        log.info("story %d: the author could not be reached; the update is in /mystories", story.number)
    return delivered


# -- publishing ---------------------------------------------------------------------------------------------


async def publish_due(
    app: Stairwell, platform: Platform, *, guild_id: int | None = None, skip_delay: bool = False
) -> int:
    """Publish approved stories whose delay has passed (in one server, or every one); returns how many.

    `skip_delay` is the console's /tick shortcut: it publishes what is approved without waiting.
    """
    posted = 0
    for story in await publishing.due(app, skip_delay=skip_delay):
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
            f"Story #{story.number} is approved but I can't publish it: {why}. "
            "Fix it, then run `/setup channels stories:` again and it will be posted.",
        )


async def _publish(app: Stairwell, platform: Platform, story: Story, interrupted: bool) -> bool:
    where = await places.where(app, story.guild_id, Place.STORIES)
    if where is None:
        await _park(app, platform, story, "I need a stories channel")
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
    except PlaceUnavailableError as error:
        await _park(app, platform, story, str(error))
        return False
    except PlatformError as error:
        delay = await publishing.failed(app, story)
        log.warning("story %d: publishing failed (%s); retrying in %ds", story.number, type(error).__name__, delay)
        return False
    if not await publishing.posted(app, story, ref.channel_id, ref.message_id):
        try:
            await platform.delete(ref)
        except PlatformError:
            log.warning("story %d: removed while posting, and its post could not be deleted", story.number)
        return False
    log.info("story %d published", story.number)
    return True


async def repair_queue(app: Stairwell, platform: Platform, *, guild_id: int | None = None) -> None:
    """Pending stories that never reached the moderation channel (it was missing, or the bot stopped)."""
    for story in await store.without_queue_message(app.db):
        if guild_id is None or story.guild_id == guild_id:
            await post_to_queue(app, platform, story)


async def retention(app: Stairwell) -> None:
    counts = await publishing.retention(app)
    if any(counts.values()):
        log.info("retention: %s", ", ".join(f"{name} {count}" for name, count in counts.items()))


async def tick(app: Stairwell, platform: Platform) -> None:
    """One round of background work: queue what never reached the queue, publish what is due, retention."""
    await repair_queue(app, platform)
    await publish_due(app, platform)
    await retention(app)
