"""Identifier screening: recall and false flags on a hand-written evaluation set, plus the contract."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from bot.core.screening.identifiers import (
    IDENTIFIER_TYPES,
    REDACTION_LABELS,
    Identifier,
    find_identifiers,
    redact,
    summarize,
)

EVAL_PATH = Path(__file__).with_name("data") / "identifier_eval.jsonl"

# A name, facility, place or address found under one of the other three of these types still hides the
# person or where they were, so for recall these four "who/where" types count as one another.
WHO_WHERE = frozenset({"name", "facility", "place", "address"})
# Record numbers and other ID numbers are told apart by their cue words; a miss between them still redacts.
NUMBERS = frozenset({"record", "id"})

RECALL_FLOORS = {
    "phone": 0.95,
    "email": 0.95,
    "url": 0.95,
    "ip": 0.95,
    "record+id": 0.95,
    "date": 0.95,
    "age": 0.95,
    "name": 0.85,
    "facility": 0.85,
}
CLEAN_FLAGGED_CEILING = 0.10


def load_eval() -> list[dict]:
    with EVAL_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_span(text: str, item: dict) -> tuple[int, int]:
    start = -1
    for _ in range(item.get("occurrence", 0) + 1):
        start = text.index(item["text"], start + 1)
    return start, start + len(item["text"])


def compatible(gold_type: str, predicted_type: str) -> bool:
    if gold_type in WHO_WHERE:
        return predicted_type in WHO_WHERE
    if gold_type in NUMBERS:
        return predicted_type in NUMBERS
    return gold_type == predicted_type


def pool(gold_type: str) -> str:
    return "record+id" if gold_type in NUMBERS else gold_type


@pytest.fixture(scope="module")
def stories() -> list[dict]:
    return load_eval()


def test_eval_set_composition(stories):
    assert len(stories) >= 130
    clean = [story for story in stories if not story["identifiers"]]
    assert len(clean) >= 44
    assert len(clean) * 3 >= len(stories), "at least a third of the stories must have no identifiers"
    counts = Counter(item["type"] for story in stories for item in story["identifiers"])
    for kind in IDENTIFIER_TYPES:
        assert counts[kind] >= 6, f"only {counts[kind]} {kind} examples"
    assert len({story["text"] for story in stories}) == len(stories), "duplicate stories"
    for story in stories:
        for item in story["identifiers"]:
            assert item["type"] in IDENTIFIER_TYPES, item
            occurrences = story["text"].count(item["text"])
            assert occurrences >= 1, item
            if occurrences > 1:
                assert "occurrence" in item, f"{item['text']!r} occurs {occurrences} times: say which"
                assert item["occurrence"] < occurrences, item


def test_recall_and_false_flags(stories, capsys):
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    false_flags: list[str] = []
    clean = 0
    for story in stories:
        text = story["text"]
        predicted = find_identifiers(text)
        if not story["identifiers"]:
            clean += 1
            if predicted:
                false_flags.append(f"{text!r}: {[(p.type, p.text) for p in predicted]}")
            continue
        for item in story["identifiers"]:
            start, end = gold_span(text, item)
            kind = pool(item["type"])
            total[kind] += 1
            if any(p.start < end and start < p.end and compatible(item["type"], p.type) for p in predicted):
                found[kind] += 1
            else:
                misses.append(
                    f"{item['type']} {item['text']!r} in {text!r}: got {[(p.type, p.text) for p in predicted]}"
                )

    recall = {kind: found[kind] / total[kind] for kind in sorted(total)}
    flagged_share = len(false_flags) / clean
    with capsys.disabled():
        print()
        for kind, value in recall.items():
            print(f"  recall {kind:<10} {value:6.1%}  ({found[kind]}/{total[kind]})")
        print(f"  clean stories flagged {flagged_share:6.1%}  ({len(false_flags)}/{clean})")

    failing = {kind: recall[kind] for kind, floor in RECALL_FLOORS.items() if recall[kind] < floor}
    report = "\n".join(["misses:", *misses, "false flags on clean stories:", *false_flags])
    assert not failing, f"recall below floor: {failing}\n{report}"
    assert flagged_share <= CLEAN_FLAGGED_CEILING, report


def test_spans_match_text_sorted_and_disjoint(stories):
    for story in stories:
        text = story["text"]
        predicted = find_identifiers(text)
        for identifier in predicted:
            assert text[identifier.start : identifier.end] == identifier.text
            assert identifier.type in IDENTIFIER_TYPES
        for before, after in itertools.pairwise(predicted):
            assert before.end <= after.start, (before, after)


def test_redact_replaces_each_span_by_its_label():
    text = "Mrs. Alvarez was 94 when she died on March 3rd in bed 12. Call 07700 900461."
    assert redact(text) == "[name] was [age over 89] when she died on [date] in [facility]. Call [phone]."


def test_redact_uses_given_identifiers_and_merges_overlaps():
    text = "Ask Tom Reilly on Ward 7B."
    spans = [
        Identifier("facility", 18, 25, "Ward 7B"),
        Identifier("name", 4, 14, "Tom Reilly"),
        Identifier("name", 8, 14, "Reilly"),
    ]
    assert redact(text, spans) == "Ask [name] on [facility]."
    assert redact(text, []) == text


def test_redact_refuses_spans_from_another_text():
    with pytest.raises(ValueError):
        redact("Ask Tom.", [Identifier("name", 0, 3, "Tom")])


def test_identifier_rejects_unknown_type_and_bad_span():
    with pytest.raises(ValueError):
        Identifier("colour", 0, 3, "red")
    with pytest.raises(ValueError):
        Identifier("name", 3, 3, "")


def test_every_type_has_a_label():
    assert set(REDACTION_LABELS) == set(IDENTIFIER_TYPES)


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ([], ""),
        (["name", "date", "name"], "2 names, 1 date"),
        (["address", "address", "facility"], "2 addresses, 1 facility"),
        (["facility", "facility"], "2 facilities"),
        (["id"], "1 ID number"),
        (["age", "age"], "2 ages over 89"),
        (["email", "ip", "url", "url"], "1 email address, 2 links, 1 IP address"),
        (["record", "phone", "place"], "1 phone number, 1 record number, 1 place"),
    ],
)
def test_summarize_wording(types, expected):
    identifiers = [Identifier(kind, index, index + 1, "x") for index, kind in enumerate(types)]
    assert summarize(identifiers) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We gave 800mg of paracetamol, then 10 mg/kg, then 40 more tablets.",
        "BP 80/40, HR 140, sats 88% on 15 litres, GCS 3, temp 39.8.",
        "A 19-year-old and an 82-year-old died on the same night.",
        "She was 89 and he was 47.",
        "The patient was 90 kg and we worked on him for 40 minutes in the ICU.",
        "In March 2 patients died in the ED. In 2015 I moved to the ward.",
        "The registrar, a nurse and I went back to resus on Tuesday.",
        "Pain was 8/10 and her sats were 92 on room air.",
    ],
)
def test_doses_vitals_and_younger_ages_are_not_flagged(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("She turned 100 on the ward.", "age", "100"),
        ("a ninety-two-year-old", "age", "ninety-two-year-old"),
        ("He died on Christmas Eve 2019.", "date", "Christmas Eve"),
        ("DOB 2021-03-14.", "date", "2021-03-14"),
        ("Reach me at jo.bloggs@example.org today.", "email", "jo.bloggs@example.org"),
        ("Logged from ::ffff:abcd:1234:5678 and more.", "ip", "::ffff:abcd:1234:5678"),
        ("Postcode SW1A 1AA, London.", "place", "SW1A 1AA"),
    ],
)
def test_single_shapes(text, kind, value):
    assert (kind, value) in {(found.type, found.text) for found in find_identifiers(text)}


def test_empty_text_has_no_identifiers():
    assert find_identifiers("") == []
    assert find_identifiers("   \n") == []
    assert redact("") == ""
