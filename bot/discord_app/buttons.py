"""Every flow's buttons as one persistent DynamicItem: the custom_id names the flow, the database holds the rest."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core import reflections
from bot.core.flows.choices import MODERATOR_KINDS, choose
from bot.core.flows.port import Choice, ChoiceStyle
from bot.core.flows.results import Result
from bot.discord_app.answer import actor, deliver
from bot.discord_app.bot import app_of
from bot.discord_app.errors import report_failure
from bot.discord_app.platform import STYLES
from bot.discord_app.render import buttons

_STYLE_BACK = {style: choice for choice, style in STYLES.items()}


def view_for(choices: tuple[Choice, ...]) -> discord.ui.View:
    return buttons(FlowButton(choice) for choice in choices)


class FlowButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"stairwell:(?P<kind>mod|draft|mine|reflect|support|share):(?P<action>[a-z-]+):(?P<target>\d+)",
):
    """Works after a restart: `stairwell:<kind>:<action>:<id>` is all a click needs."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice
        super().__init__(
            discord.ui.Button(label=choice.label, style=STYLES[choice.style], custom_id=f"stairwell:{choice.key}")
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FlowButton:
        style = _STYLE_BACK.get(getattr(item, "style", None), ChoiceStyle.SECONDARY)  # type: ignore[arg-type]
        label = getattr(item, "label", None) or match["action"]
        return cls(Choice(match["kind"], match["action"], int(match["target"]), label, style))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await deliver(interaction, await self._run(interaction))
        except Exception as error:  # one private answer with a reference; the user's words stay out of logs
            await report_failure(interaction, error)

    async def _run(self, interaction: discord.Interaction) -> Result:
        person = await actor(interaction, moderator=self.choice.kind in MODERATOR_KINDS)
        return await choose(app_of(interaction), person, self.choice)


class RetiredButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"stairwell:(?:(?P<kind>reflect):another:(?P<theme>[a-z-]*)|(?P<bare>support|share))",
):
    """Buttons from before the flow layer (`stairwell:support`, `stairwell:reflect:another:<theme>`), kept working.

    Their messages are still on members' screens after an upgrade; a click answers as the new button does.
    """

    def __init__(self, choice: Choice) -> None:
        self.choice = choice
        super().__init__(discord.ui.Button(label=choice.label, custom_id=f"stairwell:{choice.key}"))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RetiredButton:
        label = getattr(item, "label", None) or ""
        if match["kind"]:
            target = reflections.theme_number(app_of(interaction), match["theme"] or None)
            return cls(Choice("reflect", "another", target, label))
        return cls(Choice(match["bare"], "card" if match["bare"] == "support" else "open", 0, label))

    async def callback(self, interaction: discord.Interaction) -> None:
        await FlowButton(self.choice).callback(interaction)
