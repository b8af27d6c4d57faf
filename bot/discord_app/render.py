"""Card → embed, and the only functions that send, so every send carries AllowedMentions.none()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord

from bot.core.cards import Card, Tone

NO_PINGS = discord.AllowedMentions.none()
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELD_LIMIT = 1024

_COLOURS = {
    Tone.CALM: discord.Colour.from_rgb(88, 110, 140),
    Tone.WARM: discord.Colour.from_rgb(196, 140, 90),
    Tone.URGENT: discord.Colour.from_rgb(190, 60, 60),
    Tone.OK: discord.Colour.from_rgb(80, 150, 110),
    Tone.NOTICE: discord.Colour.from_rgb(210, 170, 60),
    Tone.CLOSED: discord.Colour.dark_grey(),
}


SPOILER = "||"


def _clip(text: str, limit: int) -> str:
    """Cut with an ellipsis, closing a spoiler the cut left open: clipped text must never show unhidden."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1].rstrip("|")
    if kept.count(SPOILER) % 2 == 0:
        return kept + "…"
    kept = text[: limit - 1 - len(SPOILER)].rstrip("|")
    return kept + "…" + SPOILER if kept.count(SPOILER) % 2 else kept + "…"


def buttons(items: Iterable[discord.ui.Item[Any]]) -> discord.ui.View:
    """A row of buttons that are all DynamicItems, which discord.py finds by custom_id after any restart.

    The view is finished before it is sent, so discord.py does not store it: a stored ephemeral view
    keeps a task asleep for 15 minutes per reply (100 `/reflect`s a second would hold 90,000 of them).
    """
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def embed(card: Card) -> discord.Embed:
    result = discord.Embed(
        title=_clip(card.title, 256),
        description=_clip(card.body, EMBED_DESCRIPTION_LIMIT) or None,
        colour=_COLOURS[card.tone],
    )
    for name, value in card.fields[:25]:
        result.add_field(name=_clip(name, 256), value=_clip(value, EMBED_FIELD_LIMIT), inline=False)
    if card.footer:
        result.set_footer(text=_clip(card.footer, 2048))
    return result


async def respond(
    interaction: discord.Interaction,
    content: str | Card | None = None,
    *,
    ephemeral: bool = True,
    embeds: list[discord.Embed] | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """Answer an interaction whether or not it was already acknowledged; private unless asked."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, "allowed_mentions": NO_PINGS}
    all_embeds = list(embeds or [])
    if isinstance(content, Card):
        all_embeds.insert(0, embed(content))
    elif content:
        kwargs["content"] = content
    if all_embeds:
        kwargs["embeds"] = all_embeds
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
