"""The moderation queue: what moderators see, and what each of their actions does."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal, spoiler
from bot.core.story_states import Status, sources
from bot.core.story_text import StoryTextError, clean, clean_warning
from bot.db import stories as store
from bot.db.stories import Story

MAX_REASON = 500
MAX_REPLY = 1500
REPORTED = "reported by a member"
# Turns a moderator's platform ID into what the platform shows (a mention in Discord, a name in the console).
NameOf = Callable[[int], str]


class Action(StrEnum):
    APPROVE = "approve"
    APPROVE_CW = "approve-cw"
    EDIT_APPROVE = "edit"
    REJECT = "reject"
    REPLY = "reply"
    BLOCK = "block"
    SUPPORT = "support"
    URGENT = "urgent"
    REPOST = "repost"  # a post the platform never confirmed, found missing: made again


OUTCOME_WORDS = {
    "approved": "Approved",
    "published": "Published",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn by its author",
    "removed": "Removed",
}


class ModerationError(Exception):
    """An action could not be done; the message says what happened instead (e.g. another moderator won)."""


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%-d %b %Y")


def queue_card(story: Story) -> Card:
    """The moderator's view: number, (redacted) text, screening in words, the day only — never the author."""
    urgent = story.crisis_level == "urgent"
    title = f"Story #{story.number}" + (" — URGENT: possible crisis, please read first" if urgent else "")
    text = story.text or "(text erased under the retention policy)"
    lines = []
    if story.content_warning:
        lines.append(f"**Content warning:** {literal(story.content_warning)}")
    lines.append(spoiler(text) if (story.content_warning or urgent) else text)
    if story.crisis_signals:
        kind = "possible crisis" if urgent else "signs of distress"
        screening = f"{kind}: " + "; ".join(story.crisis_signals)
    else:
        screening = "no crisis language found"
    if urgent:
        screening += (
            "\nThe author was shown crisis lines at once. Consider **Reply to author** to reach out "
            "(they stay anonymous)."
        )
    fields = [
        ("Screening", screening),
        ("Identifiers redacted", story.redacted_summary or "none found"),
        ("May be used as a daily reflection", "yes" if story.for_reflection else "no"),
    ]
    return Card(
        title=title,
        body="\n".join(lines),
        fields=tuple(fields),
        footer=f"Story #{story.number} · Arrived {_day(story.submitted_on)}",
        tone=Tone.URGENT if urgent else Tone.NOTICE,
    )


def outcome_line(status: str, moderator: str | None, reason: str | None = None) -> str:
    words = OUTCOME_WORDS.get(status, status)
    who = f" by {moderator}" if moderator else ""
    line = f"**{words}{who}.**"
    if status == "approved":
        line += " It will be published within a few minutes."
    if reason:
        line += f" Reason given to the author: {literal(reason)}"
    return line


def approved_notice(story: Story, server: str) -> str:
    """What the author is told privately; the same words on every platform."""
    return (
        f"Your story #{story.number} in {literal(server)} was approved and will be published anonymously in a few "
        "minutes. Thank you for sharing it."
    )


def rejected_notice(story: Story, server: str) -> str:
    reason = f" The moderators said: {literal(story.reject_reason)}" if story.reject_reason else ""
    return (
        f"Your story #{story.number} in {literal(server)} won't be published.{reason} Thank you for trusting us "
        "with it; `/mystories` has the details, and `/resources` lists people you can talk to."
    )


def reply_notice(story: Story, server: str, text: str) -> str:
    return f"A moderator in {literal(server)} replied about your story #{story.number}:\n\n{text}"


async def pending_story(app: Stairwell, guild_id: int, story_id: int) -> Story:
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != guild_id:
        raise ModerationError("That story no longer exists (its author may have deleted it).")
    if story.status != "pending":
        raise ModerationError(
            f"Story #{story.number} was already handled: {OUTCOME_WORDS.get(story.status, story.status).lower()}."
        )
    return story


