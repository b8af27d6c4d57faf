"""Sharing as a conversation, one question at a time, for platforms without forms (Telegram's private chat).

story → optional content warning → two choices → the same screening and preview as the share form.
The state is a row in the database (a restart between two answers loses nothing) and the words live in the
draft it builds, which the core's share flow then submits, edits or cancels like any other draft. A story
that reads as a crisis is queued at once and the crisis card shown before any further question.
"""

from __future__ import annotations

from enum import StrEnum

from bot.core import stories
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal
from bot.core.flows import share
from bot.core.flows.port import Choice, ChoiceStyle
from bot.core.flows.results import Actor, QueueStory, Reply, Result, private
from bot.core.stories import Decision, DraftTextError
from bot.core.story_text import MAX_LENGTH, MAX_WARNING, MIN_LENGTH, clean_warning
from bot.core.support import crisis_for
from bot.db import conversations
from bot.db import stories as store
from bot.db.conversations import Conversation
from bot.db.stories import Draft

KIND = "talk"  # the Choice kind of the conversation's buttons


class Step(StrEnum):
    STORY = "story"
    WARNING = "warning"
    CHOICES = "choices"
    PREVIEW = "preview"


class Action(StrEnum):
    KEEP_TEXT = "keep"
    NO_WARNING = "nowarning"
    KEEP_WARNING = "keepwarning"
    REFLECTION = "reflection"
    NOTIFY = "notify"
    DONE = "done"
    CANCEL = "cancel"


ASK_STORY = (
    "Tell me what happened, and how it stays with you, in one message "
    f"({MIN_LENGTH}–{MAX_LENGTH} characters). Names, dates and places get redacted before anyone reads it, "
    "and nobody, moderators included, will know it is yours."
)
ASK_NEW_TEXT = "Send the new text of your story in one message, or keep it as it is."
ASK_WARNING = (
    f"Does it need a content warning? Send a few words (up to {MAX_WARNING} characters, e.g. death of a child), "
    "and readers see them before the story."
)
ASK_CHOICES = "Two choices (tap to change), then Continue."
NOT_TEXT = "I can only read text here. Nothing is lost: {where}"
USE_BUTTONS = "Nothing is lost: {where}"
SPLIT_STORY = (
    "Your story arrived in more than one message (the app splits a long message into pieces), so it is longer "
    f"than the {MAX_LENGTH}-character limit, and I haven't kept any of it (no piece was taken as the content "
    "warning). Please shorten it and send it again as one message; your text is still in this chat."
)
WHERE = {
    Step.STORY: "send your story as a text message.",
    Step.WARNING: "send a content warning as text, or tap “No content warning”.",
    Step.CHOICES: "use the buttons above to make your choices, then Continue.",
    Step.PREVIEW: "use the buttons under the preview: Submit, Edit or Cancel.",
}
GONE = "That share is no longer open. `/share` starts a new one."
CANCELLED = "Cancelled. Nothing was kept."


def _now(app: Stairwell) -> int:
    return int(app.clock.now().timestamp())


def _cancel(conversation: Conversation) -> Choice:
    return Choice(KIND, Action.CANCEL, conversation.id, "Cancel", ChoiceStyle.SECONDARY)


async def current(app: Stairwell, actor: Actor) -> Conversation | None:
    return await conversations.get(app.db, actor.author_key)


async def begin(app: Stairwell, actor: Actor) -> Result:
    """/share: refused before the first question (as the form is), else the first question."""
    opened = await share.open_form(app, actor)
    if opened.reply.form is None or actor.guild_id is None:
        return opened
    conversation = await conversations.begin(app.db, actor.author_key, actor.guild_id, _now(app))
    return Result(Reply(ASK_STORY, choices=(_cancel(conversation),)))


async def begin_edit(app: Stairwell, actor: Actor, draft: Draft) -> Result:
    """The preview's Edit: the same questions again, each offering to keep what was there."""
    conversation = await conversations.begin(app.db, actor.author_key, draft.guild_id, _now(app), replaces=draft.id)
    keep = Choice(KIND, Action.KEEP_TEXT, conversation.id, "Keep this text", ChoiceStyle.PRIMARY)
    card = Card(title="Your story as it is now", body=literal(draft.text), tone=Tone.CALM)
    return Result(Reply(ASK_NEW_TEXT, cards=(card,), choices=(keep, _cancel(conversation))))


async def answer(app: Stairwell, actor: Actor, text: str, *, continues: bool = False) -> Result | None:
    """A text message in the conversation; None when there is none (the adapter says how to begin).

    `continues`: the adapter saw this message arrive as the next piece of a long one the app split (Telegram
    splits over 4,096 characters). It is never an answer: the story it belongs to is over the limit.
    """
    conversation = await current(app, actor)
    if conversation is None:
        return None
    step = Step(conversation.step)
    if continues:
        return await _rest_of_a_long_story(app, conversation, step)
    if step is Step.STORY:
        return await _story(app, actor, conversation, text)
    if step is Step.WARNING:
        return await _warning(app, conversation, clean_warning(text))
    return private(USE_BUTTONS.format(where=WHERE[step]))


async def _rest_of_a_long_story(app: Stairwell, conversation: Conversation, step: Step) -> Result:
    """One refusal for the whole story, however many pieces it came in; the conversation asks for it again."""
    if step is Step.STORY:
        # An earlier piece was refused as too long, and that refusal is the one message: this is not the story.
        return Result(Reply())
    if step is Step.WARNING:
        # The first piece fitted and was taken as the story: it was only its beginning.
        await conversations.back_to_story(app.db, conversation.id, _now(app))
        return Result(Reply(SPLIT_STORY, choices=(_cancel(conversation),)))
    return private(USE_BUTTONS.format(where=WHERE[step]))


