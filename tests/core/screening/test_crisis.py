"""Crisis screen: the labelled evaluation set, and the behaviours moderators rely on.

The set its rules were written with guards the rule layer against regressions (it is no measurement:
held-out figures come from test_heldout.py); the focused tests pin down the
guards that matter most for healthcare workers (negation, idioms, clinical talk,
other people's words) so a regression names itself.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.core.screening.crisis import screen_rules
from bot.core.screening.results import CrisisLevel, CrisisResult, Signal

EVAL_PATH = Path(__file__).parents[3] / "training" / "crisis" / "rules_eval.jsonl"
LABELS = {"urgent", "concern", "none"}

URGENT_RECALL_TARGET = 0.95
NONE_TO_URGENT_LIMIT = 0.05
CONCERN_CAUGHT_TARGET = 0.85

NONE = CrisisLevel.NONE
CONCERN = CrisisLevel.CONCERN
URGENT = CrisisLevel.URGENT


def load_eval() -> list[dict[str, str]]:
    with EVAL_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def eval_set() -> list[dict[str, str]]:
    return load_eval()


@pytest.fixture(scope="module")
def predictions(eval_set: list[dict[str, str]]) -> list[tuple[dict[str, str], CrisisResult]]:
    return [(row, screen_rules(row["text"])) for row in eval_set]


def _share(rows: list[tuple[dict[str, str], CrisisResult]], hit: set[CrisisLevel]) -> float:
    return sum(result.level in hit for _, result in rows) / len(rows)


def _listing(rows: list[tuple[dict[str, str], CrisisResult]]) -> str:
    return "\n".join(
        f"  [{row['label']} -> {result.level}] ({row['kind']}) {row['text']}"
        f" :: {[signal.code for signal in result.signals]}"
        for row, result in rows
    )


# ---- the evaluation set ---------------------------------------------------------------------------


def test_eval_set_size_and_composition(eval_set):
    assert len(eval_set) >= 170
    for row in eval_set:
        assert set(row) == {"text", "label", "kind"}, row
        assert row["label"] in LABELS, row
        assert row["text"].strip() and row["kind"].strip(), row
    texts = [row["text"] for row in eval_set]
    duplicates = [text for text, count in Counter(texts).items() if count > 1]
    assert not duplicates, f"duplicate texts: {duplicates}"

    labels = Counter(row["label"] for row in eval_set)
    assert labels["urgent"] >= 40
    assert labels["concern"] >= 35
    hard_negatives = [row for row in eval_set if row["kind"].startswith("hard_negative")]
    assert all(row["label"] == "none" for row in hard_negatives)
    assert len(hard_negatives) >= 57
    assert len(hard_negatives) * 3 >= len(eval_set)


def test_eval_metrics_meet_targets(predictions, capsys):
    urgent = [p for p in predictions if p[0]["label"] == "urgent"]
    concern = [p for p in predictions if p[0]["label"] == "concern"]
    none = [p for p in predictions if p[0]["label"] == "none"]

    urgent_recall = _share(urgent, {URGENT})
    none_to_urgent = _share(none, {URGENT})
    none_flagged = _share(none, {CONCERN, URGENT})
    concern_caught = _share(concern, {CONCERN, URGENT})
    with capsys.disabled():
        print(
            f"\nrule layer on its own rule-writing set (a guard, not a measurement): {len(predictions)} messages "
            f"({len(urgent)} urgent, {len(concern)} concern, {len(none)} none)\n"
            f"  urgent recall (urgent -> urgent):           {urgent_recall:.3f}  target >= {URGENT_RECALL_TARGET}\n"
            f"  false alarm (none -> urgent):               {none_to_urgent:.3f}  limit <= {NONE_TO_URGENT_LIMIT}\n"
            f"  none flagged at all (none -> not none):     {none_flagged:.3f}\n"
            f"  concern caught (concern -> concern/urgent): {concern_caught:.3f}  target >= {CONCERN_CAUGHT_TARGET}"
        )

    missed_urgent = [p for p in urgent if p[1].level is not URGENT]
    false_alarms = [p for p in none if p[1].level is URGENT]
    missed_concern = [p for p in concern if p[1].level is NONE]
    assert urgent_recall >= URGENT_RECALL_TARGET, f"urgent messages missed:\n{_listing(missed_urgent)}"
    assert none_to_urgent <= NONE_TO_URGENT_LIMIT, f"false urgent alarms:\n{_listing(false_alarms)}"
    assert concern_caught >= CONCERN_CAUGHT_TARGET, f"concern messages missed:\n{_listing(missed_concern)}"


def test_every_signal_has_a_code_level_and_explanation(predictions):
    seen: set[str] = set()
    for _, result in predictions:
        for signal in result.signals:
            assert signal.code and signal.code == signal.code.strip().lower()
            assert signal.level in (CONCERN, URGENT)
            assert signal.explanation.strip(), signal
            assert "{" not in signal.explanation, signal  # templates are filled in
            seen.add(signal.code)
    assert len(seen) >= 15, f"the evaluation set exercises too few signals: {sorted(seen)}"


def test_rule_gates_cover_their_matches(eval_set):
    """A rule runs only when one of its gate words is present, so each of its matches must contain one.

    A wrong gate would silently switch a rule off; this checks every rule against every eval text.
    """
    from bot.core.screening import crisis  # internals: the gate invariant has no public surface

    wrong = []
    for row in eval_set:
        text = crisis._fold(row["text"]).lower()
        for rule in crisis._RULES:
            for pattern in rule.patterns:
                for match in crisis._word_matches(pattern, text):
                    if not crisis._gates_present(match.group()) & set(rule.gate):
                        wrong.append(f"{rule.code} {rule.gate}: {match.group()!r}")
    assert not wrong, "matches without a gate word:\n" + "\n".join(wrong)


# ---- focused behaviours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just really tired after nights",
        "I would never hurt myself, I just need somewhere to vent",
        "honestly I don't want to die, I want the rota to change",
        "no plans to end my life, I promise, I'm just angry",
        "not in a kms way lol, just done with this week",
    ],
)
def test_negated_statements_are_not_flagged(text):
    assert screen_rules(text).level is NONE


def test_negation_is_scoped_to_its_clause():
    result = screen_rules("I'm not suicidal but honestly I can't go on like this")
    assert result.level is CONCERN
    assert [signal.code for signal in result.signals] == ["overwhelmed"]
    assert screen_rules("I don't know why, but I want to kill myself").level is URGENT
    assert screen_rules("I can't stop thinking about killing myself").level is URGENT


@pytest.mark.parametrize(
    "text",
    [
        "this on-call rota is killing me",
        "I could murder a bacon roll right now",
        "I'm dying to get home and sleep",
        "absolutely killing it on the cannulas today",
        "I'd rather die than do another week of nights with him",
    ],
)
def test_everyday_idioms_are_not_flagged(text):
    assert screen_rules(text).level is NONE


@pytest.mark.parametrize(
    "text",
    [
        "pt in bed 12 died by suicide overnight, police informed",
        "she'd overdosed on 32 paracetamol, started on NAC",
        "coded him for 45 minutes before we called it",
        "gave 5mg morphine IV and 4mg ondansetron",
        "how much insulin do you start in DKA these days?",
    ],
)
def test_clinical_talk_about_patients_is_not_flagged(text):
    assert screen_rules(text).level is NONE


def test_other_peoples_words_are_not_the_writer_s():
    assert screen_rules("my patient said he wanted to die").level is NONE
    assert screen_rules('She said "I just want to go to sleep and not wake up" and I froze').level is NONE
    assert screen_rules("occ health asked if I'd had thoughts of suicide").level is NONE
    assert screen_rules("I told my GP I want to die").level is URGENT


@pytest.mark.parametrize(
    ("text", "term"),
    [("ngl kms after that shift", "kms"), ("lowkey want to unalive myself", "unalive")],
)
def test_slang_is_urgent_and_named(text, term):
    result = screen_rules(text)
    assert result.level is URGENT
    slang = next(signal for signal in result.signals if signal.code == "slang")
    assert term in slang.explanation


def test_means_and_knowing_the_amount_are_urgent():
    result = screen_rules("I know exactly how much of the insulin on the ward it would take")
    assert result.level is URGENT
    assert "lethal_amount" in {signal.code for signal in result.signals}
    assert screen_rules("💊💊 tonight").level is URGENT
    assert screen_rules("the 💊 trolley is broken again").level is NONE


def test_apostrophes_curly_or_missing():
    for text in ("I don’t want to be alive anymore", "i dont want to be alive anymore"):
        assert screen_rules(text).level is URGENT, text
    assert screen_rules("Im not suicidal, dont worry").level is NONE


def test_vague_preparation_needs_support():
    assert screen_rules("I finally made my will last weekend").level is NONE
    assert screen_rules("I made my will and wrote letters to my kids").level is URGENT


def test_past_episodes_and_jokes():
    assert screen_rules("Years ago I tried to kill myself. I'm well now, please reach out.").level is NONE
    assert screen_rules("dead inside after that audit lol").level is NONE
    assert screen_rules("lol I'm fine, just thinking about kms").level is URGENT


def test_signals_are_deduplicated_and_most_severe_first():
    result = screen_rules(
        "I feel numb. I've been drinking every night after shift. "
        "I want to die. Honestly I want to die, I keep thinking about killing myself."
    )
    codes = [signal.code for signal in result.signals]
    assert len(codes) == len(set(codes))
    ranks = {NONE: 0, CONCERN: 1, URGENT: 2}
    levels = [ranks[signal.level] for signal in result.signals]
    assert levels == sorted(levels, reverse=True)
    assert result.level is URGENT and result.signals[0].level is URGENT
    assert {"wish_dead", "suicidal_thoughts", "numb", "drinking"} <= set(codes)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_none(text):
    assert screen_rules(text) == CrisisResult(NONE, ())


def test_interface_types():
    assert [level.value for level in CrisisLevel] == ["none", "concern", "urgent"]
    result = screen_rules("I want to die")
    assert isinstance(result.signals, tuple)
    assert all(isinstance(signal, Signal) for signal in result.signals)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = NONE  # type: ignore[misc]


def test_long_or_adversarial_input_stays_fast():
    texts = [
        "I keep thinking about the patient and the family and the monitor and " * 60,
        "she said 'i ' and ' " * 200,
        "i want to want to want to " * 160,
        "💊" * 4000,
    ]
    for text in texts:
        start = time.perf_counter()
        screen_rules(text[:4000])
        assert time.perf_counter() - start < 0.05, text[:40]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I took 30 of my sertraline an hour ago", "urgent"),
        ("I took all my pills tonight", "urgent"),
        ("I have a plan and I have the means. I just need the courage.", "urgent"),
        ("I took 2 paracetamol for my headache", "none"),
        ("I took 10 mg of morphine for my back, as prescribed", "none"),
        ("He took 40 paracetamol before coming in.", "none"),
    ],
)
def test_an_overdose_already_taken_and_plan_with_means(text, level):
    assert screen_rules(text).level.value == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I've decided tonight is the night.", "urgent"),
        ("I can't keep living like this.", "urgent"),
        ("there's no reason for me to stay alive", "urgent"),
        ("Tonight I'm going to make it stop for good.", "urgent"),
        ("I can't promise I'll be safe tonight.", "urgent"),
        ("I sat in the car in the garage with the engine running for a while last night.", "urgent"),
        ("I keep looking at the bridge on my drive home.", "urgent"),
        ("I know exactly how much potassium would do it.", "urgent"),
        ("Everyone would be happier if I just disappeared forever.", "urgent"),
        ("I'm going to take the fentanyl patches home with me tonight.", "urgent"),
        ("I've been cutting again and it's getting deeper.", "urgent"),
        ("Tonight is the night shift party, see you there!", "none"),
        ("I gave my dog to my mum while I'm on nights this week.", "none"),
        ("How much insulin would do it for a DKA patient? asking for the protocol", "none"),
        ("The patient crashed on purpose, police said, and we worked on him for an hour.", "none"),
        ("I can't promise I'll be on time tomorrow.", "none"),
        ("She was cutting herself and we referred her to CAMHS.", "none"),
        ("Goodbye everyone, my last shift here before I move to Leeds!", "none"),
    ],
)
def test_phrasings_found_after_the_evaluation_set_was_written(text, level):
    """A second, later batch: kept separate so the evaluation set stays one the rules were not built from."""
    assert screen_rules(text).level.value == level


# ---- hard negatives the rules used to flag, and plain statements they used to miss ------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A crisis long past, told with a present-tense recovery.
        "Three years ago I was in a very dark place and had thoughts of suicide. Therapy helped. I'm really well now.",
        "I spent a month in hospital in 2018 after I'd planned to end things. I'm now an SHO and I sleep well.",
        "It's been seven years since I tried to end my life, and I want to share that I'm still here and I'm okay.",
        "Ten years ago I took an overdose as a student. I'm a consultant now, married, and I've been well for years.",
        "A year ago I wrote here that I was collecting tablets. I haven't had a single thought about ending my life "
        "since February. I'm alive and glad.",
        # Leaving a job or a group chat.
        "This is my last message in the unit group chat since my contract ends tonight. Thanks all!",
        "Leaving the work WhatsApp because it buzzes at 3am. This is my last message in there.",
        "I'm retiring on Friday. I've been giving away my things to the young nurses. "
        "I won't need them where I'm going.",
        "Final day at the hospital today. Leaving to start my residency. I said goodbye to everyone.",
        # Other people's words and acts.
        "A colleague came into the break room, shut the door, and said, 'I think I'm going to kill myself.'",
        "I had a woman on the line who'd taken a load of her husband's pills; the crew got there in time.",
        "I've seen people who've stockpiled pills and people who've written letters to their children.",
        "Customers tell me their husband used the tablets I gave them to end things.",
        # Teaching, checklists and advice.
        "Warning signs for the induction session:\n- Giving away possessions\n- Stockpiling medication",
        "It's not normal to feel nothing for months, or to want to not wake up. Talk to someone.",
        # Exasperation and jokes.
        "if i see one more question about the krebs cycle i'm going to unalive my textbook",
        "If I have to see one more drunk I'm going to overdose on coffee.",
        "If the PACS crashes one more time I'll kill myself.",
        "if i don't pass the anatomy exam i'll literally kill myself lol",
        "The mother was so funny in labour. I laughed so much I want to die!",
        # A farewell letter to the ward when moving on.
        "I am transferring to Zomba Central next month. I have written a farewell letter to my ward.",
        "I'm going to end it tonight. With my boyfriend. He called night nurses lazy.",
        "Friday is the day! Flying to Tenerife after my last night shift.",
        "Last nights done! I'm done, properly done, till the new year!",
        # A commute over a bridge is not a rehearsal.
        "Walked across the Millennium Bridge again on my lunch break, love this city.",
        "Drove over the Severn bridge again today on the way to my mum's.",
        "Went to the railway museum again with the kids, they loved the trains.",
        # Two rules on the same words are one piece of evidence.
        "I gave my dog to my mum while I'm on nights this week.",
        # "Everyone thinks I'm fine. I'm not." is distress, not a cover story for a plan.
        "Everyone at work thinks I'm fine. I'm not. I'm hollow. Not in danger, just hollow.",
        # Clinical talk and everyday errands that share words with the new rules.
        "Pt took the rest of her tramadol and was brought in by her daughter, we gave naloxone.",
        "I took my sertraline an hour ago and I feel a bit sick, is that normal at the start?",
        "Which is faster for hyperkalaemia, the insulin or the salbutamol? Asking for the protocol.",
        "I counted them again at handover because the CD count was off by one ampoule.",
        "Stood on the platform for an hour again tonight because the trains were cancelled.",
        "I'm on the roof. Fixing the guttering with my dad, back on the ward tomorrow.",
        "Gave my old stethoscope to the new starter, I won't need it anymore since I got a new one.",
        "Drove home with my eyes closed for a second by accident, I was so tired. Pulled over and napped.",
    ],
)
def test_hard_negatives_are_not_urgent(text):
    assert screen_rules(text).level is not URGENT, [s.code for s in screen_rules(text).signals]


@pytest.mark.parametrize(
    "text",
    [
        "Took an overdose yesterday. Nobody knows. Came into work anyway.",
        "cut again tonight after shift. first time in years.",
        "ward was ok today. took the rest of my co-codamol after tea though. like 30.",
        "Still have mom's morphine from hospice. I never gave it back. I'm going to take it tonight.",
        "been keeping grandads leftover morphine since he passed. its in my car glovebox",
        "standing on the footbridge near the hospital again. 3rd time today.",
        "went to the train tracks by the hospital again. 5th time. closer each time",
        "Anybody want my boots? Where I'm headed I won't need any of it.",
        "i'm going thru with it after my shift tomorrow.",
        "Which is faster, the insulin or the potassium? Asking for me, I have both.",
        "I've got the date circled. 14th. My partner thinks it's a dentist appointment.",
        "Not going to be around much longer. I'm okay with that.",
        "Gave away my boots and my jacket at the station today. The guys think I'm retiring. I'm not.",
        "Somebody pick up my Tuesday. I won't be there, and not because I'm sick.",
        "Wrote letters to my kids. Hid them in the freezer where they'll find them.",
        "what wouldnt get picked up on a tox screen like. askin for me",
        # Exasperation that the writer says is not a joke; a laugh alone excuses nothing.
        "swear down if one more person tells me to do a wellbeing module im gonna kms. not a joke anymore. "
        "i actually looked at the train times tonight",
        "took the rest of my co-codamol after tea lol. like 30.",
        "if he leaves me i will kill myself",
        # A farewell letter to the family; a patient's transfer is not the writer's move.
        "I wrote a farewell letter to my kids last night. They will find it after.",
        "We transferred him to the burn unit in Iowa City. I have decided that after my stretch on the 22nd "
        "I am not going to be here anymore.",
        # A story of recovery does not settle what happened since.
        "Three years ago I was suicidal and got help. I'm better now. Yesterday I took the rest of my sertraline.",
        "A year ago I wrote here that I was planning to end things. I'm okay. I've started stockpiling my meds.",
        "Two years ago I tried to end my life. I got better, but the thoughts are back "
        "and I'm stockpiling my meds again.",
    ],
)
def test_plain_statements_of_risk_are_urgent(text):
    assert screen_rules(text).level is URGENT, [s.code for s in screen_rules(text).signals]
