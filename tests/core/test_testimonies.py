"""The testimony library: shipped content is complete and exact, and malformed files fail loudly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.core.errors import ContentError
from bot.core.testimonies import (
    MAX_PROMPT_CHARS,
    MAX_PROMPTS,
    MIN_PROMPTS,
    Library,
    Source,
    load_library,
    verify_quotes,
)
from bot.paths import seeds_dir

NAMED_VOICES = {
    "Smeeee",
    "boldwhite",
    "TheGreatGator",
    "KirinG",
    "Jacks_human",
    "Roy_Vzla",
    "J-HOF",
    "Facetus",
    "Jimbomac",
}
# Unnamed voices are recognised by their role.
UNNAMED_ROLES = {"EMT/paramedic", "son-in-law of a patient", "child of a doctor", "speaking anonymously"}

VALID_ENTRY = """
[[testimony]]
id = "{id}"
speaker = "A nurse"
role = "nurse"
quote = "We did everything we could."
themes = ["{theme}"]
prompts = ["What stays with you?", "Who do you talk to?"]
[[testimony.sources]]
seed = "article.txt"
"""
THEMES = '[themes]\nloss = "Loss"\nbad-news = "Breaking bad news"\n'


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "testimonies.toml"
    path.write_text(text, encoding="utf-8")
    return path


def entry(id: str = "nurse-everything", theme: str = "loss") -> str:
    return VALID_ENTRY.format(id=id, theme=theme)


# --- the shipped library -------------------------------------------------------------------


def test_shipped_library_loads_with_prompts_and_known_themes(library: Library) -> None:
    assert library.testimonies
    for testimony in library.testimonies:
        assert MIN_PROMPTS <= len(testimony.prompts) <= MAX_PROMPTS, testimony.id
        assert testimony.themes, testimony.id
        assert set(testimony.themes) <= set(library.themes), testimony.id


def test_enough_reflections_for_daily_posts(library: Library) -> None:
    assert len(library.reflections()) >= 40


def test_ids_are_unique(library: Library) -> None:
    ids = [testimony.id for testimony in library.testimonies]
    assert len(ids) == len(set(ids))
    reflection_ids = [reflection.id for reflection in library.reflections()]
    assert len(reflection_ids) == len(set(reflection_ids))


def test_every_theme_is_used_at_least_twice(library: Library) -> None:
    counts = Counter(theme for testimony in library.testimonies for theme in testimony.themes)
    assert {theme: counts[theme] for theme in library.themes if counts[theme] < 2} == {}


def test_every_voice_in_the_articles_appears(library: Library) -> None:
    speakers = {testimony.speaker for testimony in library.testimonies}
    roles = {testimony.role for testimony in library.testimonies}
    assert speakers >= NAMED_VOICES
    assert roles >= UNNAMED_ROLES


def test_prompts_are_short_open_questions_that_follow_safe_messaging(library: Library) -> None:
    for testimony in library.testimonies:
        for prompt in testimony.prompts:
            assert len(prompt) < MAX_PROMPT_CHARS, prompt
            assert prompt.rstrip().endswith("?"), prompt
            lowered = prompt.casefold()
            for phrase in ("you should", "committed suicide", "don't be sad", "cheer up"):
                assert phrase not in lowered, prompt


def test_conflicting_accounts_are_flagged_not_merged(library: Library) -> None:
    """004 tells a different story of the photo; its entries and the poster's must say so."""
    for testimony in library.testimonies:
        seeds = {source.seed[:3] for source in testimony.sources}
        if "004" in seeds or testimony.id.startswith("poster-"):
            assert testimony.note and "different story" in testimony.note, testimony.id


def test_a_child_s_death_carries_a_content_warning(library: Library) -> None:
    for testimony_id in ("boldwhite-stairwells", "anonymous-colleague-hit-hard"):
        testimony = next(t for t in library.testimonies if t.id == testimony_id)
        assert testimony.content_warning == "death of a young child"


