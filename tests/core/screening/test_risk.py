"""The two-layer crisis screen: rules and model combined, the model's sentence quoted (redacted), the
shipped model built from the corpus in the repository."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.core.screening import crisis_model
from bot.core.screening.crisis import CrisisLevel, screen_rules
from bot.core.screening.risk import MODEL_SIGNAL, model, screen_crisis
from bot.core.stories import screen
from bot.db.stories import Draft

CORPUS = Path(__file__).parents[3] / "training" / "crisis"
# Phrasings from a new user's first tries: no rule names them (checked below), the model must.
RULES_MISS = (
    "The cat is with my sister now and the letters are written. Sunday.",
    "I have a plan and I am doing it tonight",
)
BURIED = "Nobody will need to cover for me after this week, I have made sure of that."


def test_the_model_catches_what_the_rules_miss_and_says_so():
    for text in RULES_MISS:
        assert screen_rules(text).level is CrisisLevel.NONE, text
        result = screen_crisis(text)
        assert result.level is CrisisLevel.URGENT, text
        assert result.signals[0].code == MODEL_SIGNAL
        assert result.signals[0].explanation.startswith("the wording is close to messages")
        assert result.signals[0].span is not None


def test_a_rule_that_is_as_severe_keeps_its_own_explanation():
    result = screen_crisis("I keep thinking about killing myself")
    assert result.level is CrisisLevel.URGENT
    assert all(signal.code != MODEL_SIGNAL for signal in result.signals)


def test_blank_and_ordinary_text_are_none():
    assert screen_crisis("").level is CrisisLevel.NONE
    assert screen_crisis("   \n").level is CrisisLevel.NONE
    assert screen_crisis("Thank you all for the kind words after Tuesday's shift.").level is CrisisLevel.NONE


def test_a_buried_sentence_in_a_long_story_counts_and_is_the_one_quoted():
    ordinary = (
        "The department was rammed from seven, two ambulances queued outside and the printer jammed again. "
        "We had a lovely lady in bay two who kept asking for toast, and the new registrar was brilliant with her. "
        "Handover ran long because the board was wrong, and I drank my tea cold at midnight as usual. "
    )
    assert screen_rules(BURIED).level is CrisisLevel.NONE
    text = ordinary * 3 + BURIED + " " + ordinary * 2
    assert len(text) > 1500
    result = screen_crisis(text)
    assert result.level is CrisisLevel.URGENT
    span = next(signal.span for signal in result.signals if signal.code == MODEL_SIGNAL)
    assert span is not None and text[span[0] : span[1]] == BURIED


def test_moderators_read_the_sentence_redacted():
    text = "I told Mrs Patel on ward 7 goodbye. Nobody will need to cover for me after this week, Mrs Patel."
    draft = Draft(1, 1, "key", text, None, False, True)
    screened = screen(draft)
    assert screened.crisis.level is CrisisLevel.URGENT
    quoted = [line for line in screened.signals if "the wording is close" in line]
    assert quoted and "Patel" not in quoted[0] and "[name]" in quoted[0]


def test_the_shipped_model_was_built_from_the_corpus_in_the_repository():
    """Change the corpus and this fails until `tools/train_crisis_model.py` is run again."""
    digest = hashlib.sha256()
    for path in sorted(CORPUS.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    assert model().version.endswith(digest.hexdigest()[:10])


def test_a_model_file_for_other_features_is_refused(tmp_path):
    path = tmp_path / "old.bin"
    data = crisis_model.MODEL_PATH.read_bytes().replace(b'"feature_version": 6', b'"feature_version": 1', 1)
    path.write_bytes(data)
    try:
        crisis_model.CrisisModel.load(path)
    except ValueError as error:
        assert "other features" in str(error)
    else:
        raise AssertionError("a model built for other features was accepted")


def test_sentences_keep_offsets_into_the_original_text():
    text = "First one. “Curly” second!\n\nThird?"
    spans = crisis_model.sentences(crisis_model.normalise(text))
    assert [text[a:b] for a, b in spans] == ["First one.", "“Curly” second!", "Third?"]
