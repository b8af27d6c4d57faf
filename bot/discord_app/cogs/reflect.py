"""/reflect: a clinician's words and a question, privately, with Another / Share / Support buttons."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import reflections
from bot.core.reflections import UnknownThemeError
from bot.core.support import SUPPORT_LEAD
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.cogs.share import ShareButton
from bot.discord_app.crisis import send_crisis_card
from bot.discord_app.render import embed, respond


def person_key(interaction: discord.Interaction) -> str:
    return app_of(interaction).identity.author_key("discord", interaction.user.id)


class AnotherButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:reflect:another:(?P<theme>[a-z-]*)"
):
    """Survives restarts: the theme lives in the custom_id, the history in the database."""

    def __init__(self, theme: str | None) -> None:
        self.theme = theme
        super().__init__(
            discord.ui.Button(
                label="Another",
                style=discord.ButtonStyle.secondary,
                custom_id=f"stairwell:reflect:another:{theme or ''}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnotherButton:
        return cls(match["theme"] or None)

    async def callback(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        chosen = await reflections.next_reflection(app, person_key(interaction), self.theme)
        await interaction.response.edit_message(
            embed=embed(reflections.reflection_card(chosen)), view=reflection_view(interaction.client, self.theme)
        )


class SupportButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:support"):
    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(label="Support", style=discord.ButtonStyle.primary, custom_id="stairwell:support")
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SupportButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        await send_crisis_card(interaction, SUPPORT_LEAD)


def reflection_view(client: discord.Client, theme: str | None) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(AnotherButton(theme))
    if isinstance(client, StairwellBot) and client.get_cog("Share") is not None:
        view.add_item(ShareButton())
    view.add_item(SupportButton())
    return view


async def theme_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    themes = app_of(interaction).content.library.themes
    wanted = current.casefold()
    return [app_commands.Choice(name=label, value=key) for key, label in themes.items() if wanted in label.casefold()]


class Reflect(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="reflect", description="A clinician's own words and a question to sit with, just for you."
    )
    @app_commands.describe(theme="Choose a theme, such as breaking bad news or going back in (optional).")
    @app_commands.autocomplete(theme=theme_autocomplete)
    async def reflect(
        self, interaction: discord.Interaction, theme: app_commands.Range[str, 1, 60] | None = None
    ) -> None:
        app = app_of(interaction)
        try:
            theme_id = reflections.resolve_theme(app, theme)
        except UnknownThemeError as error:
            await respond(interaction, str(error))
            return
        chosen = await reflections.next_reflection(app, person_key(interaction), theme_id)
        await respond(interaction, reflections.reflection_card(chosen), view=reflection_view(self.bot, theme_id))


async def setup(bot: StairwellBot) -> None:
    bot.add_dynamic_items(AnotherButton, SupportButton)
    await bot.add_cog(Reflect(bot))
