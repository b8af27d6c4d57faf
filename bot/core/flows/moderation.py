"""Moderators' actions on a story: each answers the moderator, then closes the queue post and tells the author."""

from __future__ import annotations

from bot.core import moderation, stories, support
from bot.core.app import Stairwell
from bot.core.flows import places
from bot.core.flows.port import Choice, ChoiceStyle, Place
from bot.core.flows.results import (
    Actor,
    CloseQueue,
    Effect,
    Form,
    FormKind,
    NotifyAuthor,
    PingModerators,
    PostReport,
    RefreshQueue,
    RemovePost,
    Reply,
    Result,
    not_a_moderator,
    private,
)
from bot.core.moderation import Action, ModerationError
from bot.core.story_text import StoryTextError
from bot.db import stories as store
from bot.db.stories import Story

BLOCK_CONFIRM = "block-confirm"
UNPUBLISH = "unpublish"
# The button on the notice about a story post the platform never confirmed (Telegram after a 5xx).
MISSING = "missing"
MISSING_LABEL = "It's missing: post it"
BLOCK_QUESTION = (
    "Block the author of this story? They won't be able to share again in this {community}, and a story of "
    "theirs that is waiting will be rejected. You won't learn who they are, and neither will they be "
    "told they are blocked. Dismiss this message to cancel."
)
NOT_OURS = "Reports work on stories Stairwell published. For anything else, contact this server's moderators."
NO_MODERATORS = "I couldn't reach the moderators right now. Please contact them directly."
REPORTED = "Thank you — the moderators have been told. Your report is anonymous."


def _resolved(story: Story, outcome: str, notice: str | None) -> Result:
    effects: list[Effect] = [CloseQueue(story, outcome)]
    if notice and story.notify:
        effects.append(NotifyAuthor(story, notice))
    return Result(Reply(f"Done — story #{story.number}: {outcome}"), tuple(effects))


async def button(app: Stairwell, actor: Actor, story_id: int, action: str) -> Result:
    """A click on a queue post (or a report's Unpublish): buttons skip command checks, so check here."""
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    guild_id = actor.guild_id
    try:
        if action == Action.APPROVE:
            return await approve(app, actor, story_id)
        if action in (Action.APPROVE_CW, Action.EDIT_APPROVE, Action.REJECT):
            story = await moderation.pending_story(app, guild_id, story_id)
            kind = {
                Action.APPROVE_CW: FormKind.APPROVE_CW,
                Action.EDIT_APPROVE: FormKind.EDIT_APPROVE,
                Action.REJECT: FormKind.REJECT,
            }[Action(action)]
            return Result(Reply(form=Form(kind, story=story)))
        if action == Action.REPLY:
            found = await store.get(app.db, story_id)
            if found is None or found.guild_id != guild_id:
                raise ModerationError("That story no longer exists (its author may have deleted it).")
            return Result(Reply(form=Form(FormKind.REPLY, story=found)))
        if action == Action.BLOCK:
            confirm = Choice("mod", BLOCK_CONFIRM, story_id, "Yes, block the author", ChoiceStyle.DANGER)
            return Result(Reply(BLOCK_QUESTION.format(community=actor.terms.community), choices=(confirm,)))
        if action == Action.SUPPORT:
            return await send_support(app, actor, story_id)
        if action == Action.URGENT:
            return await mark_urgent(app, actor, story_id)
        if action == BLOCK_CONFIRM:
            return await block(app, actor, story_id)
        if action == UNPUBLISH:
            return await unpublish(app, actor, story_id)
    except ModerationError as error:
        return private(str(error))
    return private("That button no longer does anything.")


async def approve(
    app: Stairwell,
    actor: Actor,
    story_id: int,
    *,
    text: str | None = None,
    content_warning: str | None = None,
    action: Action = Action.APPROVE,
) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story = await moderation.approve(
            app, actor.guild_id, story_id, actor.user_id, text=text, content_warning=content_warning, action=action
        )
    except (ModerationError, StoryTextError) as error:
        return private(str(error))
    return _resolved(
        story, moderation.outcome_line("approved", actor.name), moderation.approved_notice(story, actor.server_name)
    )


async def reject(app: Stairwell, actor: Actor, story_id: int, reason: str | None) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story = await moderation.reject(app, actor.guild_id, story_id, actor.user_id, reason)
    except ModerationError as error:
        return private(str(error))
    return _resolved(
        story,
        moderation.outcome_line("rejected", actor.name, story.reject_reason),
        moderation.rejected_notice(story, actor.server_name),
    )


async def reply(app: Stairwell, actor: Actor, story_id: int, text: str) -> Result:
    """Stored for /mystories first; delivered privately after the moderator is answered."""
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story, reply_id = await moderation.reply(app, actor.guild_id, story_id, actor.user_id, text)
    except (ModerationError, StoryTextError) as error:
        return private(str(error))
    if not story.notify or story.sealed_author is None:
        return private(
            f"Your reply to the author of story #{story.number} is saved in their `/mystories`. "
            "They chose not to get messages, so it can't be delivered to them directly."
        )
    notice = moderation.reply_notice(story, actor.server_name, text)
    return Result(
        Reply(f"Your reply to the author of story #{story.number} was sent and is in their `/mystories`."),
        (NotifyAuthor(story, notice, reply_id),),
    )


