"""Redaction that fits: a redacted story is never longer than the form that will show it again.

"bed 4" becomes "[site]", one character more; a full story would then overflow Discord's 4,000-character
form when a moderator opens Edit & approve, and its post would be clipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.screening.identifiers import REDACTION_LABELS, Identifier, redact
from bot.core.story_text import MAX_LENGTH

_SHORT = "[…]"
_SHORTEST = "…"


def _label(identifier: Identifier, short: bool) -> str:
    label = REDACTION_LABELS[identifier.type]
    if not short or len(label) <= len(identifier.text):
        return label
    return _SHORT if len(identifier.text) >= len(_SHORT) else _SHORTEST


def redact_within(text: str, identifiers: Sequence[Identifier], limit: int = MAX_LENGTH) -> str:
    """The usual labels while they fit; otherwise a label longer than what it hides becomes "[…]".

    Every short label is no longer than its span, so text within the limit stays within it.
    """
    full = redact(text, identifiers)
    if len(full) <= limit:
        return full
    pieces: list[str] = []
    position = 0
    for identifier in sorted(identifiers, key=lambda item: (item.start, -item.end)):
        if identifier.end <= position:
            continue
        start = max(identifier.start, position)
        pieces.append(text[position:start])
        if identifier.start >= position:
            pieces.append(_label(identifier, short=True))
        position = identifier.end
    pieces.append(text[position:])
    return "".join(pieces)
