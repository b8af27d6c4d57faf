"""The core's forms as Discord modals. A form opened before a restart is read from the raw submission."""

from __future__ import annotations

import secrets
from typing import Any

import discord

from bot.core.flows import forms
from bot.core.flows.forms import Field, FieldKind, FormValue
from bot.core.flows.results import Form, FormKind
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.errors import StairwellModal

PREFIX = "stairwell:form:"


def run_id(interaction: discord.Interaction) -> str:
    client = interaction.client
    return client.run_id if isinstance(client, StairwellBot) else "0"


def submitted_values(components: list[Any]) -> dict[str, FormValue]:
    """custom_id → value from a raw modal submission, whatever the nesting (labels, rows)."""
    values: dict[str, FormValue] = {}
    for component in components:
        if not isinstance(component, dict):
            continue
        if "custom_id" in component and "value" in component:
            values[component["custom_id"]] = component["value"]
        for key in ("component", "components"):
            inner = component.get(key)
            values.update(submitted_values(inner if isinstance(inner, list) else [inner]))
    return values


def _item(field: Field) -> discord.ui.Label[Any]:
    component: discord.ui.Item[Any]
    if field.kind is FieldKind.CHECK:
        component = discord.ui.Checkbox(custom_id=field.key, default=bool(field.default))
    else:
        component = discord.ui.TextInput(
            custom_id=field.key,
            style=discord.TextStyle.paragraph if field.kind is FieldKind.PARAGRAPH else discord.TextStyle.short,
            required=field.required,
            min_length=field.min_length or None,
            max_length=field.max_length,
            default=str(field.default) if field.default else None,
            placeholder=field.placeholder,
        )
    return discord.ui.Label(text=field.label, description=field.description, component=component)


class FlowModal(StairwellModal):
    """Its answer is read from the submission itself, so a live modal and one from before a restart agree."""

    def __init__(self, interaction: discord.Interaction, form: Form) -> None:
        super().__init__(
            title=forms.title(form)[:45],
            timeout=None,
            custom_id=f"{PREFIX}{form.kind.value}:{forms.target(form)}:{run_id(interaction)}:{secrets.token_hex(4)}",
        )
        for field in forms.fields(form):
            self.add_item(_item(field))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await submit_form(interaction)


def modal_for(interaction: discord.Interaction, form: Form) -> discord.ui.Modal:
    return FlowModal(interaction, form)


async def submit_form(interaction: discord.Interaction) -> None:
    """One path for every form submission: parse the custom_id and values, run the flow, answer."""
    data: dict[str, Any] = dict(interaction.data or {})
    kind_name, target_text = str(data.get("custom_id", "")).removeprefix(PREFIX).split(":")[:2]
    kind = FormKind(kind_name)
    components = data.get("components", [])
    values = submitted_values(components if isinstance(components, list) else [])
    person = await actor(interaction, moderator=forms.needs_moderator(kind))
    await deliver(interaction, await forms.submit(app_of(interaction), person, kind, int(target_text), values))


def is_stale_form(interaction: discord.Interaction) -> bool:
    """A form from an earlier run has no live modal object; the listener answers it instead."""
    if interaction.type is not discord.InteractionType.modal_submit or interaction.data is None:
        return False
    custom_id = str(interaction.data.get("custom_id", ""))
    return custom_id.startswith(PREFIX) and custom_id.split(":")[4:5] != [run_id(interaction)]
