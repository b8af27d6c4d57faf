"""Held-out figures: the only numbers the README reports for the screens.

The files in heldout/ were written by separate writers from their own briefs, never shown the rules, the
training corpus or the model, and frozen before the screens were measured on them: their hashes are pinned
here so that nobody edits them quietly. Nothing in them was used to choose a rule, feature or threshold.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bot.core.screening.evaluation import (
    NAMES_AND_PLACES,
    STRUCTURED,
    crisis_lines,
    evaluate_crisis,
    evaluate_identifiers,
    identifier_lines,
)

HELDOUT = Path(__file__).parent / "heldout"
CRISIS = HELDOUT / "crisis_heldout.jsonl"
IDENTIFIERS = HELDOUT / "identifiers_heldout.jsonl"
FROZEN = {
    CRISIS: "375719db3ba034ce0c7840aeb6089ed9f0ab135691b9a092e56273cad83d28ef",
    IDENTIFIERS: "d95189ca8b1ee062ff6fe5ee55a3f1e319aed00ab53d6e6f27c04c9647dbfb5c",
}


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", list(FROZEN), ids=lambda path: path.name)
def test_the_held_out_files_are_frozen(path):
    assert hashlib.sha256(path.read_bytes()).hexdigest() == FROZEN[path], f"{path.name} changed after it was frozen"


def test_held_out_sets_are_large_and_varied():
    crisis = _rows(CRISIS)
    labels = [row["label"] for row in crisis]
    assert len(crisis) >= 800
    assert sum(len(str(row["text"])) >= 600 for row in crisis) >= 0.3 * len(crisis)
    assert labels.count("none") >= 0.4 * len(crisis)
    stories = _rows(IDENTIFIERS)
    assert len(stories) >= 300
    assert sum(not row["identifiers"] for row in stories) * 3 >= len(stories)


@pytest.fixture(scope="module")
def crisis_report():
    report = evaluate_crisis(_rows(CRISIS))
    print("\n" + "\n".join(crisis_lines(report, misses=0)))
    return report.figures()


@pytest.fixture(scope="module")
def identifier_report():
    report = evaluate_identifiers(_rows(IDENTIFIERS))
    print("\n" + "\n".join(identifier_lines(report, misses=0)))
    return report


# Floors just under the measured figures, so a regression fails. Two of the targets are not met yet
# (urgent recall ≥ 0.95: 0.942; none→urgent ≤ 0.05: 0.051, one message over); the README says so.
CRISIS_FLOORS = {"urgent_recall": 0.94, "concern_found": 0.97, "any_risk_recall": 0.97}
NONE_TO_URGENT_CEILING = 0.052


def test_crisis_held_out_figures(crisis_report):
    for key, floor in CRISIS_FLOORS.items():
        assert crisis_report[key] >= floor, f"{key} {crisis_report[key]:.3f} fell below {floor}"
    assert crisis_report["none_to_urgent"] <= NONE_TO_URGENT_CEILING


# Names and places (target ≥ 0.90) and clean stories (≤ 10%) meet their targets; structured identifiers
# (target ≥ 0.95) reach 0.903.
STRUCTURED_FLOOR = 0.90
NAMES_AND_PLACES_FLOOR = 0.92
CLEAN_FLAGGED_CEILING = 0.07


def test_identifier_held_out_figures(identifier_report):
    assert identifier_report.recall(STRUCTURED) >= STRUCTURED_FLOOR
    assert identifier_report.recall(NAMES_AND_PLACES) >= NAMES_AND_PLACES_FLOOR
    assert identifier_report.clean_flagged <= CLEAN_FLAGGED_CEILING * identifier_report.clean
