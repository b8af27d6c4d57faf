"""Clinicians' testimonies, quoted exactly from news articles, each paired with reflection prompts.

The library is data (``content/testimonies.toml``) so that editors, not programmers, look after it.
Everything is checked at load: a malformed entry must stop the bot with a message that names the
file, the entry and the field, rather than surface as a broken post weeks later.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date as calendar_date
from pathlib import Path
from typing import Any

from bot.core.errors import ContentError
from bot.paths import content_dir

MIN_PROMPTS = 2
MAX_PROMPTS = 4
MAX_QUOTE_CHARS = 600
MAX_PROMPT_CHARS = 200

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DOUBLE_QUOTE_MARKS = '"“”„«»'
# Safe-messaging rules for text we write ourselves (quotes stay verbatim): no judgmental wording
# about suicide and no telling a grieving reader what to feel or do.
_UNSAFE_PROMPT_PHRASES = (
    "committed suicide",
    "commit suicide",
    "successful suicide",
    "failed attempt",
    "you should",
    "you must",
    "don't be sad",
    "don’t be sad",
)
# Typographic look-alikes that make a quote fail verification although it reads the same.
_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})

_TOP_KEYS = frozenset({"themes", "testimony"})
_TESTIMONY_KEYS = frozenset(
    {"id", "speaker", "role", "quote", "themes", "prompts", "sources", "content_warning", "note"}
)
_SOURCE_KEYS = frozenset({"seed", "outlet", "author", "date"})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a quote was published; ``seed`` names our copy of the article, for verification only."""

    seed: str
    outlet: str | None
    author: str | None
    date: str | None

    def describe(self, *, with_author: bool = True) -> str:
        """Human-readable credit; never the seed file name, which means nothing to readers."""
        when = _human_date(self.date) if self.date else None
        author = self.author if with_author else None
        if self.outlet:
            return ", ".join(part for part in (self.outlet, author, when) if part)
        name = f"news article by {author}" if author else "news article"
        if when:
            return f"{name} ({when})"
        return name if author else "news report"


@dataclass(frozen=True, slots=True)
class Testimony:
    """One person's words, exactly as an article printed them, with our prompts for reflection."""

    id: str
    speaker: str
    role: str
    quote: str
    sources: tuple[Source, ...]
    themes: tuple[str, ...]
    prompts: tuple[str, ...]
    content_warning: str | None
    note: str | None

    def attribution(self) -> str:
        """Credit line under a quote, naming the most specific source (outlet, then date)."""
        best = max(self.sources, key=lambda source: (source.outlet is not None, source.date is not None))
        return f"{self.speaker}, {self.role} — {best.describe(with_author=False)}"


@dataclass(frozen=True, slots=True)
class Reflection:
    """One testimony–prompt pair: the unit that daily posts and /reflect rotate through.

    The id is ``<testimony id>#<1-based prompt number>`` so that rotation history stored in a
    database survives new releases as long as editors append prompts instead of reordering them.
    """

    id: str
    testimony: Testimony
    prompt: str


