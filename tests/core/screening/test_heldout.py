"""Held-out figures: the only numbers the README reports for the screens.

The files in heldout/ were written by separate writers from their own briefs, never shown the rules, the
training corpus or the model, and frozen before the screens were measured on them: their hashes are pinned
here so that nobody edits them quietly. Nothing in them was used to choose a rule, feature or threshold.

There are two sets of each kind. Set 1 was written first and has been measured several times (the README
counts how often), so it is no longer unseen in the strict sense; set 2 was written later by new writers and
measured once, after every screen change of that round was final. The README leads with set 2.
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
CRISIS_1 = HELDOUT / "crisis_heldout.jsonl"
CRISIS_2 = HELDOUT / "crisis_heldout_2.jsonl"
IDENTIFIERS_1 = HELDOUT / "identifiers_heldout.jsonl"
IDENTIFIERS_2 = HELDOUT / "identifiers_heldout_2.jsonl"
FROZEN = {
    CRISIS_1: "375719db3ba034ce0c7840aeb6089ed9f0ab135691b9a092e56273cad83d28ef",
    CRISIS_2: "17e07a4976f39de8d51b69b350496ef574a917754b98b6028d85f131a2eabacd",
    IDENTIFIERS_1: "d95189ca8b1ee062ff6fe5ee55a3f1e319aed00ab53d6e6f27c04c9647dbfb5c",
    IDENTIFIERS_2: "02dd3ef6f55e1e27febc768579e89f329056e1f1161e07db075751dc6ea92417",
}


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", list(FROZEN), ids=lambda path: path.name)
def test_the_held_out_files_are_frozen(path):
    assert hashlib.sha256(path.read_bytes()).hexdigest() == FROZEN[path], f"{path.name} changed after it was frozen"


@pytest.mark.parametrize("path", [CRISIS_1, CRISIS_2], ids=lambda path: path.name)
def test_crisis_held_out_sets_are_large_and_varied(path):
    crisis = _rows(path)
    labels = [row["label"] for row in crisis]
    assert len(crisis) >= 800
    assert sum(len(str(row["text"])) >= 600 for row in crisis) >= 0.3 * len(crisis)
    assert labels.count("none") >= 0.4 * len(crisis)


@pytest.mark.parametrize("path", [IDENTIFIERS_1, IDENTIFIERS_2], ids=lambda path: path.name)
def test_identifier_held_out_sets_are_large_and_varied(path):
    stories = _rows(path)
    assert len(stories) >= 300
    assert sum(not row["identifiers"] for row in stories) * 3 >= len(stories)


# Floors just under the figures measured when each set was last looked at, so a regression fails; the README
# gives the figures and which of the targets they miss (set 2: urgent recall ≥ 0.95 and any risk
# ≥ 0.97 are not met).
CRISIS_FLOORS = {
    CRISIS_1: {"urgent_recall": 0.955, "concern_found": 0.97, "any_risk_recall": 0.975},
    CRISIS_2: {"urgent_recall": 0.88, "concern_found": 0.97, "any_risk_recall": 0.94},
}
NONE_TO_URGENT_CEILING = {CRISIS_1: 0.045, CRISIS_2: 0.052}


@pytest.mark.parametrize("path", [CRISIS_1, CRISIS_2], ids=lambda path: path.name)
def test_crisis_held_out_figures(path):
    report = evaluate_crisis(_rows(path))
    print("\n" + "\n".join(crisis_lines(report, misses=0)))
    figures = report.figures()
    for key, floor in CRISIS_FLOORS[path].items():
        assert figures[key] >= floor, f"{key} {figures[key]:.3f} fell below {floor}"
    assert figures["none_to_urgent"] <= NONE_TO_URGENT_CEILING[path]


# (structured recall, names-and-places recall, clean stories flagged at most). Names and places (target ≥ 0.90)
# and clean stories (≤ 10%) meet their targets on both sets; structured identifiers (target ≥ 0.95) do not.
IDENTIFIER_FLOORS = {IDENTIFIERS_1: (0.94, 0.925, 0.09), IDENTIFIERS_2: (0.93, 0.90, 0.05)}


@pytest.mark.parametrize("path", [IDENTIFIERS_1, IDENTIFIERS_2], ids=lambda path: path.name)
def test_identifier_held_out_figures(path):
    structured, names_and_places, clean_ceiling = IDENTIFIER_FLOORS[path]
    report = evaluate_identifiers(_rows(path))
    print("\n" + "\n".join(identifier_lines(report, misses=0)))
    assert report.recall(STRUCTURED) >= structured
    assert report.recall(NAMES_AND_PLACES) >= names_and_places
    assert report.clean_flagged <= clean_ceiling * report.clean