def not_text(conversation: Conversation | None) -> str | None:
    """What to say to a photo or a sticker mid-share; None outside a share."""
    return None if conversation is None else NOT_TEXT.format(where=WHERE[Step(conversation.step)])


async def _story(app: Stairwell, actor: Actor, conversation: Conversation, text: str) -> Result:
    earlier = await store.get_draft(app.db, conversation.replaces) if conversation.replaces else None
    try:
        outcome = await stories.start(
            app,
            conversation.guild_id,
            actor.author_key,
            share.contact(app, actor),
            text,
            earlier.content_warning if earlier else None,
            for_reflection=earlier.for_reflection if earlier else False,
            notify=earlier.notify if earlier else True,
        )
    except DraftTextError as error:
        # Their message stays in their chat; a draft of unusable text is not kept here.
        await store.delete_draft(app.db, error.draft_id)
        return Result(Reply(str(error), choices=(_cancel(conversation),)))
    if outcome.decision is Decision.QUEUED_URGENT:
        story = outcome.story
        assert story is not None
        if conversation.replaces:
            await store.delete_draft(app.db, conversation.replaces)
        await conversations.end(app.db, actor.author_key)
        card = await crisis_for(app, conversation.guild_id, actor.locale, stories.URGENT_LEAD)
        return Result(Reply(share.urgent_note(story), cards=(card,)), (QueueStory(story.id),))
    await conversations.advance(app.db, conversation.id, Step.WARNING, _now(app), draft_id=outcome.screened.draft.id)
    return await _ask_warning(app, conversation)


async def _ask_warning(app: Stairwell, conversation: Conversation) -> Result:
    draft = await _draft(app, conversation)
    choices = [Choice(KIND, Action.NO_WARNING, conversation.id, "No content warning", ChoiceStyle.PRIMARY)]
    if draft is not None and draft.content_warning:
        label = f"Keep: {draft.content_warning}"
        choices.insert(0, Choice(KIND, Action.KEEP_WARNING, conversation.id, label[:60], ChoiceStyle.PRIMARY))
    return Result(Reply(ASK_WARNING, choices=(*choices, _cancel(conversation))))


async def _draft(app: Stairwell, conversation: Conversation) -> Draft | None:
    found = await conversations.get(app.db, conversation.author_key)
    return await store.get_draft(app.db, found.draft_id) if found and found.draft_id else None


async def _warning(app: Stairwell, conversation: Conversation, warning: str | None) -> Result:
    draft = await _draft(app, conversation)
    if draft is None:
        return private(GONE)
    await conversations.update_draft(app.db, draft.id, content_warning=warning)
    await conversations.advance(app.db, conversation.id, Step.CHOICES, _now(app))
    return await _ask_choices(app, conversation, replace=False)


async def _ask_choices(app: Stairwell, conversation: Conversation, *, replace: bool) -> Result:
    draft = await _draft(app, conversation)
    if draft is None:
        return private(GONE, replace=replace)
    reflection = ("☑" if draft.for_reflection else "☐") + " May be used as a daily reflection"
    notify = ("☑" if draft.notify else "☐") + " Tell me privately when it is reviewed"
    choices = (
        Choice(KIND, Action.REFLECTION, conversation.id, reflection),
        Choice(KIND, Action.NOTIFY, conversation.id, notify),
        Choice(KIND, Action.DONE, conversation.id, "Continue", ChoiceStyle.SUCCESS),
        _cancel(conversation),
    )
    return Result(Reply(ASK_CHOICES, choices=choices, replace=replace))


async def press(app: Stairwell, actor: Actor, conversation_id: int, action: str) -> Result:
    """A button of this conversation; one from an older conversation (or someone else's) finds it gone."""
    conversation = await current(app, actor)
    if conversation is None or conversation.id != conversation_id:
        return private(GONE, replace=True)
    step = Step(conversation.step)
    if action == Action.CANCEL:
        for draft_id in (conversation.draft_id, conversation.replaces):
            if draft_id is not None:
                await store.delete_draft(app.db, draft_id)
        await conversations.end(app.db, actor.author_key)
        return private(CANCELLED, replace=True)
    if step is Step.STORY and action == Action.KEEP_TEXT and conversation.replaces is not None:
        await conversations.advance(app.db, conversation.id, Step.WARNING, _now(app), draft_id=conversation.replaces)
        return await _ask_warning(app, conversation)
    if step is Step.WARNING and action in (Action.NO_WARNING, Action.KEEP_WARNING):
        draft = await _draft(app, conversation)
        keep = draft.content_warning if draft is not None and action == Action.KEEP_WARNING else None
        return await _warning(app, conversation, keep)
    if step is Step.CHOICES and action in (Action.REFLECTION, Action.NOTIFY):
        draft = await _draft(app, conversation)
        if draft is None:
            return private(GONE, replace=True)
        if action == Action.REFLECTION:
            await conversations.update_draft(app.db, draft.id, for_reflection=int(not draft.for_reflection))
        else:
            await conversations.update_draft(app.db, draft.id, notify=int(not draft.notify))
        return await _ask_choices(app, conversation, replace=True)
    if step is Step.CHOICES and action == Action.DONE:
        return await _preview(app, conversation)
    return private(USE_BUTTONS.format(where=WHERE[step]))


async def _preview(app: Stairwell, conversation: Conversation) -> Result:
    draft = await _draft(app, conversation)
    if draft is None:
        return private(GONE, replace=True)
    await conversations.advance(app.db, conversation.id, Step.PREVIEW, _now(app))
    screened = await stories.screened(app, draft)
    return Result(
        Reply(
            cards=(stories.preview_card(screened),),
            choices=share.draft_choices(draft.id, can_submit=True, redacted=bool(screened.identifiers)),
            replace=True,
        )
    )
