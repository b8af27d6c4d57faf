"""The cards' markup as plain terminal text: no marks shown, spoilers hidden until asked for.

The core writes **bold**, `code`, ||spoiler||, "> " quotes and backslash escapes (`literal()`, for what
people typed). Here bold and code lose their marks, a quote line is indented with a bar, an escaped mark is
shown as typed, and a spoiler's text is a separate hidden part the session shows behind a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.cards import Card

_TOKEN = re.compile(r"\\([\\*`|>_~])|\*\*|\|\||`([^`\n]+)`|^> ", re.MULTILINE)
QUOTE_BAR = "│ "


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    hidden: bool = False


def card_markup(card: Card) -> str:
    """A card as one block of markup: a title line, the body, each field under its name, the footer."""
    lines = [f"== {card.title} =="]
    if card.body:
        lines.append(card.body)
    lines.extend(f"-- {name}\n{value}" for name, value in card.fields)
    if card.footer:
        lines.append(f"({card.footer})")
    return "\n".join(lines)


def parts(markup: str) -> list[Part]:
    """Plain text in order, split where spoilers start and end (an unclosed one hides the rest)."""
    found: list[Part] = []
    current: list[str] = []
    hidden = False

    def close() -> None:
        if current:
            found.append(Part("".join(current), hidden))
            current.clear()

    position = 0
    for match in _TOKEN.finditer(markup):
        current.append(markup[position : match.start()])
        position = match.end()
        token = match.group(0)
        if match.group(1) is not None:
            current.append(match.group(1))
        elif match.group(2) is not None:
            current.append(match.group(2))
        elif token == "> ":
            current.append(QUOTE_BAR)
        elif token == "||":
            close()
            hidden = not hidden
        # "**" only marks emphasis: it shows nothing.
    current.append(markup[position:])
    close()
    return [part for part in found if part.text]


def plain(markup: str) -> str:
    """Everything visible, spoilers included (for logs of what was posted, tests and searching)."""
    return "".join(part.text for part in parts(markup))
