"""Platform-neutral replies: adapters render a Card as an embed, a console block, or a chat message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# Cards are written in a small markup: **bold**, `code`, ||spoiler|| and "> " quote lines. Discord reads it as
# Markdown; other adapters translate exactly these marks and nothing else.
_MARKUP_CHARACTERS = re.compile(r"([\\*`|>_~])")


def literal(text: str) -> str:
    """Text someone typed, made inert inside a card: every markup character is escaped with a backslash."""
    return _MARKUP_CHARACTERS.sub(r"\\\1", text)


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
