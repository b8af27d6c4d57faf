"""Redaction that fits: a redacted story is never longer than the form that will show it again.

"bed 4" becomes "[site]", one character more; a full story would then overflow Discord's 4,000-character
form when a moderator opens Edit & approve, and its post would be clipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.screening.results import REDACTION_LABELS, Identifier, redact_spans
from bot.core.story_text import MAX_LENGTH

_SHORT = "[…]"
_SHORTEST = "…"


def _fitting_label(identifier: Identifier) -> str:
    """The usual label when it is no longer than what it hides; else "[…]", or "…" for a tiny span."""
    label = REDACTION_LABELS[identifier.type]
    if len(label) <= len(identifier.text):
        return label
    return _SHORT if len(identifier.text) >= len(_SHORT) else _SHORTEST


def redact_within(text: str, identifiers: Sequence[Identifier], limit: int = MAX_LENGTH) -> str:
    """The usual labels while they fit; otherwise a label longer than what it hides becomes "[…]".

    Every fitting label is no longer than its span, so text within the limit stays within it.
    """
    full = redact_spans(text, identifiers)
    return full if len(full) <= limit else redact_spans(text, identifiers, _fitting_label)
