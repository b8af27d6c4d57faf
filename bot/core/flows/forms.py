"""Every flow's forms described once (fields, limits, what is prefilled), and one way to submit them.

Adapters draw them their own way (a Discord modal, console prompts, a Telegram conversation).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.app import Stairwell
from bot.core.flows import moderation, share
from bot.core.flows.results import Actor, Form, FormKind, Result
from bot.core.moderation import MAX_REASON, MAX_REPLY, Action
from bot.core.story_text import MAX_LENGTH, MAX_WARNING

FormValue = str | bool | None


class FieldKind(StrEnum):
    LINE = "line"
    PARAGRAPH = "paragraph"
    CHECK = "check"


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    kind: FieldKind = FieldKind.LINE
    description: str | None = None
    required: bool = True
    min_length: int = 0
    max_length: int = 4000
    default: FormValue = None
    placeholder: str | None = None


TITLES = {
    FormKind.STORY: "Share your story",
    FormKind.APPROVE_CW: "Approve with content warning",
    FormKind.EDIT_APPROVE: "Edit & approve",
    FormKind.REJECT: "Reject story",
    FormKind.REPLY: "Reply to the author (anonymously)",
}


def title(form: Form) -> str:
    return TITLES[form.kind] + (f" #{form.story.number}" if form.story else "")


def target(form: Form) -> int:
    return form.draft.id if form.draft else form.story.id if form.story else 0


def fields(form: Form) -> tuple[Field, ...]:
    draft, story = form.draft, form.story
    if form.kind is FormKind.STORY:
        return (
            Field(
                "story",
                "Your story",
                FieldKind.PARAGRAPH,
                "What happened, and how it stays with you. Names, dates and places get redacted.",
                min_length=20,
                max_length=MAX_LENGTH,
                default=draft.text if draft else None,
            ),
            Field(
                "content_warning",
                "Content warning (optional)",
                description="e.g. death of a child, suicide. Readers see it before the story.",
                required=False,
                max_length=MAX_WARNING,
                default=draft.content_warning if draft else None,
            ),
            Field(
                "for_reflection",
                "May be used as a daily reflection",
                FieldKind.CHECK,
                "Anonymously, in this server's daily post. Off unless you tick it.",
                default=draft.for_reflection if draft else False,
            ),
            Field(
                "notify",
                "Tell me privately when it is reviewed",
                FieldKind.CHECK,
                default=draft.notify if draft else True,
            ),
        )
    assert story is not None
    if form.kind in (FormKind.APPROVE_CW, FormKind.EDIT_APPROVE):
        edit = form.kind is FormKind.EDIT_APPROVE
        warning = Field(
            "content_warning",
            "Content warning",
            required=not edit,
            max_length=MAX_WARNING,
            default=story.content_warning or "",
            placeholder="e.g. death of a child",
        )
        if not edit:
            return (warning,)
        text = Field(
            "story", "Story", FieldKind.PARAGRAPH, max_length=MAX_LENGTH, default=(story.text or "")[:MAX_LENGTH]
        )
        return (text, warning)
    if form.kind is FormKind.REJECT:
        return (
            Field(
                "reason", "Reason for the author (optional)", FieldKind.PARAGRAPH, required=False, max_length=MAX_REASON
            ),
        )
    return (
        Field(
            "reply",
            "Your reply",
            FieldKind.PARAGRAPH,
            max_length=MAX_REPLY,
            placeholder="They will see it came from 'a moderator', never your name.",
        ),
    )


def needs_moderator(kind: FormKind) -> bool:
    """Whether the adapter must look up the actor's moderator standing before calling the flow."""
    return kind is not FormKind.STORY


def _text(values: dict[str, FormValue], key: str) -> str | None:
    value = values.get(key)
    return str(value) if value not in (None, "", False) else None


async def submit(
    app: Stairwell, actor: Actor, kind: FormKind, form_target: int, values: dict[str, FormValue]
) -> Result:
    """One path for every form, from any adapter; a form from before a restart arrives the same way."""
    if kind is FormKind.STORY:
        return await share.receive(
            app,
            actor,
            _text(values, "story") or "",
            _text(values, "content_warning"),
            for_reflection=bool(values.get("for_reflection", False)),
            notify=bool(values.get("notify", True)),
            replaces=form_target or None,
        )
    warning = _text(values, "content_warning")
    if kind is FormKind.APPROVE_CW:
        return await moderation.approve(app, actor, form_target, content_warning=warning, action=Action.APPROVE_CW)
    if kind is FormKind.EDIT_APPROVE:
        return await moderation.approve(
            app,
            actor,
            form_target,
            text=_text(values, "story") or "",
            content_warning=warning,
            action=Action.EDIT_APPROVE,
        )
    if kind is FormKind.REJECT:
        return await moderation.reject(app, actor, form_target, _text(values, "reason"))
    return await moderation.reply(app, actor, form_target, _text(values, "reply") or "")
