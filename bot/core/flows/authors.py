"""An author's own controls: /mystories, withdraw, remove, /forgetme."""

from __future__ import annotations

import logging

from bot.core import stories, support
from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.flows.port import Choice
from bot.core.flows.results import Actor, CloseQueue, Effect, RemovePost, Reply, Result, private
from bot.core.terms import Terms
from bot.db import stories as store

log = logging.getLogger(__name__)

WITHDRAWN = "Withdrawn. Its text will be erased within 7 days."
NOT_WAITING = "That story is no longer waiting, so it can't be withdrawn."
REMOVED = "Removed from the {community}."
NOT_PUBLISHED = "That story isn't published any more."
WITHDRAWN_OUTCOME = "Withdrawn by its author."
DELETED_OUTCOME = "Deleted at its author's request."


def forget_warning(terms: Terms) -> str:
    """What /forgetme asks before it deletes anything, in the platform's words."""
    return (
        f"This deletes, in every {terms.community}: your stories (published posts too), unsent drafts, "
        "moderators' replies, your reflection history and the encrypted IDs kept to contact you. It can't be undone."
    )


async def my_stories(app: Stairwell, actor: Actor) -> Result:
    card, actionable = await stories.my_stories(app, actor.guild_id or 0, actor.author_key, actor.terms.community)
    choices = tuple(
        Choice("mine", "withdraw", story.id, f"Withdraw #{story.number}")
        if story.status == "pending"
        else Choice("mine", "remove", story.id, f"Remove #{story.number}")
        for story in actionable[:20]
    )
    cards: tuple[Card, ...] = (card,)
    if actor.guild_id is not None and await store.has_support(app.db, actor.author_key, actor.guild_id):
        # A moderator's Send support waits here for an author who chose no messages.
        cards += (await support.crisis_for(app, actor.guild_id, actor.locale, stories.URGENT_LEAD),)
    return Result(Reply(cards=cards, choices=choices))


async def withdraw(app: Stairwell, actor: Actor, story_id: int) -> Result:
    story = await stories.withdraw(app, story_id, actor.author_key)
    if story is None:
        return private(NOT_WAITING)
    return Result(Reply(WITHDRAWN), (CloseQueue(story, WITHDRAWN_OUTCOME),))


async def remove(app: Stairwell, actor: Actor, story_id: int) -> Result:
    story = await stories.take_down(app, story_id, actor.author_key, None)
    if story is None:
        return private(NOT_PUBLISHED)
    return Result(Reply(REMOVED.format(community=actor.terms.community)), (RemovePost(story),))


async def forget(app: Stairwell, actor: Actor) -> Result:
    """Everything under this pseudonym, in every server; the actor's terms name where the posts leave."""
    found, counts = await stories.forget(app, actor.author_key)
    effects: list[Effect] = []
    posts = 0
    for story in found:
        if story.published_channel_id is not None:  # one never confirmed too: the moderators are asked to look
            posts += story.published_message_id is not None
            effects.append(RemovePost(story))
        if story.status == "pending":
            effects.append(CloseQueue(story, DELETED_OUTCOME))
    log.info("an author used /forgetme: %d stories deleted", len(found))
    summary = stories.forget_summary(counts, posts, where=actor.terms.stories_place, community=actor.terms.community)
    return Result(Reply(summary), tuple(effects))