async def approve(
    app: Stairwell,
    guild_id: int,
    story_id: int,
    moderator_id: int,
    *,
    text: str | None = None,
    content_warning: str | None = None,
    action: Action = Action.APPROVE,
) -> Story:
    """Exactly one of two racing moderators (or a moderator and the author) wins; the other gets ModerationError.

    The status change, the log line and the daily-rotation entry are one transaction, so a story
    the author removed meanwhile never reaches the rotation.
    """
    story = await pending_story(app, guild_id, story_id)
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = clean(text).text
    warning = clean_warning(content_warning)
    if warning is not None:
        changes["content_warning"] = warning
    now = int(app.clock.now().timestamp())
    # Publication time must say nothing about who was online (the range is a setting).
    delay = random.randint(*app.timing.publish_delay)
    async with app.db.transaction():
        approved = await store.move(
            app.db,
            story_id,
            Status.APPROVED,
            sources(Status.APPROVED),
            acted_by=moderator_id,
            resolved_at=now,
            publish_state="due",
            publish_after=now + delay,
            **changes,
        )
        if approved is None:
            raise await _lost_race(app, story_id)
        await store.log_action(app.db, guild_id, story.number, action.value, moderator_id, now)
        if approved.for_reflection and approved.text:
            await store.add_community_reflection(app.db, approved, app.clock.now().isoformat())
    app.wake()
    return approved


async def reject(app: Stairwell, guild_id: int, story_id: int, moderator_id: int, reason: str | None) -> Story:
    story = await pending_story(app, guild_id, story_id)
    reason = " ".join((reason or "").split())[:MAX_REASON] or None
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        rejected = await store.move(
            app.db,
            story_id,
            Status.REJECTED,
            sources(Status.REJECTED),
            acted_by=moderator_id,
            resolved_at=now,
            reject_reason=reason,
        )
        if rejected is None:
            raise await _lost_race(app, story_id)
        await store.log_action(app.db, guild_id, story.number, "reject", moderator_id, now)
    return rejected


async def reply(app: Stairwell, guild_id: int, story_id: int, moderator_id: int, text: str) -> tuple[Story, int]:
    """Stored for /mystories; the adapter delivers it by DM. Does not resolve the story."""
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != guild_id:
        raise ModerationError("That story no longer exists (its author may have deleted it).")
    try:
        message = clean(text, min_length=1).text
    except StoryTextError:
        raise ModerationError("The reply is empty.") from None
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        reply_id = await store.add_reply(app.db, story_id, message[:MAX_REPLY], now)
        await store.log_action(app.db, guild_id, story.number, "reply", moderator_id, now)
    return story, reply_id


async def block_author(app: Stairwell, guild_id: int, story_id: int, moderator_id: int) -> tuple[Story, bool]:
    """Blocks through the story: the moderator never learns who. Returns the story and whether it was rejected.

    Only a waiting story is rejected with the block; an approved or published one stays as it is
    (a moderator can unpublish it), and the moderator is told which.
    """
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != guild_id:
        raise ModerationError("That story no longer exists (its author may have deleted it).")
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        await store.block(app.db, guild_id, story.author_key, story.number, now)
        rejected = await store.move(
            app.db, story_id, Status.REJECTED, (Status.PENDING.value,), acted_by=moderator_id, resolved_at=now
        )
        await store.log_action(app.db, guild_id, story.number, "block author", moderator_id, now)
    if rejected is not None:
        return rejected, True
    current = await store.get(app.db, story_id)
    assert current is not None
    return current, False


def support_note(story: Story, server: str) -> str:
    """Sent with the crisis card when a moderator chooses Send support; warm, and asks nothing back."""
    return (
        f"A moderator in {literal(server)} read your story #{story.number} and wanted to make sure you have people to "
        "talk to. You don't have to carry this alone, and you don't need to reply. These lines are free and "
        "confidential."
    )


async def send_support(
    app: Stairwell, guild_id: int, story_id: int, moderator_id: int, server: str
) -> tuple[Story, int]:
    """A human in the loop: the author gets the crisis card anonymously; it is also kept for /mystories."""
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != guild_id:
        raise ModerationError("That story no longer exists (its author may have deleted it).")
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        reply_id = await store.add_reply(app.db, story_id, support_note(story, server), now, kind="support")
        await store.log_action(app.db, guild_id, story.number, "send support", moderator_id, now)
    return story, reply_id


