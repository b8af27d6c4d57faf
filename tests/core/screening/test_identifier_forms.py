"""Identifier forms from many countries that the screen missed before the written4 round, and the
ordinary text around them that must stay unflagged. Written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.screening.evaluation import NAMES_AND_PLACES, STRUCTURED, evaluate_identifiers
from bot.core.screening.identifiers import find_identifiers, redact

TRAINING = Path(__file__).resolve().parents[3] / "training" / "identifiers"


def _covered_text(text: str) -> str:
    return " ".join(identifier.text for identifier in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Dates in words, after "on", in other languages, numeric dates the score filter used to drop.
        ("We admitted him on the second of March and he died the next day.", "the second of March"),
        ("She died on the twenty-third of May, a Sunday.", "the twenty-third of May"),
        ("He died on the eleventh and we buried him on the twentieth.", "the eleventh"),
        ("She died on the 30th listening to the cricket.", "the 30th"),
        ("My first death was at the QE, 30/9, a Tuesday.", "30/9"),
        ("The consultant wrote the date as 3/4 on the certificate.", "3/4"),
        ("Adm 4/4 with a chest infection, she never went home.", "4/4"),
        ("Her bloods came back 14-Feb, the day after.", "14-Feb"),
        ("namatay siya nung 3rd, madaling araw.", "3rd"),
        ("Faleceu no dia 4 de março, de madrugada.", "dia 4 de março"),
        ("Elle est morte le 14 juillet, pendant les feux.", "14 juillet"),
        ("He died on 29 Ekim, Republic Day.", "29 Ekim"),
        ("In March of 2021 the ward was full of Covid.", "March of 2021"),
        # Festivals and named days of many countries.
        ("The baby died on Madaraka Day while the parade went past.", "Madaraka Day"),
        ("We lost her on Vesak night.", "Vesak"),
        ("He came in on sankranti with a kite-string wound.", "sankranti"),
        ("She died on Paddy's Day, of all days.", "Paddy's Day"),
        ("It was NYE and we had three arrests.", "NYE"),
        ("xmas day i was on nights and he died at 5", "xmas day"),
        # Two readings of one date are kept as one span, so the holiday is not left in the clear.
        ("He died on Carnival Monday, 12/02/2024, at the hospital.", "Carnival Monday, 12/02/2024"),
        # Old ages in shorthand and in words, in English and other languages.
        ("A woman in her late nineties came in from the home.", "in her late nineties"),
        ("The chart called him a nonagenarian, which he hated.", "nonagenarian"),
        ("pt dawson 92f found down at home", "92f"),
        ("She'd have been 93 next month.", "93"),
        ("A woman of 92 came in by herself.", "92"),
        ("At 92 she was still driving to church.", "92"),
        ("F/92 with a fractured neck of femur.", "F/92"),
        ("92 y F with sepsis from the care home.", "92 y F"),
        ("She was pushing 95 and still did the crossword.", "pushing 95"),
        ("A woman, early nineties, came in from the home.", "early nineties"),
        ("Seu Manuel, noventa e dois anos, tinha medo do escuro.", "noventa e dois anos"),
        # Record and ID numbers with no cue the screen knew, or none at all.
        ("Episode EP 4419 8821 is still in my notes.", "EP 4419 8821"),
        ("PESEL 31020412345 on the transfer form.", "31020412345"),
        ("Her TRN was 123-456-789, written on the back of her hand.", "123-456-789"),
        ("His cédula 21.345.678 was in his wallet.", "21.345.678"),
        ("Fallnummer 2024-0048812, Station 4B.", "2024-0048812"),
        ("COREN-SP 123456 is the nurse's number on the complaint.", "123456"),
        ("The sticker said 20240048812 and nothing else.", "20240048812"),
        # Hospitals by short name or initials, wards with their code, units before a bed.
        ("Intern year at KEM, 36-hour duties.", "KEM"),
        ("He was in side room 6 on Ward 22, the Royal.", "the Royal"),
        ("grandad was left in the corridor at the royal for 14 hrs", "the royal"),
        ("Blue light to the Vic from the coast.", "the Vic"),
        ("Kia ora. Middlemore, Waitangi Day.", "Middlemore"),
        ("Duty at PGH Ward 3, twelve patients each.", "PGH Ward 3"),
        ("Sunnybrook ward C6 was where she died.", "ward C6"),
        ("I was the charge nurse in CVICU bed 9 that night.", "CVICU bed 9"),
        ("She died on Ward A3 after theatre.", "Ward A3"),
        ("Posted to Thika Level 5 for my internship.", "Thika Level 5"),
        ("Room 10, Hospice of the Valley, at dawn.", "Hospice of the Valley"),
        ("She came back on 7A after theatre.", "7A"),
        ("she died at lapu-lapu district hospital", "lapu-lapu district hospital"),
        ("we all loved st luke's, even the night shift", "st luke's"),
        ("The baby was born at Our Lady's at 23 weeks.", "Our Lady's"),
        ("We referred her from Bugoye HC III on a motorbike.", "Bugoye HC III"),
        ("habitación 412, urgencias, a las tres.", "habitación 412"),
        ("We sent him to Kijabe mission hospital by road.", "Kijabe mission hospital"),
        ("Ospital ng Maynila was full that night.", "Ospital ng Maynila"),
        ("She was brought to RHU 2 in the rain.", "RHU 2"),
        # Names where only what surrounds them says so.
        ("Aisling's baby was born at 23+5 and lived three hours.", "Aisling"),
        ("Kayden, 4 months, came up from ED.", "Kayden"),
        ("The lights failed. Bisola delivered by torchlight.", "Bisola"),
        ("we lost kayla in the early hours", "kayla"),
    ],
)
def test_forms_found(text, value):
    assert value in _covered_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "She was the first to go and the third was worse.",
        "He died on the fourth night of his admission.",
        "We were on the 3rd floor and it worked on the 2nd attempt.",
        "He was 88 and wanted to see one more game.",
        "In the 90s my mum was a nurse; in her 80s she still talks about it.",
        "Pain was 14/10, GCS 13/15, and sats 88 90 92 94 on high flow.",
        "A 0700-1930 shift, then 2019-2024 in the same unit.",
        "HR 140 150 160 and PLT 150000 before the bleed.",
        "She was admitted to a Level 3 NICU and started on B12.",
        "The Royal College of Nursing sent a survey that week.",
        "Hospital of the Year award, they said, on a night with no beds.",
        "In a district hospital the local clinic is a general hospital in all but name.",
        "She was 92 on room air and 95 kg on the scales.",
        "I've lost interest in everything and I held iPads for families.",
        "Patient's wife told me he had left a letter.",
        "His coffin passed the hospital, a tradition here.",
        "Caller's husband took the phone from her.",
        "I took something from the Pyxis but put it back.",
        "Salicylates: mixed resp alk and met acidosis.",
        "In the late 90s I trained; the mid-90s were hard.",
        "We were at 92% capacity and the ICU was full.",
    ],
)
def test_ordinary_text_stays_clean(text):
    assert find_identifiers(text) == []


def test_redaction_of_new_forms_never_grows_a_long_story():
    """Short tags: a story at the form's limit never comes back longer once its new forms are redacted."""
    parts = [
        "On the twenty-third of May she died in CVICU bed 9 at the Royal, a woman of 92, episode EP 4419 8821.",
        "He was in her late nineties' ward, PESEL 31020412345, Madaraka Day, Thika Level 5, st luke's, 7A.",
    ]
    story = (" ".join(parts) * 40)[:4000]
    assert len(redact(story)) <= len(story)


def _rows(name: str) -> list[dict[str, object]]:
    with (TRAINING / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_written4_figures_hold():
    """Floors a little under the tuning figures on written4.jsonl, so a change that costs recall fails here."""
    report = evaluate_identifiers(_rows("written4.jsonl"))
    structured, places = report.recall(STRUCTURED), report.recall(NAMES_AND_PLACES)
    assert structured is not None and structured >= 0.97
    assert places is not None and places >= 0.91
    assert report.clean_flagged / report.clean <= 0.08
