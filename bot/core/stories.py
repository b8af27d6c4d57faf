"""Sharing a story: drafts, screening, the author's choice, queueing, and the author's own controls."""

from __future__ import annotations

import asyncio
import random
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal
from bot.core.redaction import redact_within
from bot.core.screening.results import CrisisLevel, CrisisResult, Identifier, redact_spans, summarize
from bot.core.story_states import Status, sources
from bot.core.story_text import StoryTextError, clean, clean_warning
from bot.db import guilds
from bot.db import stories as store
from bot.db.stories import Draft, Story

DAY = 86_400
# Neutral on purpose: a blocked author must not be able to tell a block from the daily limit.
NOT_NOW = (
    "You can't share another story in this {community} right now. Please try again another day. "
    "If you need support now, `/resources` has people you can talk to."
)
URGENT_LEAD = (
    "Thank you for trusting us with this. What you wrote sounds really heavy, and I want to make sure you have "
    "people to talk to right now — you deserve support today, and help does work."
)
CONCERN_LINE = (
    "It sounds like you are carrying a lot. If it would help to talk to someone, `/resources` lists free, "
    "confidential lines, including ones for clinicians."
)
REVIEW_TIME = "Moderators are volunteers; most stories are read within a day or two."
STATUS_WORDS = {
    "pending": "waiting for a moderator",
    "approved": "approved — being published",
    "published": "published",
    "rejected": "not published",
    "withdrawn": "withdrawn by you",
    "removed": "removed",
}


class Decision(StrEnum):
    """How a screened draft continues: the author previews it, or it is queued at once as urgent."""

    PREVIEW = "preview"
    QUEUED_URGENT = "queued-urgent"


class DraftTextError(Exception):
    """The draft was kept but cannot be queued as written; the message says why, kindly."""

    def __init__(self, draft_id: int, message: str) -> None:
        super().__init__(message)
        self.draft_id = draft_id


class ShareRefusedError(Exception):
    """Sharing is not possible here now; the message is safe to show the person."""


class SharingNotSetUpError(ShareRefusedError):
    """No moderation place yet (or sharing off): the message has `{setup}` where the platform's setup command goes."""


@dataclass(frozen=True, slots=True)
class Screened:
    draft: Draft
    crisis: CrisisResult
    identifiers: tuple[Identifier, ...]
    redacted: str
    notes: tuple[str, ...]
    # What moderators read about the crisis screen; quoted sentences are redacted like the story.
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShareOutcome:
    decision: Decision
    screened: Screened
    story: Story | None = None


async def check_can_share(app: Stairwell, guild_id: int, author_key: str) -> None:
    """Before the form opens, so nobody writes a long story only to be turned away."""
    settings = await guilds.get(app.db, guild_id)
    if not settings.sharing_enabled or settings.moderation_channel_id is None:
        raise SharingNotSetUpError(
            "Story sharing isn't set up in this {community} yet: an admin needs to choose a private moderation "
            "place with {setup}. Your words matter — `/reflect` and `/resources` work meanwhile."
        )
    limit = settings.submissions_per_day
    since = int(app.clock.now().timestamp()) - DAY
    if await store.is_blocked(app.db, guild_id, author_key) or (
        await store.submissions_since(app.db, guild_id, author_key, since) >= limit
    ):
        raise ShareRefusedError(NOT_NOW)


QUOTE_LIMIT = 300


def _quoted(text: str, span: tuple[int, int], identifiers: tuple[Identifier, ...]) -> str:
    """The sentence behind a signal, redacted: moderators must not read an identifier the story hides."""
    start, end = span
    inside = tuple(
        Identifier(
            found.type,
            max(found.start, start) - start,
            min(found.end, end) - start,
            text[max(found.start, start) : min(found.end, end)],
        )
        for found in identifiers
        if found.start < end and found.end > start
    )
    sentence = " ".join(redact_spans(text[start:end], inside).split())
    return sentence if len(sentence) <= QUOTE_LIMIT else sentence[: QUOTE_LIMIT - 1] + "…"


# Screened drafts, so Submit does not screen again what the preview already screened (a restart forgets them).
_SCREENED: OrderedDict[tuple[int, int], Screened] = OrderedDict()
_SCREENED_KEPT = 1024
# Longer texts are screened in a thread, so one long story does not hold up everyone else's interactions.
OFF_LOOP_LENGTH = 1000


async def screened(app: Stairwell, draft: Draft) -> Screened:
    """The draft's screening, computed once (per running app: two databases never share an entry)."""
    key = (id(app), draft.id)
    found = _SCREENED.get(key)
    if found is not None and found.draft == draft:
        return found
    result = await asyncio.to_thread(screen, draft) if len(draft.text) >= OFF_LOOP_LENGTH else screen(draft)
    _SCREENED[key] = result
    while len(_SCREENED) > _SCREENED_KEPT:
        _SCREENED.popitem(last=False)
    return result


