"""Platform-neutral replies: adapters render a Card as an embed, a console block, or a chat message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# The contract between the core and every adapter. Everything the core writes for people (a card's title, body,
# fields and footer, a Reply's text, a post's text, a message to an author) is in one small markup:
#   **bold**   `code`   ||spoiler||   "> " at the start of a line (a quote)   \x (the mark x, shown as typed)
# Discord reads it as Markdown; Telegram's renderer (telegram_app/render.py) turns exactly these marks into HTML
# tags; the console (console/render.py) shows plain text, spoilers behind a warning. No other mark means anything,
# and the core never names a platform: the platform's own words come from `Terms` (bot/core/terms.py).
# Short text people typed (a content warning, a reason, a name) goes in through `literal()`. A story's own text
# (and a moderator's reply, up to 1,500) is the exception: escaping could push it past a post's limit, so it
# is shown as written, and `spoiler()` makes sure it can never end the spoiler it sits behind.
_MARKUP_CHARACTERS = re.compile(r"([\\*`|>_~])")
_SPOILER = "||"


def literal(text: str) -> str:
    """Text someone typed, made inert inside a card: every markup character is escaped with a backslash."""
    return _MARKUP_CHARACTERS.sub(r"\\\1", text)


def spoiler(text: str) -> str:
    """Text behind a spoiler that cannot close it early: a "||" inside is split by a zero-width space.

    So is a bar at either end and a backslash at the end: "\\||" would escape the closing mark, "|||" blur it.
    """
    hidden = text.replace(_SPOILER, "|\u200b|")
    if hidden.startswith("|"):
        hidden = "\u200b" + hidden
    if hidden.endswith(("|", "\\")):
        hidden += "\u200b"
    return _SPOILER + hidden + _SPOILER


class Tone(StrEnum):
    CALM = "calm"
    WARM = "warm"
    URGENT = "urgent"
    OK = "ok"
    NOTICE = "notice"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    body: str = ""
    fields: tuple[tuple[str, str], ...] = field(default=())
    footer: str | None = None
    tone: Tone = Tone.CALM
