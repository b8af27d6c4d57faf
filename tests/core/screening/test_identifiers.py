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

TUNE_PATH = Path(__file__).resolve().parents[3] / "training" / "identifiers" / "tune.jsonl"

# The metric `stairwell eval` uses: an expected value is found when the screen's spans cover at least half of
# its letters and digits and all of its digits, whatever type the screen gave it.
STRUCTURED = frozenset({"phone", "email", "url", "ip", "record", "id", "date", "age", "plate", "device"})
NAMES_AND_PLACES = frozenset({"name", "place", "address", "facility"})
# Floors a little under the figures on the tuning set, so a change that costs recall fails here.
RECALL_FLOORS = {"structured": 0.97, "names and places": 0.94}
CLEAN_FLAGGED_CEILING = 0.06


def load_eval() -> list[dict]:
    with TUNE_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def covered(text: str, value: str, spans: list[tuple[int, int]]) -> bool:
    start = text.find(value)
    while start >= 0:
        inside = [any(a <= start + i < b for a, b in spans) for i in range(len(value))]
        alnum = [i for i, char in enumerate(value) if char.isalnum()]
        digits = [i for i, char in enumerate(value) if char.isdigit()]
        if alnum and all(inside[i] for i in digits) and 2 * sum(inside[i] for i in alnum) >= len(alnum):
            return True
        start = text.find(value, start + 1)
    return False


@pytest.fixture(scope="module")
def stories() -> list[dict]:
    return load_eval()


def test_eval_set_composition(stories):
    assert len(stories) >= 450
    clean = [story for story in stories if not story["identifiers"]]
    assert len(clean) * 3 >= len(stories), "at least a third of the stories must have no identifiers"
    counts = Counter(item["type"] for story in stories for item in story["identifiers"])
    for kind in IDENTIFIER_TYPES:
        assert counts[kind] >= 6, f"only {counts[kind]} {kind} examples"
    assert len({story["text"] for story in stories}) == len(stories), "duplicate stories"
    for story in stories:
        for item in story["identifiers"]:
            assert item["type"] in IDENTIFIER_TYPES, item
            assert item["value"] in story["text"], item


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
        spans = [(p.start, p.end) for p in predicted]
        for item in story["identifiers"]:
            group = "structured" if item["type"] in STRUCTURED else "names and places"
            total[group] += 1
            if covered(text, item["value"], spans):
                found[group] += 1
            else:
                got = [(p.type, p.text) for p in predicted]
                misses.append(f"{item['type']} {item['value']!r} in {text!r}: got {got}")

    recall = {group: found[group] / total[group] for group in sorted(total)}
    flagged_share = len(false_flags) / clean
    with capsys.disabled():
        print()
        for group, value in recall.items():
            print(f"  recall {group:<17} {value:6.1%}  ({found[group]}/{total[group]})")
        print(f"  clean stories flagged {flagged_share:6.1%}  ({len(false_flags)}/{clean})")

    failing = {group: recall[group] for group, floor in RECALL_FLOORS.items() if recall[group] < floor}
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
    assert redact(text) == "[name] was [age] when she died on [date] in [site]. Call [phone]."


def test_redact_uses_given_identifiers_and_merges_overlaps():
    text = "Ask Tom Reilly on Ward 7B."
    spans = [
        Identifier("facility", 18, 25, "Ward 7B"),
        Identifier("name", 4, 14, "Tom Reilly"),
        Identifier("name", 8, 14, "Reilly"),
    ]
    assert redact(text, spans) == "Ask [name] on [site]."
    assert redact(text, []) == text


def test_redact_refuses_spans_from_another_text():
    with pytest.raises(ValueError):
        redact("Ask Tom.", [Identifier("name", 0, 3, "Tom")])


def test_identifier_rejects_unknown_type_and_bad_span():
    with pytest.raises(ValueError):
        Identifier("colour", 0, 3, "red")
    with pytest.raises(ValueError):
        Identifier("name", 3, 3, "")


