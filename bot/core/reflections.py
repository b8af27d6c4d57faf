"""Private reflections: choosing one a person has not seen, and how a reflection reads."""

from __future__ import annotations

import random

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.testimonies import Reflection
from bot.db import reflections as history

FOOTER = "Want to tell your own story? /share · Need support now? /resources"


class UnknownThemeError(Exception):
    """The theme asked for does not exist; the message lists the ones that do."""


def reflection_card(reflection: Reflection, *, title: str = "A moment to reflect") -> Card:
    """Content warning first, with the quote behind a spoiler so nobody reads it unawares."""
    testimony = reflection.testimony
    quote = f"“{testimony.quote}”"
    lines = []
    if testimony.content_warning:
        lines.append(f"**Content warning:** {testimony.content_warning}")
        lines.append(f"||{quote}||")
    else:
        lines.append(f"> {quote}")
    lines.append(f"— {testimony.attribution()}")
    lines.append("")
    lines.append(f"**{reflection.prompt}**")
    return Card(title=title, body="\n".join(lines), footer=FOOTER, tone=Tone.CALM)


def resolve_theme(app: Stairwell, theme: str | None) -> str | None:
    if theme is None or not theme.strip():
        return None
    library = app.content.library
    found = library.theme_id(theme)
    if found is None:
        names = ", ".join(library.themes.values())
        raise UnknownThemeError(f"I don't have a theme called “{theme[:60]}”. The themes are: {names}.")
    return found


def theme_number(app: Stairwell, theme: str | None) -> int:
    """A theme as a small number a button can carry (0 for all themes); `theme_of` turns it back."""
    themes = list(app.content.library.themes)
    return themes.index(theme) + 1 if theme in themes else 0


def theme_of(app: Stairwell, number: int) -> str | None:
    """None (all themes) for 0 or a number no theme has any more."""
    themes = list(app.content.library.themes)
    return themes[number - 1] if 0 < number <= len(themes) else None


async def next_reflection(app: Stairwell, person_key: str, theme: str | None = None) -> Reflection:
    """Unseen first; once all of the pool is seen, start over without repeating the last one."""
    chosen = await pick(app, person_key, theme)
    await remember(app, person_key, chosen.id)
    return chosen


async def pick(app: Stairwell, person_key: str, theme: str | None = None) -> Reflection:
    """next_reflection's choice alone, so a flow can answer before `remember` writes it down."""
    pool = app.content.library.reflections(theme)
    seen = await history.seen(app.db, person_key)
    seen_set = set(seen)
    unseen = [reflection for reflection in pool if reflection.id not in seen_set]
    if not unseen:
        pool_ids = {reflection.id for reflection in pool}
        last = next((rid for rid in reversed(seen) if rid in pool_ids), None)
        await history.forget(app.db, person_key, pool_ids)
        unseen = [reflection for reflection in pool if reflection.id != last] or list(pool)
    return random.choice(unseen)


async def remember(app: Stairwell, person_key: str, reflection_id: str) -> None:
    await history.mark_seen(app.db, person_key, reflection_id, app.clock.now().isoformat())
