"""What the screens return, without the screens: levels, signals, identifier spans, redaction and summaries.

Kept apart so the rest of the bot can name these types and redact without importing the screens themselves,
whose patterns and word lists take a few hundred milliseconds to build: `warm()` builds them in a thread at
start, while the adapter connects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class CrisisLevel(StrEnum):
    """How worried a moderator should be about the writer."""

    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason a message was flagged, worded for a volunteer moderator."""

    code: str
    level: CrisisLevel
    explanation: str
    # Where the words behind it are (the learned layer quotes that sentence to moderators, redacted).
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """The overall level and the signals behind it, most severe first."""

    level: CrisisLevel
    signals: tuple[Signal, ...]


RANK: dict[CrisisLevel, int] = {CrisisLevel.NONE: 0, CrisisLevel.CONCERN: 1, CrisisLevel.URGENT: 2}


IDENTIFIER_TYPES: tuple[str, ...] = (
    "name",
    "date",
    "age",
    "phone",
    "email",
    "url",
    "ip",
    "record",
    "id",
    "address",
    "place",
    "facility",
    "plate",
    "device",
)

# Short tags (at most 8 characters) so a redacted story still reads like a story.
REDACTION_LABELS: dict[str, str] = {
    "name": "[name]",
    "date": "[date]",
    "age": "[age]",
    "phone": "[phone]",
    "email": "[email]",
    "url": "[link]",
    "ip": "[ip]",
    "record": "[record]",
    "id": "[id]",
    "address": "[addr]",
    "place": "[place]",
    "facility": "[site]",
    "plate": "[plate]",
    "device": "[device]",
}

_NOUNS: dict[str, tuple[str, str]] = {
    "name": ("name", "names"),
    "date": ("date", "dates"),
    "age": ("age over 89", "ages over 89"),
    "phone": ("phone number", "phone numbers"),
    "email": ("email address", "email addresses"),
    "url": ("link", "links"),
    "ip": ("IP address", "IP addresses"),
    "record": ("record number", "record numbers"),
    "id": ("ID number", "ID numbers"),
    "address": ("address", "addresses"),
    "place": ("place", "places"),
    "facility": ("facility", "facilities"),
    "plate": ("vehicle plate", "vehicle plates"),
    "device": ("device number", "device numbers"),
}


@dataclass(frozen=True, slots=True)
class Identifier:
    """One span of the original text that could identify a patient."""

    type: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.type not in IDENTIFIER_TYPES:
            raise ValueError(f"unknown identifier type {self.type!r}")
        if not 0 <= self.start < self.end or self.end - self.start != len(self.text):
            raise ValueError(f"bad span {self.start}:{self.end} for {self.text!r}")


def redact_spans(
    text: str, identifiers: Sequence[Identifier], label: Callable[[Identifier], str] | None = None
) -> str:
    """Replace each identifier by its label (`REDACTION_LABELS`, or what `label` says). Overlapping spans (say,
    one a moderator added) are merged and take the label of the one that starts first."""
    label = label or (lambda identifier: REDACTION_LABELS[identifier.type])
    for identifier in identifiers:
        if text[identifier.start : identifier.end] != identifier.text:
            raise ValueError(f"{identifier!r} does not match the text it is meant to redact")
    pieces: list[str] = []
    position = 0
    for identifier in sorted(identifiers, key=lambda item: (item.start, -item.end)):
        if identifier.end <= position:
            continue
        if identifier.start >= position:
            pieces.append(text[position : identifier.start])
            pieces.append(label(identifier))
        position = identifier.end
    pieces.append(text[position:])
    return "".join(pieces)


def summarize(identifiers: Sequence[Identifier]) -> str:
    """Counts in words for moderators, e.g. "2 names, 1 date"; empty when nothing was found."""
    counts = Counter(identifier.type for identifier in identifiers)
    parts = []
    for kind in IDENTIFIER_TYPES:
        if counts[kind]:
            singular, plural = _NOUNS[kind]
            parts.append(f"{counts[kind]} {singular if counts[kind] == 1 else plural}")
    return ", ".join(parts)