def test_every_type_has_a_short_label():
    assert set(REDACTION_LABELS) == set(IDENTIFIER_TYPES)
    assert all(len(label) <= 8 for label in REDACTION_LABELS.values())


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
        (["device", "plate", "plate"], "2 vehicle plates, 1 device number"),
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
        "His GCS was 3/15 and the Apgar was 2 at five minutes.",
        "We gave 1/2 a tablet, then gave 2 units of blood on the 3rd attempt.",
        "We did the Heimlich and used the Lucas device on the 9th floor.",
        "I was a nurse in the Philippines, then in Saudi Arabia, then in Canada.",
    ],
)
def test_doses_vitals_and_younger_ages_are_not_flagged(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("She turned 100 on the ward.", "age", "100"),
        ("a ninety-two-year-old", "age", "ninety-two-year-old"),
        ("He died on Christmas Eve 2019.", "date", "Christmas Eve 2019"),
        ("She died on Monday 13th of November, 2023.", "date", "Monday 13th of November, 2023"),
        ("DOB 2nd Jan '58, theatre 3.", "date", "2nd Jan '58"),
        ("We had him from 12-14 March.", "date", "12-14 March"),
        ("On the 17th the neighbour called.", "date", "the 17th"),
        ("He came in on the 23rd with pneumonia.", "date", "the 23rd"),
        ("He died of a PE on day 5, 14/10.", "date", "14/10"),
        ("She had a stroke on 28.08 and was flown out.", "date", "28.08"),
        ("He drove himself in on 11-02 in minus forty.", "date", "11-02"),
        ("Mr Menon, 91 years, was my patient.", "age", "91 years"),
        ("Age: 93, lives alone.", "age", "Age: 93"),
        ("Her neighbour phoned me on 912 447 802 that night.", "phone", "912 447 802"),
        ("His Emirates ID was 784-1934-5521887-2.", "id", "784-1934-5521887-2"),
        ("Her CNIC read 35202-1187722-5.", "id", "35202-1187722-5"),
        ("Her NRIC S8512345D was on the form.", "id", "S8512345D"),
        ("Her tax file number was 123 456 782.", "id", "123 456 782"),
        ("The flight's tail number was C-GMWA.", "plate", "C-GMWA"),
        ("We took the car, plate Dubai K 77213.", "plate", "Dubai K 77213"),
        ("She lived at 14 Heol Isaf in Radyr.", "address", "14 Heol Isaf"),
        ("He lived at Rua Augusta 120 for years.", "address", "Rua Augusta 120"),
        ("She was in villa 22 near the beach.", "address", "villa 22"),
        ("They found him at Blk 5 Lot 12 that night.", "address", "Blk 5"),
        ("A rollover on FM 1431 outside town.", "address", "FM 1431"),
        ("A trailer off County Road 210.", "address", "County Road 210"),
        ("A crash on the N71 last night.", "address", "the N71"),
        ("Shot on her front steps on 65th St.", "address", "65th St"),
        ("car vs tree on the new england hwy.", "address", "new england hwy"),
        ("He was hit at the corner of Jeppe and Twist.", "address", "Jeppe and Twist"),
        ("He lived at No. 7 Oke-Ado.", "address", "No. 7 Oke-Ado"),
        ("DOB 2021-03-14.", "date", "2021-03-14"),
        ("Reach me at jo.bloggs@example.org today.", "email", "jo.bloggs@example.org"),
        ("Logged from ::ffff:abcd:1234:5678 and more.", "ip", "::ffff:abcd:1234:5678"),
        ("Postcode SW1A 1AA, London.", "place", "SW1A 1AA"),
        ("She was 92F and sharp.", "age", "92F"),
        ("He was about 100.", "age", "about 100"),
        ("He died on the 14th of january.", "date", "the 14th of january"),
        ("we lost her dec 2nd", "date", "dec 2nd"),
        ("We lost him on 6/11 and never talked about it.", "date", "6/11"),
        ("The car, KCA 123B, was gone.", "plate", "KCA 123B"),
        ("A lorry, MH 12 AB 1234, hit them.", "plate", "MH 12 AB 1234"),
        ("The rego was ABC-123.", "plate", "ABC-123"),
        ("Pump serial AL-880213 failed.", "device", "AL-880213"),
        ("My NMC PIN 12A3456E was referred.", "id", "12A3456E"),
        ("The complaint ref CMP-2023-0456 arrived.", "id", "CMP-2023-0456"),
        ("He died in OR 4.", "facility", "OR 4"),
        ("She was on 5 North for weeks.", "facility", "5 North"),
        ("my patient tunde was 6", "name", "tunde"),
        ("We drove out to Kasarani that night.", "name", "Kasarani"),
    ],
)
def test_single_shapes(text, kind, value):
    assert (kind, value) in {(found.type, found.text) for found in find_identifiers(text)}


def test_empty_text_has_no_identifiers():
    assert find_identifiers("") == []
    assert find_identifiers("   \n") == []
    assert redact("") == ""


def _covered_text(text: str) -> str:
    return " ".join(identifier.text for identifier in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Old ages written in passing: set off by commas, opening a sentence, with a tail.
        ("Bridie Fallon, ninety-three, from out past Ballyhaunis.", "ninety-three"),
        ("She was on Ward 5. 91 and sharp as anything.", "91"),
        ("Darlene, 90+, from Bowness, fell at a bus stop.", "90+"),
        ("Mrs Fitzpatrick on Ward 10 was 90-odd.", "90-odd"),
        ("She died just before her 99th.", "99th"),
        # Codes by their shape, and long numbers later in a sentence that names a card or file.
        ("Her file number at the hospital was MMSH/OB/2023/4418.", "MMSH/OB/2023/4418"),
        ("His Alberta health card was in his wallet, 31452-8876, and I kept it.", "31452-8876"),
        ("His son sent a donation, cheque no. 004417, in his name.", "004417"),
        # Dates in other calendars and languages, and weekdays with numeric dates.
        ("We lost her on 30 Ramadan, the day before Sallah.", "30 Ramadan"),
        ("He died on Sunday 12/5/24 watching the sheep.", "12/5/24"),
        ("She died at home on the 9th of December, 2024, with the rosary going.", "2024"),
        # Numbered roads, and hospitals named after a ward or a verb of arriving.
        ("He lived in a cabin off Hwy 22 with his dogs.", "Hwy 22"),
        ("She was on Ward 3 at Heartlands after a stroke.", "Heartlands"),
        ("He died at the Foothills the next week.", "Foothills"),
    ],
)
def test_realistic_identifiers_are_found(text, value):
    assert value in _covered_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her sats were 88, 92, 94 on high flow.",
        "She was admitted to ICU. She improved for a day.",
        "The number of patients that winter was 12,000 across the region.",
        "He was the 3rd to die on the ward that week.",
    ],
)
def test_realistic_clean_text_stays_clean(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We ran 10-12 units of fluid.",
        "At 10.30 we moved her to the 3rd floor.",
        "Pain 7/10, GCS 14/15.",
        "It worked on the 2nd attempt.",
        "It was 100 years ago.",
        "He was on 2-3 litres.",
        "I put on the N95 and went in.",
        "We drove down the main road to town.",
        "RR 28, sats 91 on air.",
    ],
)
def test_new_forms_leave_ordinary_text_alone(text):
    assert find_identifiers(text) == []