@dataclass(frozen=True)
class Library:
    """All testimonies and the theme labels, in file order."""

    themes: dict[str, str]
    testimonies: tuple[Testimony, ...]
    # Each theme's pool, built on first use: every /reflect asks for one, and the library never changes.
    _pools: dict[str | None, tuple[Reflection, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def reflections(self, theme: str | None = None) -> tuple[Reflection, ...]:
        """Every testimony–prompt pair, or only those whose testimony has ``theme`` (id or label).

        An unknown theme raises ValueError: silently returning nothing would hide a caller's bug.
        """
        wanted: str | None = None
        if theme is not None:
            wanted = self.theme_id(theme)
            if wanted is None:
                raise ValueError(f"unknown theme {theme!r}; known themes: {', '.join(self.themes)}")
        pool = self._pools.get(wanted)
        if pool is None:
            pool = self._pools[wanted] = tuple(
                Reflection(id=f"{testimony.id}#{number}", testimony=testimony, prompt=prompt)
                for testimony in self.testimonies
                if wanted is None or wanted in testimony.themes
                for number, prompt in enumerate(testimony.prompts, start=1)
            )
        return pool

    def reflection(self, reflection_id: str) -> Reflection | None:
        """Look a stored reflection id up again; None once its testimony or prompt was removed."""
        return next((item for item in self.reflections() if item.id == reflection_id), None)

    def theme_id(self, text: str) -> str | None:
        """Resolve what a user typed (an id or a label, any case) to a theme id."""
        wanted = text.strip().casefold()
        for theme_id, label in self.themes.items():
            if wanted in (theme_id.casefold(), label.casefold()):
                return theme_id
        return None


def load_library(path: Path | None = None) -> Library:
    """Read and validate the testimony library; any problem raises ContentError."""
    path = path if path is not None else content_dir() / "testimonies.toml"
    file = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(file, None, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(file, None, None, f"cannot read the file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(file, None, None, f"not valid TOML: {exc}") from exc

    _reject_unknown_keys(file, None, "", data, _TOP_KEYS)
    themes = _parse_themes(file, data.get("themes"))
    raw_entries = data.get("testimony")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise ContentError(file, None, "testimony", "needs at least one [[testimony]] table")

    testimonies: list[Testimony] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries, start=1):
        testimony = _parse_testimony(file, index, raw, themes)
        if testimony.id in first_seen:
            raise ContentError(file, testimony.id, "id", f"duplicate id (entry #{first_seen[testimony.id]} has it too)")
        first_seen[testimony.id] = index
        testimonies.append(testimony)
    return Library(themes=themes, testimonies=tuple(testimonies))


def verify_quotes(library: Library, seeds: Path) -> list[str]:
    """Check every quote against each article it cites: these are real people's words.

    Returns one line per problem ([] when all is well). Needs the seed articles, which only
    developers and CI have, so it runs from ``stairwell content check`` and tests, not at start.
    """
    texts: dict[str, str | None] = {}
    problems: list[str] = []
    for testimony in library.testimonies:
        for source in testimony.sources:
            if source.seed not in texts:
                seed_path = seeds / source.seed
                texts[source.seed] = seed_path.read_text(encoding="utf-8") if seed_path.is_file() else None
            text = texts[source.seed]
            if text is None:
                problems.append(f"testimony {testimony.id!r}: seed file {source.seed} not found in {seeds}")
            elif testimony.quote not in text:
                hint = ""
                if testimony.quote.translate(_LOOKALIKES) in text.translate(_LOOKALIKES):
                    hint = " (it differs only in quote marks, dashes or non-breaking spaces)"
                problems.append(f"testimony {testimony.id!r}: quote not found verbatim in {source.seed}{hint}")
    return problems


def _parse_themes(file: str, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ContentError(file, None, "themes", "needs a [themes] table mapping theme ids to labels")
    themes: dict[str, str] = {}
    taken: dict[str, str] = {}  # casefolded id or label -> theme id, so theme_id() is never ambiguous
    for theme_id, label in raw.items():
        field = f"themes.{theme_id}"
        if not _KEBAB.fullmatch(theme_id):
            raise ContentError(file, None, field, "theme ids must be kebab-case")
        if not isinstance(label, str) or not label.strip():
            raise ContentError(file, None, field, "the label must be a non-empty string")
        for name in {theme_id.casefold(), label.strip().casefold()}:
            if name in taken:
                raise ContentError(file, None, field, f"{name!r} is already used by theme {taken[name]!r}")
            taken[name] = theme_id
        themes[theme_id] = label.strip()
    return themes


def _parse_testimony(file: str, index: int, raw: Any, themes: dict[str, str]) -> Testimony:
    entry = f"#{index}"
    if not isinstance(raw, dict):
        raise ContentError(file, entry, None, "each [[testimony]] must be a table")
    if isinstance(raw.get("id"), str) and raw["id"].strip():
        entry = raw["id"]
    _reject_unknown_keys(file, entry, "", raw, _TESTIMONY_KEYS)

    testimony_id = _text(file, entry, raw, "id")
    if not _KEBAB.fullmatch(testimony_id):
        raise ContentError(file, entry, "id", "must be kebab-case: lowercase letters, digits, single hyphens")

    quote = _text(file, entry, raw, "quote")
    if len(quote) > MAX_QUOTE_CHARS:
        raise ContentError(
            file, entry, "quote", f"{len(quote)} characters; keep it to 1–4 sentences (≤ {MAX_QUOTE_CHARS})"
        )
    if "\n" in quote:
        raise ContentError(file, entry, "quote", "must be one passage without line breaks")
    if quote[0] in _DOUBLE_QUOTE_MARKS or quote[-1] in _DOUBLE_QUOTE_MARKS:
        raise ContentError(file, entry, "quote", "leave out the surrounding quotation marks")

    theme_ids = _text_list(file, entry, raw, "themes")
    if not theme_ids:
        raise ContentError(file, entry, "themes", "needs at least one theme")
    for theme_id in theme_ids:
        if theme_id not in themes:
            raise ContentError(file, entry, "themes", f"unknown theme {theme_id!r}; known: {', '.join(themes)}")

    prompts = _text_list(file, entry, raw, "prompts")
    if not MIN_PROMPTS <= len(prompts) <= MAX_PROMPTS:
        raise ContentError(file, entry, "prompts", f"has {len(prompts)}; needs {MIN_PROMPTS} to {MAX_PROMPTS} prompts")
    for number, prompt in enumerate(prompts, start=1):
        field = f"prompts[{number}]"
        if len(prompt) > MAX_PROMPT_CHARS:
            raise ContentError(file, entry, field, f"{len(prompt)} characters; keep under {MAX_PROMPT_CHARS}")
        lowered = prompt.casefold()
        for phrase in _UNSAFE_PROMPT_PHRASES:
            if phrase in lowered:
                raise ContentError(file, entry, field, f"avoid {phrase!r} (safe messaging)")

    return Testimony(
        id=testimony_id,
        speaker=_text(file, entry, raw, "speaker"),
        role=_text(file, entry, raw, "role"),
        quote=quote,
        sources=_parse_sources(file, entry, raw.get("sources")),
        themes=theme_ids,
        prompts=prompts,
        content_warning=_optional_text(file, entry, raw, "content_warning"),
        note=_optional_text(file, entry, raw, "note"),
    )


def _parse_sources(file: str, entry: str, raw: Any) -> tuple[Source, ...]:
    if raw is None:
        raise ContentError(file, entry, "sources", "missing: add at least one [[testimony.sources]]")
    if not isinstance(raw, list) or not raw or not all(isinstance(item, dict) for item in raw):
        raise ContentError(file, entry, "sources", "must be one or more [[testimony.sources]] tables")
    sources: list[Source] = []
    for number, item in enumerate(raw, start=1):
        prefix = f"sources[{number}]."
        _reject_unknown_keys(file, entry, prefix, item, _SOURCE_KEYS)
        seed = _text(file, entry, item, "seed", prefix)
        if Path(seed).name != seed or seed in {".", ".."}:
            raise ContentError(file, entry, prefix + "seed", "must be a bare file name in the seeds folder")
        if any(source.seed == seed for source in sources):
            raise ContentError(file, entry, prefix + "seed", f"{seed} is listed twice")
        date = _optional_text(file, entry, item, "date", prefix)
        if date is not None and not _valid_partial_date(date):
            raise ContentError(file, entry, prefix + "date", "must be YYYY, YYYY-MM or YYYY-MM-DD")
        sources.append(
            Source(
                seed=seed,
                outlet=_optional_text(file, entry, item, "outlet", prefix),
                author=_optional_text(file, entry, item, "author", prefix),
                date=date,
            )
        )
    return tuple(sources)


def _reject_unknown_keys(
    file: str, entry: str | None, prefix: str, table: dict[str, Any], allowed: frozenset[str]
) -> None:
    """A misspelt key (``prompt``, ``contentwarning``) would otherwise be silently ignored."""
    for key in table:
        if key not in allowed:
            raise ContentError(file, entry, prefix + key, f"unknown field; expected one of {sorted(allowed)}")


def _text(file: str, entry: str, table: dict[str, Any], key: str, prefix: str = "") -> str:
    value = _optional_text(file, entry, table, key, prefix)
    if value is None:
        raise ContentError(file, entry, prefix + key, "missing")
    return value


def _optional_text(file: str, entry: str, table: dict[str, Any], key: str, prefix: str = "") -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ContentError(file, entry, prefix + key, f"must be a string, not {type(value).__name__}")
    if not value.strip():
        raise ContentError(file, entry, prefix + key, "must not be empty")
    return value


def _text_list(file: str, entry: str, table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        raise ContentError(file, entry, key, "missing")
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(file, entry, key, "must be a list of non-empty strings")
    if len(set(value)) != len(value):
        raise ContentError(file, entry, key, "lists the same item twice")
    return tuple(value)


def _valid_partial_date(value: str) -> bool:
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = match.groups()
    try:
        calendar_date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def _human_date(value: str) -> str:
    """Spell the month out (2015-03-20 -> 20 March 2015); partial dates stay partial."""
    year, _, rest = value.partition("-")
    if not rest:
        return year
    month, _, day = rest.partition("-")
    month_name = _MONTHS[int(month) - 1]
    return f"{int(day)} {month_name} {year}" if day else f"{month_name} {year}"
