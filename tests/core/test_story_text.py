"""Cleaning and redaction never lengthen text past the form's limit, whatever is typed."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.redaction import redact_within
from bot.core.screening.identifiers import find_identifiers
from bot.core.story_text import MAX_LENGTH, StoryTextError, clean

PIECES = ("@everyone", "@here", "<@1>", "<@&2>", "<#3>", "dsc.gg/q", "discord.gg/abc", "bed 4", "ward 7", "👩\u200d⚕️")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=300).map("".join))
def test_cleaning_never_makes_text_longer(raw):
    try:
        cleaned = clean(raw, min_length=1).text
    except StoryTextError:
        return
    assert len(cleaned) <= len(raw)


def test_redaction_that_would_overflow_uses_short_labels_and_fits():
    unit = "She was in bed 4 all night. "
    text = (unit * (MAX_LENGTH // len(unit) + 1))[:MAX_LENGTH]
    identifiers = find_identifiers(text)

    redacted = redact_within(text, identifiers)

    assert len(redacted) <= MAX_LENGTH
    assert "bed 4" not in redacted and "[…]" in redacted


def test_redaction_that_fits_keeps_the_usual_labels():
    text = "She was in bed 4 all night."
    assert redact_within(text, find_identifiers(text)) == "She was in [site] all night."
