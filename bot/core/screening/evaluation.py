"""`stairwell eval`: measure the screens on any labelled file, the same way for everyone.

Crisis files hold ``{"text", "label"}`` lines (label urgent, concern or none); identifier files hold
``{"text", "identifiers": [{"type", "value"}]}``. An expected identifier counts as found when the screen's
spans cover at least half of its letters and digits and every one of its digits: what matters is that
the patient can no longer be recognised, not which type the screen gave it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.screening.identifiers import find_identifiers
from bot.core.screening.results import CrisisLevel, Identifier
from bot.core.screening.risk import screen_crisis

LONG = 600  # characters: from here a message counts as a long story
STRUCTURED = frozenset({"phone", "email", "url", "ip", "record", "id", "date", "age", "plate", "device"})
NAMES_AND_PLACES = frozenset({"name", "place", "address", "facility"})
_LEVELS = {level.value: level for level in CrisisLevel}


class FileKind(StrEnum):
    CRISIS = "crisis"
    IDENTIFIERS = "identifiers"


class EvalFileError(ValueError):
    """The file cannot be measured; the message names the line and what is wrong."""


def _ratio(hit: int, total: int) -> float | None:
    return hit / total if total else None


@dataclass
class CrisisReport:
    counts: Counter[str] = field(default_factory=Counter)
    # (label, predicted, length band) -> number of messages
    cells: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # label, predicted, text

    def _share(self, labels: Iterable[str], predicted: Iterable[str], band: str | None = None) -> float | None:
        labels, predicted = set(labels), set(predicted)
        total = sum(n for (lab, _, b), n in self.cells.items() if lab in labels and band in (None, b))
        hit = sum(
            n for (lab, pred, b), n in self.cells.items() if lab in labels and pred in predicted and band in (None, b)
        )
        return _ratio(hit, total)

    def figures(self, band: str | None = None) -> dict[str, float | None]:
        return {
            "urgent_recall": self._share(["urgent"], ["urgent"], band),
            "none_to_urgent": self._share(["none"], ["urgent"], band),
            "concern_found": self._share(["concern"], ["concern", "urgent"], band),
            "any_risk_recall": self._share(["urgent", "concern"], ["concern", "urgent"], band),
            "none_flagged_any": self._share(["none"], ["concern", "urgent"], band),
        }


def _band(text: str) -> str:
    return "long" if len(text) >= LONG else "short"


def evaluate_crisis(
    rows: Sequence[dict[str, object]], level_of: Callable[[str], CrisisLevel] | None = None
) -> CrisisReport:
    """The shipped screen's figures, or another screen's (tools compare candidate models this way)."""
    level_of = level_of or (lambda text: screen_crisis(text).level)
    report = CrisisReport()
    for row in rows:
        text, label = str(row["text"]), str(row["label"])
        predicted = level_of(text).value
        report.counts[label] += 1
        report.cells[label, predicted, _band(text)] += 1
        worse_miss = label != "none" and predicted == "none"
        if (label == "urgent" and predicted != "urgent") or worse_miss or (label == "none" and predicted == "urgent"):
            report.misses.append((label, predicted, text))
    return report


@dataclass
class IdentifierReport:
    expected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    labelled: int = 0
    clean: int = 0
    clean_flagged: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # type, value
    false_alarms: list[str] = field(default_factory=list)  # text flagged in clean stories

    def recall(self, types: Iterable[str]) -> float | None:
        kinds = set(types)
        return _ratio(
            sum(n for t, n in self.found.items() if t in kinds), sum(n for t, n in self.expected.items() if t in kinds)
        )


def _covered(value_start: int, value: str, spans: Sequence[Identifier]) -> bool:
    covered = [False] * len(value)
    for span in spans:
        for at in range(max(span.start, value_start), min(span.end, value_start + len(value))):
            covered[at - value_start] = True
    significant = [i for i, char in enumerate(value) if char.isalnum()]
    if not significant:
        return True
    digits_ok = all(covered[i] for i, char in enumerate(value) if char.isdigit())
    return digits_ok and sum(covered[i] for i in significant) * 2 >= len(significant)


def evaluate_identifiers(rows: Sequence[dict[str, object]]) -> IdentifierReport:
    report = IdentifierReport()
    for number, row in enumerate(rows, start=1):
        text = str(row["text"])
        expected = row["identifiers"]
        assert isinstance(expected, list)
        spans = find_identifiers(text)
        if not expected:
            report.clean += 1
            if spans:
                report.clean_flagged += 1
                report.false_alarms.extend(span.text for span in spans)
            continue
        report.labelled += 1
        searched_from: dict[str, int] = {}
        for item in expected:
            kind, value = str(item["type"]), str(item.get("value", item.get("text", "")))
            at = text.find(value, searched_from.get(value, 0))
            if at < 0:
                at = text.find(value)
            if at < 0:
                raise EvalFileError(f"line {number}: {kind} value {value!r} does not occur in its text")
            searched_from[value] = at + len(value)
            report.expected[kind] += 1
            if _covered(at, value, spans):
                report.found[kind] += 1
            else:
                report.misses.append((kind, value))
    return report


def read_rows(lines: Iterable[str]) -> tuple[FileKind, list[dict[str, object]]]:
    """Parse and check a labelled file; its kind comes from its fields."""
    rows: list[dict[str, object]] = []
    kinds: set[FileKind] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            raise EvalFileError(f"line {number}: not JSON ({error})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise EvalFileError(f'line {number}: expected an object with a string "text"')
        if "label" in row:
            if row["label"] not in _LEVELS:
                raise EvalFileError(f"line {number}: label must be urgent, concern or none, not {row['label']!r}")
            kinds.add(FileKind.CRISIS)
        elif isinstance(row.get("identifiers"), list):
            kinds.add(FileKind.IDENTIFIERS)
        else:
            raise EvalFileError(f'line {number}: needs a "label" (crisis) or an "identifiers" list')
        rows.append(row)
    if len(kinds) != 1:
        raise EvalFileError("the file is empty" if not kinds else "the file mixes crisis and identifier lines")
    return kinds.pop(), rows


def _pct(value: float | None) -> str:
    return "  —  " if value is None else f"{value:.3f}"


def crisis_lines(report: CrisisReport, misses: int) -> list[str]:
    names = {
        "urgent_recall": "urgent recall",
        "none_to_urgent": "none misread as urgent",
        "concern_found": "concern found (concern or urgent)",
        "any_risk_recall": "any risk found (urgent and concern)",
        "none_flagged_any": "none flagged at all (concern or urgent)",
    }
    total = sum(report.counts.values())
    lines = [
        f"crisis: {total} messages ("
        + ", ".join(f"{k} {report.counts[k]}" for k in ("urgent", "concern", "none"))
        + f"); long = {LONG}+ characters",
        f"{'':42} {'all':>6} {'short':>6} {'long':>6}",
    ]
    by_band = {band: report.figures(band) for band in (None, "short", "long")}
    for key, name in names.items():
        lines.append(f"{name:42} " + " ".join(f"{_pct(by_band[band][key]):>6}" for band in (None, "short", "long")))
    matrix = Counter[tuple[str, str]]()
    for (label, predicted, _), n in report.cells.items():
        matrix[label, predicted] += n
    lines.append(
        "labelled → screened: "
        + "; ".join(
            f"{label} → " + " ".join(f"{p} {matrix[label, p]}" for p in ("urgent", "concern", "none"))
            for label in ("urgent", "concern", "none")
        )
    )
    if report.misses and misses:
        lines.append(f"misses (first {min(misses, len(report.misses))} of {len(report.misses)}):")
        for label, predicted, text in report.misses[:misses]:
            short = " ".join(text.split())
            lines.append(f"  [{label} → {predicted}] {short[:160]}{'…' if len(short) > 160 else ''}")
    return lines


def identifier_lines(report: IdentifierReport, misses: int) -> list[str]:
    lines = [
        f"identifiers: {sum(report.expected.values())} expected in {report.labelled} stories, "
        f"and {report.clean} clean stories",
        f"structured recall {_pct(report.recall(STRUCTURED))}; names and places {_pct(report.recall(NAMES_AND_PLACES))}"
        f"; clean stories flagged {_pct(_ratio(report.clean_flagged, report.clean))}"
        f" ({report.clean_flagged} of {report.clean})",
    ]
    for kind in sorted(report.expected):
        lines.append(f"  {kind:10} {report.found[kind]:>4} / {report.expected[kind]:<4} {_pct(report.recall([kind]))}")
    if misses:
        if report.misses:
            lines.append(f"missed (first {min(misses, len(report.misses))} of {len(report.misses)}):")
            lines.extend(f"  {kind}: {value}" for kind, value in report.misses[:misses])
        if report.false_alarms:
            lines.append("found in clean stories: " + ", ".join(repr(t) for t in report.false_alarms[:misses]))
    return lines


def run(lines: Iterable[str], misses: int = 40) -> str:
    kind, rows = read_rows(lines)
    if kind is FileKind.CRISIS:
        return "\n".join(crisis_lines(evaluate_crisis(rows), misses))
    return "\n".join(identifier_lines(evaluate_identifiers(rows), misses))
