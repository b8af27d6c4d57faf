"""Support lines: load them, check them, and pick the few that fit a person.

A wrong number or a dead link can cost someone in distress the moment they reached out, so the
file is validated strictly at start, every entry carries its source and verification date, and
the crisis card shows one to three lines instead of a wall of numbers.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.core.errors import ContentError
from bot.paths import content_dir

AUDIENCES: tuple[str, ...] = ("everyone", "physicians", "nurses", "ems", "students", "all-healthcare")
KINDS: tuple[str, ...] = ("crisis", "support-line", "peer-support", "therapy", "directory", "advocacy")
VERIFICATIONS: tuple[str, ...] = ("official", "secondary")
INTERNATIONAL = "INTL"
MAX_DESCRIPTION = 140
PREFERRED_DIRECTORY = "intl-find-a-helpline"

# Lines anyone may call, as opposed to ones for a single profession.
_GENERAL_AUDIENCES = ("everyone", "all-healthcare")
_CARD_KINDS = ("crisis", "support-line")
_CARD_MAX_LINES = 3
_COUNTRY_ALIASES = {"UK": "GB"}
# Only numbers the team has checked; any other country gets the generic sentence.
_EMERGENCY_NUMBERS = {
    "US": "911",
    "CA": "911",
    "GB": "999 or 112",
    "IE": "999 or 112",
    "AU": "000",
    "NZ": "111",
    "IN": "112",
    "KE": "999 or 112",
}
_EMERGENCY = "If you are in immediate danger, call your local emergency number"

_TOP_LEVEL = frozenset({"countries", "locales", "resource"})
_FIELDS = frozenset(
    {
        "id",
        "name",
        "country",
        "audiences",
        "kind",
        "phone",
        "text",
        "url",
        "email",
        "hours",
        "languages",
        "description",
        "source",
        "verified",
        "verification",
    }
)
_CONTACT_FIELDS = ("phone", "text", "url", "email")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class Resource:
    """One line or service, exactly as verified; optional fields stay None rather than guessed."""

    id: str
    name: str
    country: str
    audiences: tuple[str, ...]
    kind: str
    phone: str | None
    text: str | None
    url: str | None
    email: str | None
    hours: str | None
    languages: tuple[str, ...]
    description: str
    source: str
    verified: datetime.date
    verification: str

    def contact_lines(self) -> list[str]:
        """Ways to reach it, numbers as plain text so phones can detect them and make them tappable."""
        lines: list[str] = []
        if self.phone:
            lines.append(f"Call {self.phone}")
        if self.text:
            lines.append(f"Text {self.text}")
        if self.url:
            lines.append(self.url)
        if self.email:
            lines.append(f"Email {self.email}")
        return lines


def _summary(resource: Resource) -> str:
    """One line per service: a person in crisis should not have to read paragraphs."""
    summary = f"{resource.name}: {', '.join(resource.contact_lines())}"
    return f"{summary} ({resource.hours})" if resource.hours else summary


@dataclass(frozen=True, slots=True)
class CrisisCard:
    """The short card shown when someone may be at risk: a few lines, one directory, emergency advice."""

    lines: tuple[Resource, ...]
    directory: Resource
    emergency: str

    def as_text(self) -> str:
        """Plain text that any adapter (console, Discord, later Telegram) can show as is."""
        directory_intro = "More lines" if self.lines else "Find a line in your country"
        return "\n".join(
            [
                self.emergency,
                *(_summary(line) for line in self.lines),
                f"{directory_intro}: {_summary(self.directory)}",
            ]
        )


def _kind_rank(resource: Resource) -> int:
    return KINDS.index(resource.kind)


def _serves_anyone(resource: Resource) -> bool:
    return any(audience in resource.audiences for audience in _GENERAL_AUDIENCES)


@dataclass(frozen=True)
class Directory:
    """All shipped resources plus the country and locale tables that route people to them."""

    resources: tuple[Resource, ...]
    countries: dict[str, str]
    locales: dict[str, str]

    def __post_init__(self) -> None:
        # Every list and card ends with a directory, so one must exist.
        if not any(r.country == INTERNATIONAL and r.kind == "directory" for r in self.resources):
            raise ValueError("needs at least one international directory (country INTL, kind directory)")

    def normalize_country(self, value: str | None) -> str | None:
        """A code from the table for user input such as "uk", "GB" or "United Kingdom"; None if unknown."""
        if value is None or not value.strip():
            return None
        cleaned = value.strip()
        code = _COUNTRY_ALIASES.get(cleaned.upper(), cleaned.upper())
        if code in self.countries:
            return code
        folded = cleaned.casefold()
        return next((code for code, name in self.countries.items() if name.casefold() == folded), None)

    def country_from_locale(self, locale: str | None) -> str | None:
        """A country guessed from the Discord client language, only where the locale names one country."""
        if not locale:
            return None
        folded = locale.casefold()
        return next((code for key, code in self.locales.items() if key.casefold() == folded), None)

    def search_countries(self, query: str, limit: int = 25) -> list[tuple[str, str]]:
        """(code, name) pairs for autocomplete: exact code first, then prefixes, then substrings."""
        needle = query.strip().casefold()
        aliases = {alias.casefold(): code for alias, code in _COUNTRY_ALIASES.items()}
        ranked: list[tuple[int, str, str]] = []
        for code, name in self.countries.items():
            code_folded, name_folded = code.casefold(), name.casefold()
            if not needle or needle == code_folded or aliases.get(needle) == code:
                rank = 0
            elif code_folded.startswith(needle) or name_folded.startswith(needle):
                rank = 1
            elif needle in name_folded:
                rank = 2
            else:
                continue
            ranked.append((rank, name, code))
        ranked.sort()
        return [(code, name) for _, name, code in ranked[: max(limit, 0)]]

    def for_country(self, country: str | None, audience: str | None = None) -> list[Resource]:
        """The ordered list /resources shows.

        Without an audience (or with "everyone") crisis lines lead. With one, the person asked for lines
        made for them, so those come first, then the shared healthcare lines, then the crisis lines.
        """
        if audience is not None and audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCES)}")
        code = self.normalize_country(country)
        if code is None:
            return self.international()
        local = [r for r in self.resources if r.country == code]
        crisis = [r for r in local if r.kind == "crisis"]
        others = sorted((r for r in local if r.kind != "crisis"), key=_kind_rank)
        directory = self.international()[0]
        if audience is None or audience == "everyone":
            return [*crisis, *(r for r in others if _serves_anyone(r)), directory]
        specific = [r for r in others if audience in r.audiences]
        shared = [r for r in others if audience not in r.audiences and "all-healthcare" in r.audiences]
        return [*specific, *shared, *crisis, directory]

    def crisis_card(self, country: str | None) -> CrisisCard:
        """At most three round-the-clock lines anyone in the country may call, crisis first, plus a directory."""
        code = self.normalize_country(country)
        candidates = [
            r
            for r in self.resources
            if code is not None
            and r.country == code
            and r.kind in _CARD_KINDS
            and _serves_anyone(r)
            and (r.kind == "crisis" or "24" in (r.hours or ""))
        ]
        candidates.sort(key=lambda r: r.kind != "crisis")
        number = _EMERGENCY_NUMBERS.get(code) if code is not None else None
        emergency = f"{_EMERGENCY}: {number}." if number else f"{_EMERGENCY}."
        return CrisisCard(
            lines=tuple(candidates[:_CARD_MAX_LINES]),
            directory=self.international()[0],
            emergency=emergency,
        )

    def international(self) -> list[Resource]:
        """INTL entries, directories first and the preferred directory at the very top."""
        return sorted(
            (r for r in self.resources if r.country == INTERNATIONAL),
            key=lambda r: (r.kind != "directory", r.id != PREFERRED_DIRECTORY),
        )

    def stale(self, today: datetime.date, max_age_days: int = 365) -> list[Resource]:
        """Entries due for a re-check: numbers change and services close."""
        return [r for r in self.resources if (today - r.verified).days > max_age_days]


class _Entry:
    """Typed access to one raw [[resource]] table, failing with the file, entry and field named."""

    def __init__(self, file: str, index: int, raw: dict[str, Any]) -> None:
        self.file = file
        self.raw = raw
        raw_id = raw.get("id")
        self.label = raw_id if isinstance(raw_id, str) and raw_id.strip() else f"#{index}"

    def fail(self, field: str | None, problem: str) -> ContentError:
        return ContentError(self.file, self.label, field, problem)

    def string(self, field: str) -> str:
        value = self.optional_string(field)
        if value is None:
            raise self.fail(field, "missing required field")
        return value

    def optional_string(self, field: str) -> str | None:
        value = self.raw.get(field)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(field, f"must be a string, not {type(value).__name__}")
        if not value.strip():
            raise self.fail(field, "must not be empty")
        if "\n" in value:
            raise self.fail(field, "must be one line")
        return value

    def choice(self, field: str, allowed: tuple[str, ...]) -> str:
        value = self.string(field)
        if value not in allowed:
            raise self.fail(field, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
        return value

    def strings(self, field: str, *, required: bool) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.fail(field, "missing required field")
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(field, "must be a list of strings")
        if not value:
            raise self.fail(field, "must not be empty")
        if len(set(value)) != len(value):
            raise self.fail(field, "has duplicates")
        return tuple(value)


def _check_url(entry: _Entry, field: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or " " in value:
        raise entry.fail(field, f"must be an https:// address, got {value!r}")


def _parse_resource(file: str, index: int, raw: object, countries: dict[str, str]) -> Resource:
    if not isinstance(raw, dict):
        raise ContentError(file, f"#{index}", None, "must be a [[resource]] table")
    entry = _Entry(file, index, raw)
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise entry.fail(unknown[0], "unknown field")

    resource_id = entry.string("id")
    if not _ID.fullmatch(resource_id):
        raise entry.fail("id", "must be kebab-case (lowercase letters, digits and hyphens)")
    country = entry.string("country")
    if country in _COUNTRY_ALIASES:
        raise entry.fail("country", f"use the ISO code {_COUNTRY_ALIASES[country]!r}, not {country!r}")
    if country != INTERNATIONAL and country not in countries:
        raise entry.fail("country", f"unknown country {country!r}; add it to [countries] or use INTL")
    audiences = entry.strings("audiences", required=True)
    strays = [audience for audience in audiences if audience not in AUDIENCES]
    if strays:
        raise entry.fail("audiences", f"unknown value {strays[0]!r}; expected one of {', '.join(AUDIENCES)}")

    phone = entry.optional_string("phone")
    if phone is not None and not _PHONE.fullmatch(phone):
        raise entry.fail("phone", f"must be digits as people dial them, got {phone!r}")
    url = entry.optional_string("url")
    if url is not None:
        _check_url(entry, "url", url)
    email = entry.optional_string("email")
    if email is not None and not _EMAIL.fullmatch(email):
        raise entry.fail("email", f"not an email address: {email!r}")
    languages = entry.strings("languages", required=False)
    for language in languages:
        if not _LANGUAGE.fullmatch(language):
            raise entry.fail("languages", f"must be ISO 639 codes such as 'en', got {language!r}")

    description = entry.string("description")
    if len(description) > MAX_DESCRIPTION:
        raise entry.fail("description", f"is {len(description)} characters; the limit is {MAX_DESCRIPTION}")
    # A source may be plain text when the notes recorded no address; an address must still be https.
    source = entry.string("source")
    if "://" in source:
        _check_url(entry, "source", source)
    verified = raw.get("verified")
    if verified is None:
        raise entry.fail("verified", "missing required field")
    if not isinstance(verified, datetime.date) or isinstance(verified, datetime.datetime):
        raise entry.fail("verified", "must be a TOML date such as 2026-11-01 (no quotes, no time)")

    resource = Resource(
        id=resource_id,
        name=entry.string("name"),
        country=country,
        audiences=audiences,
        kind=entry.choice("kind", KINDS),
        phone=phone,
        text=entry.optional_string("text"),
        url=url,
        email=email,
        hours=entry.optional_string("hours"),
        languages=languages,
        description=description,
        source=source,
        verified=verified,
        verification=entry.choice("verification", VERIFICATIONS),
    )
    if not resource.contact_lines():
        raise entry.fail("contact", f"needs at least one of {', '.join(_CONTACT_FIELDS)}")
    return resource


def _string_table(file: str, data: dict[str, Any], name: str) -> dict[str, str]:
    table = data.get(name)
    if table is None:
        raise ContentError(file, None, name, f"missing [{name}] table")
    if not isinstance(table, dict):
        raise ContentError(file, None, name, f"[{name}] must be a table")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise ContentError(file, f"[{name}]", key, "must be a non-empty string")
    return dict(table)


def _parse_countries(file: str, data: dict[str, Any]) -> dict[str, str]:
    countries = _string_table(file, data, "countries")
    for code in countries:
        if not _COUNTRY_CODE.fullmatch(code) or code in _COUNTRY_ALIASES:
            raise ContentError(file, "[countries]", code, "must be an ISO 3166-1 alpha-2 code such as 'GB'")
    return countries


def _parse_locales(file: str, data: dict[str, Any], countries: dict[str, str]) -> dict[str, str]:
    locales = _string_table(file, data, "locales")
    for locale, code in locales.items():
        if code not in countries:
            raise ContentError(file, "[locales]", locale, f"unknown country {code!r}; add it to [countries]")
    return locales


def load_directory(path: Path | None = None) -> Directory:
    """Read and fully validate resources.toml, so a typo fails at start and never reaches a person."""
    path = path if path is not None else content_dir() / "resources.toml"
    file = str(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ContentError(file, None, None, f"cannot read the file: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(file, None, None, f"invalid TOML: {exc}") from exc

    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise ContentError(file, None, unknown[0], "unknown top-level key")
    countries = _parse_countries(file, data)
    locales = _parse_locales(file, data, countries)
    raw_resources = data.get("resource")
    if not isinstance(raw_resources, list) or not raw_resources:
        raise ContentError(file, None, "resource", "needs at least one [[resource]] entry")

    resources: list[Resource] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_resources, start=1):
        resource = _parse_resource(file, index, raw, countries)
        if resource.id in seen:
            raise ContentError(file, resource.id, "id", "duplicate id")
        seen.add(resource.id)
        resources.append(resource)
    try:
        return Directory(resources=tuple(resources), countries=countries, locales=locales)
    except ValueError as exc:
        raise ContentError(file, None, "resource", str(exc)) from exc