async def send_support(app: Stairwell, actor: Actor, story_id: int) -> Result:
    """The crisis card and a warm note to the author, anonymously; kept in their /mystories either way."""
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story, reply_id = await moderation.send_support(app, actor.guild_id, story_id, actor.user_id, actor.server_name)
    except ModerationError as error:
        return private(str(error))
    if not story.notify or story.sealed_author is None:
        return private(
            f"The author of story #{story.number} chose not to get messages, so this can't be delivered to them "
            "directly. The crisis lines wait for them in their `/mystories`."
        )
    card = await support.crisis_for(app, actor.guild_id, None, stories.URGENT_LEAD)
    note = moderation.support_note(story, actor.server_name)
    return Result(
        Reply(f"The crisis lines and a short note were sent to the author of story #{story.number}, anonymously."),
        (NotifyAuthor(story, note, reply_id, card),),
    )


async def mark_urgent(app: Stairwell, actor: Actor, story_id: int) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story = await moderation.mark_urgent(app, actor.guild_id, story_id, actor.user_id)
    except ModerationError as error:
        return private(str(error))
    return Result(
        Reply(
            f"Story #{story.number} is marked urgent: it is at the top of {actor.terms.queue_place} and the "
            "moderators were told."
        ),
        (
            RefreshQueue(story),
            PingModerators(story.guild_id, f"story #{story.number} was marked urgent and needs a moderator."),
        ),
    )


async def block(app: Stairwell, actor: Actor, story_id: int) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story, rejected = await moderation.block_author(app, actor.guild_id, story_id, actor.user_id)
    except ModerationError as error:
        return private(str(error))
    if rejected:
        return _resolved(story, f"**Author blocked by {actor.name}**; the story was rejected.", None)
    state = moderation.OUTCOME_WORDS.get(story.status, story.status).lower()
    return private(
        f"Done — the author of story #{story.number} is blocked from sharing here. The story itself stays "
        f"{state}; use {actor.terms.unpublish_command.format(number=story.number)} to take it down."
    )


async def unblock(app: Stairwell, actor: Actor, number: int) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        done = await moderation.unblock_author(app, actor.guild_id, number, actor.user_id)
    except ModerationError as error:
        return private(str(error))
    return private(
        f"The author of story #{number} can share again." if done else f"The author of story #{number} is not blocked."
    )


async def unpublish(app: Stairwell, actor: Actor, story_id: int) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != actor.guild_id:
        return private("That story no longer exists.")
    removed = await stories.take_down(app, story.id, None, actor.user_id)
    if removed is None:
        return private(f"Story #{story.number} is not published.")
    said = (
        " and its post deleted"
        if removed.published_message_id is not None
        else "; its post was never confirmed, so the moderators are asked to look for it and delete it by hand"
    )
    return Result(Reply(f"Story #{story.number} was unpublished{said}."), (RemovePost(removed),))


def missing_choice(story: Story) -> Choice:
    """Carries the story id only; the press finds the rest, and whether there is still anything to post."""
    return Choice(MISSING, Action.REPOST.value, story.id, MISSING_LABEL, ChoiceStyle.PRIMARY)


async def repost(app: Stairwell, actor: Actor, story_id: int) -> Result:
    """A moderator looked and the post is missing: it is made again once, however many presses."""
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    try:
        story = await moderation.repost(app, actor.guild_id, story_id, actor.user_id)
    except ModerationError as error:
        return private(str(error))
    return private(
        f"{actor.name} found story #{story.number} missing from {actor.terms.publish_place}: it is being posted "
        "again, once.",
        replace=True,
    )


async def unpublish_number(app: Stairwell, actor: Actor, number: int) -> Result:
    story = await store.by_number(app.db, actor.guild_id or 0, number)
    if story is None:
        return private(f"There is no story #{number} in this {actor.terms.community}.")
    return await unpublish(app, actor, story.id)


async def queue(app: Stairwell, actor: Actor) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    waiting = await store.pending(app.db, actor.guild_id)
    total = await store.count_pending(app.db, actor.guild_id)
    return Result(Reply(cards=(moderation.queue_list_card(waiting, total),)))


async def story_by_number(app: Stairwell, guild_id: int, number: int) -> Story | None:
    """For adapters where moderators name stories by number (the console's /mod commands)."""
    return await store.by_number(app.db, guild_id, number)


async def waiting(app: Stairwell, guild_id: int) -> list[Story]:
    """The waiting stories in review order, for adapters that show each one in full (the console)."""
    return await store.pending(app.db, guild_id)


async def log(app: Stairwell, actor: Actor, name_of: moderation.NameOf) -> Result:
    if not actor.is_moderator or actor.guild_id is None:
        return not_a_moderator(actor)
    entries = await store.recent_log(app.db, actor.guild_id)
    return Result(Reply(cards=(moderation.log_card(entries, name_of),)))


async def report(app: Stairwell, actor: Actor, message_id: int) -> Result:
    """A member reports a published story; the reporter is not recorded anywhere."""
    story = await store.by_published_message(app.db, message_id)
    if story is None or story.status != "published" or story.guild_id != actor.guild_id:
        return private(NOT_OURS)
    await store.log_action(
        app.db, story.guild_id, story.number, moderation.REPORTED, None, int(app.clock.now().timestamp())
    )
    if await places.where(app, story.guild_id, Place.QUEUE) is None:
        return private(NO_MODERATORS)
    return Result(Reply(REPORTED), (PostReport(story),))