def test_every_quote_is_verbatim_in_its_seed_articles(library: Library) -> None:
    seeds = seeds_dir()
    if seeds is None:
        pytest.skip("seed articles (../shared/seeds) are not present; quotes cannot be checked")
    assert verify_quotes(library, seeds) == []
    cited = {source.seed for testimony in library.testimonies for source in testimony.sources}
    assert cited == {path.name for path in seeds.glob("*.txt")}


# --- attribution ---------------------------------------------------------------------------


def test_attribution_names_speaker_role_and_most_specific_source(library: Library) -> None:
    testimony = next(t for t in library.testimonies if t.id == "smeeee-machine-like")
    assert testimony.attribution() == "Smeeee, ER doctor — The Independent, 20 March 2015"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            Source("a.txt", "The Independent", "Jon Stone", "2015-03-20"),
            "The Independent, Jon Stone, 20 March 2015",
        ),
        (Source("a.txt", None, None, "2018"), "news article (2018)"),
        (Source("a.txt", None, "Jon Stone", "2015-03"), "news article by Jon Stone (March 2015)"),
        (Source("a.txt", None, None, None), "news report"),
    ],
)
def test_source_describe_never_shows_the_seed_file(source: Source, expected: str) -> None:
    assert source.describe() == expected


# --- lookups -------------------------------------------------------------------------------


def test_theme_id_accepts_id_or_label_in_any_case(library: Library) -> None:
    assert library.theme_id("bad-news") == "bad-news"
    assert library.theme_id("Breaking bad news") == "bad-news"
    assert library.theme_id("  BREAKING BAD NEWS ") == "bad-news"
    assert library.theme_id("no such theme") is None


def test_reflections_filter_by_theme(library: Library) -> None:
    chosen = library.reflections("bad-news")
    assert chosen
    assert all("bad-news" in reflection.testimony.themes for reflection in chosen)
    assert library.reflections("Breaking bad news") == chosen
    assert len(chosen) < len(library.reflections())
    with pytest.raises(ValueError, match="unknown theme"):
        library.reflections("no such theme")


def test_reflection_ids_round_trip(library: Library) -> None:
    for reflection in library.reflections():
        assert library.reflection(reflection.id) == reflection
    first = library.testimonies[0]
    found = library.reflection(f"{first.id}#1")
    assert found is not None
    assert (found.testimony, found.prompt) == (first, first.prompts[0])
    assert library.reflection(f"{first.id}#{len(first.prompts) + 1}") is None
    assert library.reflection("nobody#1") is None


# --- malformed files -----------------------------------------------------------------------


def test_a_minimal_valid_file_loads(tmp_path: Path) -> None:
    library = load_library(write(tmp_path, THEMES + entry()))
    assert [reflection.id for reflection in library.reflections()] == [
        "nurse-everything#1",
        "nurse-everything#2",
    ]


def assert_names(error: pytest.ExceptionInfo[ContentError], path: Path, entry: str | None, field: str | None) -> None:
    assert error.value.file == str(path)
    assert error.value.entry == entry
    assert error.value.field == field
    assert str(path) in str(error.value)
    if entry is not None:
        assert entry in str(error.value)
    if field is not None:
        assert field in str(error.value)


def test_unknown_theme_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, THEMES + entry(theme="sadness"))
    with pytest.raises(ContentError, match="unknown theme 'sadness'") as error:
        load_library(path)
    assert_names(error, path, "nurse-everything", "themes")


def test_missing_quote_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, THEMES + entry().replace('quote = "We did everything we could."\n', ""))
    with pytest.raises(ContentError, match="missing") as error:
        load_library(path)
    assert_names(error, path, "nurse-everything", "quote")


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, THEMES + entry() + entry())
    with pytest.raises(ContentError, match="duplicate") as error:
        load_library(path)
    assert_names(error, path, "nurse-everything", "id")


def test_bad_toml_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, THEMES + "[[testimony]\nid = ")
    with pytest.raises(ContentError, match="not valid TOML") as error:
        load_library(path)
    assert_names(error, path, None, None)


