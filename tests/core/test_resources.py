"""The shipped support lines and the rules that keep wrong or unverified numbers out."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from bot.core.errors import ContentError
from bot.core.resources import AUDIENCES, KINDS, Directory, Resource, load_directory

TODAY = datetime.date(2026, 11, 15)

HEADER = """
[countries]
US = "United States"
GB = "United Kingdom"

[locales]
"en-US" = "US"

[[resource]]
id = "intl-find-a-helpline"
name = "Find A Helpline"
country = "INTL"
audiences = ["everyone"]
kind = "directory"
url = "https://findahelpline.com"
description = "Directory."
source = "https://findahelpline.com"
verified = 2026-11-01
verification = "official"
"""

GOOD_ENTRY = """
[[resource]]
id = "us-988"
name = "988 Suicide & Crisis Lifeline"
country = "US"
audiences = ["everyone"]
kind = "crisis"
phone = "988"
description = "Call or text 988."
source = "https://988lifeline.org"
verified = 2026-11-01
verification = "official"
"""


@pytest.fixture(scope="module")
def shipped() -> Directory:
    return load_directory()


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "resources.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def entry_with(**changes: str | None) -> str:
    """GOOD_ENTRY with fields set (value is raw TOML) or removed (None); new fields are appended."""
    lines = []
    for line in GOOD_ENTRY.strip().splitlines():
        key = line.split(" = ")[0]
        if key not in changes:
            lines.append(line)
        elif changes[key] is not None:
            lines.append(f"{key} = {changes.pop(key)}")
    lines.extend(f"{key} = {value}" for key, value in changes.items() if value is not None)
    return HEADER + "\n" + "\n".join(lines) + "\n"


# --- the shipped file ---


def test_shipped_file_loads_with_source_and_date(shipped: Directory) -> None:
    assert len(shipped.resources) >= 20
    for resource in shipped.resources:
        assert resource.source
        assert resource.verified == datetime.date(2026, 11, 1)
        assert resource.verification in ("official", "secondary")
        assert resource.contact_lines()
        assert resource.kind in KINDS
        assert set(resource.audiences) <= set(AUDIENCES)


def test_shipped_file_has_no_unverified_services(shipped: Directory) -> None:
    names = " ".join(r.name.lower() for r in shipped.resources)
    assert "safe call now" not in names
    assert "befrienders kenya" not in names
    for resource in shipped.resources:
        if "crisis text line" in resource.name.lower():
            assert resource.country == "US"
        assert not (resource.country == "KE" and "befrienders" in resource.name.lower())
        # The notes list no verified national US nurse line.
        assert "nurses" not in resource.audiences


def test_every_shipped_country_is_named(shipped: Directory) -> None:
    assert set(shipped.countries) == {"US", "GB", "IE", "CA", "AU", "NZ", "IN", "KE"}
    assert {r.country for r in shipped.resources} <= {*shipped.countries, "INTL"}


def test_gb_includes_samaritans(shipped: Directory) -> None:
    samaritans = [r for r in shipped.for_country("GB") if r.name == "Samaritans"]
    assert samaritans
    assert samaritans[0].phone == "116 123"
    assert "Call 116 123" in samaritans[0].contact_lines()


def test_us_crisis_card_starts_with_988(shipped: Directory) -> None:
    card = shipped.crisis_card("US")
    assert card.lines[0].phone == "988"
    assert 1 <= len(card.lines) <= 3
    assert card.directory.kind == "directory"
    assert card.directory.id == "intl-find-a-helpline"
    assert "911" in card.emergency
    text = card.as_text()
    assert "Call 988" in text
    assert "findahelpline.com" in text
    assert "`" not in text  # numbers stay plain so phones can tap them


def test_crisis_cards_stay_short_everywhere(shipped: Directory) -> None:
    for code in shipped.countries:
        card = shipped.crisis_card(code)
        assert 1 <= len(card.lines) <= 3, code
        assert card.lines[0].kind == "crisis", code
        assert all(set(line.audiences) & {"everyone", "all-healthcare"} for line in card.lines)


def test_unknown_country_gives_international(shipped: Directory) -> None:
    listing = shipped.for_country("Atlantis")
    assert listing
    assert {r.country for r in listing} == {"INTL"}
    assert listing[0].kind == "directory"
    assert shipped.for_country(None) == listing
    card = shipped.crisis_card("Atlantis")
    assert card.lines == ()
    assert card.directory.kind == "directory"
    assert card.emergency == "If you are in immediate danger, call your local emergency number."


def test_audience_lines_come_before_crisis_lines(shipped: Directory) -> None:
    listing = shipped.for_country("US", "ems")
    assert listing[0].name.startswith("Fire/EMS Helpline")
    assert listing[-1].kind == "directory"
    assert [r.id for r in listing if r.kind == "crisis"] == ["us-988", "us-crisis-text-line"]
    assert listing.index(shipped.crisis_card("US").lines[0]) > 0


def test_without_audience_crisis_lines_come_first(shipped: Directory) -> None:
    listing = shipped.for_country("GB")
    assert [r.kind for r in listing[:2]] == ["crisis", "crisis"]
    assert listing[-1].kind == "directory"
    # Profession-only lines wait for an audience.
    assert all(set(r.audiences) & {"everyone", "all-healthcare"} for r in listing)


def test_unknown_audience_is_refused(shipped: Directory) -> None:
    with pytest.raises(ValueError, match="audience"):
        shipped.for_country("US", "dentists")


# --- countries and locales ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("uk", "GB"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("gb", "GB"),
        (" us ", "US"),
        ("united states", "US"),
        ("Narnia", None),
        ("", None),
        (None, None),
        ("INTL", None),
    ],
)
def test_normalize_country(shipped: Directory, value: str | None, expected: str | None) -> None:
    assert shipped.normalize_country(value) == expected


def test_country_from_locale(shipped: Directory) -> None:
    assert shipped.country_from_locale("en-GB") == "GB"
    assert shipped.country_from_locale("en-US") == "US"
    assert shipped.country_from_locale("hi") == "IN"
    assert shipped.country_from_locale("fr") is None
    assert shipped.country_from_locale("uk") is None  # Discord's "uk" is Ukrainian
    assert shipped.country_from_locale(None) is None


def test_search_countries(shipped: Directory) -> None:
    assert ("AU", "Australia") in shipped.search_countries("au")
    assert shipped.search_countries("AU")[0] == ("AU", "Australia")
    assert shipped.search_countries("uk")[0] == ("GB", "United Kingdom")
    assert shipped.search_countries("zeal") == [("NZ", "New Zealand")]
    assert len(shipped.search_countries("")) == len(shipped.countries)
    assert len(shipped.search_countries("", limit=2)) == 2
    assert shipped.search_countries("xyz") == []


# --- staleness ---


def test_stale_flags_entries_older_than_a_year(tmp_path: Path) -> None:
    old = entry_with(id='"us-old"', verified="2025-10-31")
    directory = load_directory(write(tmp_path, old))
    assert [r.id for r in directory.stale(TODAY)] == ["us-old"]
    assert directory.stale(datetime.date(2026, 10, 31)) == []
    assert [r.id for r in directory.stale(TODAY, max_age_days=10)] == ["intl-find-a-helpline", "us-old"]


def test_contact_lines_order() -> None:
    resource = Resource(
        id="gb-x",
        name="X",
        country="GB",
        audiences=("everyone",),
        kind="crisis",
        phone="116 123",
        text="SHOUT to 85258",
        url="https://example.org",
        email="jo@example.org",
        hours=None,
        languages=(),
        description="X.",
        source="https://example.org",
        verified=datetime.date(2026, 11, 1),
        verification="official",
    )
    assert resource.contact_lines() == [
        "Call 116 123",
        "Text SHOUT to 85258",
        "https://example.org",
        "Email jo@example.org",
    ]


# --- malformed files ---


def test_good_entry_loads(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path, entry_with()))
    assert [r.id for r in directory.for_country("US")] == ["us-988", "intl-find-a-helpline"]


@pytest.mark.parametrize(
    ("changes", "entry", "field"),
    [
        ({"kind": '"hotline"'}, "us-988", "kind"),
        ({"kind": None}, "us-988", "kind"),
        ({"name": None}, "us-988", "name"),
        ({"name": "42"}, "us-988", "name"),
        ({"country": '"FR"'}, "us-988", "country"),
        ({"country": '"UK"'}, "us-988", "country"),
        ({"audiences": '["doctors"]'}, "us-988", "audiences"),
        ({"audiences": '"everyone"'}, "us-988", "audiences"),
        ({"audiences": "[]"}, "us-988", "audiences"),
        ({"phone": None}, "us-988", "contact"),
        ({"phone": '"call 988"'}, "us-988", "phone"),
        ({"verified": '"2026-11-01"'}, "us-988", "verified"),
        ({"verified": "2026-11-01T10:00:00"}, "us-988", "verified"),
        ({"verified": None}, "us-988", "verified"),
        ({"description": '"' + "x" * 141 + '"'}, "us-988", "description"),
        ({"source": '"http://988lifeline.org"'}, "us-988", "source"),
        ({"source": None}, "us-988", "source"),
        ({"verification": '"trust me"'}, "us-988", "verification"),
        ({"id": '"US_988"'}, "US_988", "id"),
        ({"id": None}, "#2", "id"),
    ],
)
def test_malformed_entry_names_file_entry_and_field(
    tmp_path: Path, changes: dict[str, str | None], entry: str, field: str
) -> None:
    path = write(tmp_path, entry_with(**changes))
    with pytest.raises(ContentError) as caught:
        load_directory(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"entry {entry!r}, field {field!r}" in message


def test_url_must_be_https(tmp_path: Path) -> None:
    path = write(tmp_path, entry_with(url='"http://988lifeline.org"'))
    with pytest.raises(ContentError, match=r"entry 'us-988', field 'url'"):
        load_directory(path)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, entry_with(phones='"988"'))
    with pytest.raises(ContentError, match=r"entry 'us-988', field 'phones'"):
        load_directory(path)


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, entry_with() + GOOD_ENTRY)
    with pytest.raises(ContentError, match=r"entry 'us-988', field 'id': duplicate id"):
        load_directory(path)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\n[[resource]\nid = \n")
    with pytest.raises(ContentError) as caught:
        load_directory(path)
    assert caught.value.file == str(path)
    assert caught.value.entry is None
    assert "invalid TOML" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="cannot read"):
        load_directory(tmp_path / "absent.toml")


def test_locale_must_map_to_a_known_country(tmp_path: Path) -> None:
    body = entry_with().replace('"en-US" = "US"', '"fr" = "FR"')
    with pytest.raises(ContentError, match=r"entry '\[locales\]', field 'fr'"):
        load_directory(write(tmp_path, body))


@pytest.mark.parametrize("code", ["USA", "us", "UK"])
def test_country_codes_must_be_iso(tmp_path: Path, code: str) -> None:
    body = entry_with().replace('GB = "United Kingdom"', f'{code} = "Somewhere"')
    with pytest.raises(ContentError, match=rf"entry '\[countries\]', field '{code}'"):
        load_directory(write(tmp_path, body))


def test_an_international_directory_is_required(tmp_path: Path) -> None:
    body = entry_with().replace('kind = "directory"', 'kind = "advocacy"')
    with pytest.raises(ContentError, match=r"field 'resource'.*international directory"):
        load_directory(write(tmp_path, body))
