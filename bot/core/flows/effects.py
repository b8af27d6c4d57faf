"""Carrying out a flow's effects after the actor has been answered."""

from __future__ import annotations

import logging

from bot.core import publishing, reflections
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.flows import daily_posts, jobs, places
from bot.core.flows.port import Choice, ChoiceStyle, Outgoing, Place, Platform, PlatformError, PostRef
from bot.core.flows.results import (
    CloseQueue,
    Effect,
    NotifyAuthor,
    PingModerators,
    PostDailyNow,
    PostReport,
    QueueStory,
    RefreshQueue,
    RememberReflection,
    RemovePost,
    ResumePublishing,
    TellModerators,
)
from bot.db import stories as store

log = logging.getLogger(__name__)

DMS_CLOSED = "I couldn't message the author privately; it waits for them in their `/mystories`."


async def carry_out(app: Stairwell, platform: Platform, effects: tuple[Effect, ...]) -> tuple[str, ...]:
    """Runs each effect in order; returns follow-up notes for the actor (an undelivered reply, say)."""
    notes: list[str] = []
    for effect in effects:
        if isinstance(effect, QueueStory):
            await jobs.queue_story(app, platform, effect.story_id)
        elif isinstance(effect, CloseQueue):
            await jobs.close_queue_message(platform, effect.story, effect.outcome)
        elif isinstance(effect, RemovePost):
            await jobs.delete_post(app, platform, effect.story)
        elif isinstance(effect, NotifyAuthor):
            delivered = await jobs.notify_author(app, platform, effect.story, effect.text, effect.card)
            if effect.reply_id is not None:
                if delivered:
                    await store.mark_reply_delivered(app.db, effect.reply_id)
                else:
                    notes.append(DMS_CLOSED)
        elif isinstance(effect, TellModerators):
            await jobs.tell_moderators(app, platform, effect.guild_id, effect.text, effect.card)
        elif isinstance(effect, PostReport):
            await _post_report(app, platform, effect)
        elif isinstance(effect, RefreshQueue):
            await jobs.refresh_queue_message(app, platform, effect.story)
        elif isinstance(effect, PingModerators):
            await jobs.ping_moderators(app, platform, effect.guild_id, effect.text)
        elif isinstance(effect, ResumePublishing):
            await publishing.resume_blocked(app, effect.guild_id)
        elif isinstance(effect, PostDailyNow):
            for notice in await daily_posts.post_extra(app, platform, effect.extra_id):
                await jobs.tell_moderators(app, platform, notice.guild_id, card=notice.card)
        elif isinstance(effect, RememberReflection):
            await reflections.remember(app, effect.person_key, effect.reflection_id)
    return tuple(notes)


async def _post_report(app: Stairwell, platform: Platform, effect: PostReport) -> None:
    story = effect.story
    where = await places.where(app, story.guild_id, Place.QUEUE)
    if where is None:
        return
    refers = (
        PostRef(story.guild_id, story.published_channel_id, story.published_message_id)
        if story.published_channel_id is not None and story.published_message_id is not None
        else None
    )
    message = Outgoing(
        card=Card(
            title=f"Story #{story.number} was reported by a member",
            body="The reporter is not recorded.",
            tone=Tone.NOTICE,
        ),
        choices=(Choice("mod", "unpublish", story.id, "Unpublish", ChoiceStyle.DANGER),),
        refers_to=refers,
    )
    try:
        await platform.post(where, message, nonce="")
    except PlatformError:
        log.warning("story %d: a report could not reach the moderators", story.number)
