"""The stable JSON interface of `stairwell screen`, relied on by moderation tooling and audits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bot.core.screening.identifiers import find_identifiers, redact
from bot.core.screening.risk import model, screen_crisis


def screen(text: str) -> dict[str, Any]:
    crisis = screen_crisis(text)
    identifiers = find_identifiers(text)
    return {
        "crisis": {
            "level": crisis.level.value,
            "model": model().version,
            "signals": [
                {
                    "code": signal.code,
                    "level": signal.level.value,
                    "explanation": signal.explanation,
                    **({"sentence": text[signal.span[0] : signal.span[1]]} if signal.span else {}),
                }
                for signal in crisis.signals
            ],
        },
        "identifiers": [
            {"type": found.type, "start": found.start, "end": found.end, "text": found.text} for found in identifiers
        ],
        "redacted": redact(text, identifiers),
    }


def screen_text(text: str) -> str:
    return json.dumps(screen(text), ensure_ascii=False)


def screen_json_lines(lines: Iterable[str]) -> Iterator[str]:
    """One result per input line, in order; a bad line yields an error object so lines stay aligned."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(text, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            yield json.dumps({"error": f'line {number}: expected a JSON object with a string field "text"'})
            continue
        yield screen_text(text)
