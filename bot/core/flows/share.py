"""Sharing a story: open the form, screen and preview, edit, cancel, submit."""

from __future__ import annotations

from bot.core import stories, support
from bot.core.app import Stairwell
from bot.core.flows.port import Choice, ChoiceStyle
from bot.core.flows.results import Actor, Form, FormKind, QueueStory, Reply, Result, private
from bot.core.stories import Decision, DraftTextError, ShareRefusedError
from bot.db import stories as store
from bot.db.stories import Story

IN_A_SERVER = "Stories are shared inside a server, where its moderators can read them first."
GONE = "This draft is no longer here: it was already sent or cancelled. `/mystories` shows what you have sent."
CANCELLED = "Cancelled. Nothing was kept."
ALREADY_SENT = "This story was already sent. `/mystories` shows it."


def refused(actor: Actor, refusal: ShareRefusedError) -> str:
    """The refusal in the platform's words (its setup command, where that is what is missing)."""
    return str(refusal).format(community=actor.terms.community, setup=actor.terms.setup_places)


def contact(app: Stairwell, actor: Actor) -> bytes:
    """The author's sealed contact, made only here, where a story keeps one: sealing loads the cryptography
    package (about 6 MB) and costs an encryption, which no other interaction needs."""
    return actor.sealed if actor.sealed is not None else app.identity.seal(actor.platform, actor.user_id)


def draft_choices(draft_id: int, *, can_submit: bool, redacted: bool = False) -> tuple[Choice, ...]:
    submit = Choice(
        "draft", "submit", draft_id, "Submit redacted version" if redacted else "Submit", ChoiceStyle.SUCCESS
    )
    rest = (
        Choice("draft", "edit", draft_id, "Edit", ChoiceStyle.PRIMARY),
        Choice("draft", "cancel", draft_id, "Cancel", ChoiceStyle.SECONDARY),
    )
    return (submit, *rest) if can_submit else rest


async def open_form(app: Stairwell, actor: Actor) -> Result:
    """Refuse before the form, never after it: nobody writes a long story only to be turned away."""
    if actor.guild_id is None:
        return private(IN_A_SERVER)
    try:
        await stories.check_can_share(app, actor.guild_id, actor.author_key)
    except ShareRefusedError as refusal:
        return private(refused(actor, refusal))
    app.warm_up()  # the screens build while the story is being written
    return Result(Reply(form=Form(FormKind.STORY)))


def urgent_note(story: Story) -> str:
    redacted = (
        f" Details that could identify someone were replaced ({story.redacted_summary})."
        if story.redacted_summary
        else ""
    )
    return (
        "Your story was kept and passed to the moderators, marked so they read it first."
        f"{redacted} You can withdraw it with `/mystories`."
    )


async def receive(
    app: Stairwell,
    actor: Actor,
    text: str,
    warning: str | None,
    *,
    for_reflection: bool,
    notify: bool,
    replaces: int | None = None,
) -> Result:
    """The form came back: keep the draft, screen it, then preview it (or queue it at once if urgent)."""
    if actor.guild_id is None:
        return private(IN_A_SERVER)
    if replaces is not None and await stories.draft_for(app, replaces, actor.author_key) is not None:
        await store.delete_draft(app.db, replaces)
    try:
        outcome = await stories.start(
            app,
            actor.guild_id,
            actor.author_key,
            contact(app, actor),
            text,
            warning,
            for_reflection=for_reflection,
            notify=notify,
        )
    except DraftTextError as error:
        return Result(Reply(str(error), choices=draft_choices(error.draft_id, can_submit=False)))
    if outcome.decision is Decision.QUEUED_URGENT:
        story = outcome.story
        assert story is not None
        # The crisis card comes first, before anything else is said.
        card = await support.crisis_for(app, actor.guild_id, actor.locale, stories.URGENT_LEAD)
        return Result(Reply(urgent_note(story), cards=(card,)), (QueueStory(story.id),))
    screened = outcome.screened
    return Result(
        Reply(
            cards=(stories.preview_card(screened),),
            choices=draft_choices(screened.draft.id, can_submit=True, redacted=bool(screened.identifiers)),
        )
    )


async def draft_action(app: Stairwell, actor: Actor, draft_id: int, action: str) -> Result:
    """The preview's buttons: they work after a restart because the draft is in the database."""
    draft = await stories.draft_for(app, draft_id, actor.author_key)
    if draft is None:
        return private(GONE, replace=True)
    if action == "edit":
        return Result(Reply(form=Form(FormKind.STORY, draft=draft)))
    if action == "cancel":
        await store.delete_draft(app.db, draft.id)
        return private(CANCELLED, replace=True)
    try:
        await stories.check_can_share(app, draft.guild_id, draft.author_key)
        story = await stories.submit(app, draft.id, contact(app, actor))
    except ShareRefusedError as refusal:
        return private(refused(actor, refusal), replace=True)
    if story is None:
        return private(ALREADY_SENT, replace=True)
    return Result(Reply(stories.queued_text(story), replace=True), (QueueStory(story.id),))