def test_entry_without_id_is_named_by_position(tmp_path: Path) -> None:
    path = write(tmp_path, THEMES + entry() + entry().replace('id = "nurse-everything"\n', ""))
    with pytest.raises(ContentError) as error:
        load_library(path)
    assert_names(error, path, "#2", "id")


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        (
            'prompts = ["What stays with you?", "Who do you talk to?"]',
            'prompts = ["What stays with you?"]',
            "prompts",
            "needs 2 to 4",
        ),
        (
            'prompts = ["What stays with you?", "Who do you talk to?"]',
            'prompts = ["A?", "B?", "C?", "D?", "E?"]',
            "prompts",
            "needs 2 to 4",
        ),
        ('quote = "We did everything we could."', f'quote = "{"x" * 601}"', "quote", "characters"),
        (
            'quote = "We did everything we could."',
            'quote = "“We did everything we could.”"',
            "quote",
            "quotation marks",
        ),
        ('role = "nurse"', "role = 3", "role", "must be a string"),
        ('speaker = "A nurse"', 'speaker = "  "', "speaker", "must not be empty"),
        ('themes = ["loss"]', 'themes = "loss"', "themes", "list of non-empty strings"),
        ('themes = ["loss"]', "themes = []", "themes", "at least one theme"),
        ('id = "nurse-everything"', 'id = "Nurse_Everything"', "id", "kebab-case"),
        ('role = "nurse"', 'role = "nurse"\nprompt = "Typo?"', "prompt", "unknown field"),
        ('"Who do you talk to?"', '"Who do you think you should talk to?"', "prompts[2]", "safe messaging"),
        ('seed = "article.txt"', 'seed = "../article.txt"', "sources[1].seed", "bare file name"),
        ('seed = "article.txt"', 'seed = "article.txt"\ndate = "20 March 2015"', "sources[1].date", "YYYY"),
        (
            'seed = "article.txt"',
            'seed = "article.txt"\ndate = 2015-03-20',
            "sources[1].date",
            "must be a string",
        ),
    ],
)
def test_malformed_fields_are_rejected(tmp_path: Path, old: str, new: str, field: str, problem: str) -> None:
    text = entry()
    assert old in text
    path = write(tmp_path, THEMES + text.replace(old, new))
    with pytest.raises(ContentError, match=problem) as error:
        load_library(path)
    entry_name = "Nurse_Everything" if field == "id" else "nurse-everything"
    assert_names(error, path, entry_name, field)


def test_missing_sources_are_rejected(tmp_path: Path) -> None:
    text = entry().split("[[testimony.sources]]")[0]
    path = write(tmp_path, THEMES + text)
    with pytest.raises(ContentError, match="sources") as error:
        load_library(path)
    assert_names(error, path, "nurse-everything", "sources")


def test_missing_themes_table_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, entry())
    with pytest.raises(ContentError) as error:
        load_library(path)
    assert_names(error, path, None, "themes")


def test_missing_file_is_a_content_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ContentError, match="not found") as error:
        load_library(path)
    assert_names(error, path, None, None)


# --- quote verification --------------------------------------------------------------------


def test_verify_quotes_reports_a_doctored_quote(tmp_path: Path) -> None:
    library = load_library(write(tmp_path, THEMES + entry()))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = seeds / "article.txt"

    article.write_text("She said: “We did everything we could.” Then she left.", encoding="utf-8")
    assert verify_quotes(library, seeds) == []

    article.write_text("She said: “We did all we could.” Then she left.", encoding="utf-8")
    assert verify_quotes(library, seeds) == ["testimony 'nurse-everything': quote not found verbatim in article.txt"]


def test_verify_quotes_points_at_look_alike_characters(tmp_path: Path) -> None:
    library = load_library(write(tmp_path, THEMES + entry().replace("We did", "We’d done")))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "article.txt").write_text("We'd done everything we could.", encoding="utf-8")
    [problem] = verify_quotes(library, seeds)
    assert "quote marks, dashes or non-breaking spaces" in problem


def test_verify_quotes_reports_a_missing_seed_file(tmp_path: Path) -> None:
    library = load_library(write(tmp_path, THEMES + entry()))
    [problem] = verify_quotes(library, tmp_path / "empty")
    assert problem.startswith("testimony 'nurse-everything': seed file article.txt not found")