async def mark_urgent(app: Stairwell, guild_id: int, story_id: int, moderator_id: int) -> Story:
    """Moves a waiting story to the top of the queue; only the first click counts (one ping)."""
    story = await pending_story(app, guild_id, story_id)
    async with app.db.transaction():
        marked = await store.mark_urgent(app.db, story_id)
        if marked is None:
            raise ModerationError(f"Story #{story.number} is already marked urgent.")
        await store.log_action(
            app.db, guild_id, story.number, "mark urgent", moderator_id, int(app.clock.now().timestamp())
        )
    return marked


async def unblock_author(app: Stairwell, guild_id: int, number: int, moderator_id: int) -> bool:
    if not await store.unblock(app.db, guild_id, number):
        if await store.by_number(app.db, guild_id, number) is None:
            raise ModerationError(f"There is no story #{number} in this server, and no block placed through it.")
        return False
    await store.log_action(app.db, guild_id, number, "unblock author", moderator_id, int(app.clock.now().timestamp()))
    return True


async def repost(app: Stairwell, guild_id: int, story_id: int, moderator_id: int) -> Story:
    """A moderator found an unconfirmed post missing: the story goes back to be published, once."""
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        story = await store.repost(app.db, story_id, guild_id, now)
        if story is None:
            raise await _nothing_to_post(app, guild_id, story_id)
        await store.log_action(app.db, guild_id, story.number, Action.REPOST.value, moderator_id, now)
    app.wake()
    return story


async def _nothing_to_post(app: Stairwell, guild_id: int, story_id: int) -> ModerationError:
    story = await store.get(app.db, story_id)
    if story is None or story.guild_id != guild_id:
        return ModerationError("That story no longer exists (its author may have deleted it): nothing to post.")
    if story.status == "approved":
        return ModerationError(f"Story #{story.number} is already being posted again (another press came first).")
    if story.status == "published":
        return ModerationError(f"Story #{story.number} is posted: its post was confirmed, so there is nothing to post.")
    state = OUTCOME_WORDS.get(story.status, story.status).lower()
    return ModerationError(f"Story #{story.number} was {state} meanwhile: there is nothing to post.")


async def _lost_race(app: Stairwell, story_id: int) -> ModerationError:
    story = await store.get(app.db, story_id)
    if story is None:
        return ModerationError("That story no longer exists (its author may have deleted it).")
    return ModerationError(
        f"Story #{story.number} was already handled: {OUTCOME_WORDS.get(story.status, story.status).lower()}."
    )


def queue_list_card(stories: list[Story], total: int) -> Card:
    if not stories:
        return Card(
            title="Moderation queue",
            body="No stories are waiting. Thank you for looking after this community.",
            tone=Tone.OK,
        )
    lines = []
    for story in stories:
        marker = "🔴 URGENT · " if story.crisis_level == "urgent" else ""
        lines.append(
            f"{marker}**#{story.number}** · arrived {_day(story.submitted_on)} · "
            f"{story.redacted_summary or 'no identifiers'}"
        )
    more = f"\n…and {total - len(stories)} more." if total > len(stories) else ""
    return Card(
        title=f"Moderation queue — {total} waiting",
        body="\n".join(lines) + more,
        footer="Urgent first, then oldest. Review each in the moderation channel.",
        tone=Tone.NOTICE,
    )


def _who(entry: store.LogEntry, name_of: NameOf) -> str:
    """The action and who did it; a report names nobody (the reporter is not recorded)."""
    if entry.moderator_id is not None:
        return f"{entry.action} · {name_of(entry.moderator_id)}"
    if entry.action == REPORTED:
        return entry.action
    return f"{entry.action} · the author"


def log_card(entries: list[store.LogEntry], name_of: NameOf) -> Card:
    if not entries:
        return Card(title="Moderation log", body="No moderator actions yet.")
    lines = [
        f"{datetime.fromtimestamp(entry.at, UTC):%-d %b} · #{entry.story_number} · {_who(entry, name_of)}"
        for entry in entries
    ]
    return Card(
        title="Moderation log", body="\n".join(lines), footer="Story numbers only: the log never names an author."
    )