def screen(draft: Draft) -> Screened:
    cleaned = clean(draft.text)
    # Imported here, not at the top: the screens build their patterns at import, which `Stairwell.warm_up` does
    # in a thread as the first share form opens, so start-up never waits for them.
    from bot.core.screening.identifiers import find_identifiers
    from bot.core.screening.risk import screen_crisis

    identifiers = tuple(find_identifiers(cleaned.text))
    crisis = screen_crisis(cleaned.text)
    return Screened(
        draft=draft,
        crisis=crisis,
        identifiers=identifiers,
        redacted=redact_within(cleaned.text, identifiers),
        notes=cleaned.notes,
        signals=tuple(
            f"{signal.explanation}: “{_quoted(cleaned.text, signal.span, identifiers)}”"
            if signal.span
            else signal.explanation
            for signal in crisis.signals
        ),
    )


async def start(
    app: Stairwell,
    guild_id: int,
    author_key: str,
    sealed_author: bytes,
    text: str,
    content_warning: str | None,
    *,
    for_reflection: bool,
    notify: bool,
) -> ShareOutcome:
    """Keep the draft first (nothing written is lost), then screen it.

    An urgent story is queued at once, redacted, so a human sees it soon. Unusable text raises
    DraftTextError carrying the draft, so the author can edit it rather than start again.
    """
    now = int(app.clock.now().timestamp())
    draft_id = await store.save_draft(
        app.db, guild_id, author_key, text, clean_warning(content_warning), for_reflection, notify, now
    )
    draft = await store.get_draft(app.db, draft_id)
    assert draft is not None
    try:
        result = await screened(app, draft)
    except StoryTextError as error:
        raise DraftTextError(draft_id, str(error)) from None
    if result.crisis.level is CrisisLevel.URGENT:
        # A human must see this soon: no limit and no delay (the author was checked when the form opened).
        story = await submit(app, draft_id, sealed_author, urgent=True)
        return ShareOutcome(Decision.QUEUED_URGENT, result, story)
    return ShareOutcome(Decision.PREVIEW, result)


async def submit(app: Stairwell, draft_id: int, sealed_author: bytes, *, urgent: bool = False) -> Story | None:
    """Queue the draft (redacted when identifiers were found); None if it was already queued or cancelled.

    The block and the daily limit are checked in the same transaction as the insert, so concurrent
    submits cannot pass the limit together: ShareRefusedError, with the draft kept.
    """
    draft = await store.get_draft(app.db, draft_id)
    if draft is None:
        return None
    result = await screened(app, draft)
    now = app.clock.now()
    moment = int(now.timestamp())
    limit = None if urgent else (await guilds.get(app.db, draft.guild_id)).submissions_per_day
    try:
        story = await _create(app, draft_id, result, sealed_author, now.date().isoformat(), moment, urgent, limit)
    except store.SubmissionRefusedError:
        raise ShareRefusedError(NOT_NOW) from None
    app.wake()
    return story


async def _create(
    app: Stairwell,
    draft_id: int,
    screened: Screened,
    sealed_author: bytes,
    day: str,
    moment: int,
    urgent: bool,
    limit: int | None,
) -> Story | None:
    low, high = app.timing.queue_delay
    queue_after = moment if urgent or high <= 0 else moment + random.randint(low, high)
    return await store.create_from_draft(
        app.db,
        draft_id,
        text=screened.redacted,
        sealed_author=sealed_author,
        crisis_level=screened.crisis.level.value,
        crisis_signals=list(screened.signals),
        redacted_summary=summarize(screened.identifiers),
        submitted_on=day,
        now=moment,
        queue_after=queue_after,
        limit=limit,
    )


async def draft_for(app: Stairwell, draft_id: int, author_key: str) -> Draft | None:
    """Only the author may act on their draft; anyone else gets None, as if it did not exist."""
    draft = await store.get_draft(app.db, draft_id)
    return draft if draft is not None and draft.author_key == author_key else None


def preview_card(screened: Screened) -> Card:
    """What the author sees before choosing: the text a moderator would read."""
    draft = screened.draft
    lines = []
    if screened.identifiers:
        lines.append(
            f"I found details that could identify someone ({summarize(screened.identifiers)}) and replaced them. "
            "This is what a moderator would read:"
        )
    else:
        lines.append("This is what a moderator would read. Nothing that looks like a patient identifier was found:")
    lines.append("")
    lines.append(screened.redacted)
    fields = []
    if draft.content_warning:
        fields.append(("Content warning", literal(draft.content_warning)))
    fields.append(
        (
            "Your choices",
            f"May be used anonymously as a daily reflection: {'yes' if draft.for_reflection else 'no'}\n"
            f"Tell me privately when it is reviewed: {'yes' if draft.notify else 'no'}",
        )
    )
    if screened.notes:
        fields.append(("I also", "; ".join(screened.notes).capitalize() + "."))
    if screened.crisis.level is CrisisLevel.CONCERN:
        fields.append(("A thought", CONCERN_LINE))
    return Card(
        title="Before you send it",
        body="\n".join(lines),
        fields=tuple(fields),
        footer=(
            "Automatic checks miss things: please read it once more. "
            "Nobody, moderators included, will know it is yours."
        ),
        tone=Tone.CALM,
    )


