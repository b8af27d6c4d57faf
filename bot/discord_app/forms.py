"""Every flow's forms as Discord modals. A form opened before a restart is read from the raw submission."""

from __future__ import annotations

import secrets
from typing import Any

import discord

from bot.core.flows import moderation, share
from bot.core.flows.results import Form, FormKind, Result
from bot.core.moderation import MAX_REASON, MAX_REPLY, Action
from bot.core.story_text import MAX_LENGTH, MAX_WARNING
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.errors import StairwellModal

PREFIX = "stairwell:form:"
TITLES = {
    FormKind.STORY: "Share your story",
    FormKind.APPROVE_CW: "Approve with content warning",
    FormKind.EDIT_APPROVE: "Edit & approve",
    FormKind.REJECT: "Reject story",
    FormKind.REPLY: "Reply to the author (anonymously)",
}


def run_id(interaction: discord.Interaction) -> str:
    client = interaction.client
    return client.run_id if isinstance(client, StairwellBot) else "0"


def submitted_values(components: list[Any]) -> dict[str, Any]:
    """custom_id → value from a raw modal submission, whatever the nesting (labels, rows)."""
    values: dict[str, Any] = {}
    for component in components:
        if not isinstance(component, dict):
            continue
        if "custom_id" in component and "value" in component:
            values[component["custom_id"]] = component["value"]
        for key in ("component", "components"):
            inner = component.get(key)
            values.update(submitted_values(inner if isinstance(inner, list) else [inner]))
    return values


def _text(custom_id: str, label: str, *, description: str | None = None, **kwargs: Any) -> discord.ui.Label[Any]:
    return discord.ui.Label(
        text=label, description=description, component=discord.ui.TextInput(custom_id=custom_id, **kwargs)
    )


def _check(custom_id: str, label: str, default: bool, description: str | None = None) -> discord.ui.Label[Any]:
    return discord.ui.Label(
        text=label, description=description, component=discord.ui.Checkbox(custom_id=custom_id, default=default)
    )


class FlowModal(StairwellModal):
    """Its answer is read from the submission itself, so a live modal and one from before a restart agree."""

    def __init__(self, interaction: discord.Interaction, form: Form) -> None:
        target = form.draft.id if form.draft else form.story.id if form.story else 0
        title = TITLES[form.kind] + (f" #{form.story.number}" if form.story else "")
        super().__init__(
            title=title[:45],
            timeout=None,
            custom_id=f"{PREFIX}{form.kind.value}:{target}:{run_id(interaction)}:{secrets.token_hex(4)}",
        )
        for item in _fields(form):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await submit_form(interaction)


def _fields(form: Form) -> list[discord.ui.Label[Any]]:
    draft, story = form.draft, form.story
    if form.kind is FormKind.STORY:
        return [
            _text(
                "story",
                "Your story",
                description="What happened, and how it stays with you. Names, dates and places get redacted.",
                style=discord.TextStyle.paragraph,
                min_length=20,
                max_length=MAX_LENGTH,
                default=draft.text if draft else None,
            ),
            _text(
                "content_warning",
                "Content warning (optional)",
                description="e.g. death of a child, suicide. Readers see it before the story.",
                max_length=MAX_WARNING,
                required=False,
                default=draft.content_warning if draft else None,
            ),
            _check(
                "for_reflection",
                "May be used as a daily reflection",
                draft.for_reflection if draft else False,
                "Anonymously, in this server's daily post. Off unless you tick it.",
            ),
            _check("notify", "Tell me privately when it is reviewed", draft.notify if draft else True),
        ]
    assert story is not None
    if form.kind in (FormKind.APPROVE_CW, FormKind.EDIT_APPROVE):
        edit = form.kind is FormKind.EDIT_APPROVE
        warning = _text(
            "content_warning",
            "Content warning",
            max_length=MAX_WARNING,
            required=not edit,
            default=story.content_warning or "",
            placeholder="e.g. death of a child",
        )
        if not edit:
            return [warning]
        text = (story.text or "")[:MAX_LENGTH]
        return [
            _text("story", "Story", style=discord.TextStyle.paragraph, max_length=MAX_LENGTH, default=text),
            warning,
        ]
    if form.kind is FormKind.REJECT:
        return [
            _text(
                "reason",
                "Reason for the author (optional)",
                style=discord.TextStyle.paragraph,
                max_length=MAX_REASON,
                required=False,
            )
        ]
    return [
        _text(
            "reply",
            "Your reply",
            style=discord.TextStyle.paragraph,
            max_length=MAX_REPLY,
            placeholder="They will see it came from 'a moderator', never your name.",
        )
    ]


def modal_for(interaction: discord.Interaction, form: Form) -> discord.ui.Modal:
    return FlowModal(interaction, form)


async def submit_form(interaction: discord.Interaction) -> None:
    """One path for every form submission: parse the custom_id and values, run the flow, answer."""
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    kind_name, target_text = custom_id.removeprefix(PREFIX).split(":")[:2]
    components = data.get("components", [])
    values = submitted_values(components if isinstance(components, list) else [])
    await deliver(interaction, await _run(interaction, FormKind(kind_name), int(target_text), values))


async def _run(interaction: discord.Interaction, kind: FormKind, target: int, values: dict[str, Any]) -> Result:
    app = app_of(interaction)
    text = str(values.get("story") or "")
    warning = str(values.get("content_warning") or "") or None
    if kind is FormKind.STORY:
        return await share.receive(
            app,
            await actor(interaction),
            text,
            warning,
            for_reflection=bool(values.get("for_reflection", False)),
            notify=bool(values.get("notify", True)),
            replaces=target or None,
        )
    person = await actor(interaction, moderator=True)
    if kind is FormKind.APPROVE_CW:
        return await moderation.approve(app, person, target, content_warning=warning, action=Action.APPROVE_CW)
    if kind is FormKind.EDIT_APPROVE:
        return await moderation.approve(
            app, person, target, text=text, content_warning=warning, action=Action.EDIT_APPROVE
        )
    if kind is FormKind.REJECT:
        return await moderation.reject(app, person, target, str(values.get("reason") or "") or None)
    return await moderation.reply(app, person, target, str(values.get("reply") or ""))


def is_stale_form(interaction: discord.Interaction) -> bool:
    """A form from an earlier run has no live modal object; the listener answers it instead."""
    if interaction.type is not discord.InteractionType.modal_submit or interaction.data is None:
        return False
    custom_id = str(interaction.data.get("custom_id", ""))
    return custom_id.startswith(PREFIX) and custom_id.split(":")[4:5] != [run_id(interaction)]