def queued_text(story: Story) -> str:
    notice = "You'll hear from me privately when it has been reviewed. " if story.notify else ""
    return (
        f"Thank you for sharing. Your story is with the moderators (story #{story.number}). {REVIEW_TIME} "
        f"{notice}You can check on it, withdraw it or read moderators' replies with `/mystories`."
    )


async def my_stories(app: Stairwell, guild_id: int, author_key: str, community: str) -> tuple[Card, list[Story]]:
    """The author's own view: status, reasons, replies; returns the stories that can still be acted on."""
    found = await store.by_author(app.db, author_key, guild_id, limit=10)
    if not found:
        return Card(
            title="Your stories", body=f"You haven't shared a story in this {community}. `/share` when you're ready."
        ), []
    fields = []
    for story in found:
        lines = [STATUS_WORDS[story.status]]
        if story.status == "rejected" and story.reject_reason:
            lines.append(f"Moderator's reason: {story.reject_reason}")
        for reply in await store.replies(app.db, story.id):
            lines.append(
                f"Moderator replied: {reply.text}"
                if reply.kind == "reply"
                else f"A moderator sent you support: {reply.text}"
            )
        if story.text:
            excerpt = story.text if len(story.text) <= 120 else story.text[:119] + "…"
            lines.append(f"“{excerpt}”")
        fields.append((f"Story #{story.number} · {story.submitted_on}", "\n".join(lines)))
    actionable = [s for s in found if s.status in ("pending", "approved", "published")]
    card = Card(
        title="Your stories",
        body="Only you can see this. Withdraw a story that is waiting, or remove one that was published.",
        fields=tuple(fields),
        tone=Tone.CALM,
    )
    return card, actionable


async def withdraw(app: Stairwell, story_id: int, author_key: str) -> Story | None:
    """A waiting story withdrawn by its author; None when it is not theirs or no longer waiting."""
    story = await store.get(app.db, story_id)
    if story is None or story.author_key != author_key:
        return None
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        withdrawn = await store.move(app.db, story_id, Status.WITHDRAWN, sources(Status.WITHDRAWN), resolved_at=now)
        if withdrawn is not None:
            await store.log_action(app.db, story.guild_id, story.number, "withdrawn by author", None, now)
    return withdrawn


async def take_down(app: Stairwell, story_id: int, author_key: str | None, moderator_id: int | None) -> Story | None:
    """Remove an approved or published story (by its author, or a moderator when author_key is None).

    Returns the story as it was (with its post), or None. Status, rotation entry and log are one transaction.
    """
    story = await store.get(app.db, story_id)
    if story is None or (author_key is not None and story.author_key != author_key):
        return None
    now = int(app.clock.now().timestamp())
    async with app.db.transaction():
        removed = await store.move(
            app.db, story_id, Status.REMOVED, sources(Status.REMOVED), resolved_at=now, publish_state=None
        )
        if removed is None:
            return None
        await store.remove_community_reflection(app.db, story.guild_id, story.number)
        action = "removed by author" if author_key is not None else "unpublished"
        await store.log_action(app.db, story.guild_id, story.number, action, moderator_id, now)
    return removed


def forget_summary(counts: dict[str, int], posts_removed: int, *, where: str, community: str) -> str:
    """What /forgetme reports in every adapter: counts only, and why a server's block outlives it.

    `where` names the place published posts were removed from, as the person knows it.
    """
    stories_deleted, reflections = counts["stories"], counts["reflections"]
    return (
        f"Done. I deleted {stories_deleted} stor{'y' if stories_deleted == 1 else 'ies'} "
        f"({posts_removed} published post{'' if posts_removed == 1 else 's'} removed from {where}), "
        f"{counts['drafts']} unsent draft(s), {counts['reflection_history']} reflection record(s) and "
        f"{reflections} daily-reflection entr{'y' if reflections == 1 else 'ies'}. "
        f"The encrypted IDs kept to contact you went with your stories. A block a {community}'s moderators placed "
        "is kept (it holds no text and no ID), so `/forgetme` can't be used to get round it."
        + (" I also forgot which community's link you came through." if counts.get("community_links") else "")
    )


async def forget(app: Stairwell, author_key: str) -> tuple[list[Story], dict[str, int]]:
    """Delete everything under this pseudonym; returns the stories (for the adapter to delete posts)."""
    found = await store.by_author(app.db, author_key, None, limit=10_000)
    counts = await store.forget_author(app.db, author_key)
    return found, counts
