"""Find patient identifiers in a story so the author and moderators can redact them before anyone reads it.

Covers the HIPAA Safe Harbor identifiers that turn up in free text (names, dates finer than a year, ages over
89, contact numbers, record and ID numbers, addresses, towns and postcodes) plus hospitals, wards and beds,
which narrow a patient down just as well. Everything is regular expressions and small hand-written word lists
in ``data/``, compiled once at import: no model, no network. Detection is a safety net, never a guarantee,
so callers show what was found and let people redact more.
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import phonenumbers

from bot.core.screening.results import Identifier, redact_spans


def find_identifiers(text: str) -> list[Identifier]:
    """Every identifier in ``text``, sorted by start and never overlapping."""
    if not text.strip():
        return []
    story = _Story(text)
    digits = story.digits
    hits = [
        *_find_email_links_ips(text, digits),
        *_find_numbers(story),
        *_find_plates(story),
        *_find_dates_and_ages(story),
        *_find_addresses(story),
        *_find_facilities(story),
        *_find_places(story),
        *_find_names(story),
    ]
    hits.extend(_find_phones(text, digits, hits))
    hits.extend(_repeat_names(story, _choose(hits)))
    chosen = _widen_dates(_choose(hits), hits)
    return [_identifier(hit.type, hit.start, hit.end, text[hit.start : hit.end]) for hit in chosen]


def _widen_dates(kept: list[_Hit], hits: list[_Hit]) -> list[_Hit]:
    """Two readings of one date that overlap become one span: "Carnival Monday" and "Monday, 12/02/2024" are both
    kept as "Carnival Monday, 12/02/2024", so the holiday is not left in the clear. ``kept`` is sorted, disjoint."""
    starts = [hit.start for hit in kept]
    for hit in hits:
        if hit.type != "date":
            continue
        index = bisect_right(starts, hit.start) - 1
        for at in (index, index + 1):
            if not 0 <= at < len(kept):
                continue
            other = kept[at]
            if other.type != "date" or other.end <= hit.start or hit.end <= other.start or other == hit:
                continue
            start, end = min(other.start, hit.start), max(other.end, hit.end)
            if (at and kept[at - 1].end > start) or (at + 1 < len(kept) and kept[at + 1].start < end):
                continue
            kept[at] = other._replace(start=start, end=end)
            starts[at] = start
    return kept


def _identifier(kind: str, start: int, end: int, text: str) -> Identifier:
    """An ``Identifier`` for a span the finders made (always valid), without re-checking it."""
    identifier = object.__new__(Identifier)
    for field, value in (("type", kind), ("start", start), ("end", end), ("text", text)):
        object.__setattr__(identifier, field, value)
    return identifier


def redact(text: str, identifiers: Sequence[Identifier] | None = None) -> str:
    """Replace each identifier by its label; without a list, the identifiers this screen finds."""
    return redact_spans(text, find_identifiers(text) if identifiers is None else identifiers)


# --- word lists -------------------------------------------------------------------------------------------

_DATA = Path(__file__).with_name("data")


def _word_list(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _words(spaced: str) -> frozenset[str]:
    """A small word set written inline, one space between words, so it reads like prose."""
    return frozenset(spaced.split())


_GIVEN_NAMES = _word_list("given_names.txt")
# Function words, calendar words, kin terms, job titles and departments: never a name, even after "Dr.".
_COMMON_WORDS = _word_list("common_words.txt")
# Other capitalised words that are not names on their own: drugs, eponyms, nationalities, organisations.
_NOT_NAMES = _word_list("not_names.txt")
_PLACES = _word_list("places.txt")
# Towns whose names are also ordinary words or personal names ("Reading", "Jackson"): only after "in"/"from".
_AMBIGUOUS_PLACES = _word_list("places_ambiguous.txt")
# States, provinces, nations and countries: above Safe Harbor's "smaller than a state" line.
_REGIONS = _word_list("regions.txt")
_REGIONS = _REGIONS | frozenset(word for region in _REGIONS for word in region.split() if len(word) > 3)
# After a cue ("her son", "named") a town's name is a person's name; without one it stays a town.
_NOT_A_CUED_NAME = _COMMON_WORDS | _NOT_NAMES | _REGIONS
_NOT_A_NAME = _NOT_A_CUED_NAME | _PLACES | _AMBIGUOUS_PLACES
# Every beginning of a town's first word: a token that is none of them cannot open a town's name.
_PLACE_OPENINGS = frozenset(
    place.split()[0][:length] for place in _PLACES | _AMBIGUOUS_PLACES for length in range(1, len(place.split()[0]) + 1)
)


def _place_lengths() -> dict[str, tuple[int, ...]]:
    """For each beginning of a town's first word, how many words the towns it can open have, longest first."""
    lengths: dict[str, set[int]] = {}
    for place in _PLACES | _AMBIGUOUS_PLACES:
        words = place.split()
        for length in range(1, len(words[0]) + 1):
            lengths.setdefault(words[0][:length], set()).add(len(words))
    return {opening: tuple(sorted(found, reverse=True)) for opening, found in lengths.items()}


_PLACE_LENGTHS = _place_lengths()
# Lowercase English words (derived from the wamerican word list with inflected forms folded into their
# stems, plus clinical shorthand, British spellings and texting words), to tell a name from a word: a
# capitalised word that is not English, in a place where names stand, is taken for a name. About 32,000
# words: loaded at import, roughly 3 MB and 5 ms.
_ENGLISH = _word_list("english_words.txt")
_SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
)
_BRITISH = (("our", "or"), ("ae", "e"), ("oe", "e"), ("tre", "ter"), ("ise", "ize"), ("yse", "yze"), ("ogue", "og"))


@lru_cache(maxsize=8192)
def _is_english(word: str) -> bool:
    """Whether ``word``, in any case and inflection, is an ordinary English word ("Stopped", "Colour")."""
    lower = word.lower().replace("’", "'")
    if "-" in lower:
        return all(_is_english(part) for part in lower.split("-") if part)
    forms = [lower]
    if len(lower) >= 6:
        forms.extend(lower.replace(british, american) for british, american in _BRITISH if british in lower)
    for form in forms:
        if form in _ENGLISH:
            return True
        for suffix, replacement in _SUFFIXES:
            stem = form[: -len(suffix)]
            if form.endswith(suffix) and len(stem) >= 3 and stem + replacement in _ENGLISH:
                return True
    return False


# Drug names are capitalised at the start of a sentence and not in the word list: "Oxycodone was stopped".
_DRUG_ENDING = re.compile(
    r"(?i:.{3,}(?:pril|sartan|olol|statin|mab|cillin|mycin|micin|azole|azepam|zolam|parin|xaban|gatran|afil"
    r"|tidine|prazole|oxacin|cycline|vir|semide|thiazide|dipine|triptan|setron|profen|fenac|oxetine|pramine"
    r"|tyline|peridol|apine|idone|codone|morphone|tanyl|caine|curonium|olone|asone|lukast|terol|tropium|glitazone"
    r"|gliptin|gliflozin|glutide|formin|tinib|platin|rubicin|taxel|fosfamide|trexate|dronate|teplase|kinase"
    r"|amine|azine|oxin|ephrine|pressin|sonide|nacin|oxone|barbital|amide|ipine|etine|iazem|arin|lol|pam))"
)


# --- candidates and choosing among them ------------------------------------------------------------------

# Lower tiers win overlaps: a shape that cannot be anything else beats a cue, a cue beats a guess.
_STRUCTURAL, _CUED, _CALENDAR, _PHONE, _WHO_WHERE, _GUESS = range(6)


class _Hit(NamedTuple):
    start: int
    end: int
    type: str
    tier: int


def _choose(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the strongest, then longest, candidates that do not overlap anything already kept."""
    kept: list[_Hit] = []
    starts: list[int] = []
    for hit in sorted(hits, key=lambda h: (h.tier, h.start - h.end, h.start)):
        index = bisect_right(starts, hit.start)
        if index and kept[index - 1].end > hit.start:
            continue
        if index < len(kept) and kept[index].start < hit.end:
            continue
        kept.insert(index, hit)
        starts.insert(index, hit.start)
    return kept


class _Token(NamedTuple):
    start: int
    end: int  # end of the word without a trailing possessive
    raw_end: int
    word: str


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")


class _Story:
    """A story split into words once, with the lists every finder asks for worked out once and shared: where
    each word stands, where words begin (filed by their first two characters, so a pattern that opens with one
    of a few words is tried only where one of them begins), capitalised words and digits."""

    __slots__ = (
        "_capital_starts",
        "_capitals",
        "_digits_and_capitals",
        "_loose",
        "_lower",
        "_openings",
        "capital_indices",
        "digit_runs",
        "digits",
        "positions",
        "starts",
        "text",
        "tokens",
    )

    def __init__(self, text: str) -> None:
        # Splitting on words gives the gaps and the words in turn, as strings: no match object per word.
        pieces = _WORD_SPLIT.split(text)
        offsets = list(accumulate(map(len, pieces), initial=0))
        words = pieces[1::2]
        starts = offsets[1:-1:2]
        ends = offsets[2::2]
        make = tuple.__new__  # named tuples built without their Python-level constructor: this runs per word
        tokens: list[_Token] = [make(_Token, item) for item in zip(starts, ends, ends, words, strict=True)]
        loose: dict[str, list[int]] = {}  # one-letter words and words inside hyphenated ones, by text
        for index in [index for index, word in enumerate(words) if not word.isalpha()]:
            word, start, raw_end = words[index], starts[index], ends[index]
            last = word[-1]
            if last in "'’":
                end, word = raw_end - 1, word[:-1]
            elif last == "s" and word[-2:-1] in ("'", "’"):
                end, word = raw_end - 2, word[:-2]
            else:
                continue
            words[index] = word
            tokens[index] = make(_Token, (start, end, raw_end, word))
        for index in [index for index, word in enumerate(words) if "-" in word or "'" in word or "’" in word]:
            for inner in _INNER_WORD.finditer(text, starts[index] + 1, tokens[index].end):  # "pre-Christmas"
                loose.setdefault(text[inner.start() : inner.start() + 2], []).append(inner.start())
        positions: dict[str, list[int]] = {}  # each word (possessive dropped): the indices of its tokens
        for index, word in enumerate(words):
            found = positions.get(word)
            if found is None:
                positions[word] = [index]
            else:
                found.append(index)
        self.text = text
        self.tokens = tokens
        self.starts = starts
        runs = [match.span() for match in _DIGITS.finditer(text)]
        self.digits = [start for start, _ in runs]
        self.digit_runs = runs
        self.positions = positions
        capitals = [word for word in positions if word[:1].isupper()]
        self.capital_indices = sorted(index for word in capitals for index in positions[word])
        self._capitals = sorted(starts[index] for word in capitals if word[:2].isupper() for index in positions[word])
        self._loose = loose
        self._openings: list[list[int]] | None = None
        self._lower: dict[str, list[int]] | None = None
        self._capital_starts: list[int] | None = None
        self._digits_and_capitals: list[int] | None = None

    def starts_of(self, words: frozenset[str]) -> list[int]:
        """Where a word in ``words`` (as written) stands."""
        starts, positions = self.starts, self.positions
        return [starts[index] for word in words.intersection(positions) for index in positions[word]]

    def starts_of_lower(self, words: frozenset[str]) -> list[int]:
        """Where a word in ``words`` (all lowercase) stands, in any case."""
        starts = self.starts
        return [starts[index] for index in self.indices_of_lower(words)]

    def indices_of_lower(self, words: frozenset[str]) -> list[int]:
        """The tokens that are a word in ``words`` (all lowercase), in any case."""
        lower = self._lower
        if lower is None:
            lower = self._lower = {}
            for word, indices in self.positions.items():
                key = word.lower()
                found = lower.get(key)
                # Shared with ``positions`` until two spellings meet ("The", "the"): then a new list.
                lower[key] = indices if found is None else found + indices
        return [index for word in words.intersection(lower) for index in lower[word]]

    def starts_of_first_part(self, words: frozenset[str]) -> list[int]:
        """Where a word in ``words`` stands, alone or before a hyphen: "ninety", "ninety-two"."""
        starts = self.starts
        return [
            starts[index]
            for word, indices in self.positions.items()
            if word.partition("-")[0] in words
            for index in indices
        ]

    @property
    def capitals(self) -> list[int]:
        """Where words that open with two capitals (or are one capital) stand: "MRN", "A", "KCA"."""
        return self._capitals

    @property
    def capital_starts(self) -> list[int]:
        """Where capitalised words stand."""
        if self._capital_starts is None:
            starts = self.starts
            self._capital_starts = [starts[index] for index in self.capital_indices]
        return self._capital_starts

    @property
    def digits_and_capitals(self) -> list[int]:
        """Digits, and words opening with two capitals that have a digit close after them: where a code, an ID
        shape or a plate can open ("KNH/OP/558213", "AB 12 34 56 C", "KCA 123B")."""
        if self._digits_and_capitals is None:
            near = _followed_by_digit(self._capitals, self.digits, 24)
            self._digits_and_capitals = sorted({*self.digits, *near})
        return self._digits_and_capitals

    def of(self, literals: tuple[str, ...]) -> list[int]:
        """Where a word begins with one of ``literals`` (made by ``_literals``), in no particular order. The
        first call files every word once for every word list at the same time."""
        openings = self._openings
        if openings is None:
            openings = self._openings = self._file_openings()
        return openings[_LITERAL_GROUPS[literals]]

    def _file_openings(self) -> list[list[int]]:
        text, starts = self.text, self.starts
        found: list[list[int]] = [[] for _ in range(len(_LITERAL_GROUPS))]
        for word, indices in self.positions.items():
            if len(word) > 1:
                candidates = _OPENING_LITERALS.get(word[:2])
                if candidates is None:
                    continue
                for literal, group in candidates:
                    if word.startswith(literal):
                        found[group].extend(starts[at] for at in indices)
                    elif literal.startswith(word) and _WORD.fullmatch(literal) is None:  # "A&E" and "A"
                        every = _GROUP_LITERALS[group]
                        found[group].extend(starts[at] for at in indices if text.startswith(every, starts[at]))
            else:
                for at in indices:
                    self._loose.setdefault(text[starts[at] : starts[at] + 2], []).append(starts[at])
        for key, loose_starts in self._loose.items():
            candidates = _OPENING_LITERALS.get(key)
            if candidates is None:
                continue
            for literal, group in candidates:
                found[group].extend(start for start in loose_starts if text.startswith(literal, start))
        return found


def _followed_by_digit(starts: Iterable[int], digits: list[int], reach: int) -> list[int]:
    """The ``starts`` with a digit less than ``reach`` characters after them: a cue with no number near it
    cannot open a number-bearing pattern, so it need not be tried."""
    return [
        start
        for start in starts
        if (index := bisect_right(digits, start)) < len(digits) and digits[index] - start < reach
    ]


def _literal_starts(text: str, literals: Iterable[str]) -> list[int]:
    """Every position where one of ``literals`` occurs: the only places a pattern that opens with one of them
    can match, found by ``str.find`` far faster than a regular expression tries every position."""
    starts = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            starts.append(at)
            at = text.find(literal, at + 1)
    return starts


_INNER_WORD = re.compile(r"(?<=[-'’])[^\W\d_]")


# Every word list made by ``_literals``, numbered, and its words filed by their first two characters.
_LITERAL_GROUPS: dict[tuple[str, ...], int] = {}
_GROUP_LITERALS: list[tuple[str, ...]] = []
_OPENING_LITERALS: dict[str, list[tuple[str, int]]] = {}


def _literals(spaced: str) -> tuple[str, ...]:
    """The words of ``spaced`` that no other of them begins (finding "St" finds "Street" too), for
    ``_Story.of``."""
    words = set(spaced.split())
    kept = tuple(sorted(word for word in words if not any(other != word and word.startswith(other) for other in words)))
    if min(map(len, kept)) < 2:
        raise ValueError(f"{kept!r}: every word must have two characters or more")
    if kept not in _LITERAL_GROUPS:
        group = _LITERAL_GROUPS[kept] = len(_GROUP_LITERALS)
        _GROUP_LITERALS.append(kept)
        for word in kept:
            _OPENING_LITERALS.setdefault(word[:2], []).append((word, group))
    return kept


_DIGITS = re.compile(r"\d+")


def _matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` anchored at candidate positions: a number-bearing identifier
    starts at a digit or at a cue word, so trying only there keeps a long story cheap to scan."""
    taken = -1
    for start in sorted(set(starts)):
        if start < taken:
            continue
        match = pattern.match(text, start)
        if match:
            taken = match.end()
            yield match


_SENTENCE_BREAKS = frozenset(".!?…:;\"“”‘'([\n-–—•*")


def _starts_sentence(text: str, start: int) -> bool:
    """Capitalised words at the start of a sentence or quotation say nothing about being names."""
    index = start - 1
    while index >= 0 and text[index] in " \t\r":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_BREAKS


def _gap(text: str, tokens: list[_Token], left: int, right: int) -> str:
    """The characters between two tokens, possessive endings included."""
    return text[tokens[left].raw_end : tokens[right].start]


# --- shared pieces of patterns ------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# A capitalised personal name: "Okafor", "O'Sullivan", "McKenzie", "DeShawn", "Mary-Jane", "Zoë".
_NAME = rf"(?:[{_UPPER}]['’])?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}][{_LOWER}]+)?"
_IS_NAME = re.compile(_NAME)
# Not a bed, ward or flat number when followed by a unit or another number ("in bed 12 hours", "flat 2 mins").
_NOT_A_QUANTITY = (
    r"(?![\d.,/]\d|\s*(?:%|°|mg\b|mcg\b|ml\b|kg\b|g\b|l\b|litres?\b|liters?\b|hours?\b|hrs?\b|h\b|minutes?\b"
    r"|mins?\b|seconds?\b|secs?\b|days?\b|weeks?\b|months?\b|years?\b|yrs?\b|times\b|patients\b|people\b"
    r"|beds\b|am\b|pm\b|units?\b|doses?\b|cycles?\b|shocks?\b))"
)


def _is_plain_word(word: str) -> bool:
    if word.endswith("s") and word[:-1] in _COMMON_WORDS and len(word) > 3:
        return True  # "Tuesdays", "Mondays"
    if "-" in word and any(part in _NOT_A_NAME for part in word.split("-")):
        return True  # "Guillain-Barré", "Covid-19"
    return word in _NOT_A_NAME or not _IS_NAME.fullmatch(word)


def _capitalised_run(text: str, end: int, limit: int, stop: frozenset[str]) -> tuple[int, list[str]] | None:
    """Where the capitalised words (up to ``limit``) that end right before ``end`` begin, and the words:
    "Great Ormond" before "Street", "Royal Brisbane and Women's" before "Hospital". None when there are none."""
    start: int | None = None
    words: list[str] = []
    expected_end = end
    for match in reversed(list(_WORDS_BEFORE.finditer(text, max(0, end - 120), end))):
        word = match.group()
        gap = text[match.end() : expected_end].strip()
        if gap and not (gap == "." and word in ("St", "Mt")):
            break  # punctuation between words ends the name
        expected_end = match.start()
        if word in _CONNECTORS:
            continue
        if not word[:1].isupper() or word in stop or len(words) == limit:
            break
        start = match.start()
        words.append(word)
    return None if start is None else (start, words[::-1])


_WORDS_BEFORE = re.compile(r"[\w'’&-]+")
_WORD_BEFORE = re.compile(r"([\w'’]+)\.?[\s,(]*$")
_CONNECTORS = frozenset({"and", "&", "of"})


# --- email, links, IP addresses ----------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_SCHEME_URL = re.compile(r"(?=[hHwW])\b(?:https?://|www\.)[^\s<>\"'()\[\]]+")
# Links without a scheme are found from their ending ("example.com/path"), then widened to the left.
_TOP_LEVEL_DOMAIN = re.compile(
    r"(?=\.)\.(?i:com|org|net|edu|gov|mil|info|biz|io|co|me|app|dev|health|care|blog|page|site|online|nhs"
    r"|uk|au|in|nz|ie|ca|us|eu|ly|gl|to|tv|ph|ng|ke|za|br|gd|link|xyz|ai|ug|tz|gh|pk|lk|sg|my)"
    r"(?:\.(?i:uk|au|in|nz|ie|ph|ng|ke|za|br|pk|gh))?(?![A-Za-z0-9-])"
)
_SCHEME = re.compile(r"https?://")
_PATH = re.compile(r"/[^\s<>\"'()\[\]]*")
_LINK_TRAILER = ".,;:!?'\"’”"
_IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)"
)
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


def _find_email_links_ips(text: str, digits: list[int]) -> Iterator[_Hit]:
    if "@" in text:
        for match in _matches_at(_EMAIL, text, _local_part_starts(text)):
            yield _Hit(match.start(), match.end(), "email", _STRUCTURAL)
        for at in _literal_starts(text, "@"):
            upi = _UPI_ID.search(text, max(0, at - 64), at + 12)
            if upi and upi.end() > at:
                yield _Hit(upi.start(), upi.end(), "email", _STRUCTURAL)
            handle = _HANDLE.match(text, at)
            if handle and _SOCIAL.search(text, max(0, at - 50), at):
                yield _Hit(at, handle.end(), "url", _CUED)
    if "http" in text or "www." in text:
        for match in _SCHEME_URL.finditer(text):
            yield _Hit(match.start(), match.end() - _trailer_length(match.group()), "url", _STRUCTURAL)
    for match in _matches_at(_TOP_LEVEL_DOMAIN, text, _literal_starts(text, ".")):
        start = _domain_start(text, match.start())
        if start is None:
            continue
        path = _PATH.match(text, match.end())
        end = path.end() if path else match.end()
        yield _Hit(start, end - _trailer_length(text[start:end]), "url", _STRUCTURAL)
    for match in _matches_at(_IPV4, text, digits):
        yield _Hit(match.start(), match.end(), "ip", _STRUCTURAL)
    if text.count(":") >= 2:
        # An IPv6 address opens at most four hex digits before its first colon.
        opens = (start for colon in _literal_starts(text, ":") for start in range(max(0, colon - 4), colon + 1))
        for match in _matches_at(_IPV6, text, opens):
            candidate = match.group()
            if sum(1 for group in candidate.split(":") if group) >= 3 and _is_ipv6(candidate):
                yield _Hit(match.start(), match.end(), "ip", _STRUCTURAL)


_LOCAL_PART = re.compile(r"[\w.+-]+\Z")
# Indian UPI payment addresses have a bank handle and no domain: "rao.ashok61@okicici".
_UPI_ID = re.compile(
    r"(?<![\w.+-])[\w.+-]+@(?:ok(?:icici|sbi|hdfcbank|axis)|ybl|paytm|upi|ibl|axl|apl|axisbank|icici|sbi|hdfcbank)"
    r"\b(?![.@]\w)"
)
# A social media handle after the network's name: "his instagram, @tierney_tunes".
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
_SOCIAL = re.compile(
    r"(?i:instagram|insta|twitter|tiktok|facebook|threads|snapchat|snap|youtube|handle|\bIG\b|\bX\b)[^.!?\n]{0,40}$"
)


def _local_part_starts(text: str) -> Iterator[int]:
    """Where the run of address characters before each "@" begins: the only place an email can start."""
    for at in _literal_starts(text, "@"):
        low = at
        while True:
            low = max(0, low - 64)
            run = _LOCAL_PART.search(text, low, at)
            if run is None or run.start() > low or low == 0:
                break
        if run is not None:
            yield run.start()


def _domain_start(text: str, dot: int) -> int | None:
    """Where the host name ending at ``dot`` begins: "www.legacy" in "www.legacy.com"; None if too short."""
    start = dot
    while start > 0 and (text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] in ".-")):
        start -= 1
    while start < dot and not text[start].isalnum():
        start += 1
    if dot - start < 2:
        return None
    scheme = _SCHEME.search(text, max(0, start - 8), start)
    return scheme.start() if scheme and scheme.end() == start else start


def _trailer_length(link: str) -> int:
    return len(link) - len(link.rstrip(_LINK_TRAILER))


def _is_ipv6(candidate: str) -> bool:
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


# --- record and ID numbers -----------------------------------------------------------------------------------

# A number after a cue: at least one chunk with a digit; later chunks only if they start with a digit, so
# "943 476 5919" is one number but "7734521 and" stops at the number. A short run of capitals may come
# first ("CAD 4411", "UR 0045871"), and GS1 device codes open with an application identifier ("(01)0088…").
_NUMBER = (
    r"(?:[A-Z]{1,4}[ ](?=\d))?(?:\(\d{2}\))?"
    r"(?=[A-Za-z0-9/.-]*\d)[A-Za-z0-9](?:[A-Za-z0-9/:.-]*[A-Za-z0-9])?"
    r"(?:\(\d{2}\)[A-Za-z0-9]+)*"
    r"(?:[ ](?=\d)\d[A-Za-z0-9-]*(?<=[A-Za-z0-9]))*"
)
# Up to five lowercase words may sit between a spelled-out cue and its number ("account number at the
# practice was 00457821"); acronym cues must be followed by the number itself, or by "no." or "number".
_LOOSE_GAP = r"[\s:#=,.()-]*(?:[a-z'’]+[\s,:]+){0,5}?#?\s*"
_TIGHT_GAP = r"[\s:#=.,-]*(?:(?:no\.?|number|num|ref\.?|reference|#)\s*)?(?:(?:is|was)\s+)?#?\s*"
_NO = r"(?:number|no\.?|num|#|ref\.?|reference|ID|code)"
_RECORD_WORDS = (
    rf"medical\s+record(?:\s+{_NO})?|(?:health\s+)?record\s*{_NO}|hosp(?:ital)?\.?\s+{_NO}|patient\s+{_NO}"
    rf"|chart\s+{_NO}|admission\s+{_NO}|encounter\s+{_NO}|visit\s+{_NO}|UR\s+{_NO}|CR\s+{_NO}|IP\s+{_NO}"
    rf"|OPD\s+{_NO}|file\s+{_NO}|folio(?:\s+{_NO})?|registration\s+{_NO}|bed\s+ticket(?:\s+{_NO})?"
    rf"|unit\s+{_NO}|MR\s+{_NO}|inpatient\s+{_NO}|outpatient\s+{_NO}|clinic\s+{_NO}|lab\s+{_NO}|specimen\s+{_NO}"
    rf"|episode(?:\s+{_NO})?|folder(?:\s+{_NO})?|Fallnummer|Patientennummer|rekam\s+medis|BHT(?:\s+{_NO})?"
)
# Identity, insurance and professional numbers, and the references of complaints, incidents and cases.
_ID_WORDS = (
    rf"social\s+security(?:\s+{_NO})?|social\s+insurance\s+number|national\s+insurance(?:\s+{_NO})?"
    rf"|NHS\s+{_NO}|NI\s+{_NO}|CHI\s+{_NO}|NHI\s+{_NO}|PPS\s+{_NO}|PPSN|national\s+ID(?:\s+{_NO})?"
    rf"|Medicare(?:\s+card)?(?:\s+{_NO})?|Medicaid(?:\s+{_NO})?|Aadhaa?r(?:\s+card)?(?:\s+{_NO})?"
    rf"|PAN\s+(?:card|number)|passport(?:\s+{_NO})?|licen[cs]e(?:\s+{_NO})?|PhilHealth(?:\s+{_NO})?"
    rf"|NHIF(?:\s+{_NO})?|NHIS(?:\s+{_NO})?|SHA\s+{_NO}|CPF|RG|SUS\s+card(?:\s+{_NO})?|Omang"
    rf"|account\s+{_NO}|policy\s+{_NO}|member\s+{_NO}|insurance\s+{_NO}|health\s+plan(?:\s+{_NO})?"
    rf"|group\s+number|subscriber\s+{_NO}|beneficiary\s+number|employee\s+{_NO}|staff\s+{_NO}|payroll\s+{_NO}"
    rf"|badge\s+{_NO}|certificate\s+{_NO}|ID\s+{_NO}|identification\s+number|registration|reg\.?\s+{_NO}"
    rf"|PIN(?:\s+{_NO})?|NMC(?:\s+PIN)?(?:\s+{_NO})?|NMBI(?:\s+PIN)?(?:\s+{_NO})?|GMC(?:\s+{_NO})?"
    rf"|AHPRA(?:\s+(?:registration|{_NO}))?|PRC(?:\s+(?:licen[cs]e|ID|card))?(?:\s+{_NO})?|HPCSA(?:\s+{_NO})?"
    rf"|KMPDC|KMPDB|MDCN(?:\s+(?:folio|{_NO}))?|NMCN(?:\s+{_NO})?|SANC(?:\s+{_NO})?|CRM(?:-[A-Z]{{2}})?|COREN(?:-[A-Z]{{2}})?|CNO(?:\s+{_NO})?"
    rf"|IMC(?:\s+{_NO})?|HCPC(?:\s+{_NO})?|NCK(?:\s+{_NO})?|nursing\s+council(?:\s+{_NO})?"
    rf"|medical\s+council(?:\s+{_NO})?|practi[cs]ing\s+(?:licen[cs]e|certificate)(?:\s+{_NO})?"
    rf"|case\s+{_NO}|our\s+ref\.?|your\s+ref\.?|coroner['’]?s?\s+(?:ref\.?|reference|{_NO})"
    rf"|police\s+(?:ref\.?|reference|{_NO})|crime\s+{_NO}|investigation\s+{_NO}|report\s+{_NO}|log\s+{_NO}"
    rf"|prescription\s+{_NO}|Rx\s+{_NO}|complaint\s+{_NO}|incident\s+{_NO}|claim\s+{_NO}|ticket\s+{_NO}"
    # national and resident IDs, tax and social insurance numbers, health cards, from country to country
    rf"|tax\s+file\s+{_NO}|TFN|IRD(?:\s+{_NO})?|CNIC|NICOP|NIC\s+{_NO}|NID(?:\s+{_NO})?|NRIC|MyKad|IC\s+{_NO}"
    rf"|Emirates\s+ID(?:\s+{_NO})?|Iqama(?:\s+{_NO})?|HKID|CURP|NSS|DNI|NIE|NIF|codice\s+fiscale|carte\s+vitale"
    rf"|s[ée]curit[ée]\s+sociale|SSS(?:\s+{_NO})?|GSIS(?:\s+{_NO})?|UMID|TIN(?:\s+{_NO})?|PhilSys|Ghana\s+card"
    rf"|voter['’]?s?\s+(?:ID|card)(?:\s+{_NO})?|ration\s+card(?:\s+{_NO})?|ABHA(?:\s+{_NO})?|health\s+card"
    rf"|OHIP(?:\s+{_NO})?|RAMQ|PHN|CNS|cart[ãa]o\s+(?:SUS|de\s+cidad[ãa]o)|utente(?:\s+{_NO})?|SNS\s+{_NO}"
    rf"|IHI(?:\s+{_NO})?|DVA(?:\s+(?:card|file))?(?:\s+{_NO})?|Centrelink(?:\s+{_NO})?|HICN|MBI"
    rf"|driv(?:er['’]?s|ing)\s+licen[cs]e|state\s+ID|green\s+card|alien\s+{_NO}|A-number|visa\s+{_NO}"
    rf"|residen(?:ce|t)\s+(?:permit|card|ID)(?:\s+{_NO})?|BRP|work\s+permit|permit\s+{_NO}"
    rf"|(?:birth|death|marriage)\s+(?:certificate|registration|cert)(?:\s+{_NO})?|health\s+(?:ID|insurance)(?:\s+{_NO})?"
    rf"|insurance\s+(?:ID|card|policy)(?:\s+{_NO})?|ID\s+card(?:\s+{_NO})?|identity\s+(?:card|document)(?:\s+{_NO})?"
    rf"|I\.D\.|job\s+{_NO}|run\s+{_NO}|event\s+{_NO}|occurrence\s+{_NO}|accession\s+{_NO}|autopsy\s+{_NO}"
    rf"|post[- ]mortem\s+{_NO}|PM\s+{_NO}|docket\s+{_NO}|file\s+reference|booking\s+{_NO}|referral\s+{_NO}"
    rf"|case\s+(?:ID|file)|inquest\s+{_NO}|coroner['’]?s?\s+case"
    # national numbers written after their own name elsewhere in the world
    rf"|PESEL|BSN|NUSS|c[ée]dula(?:\s+de\s+(?:identidad|ciudadan[íi]a))?|TRN|CNP|(?:TC\s+)?kimlik(?:\s+{_NO})?|NIK|KTP"
    rf"|NIDA|Huduma(?:\s+{_NO})?|RUT|CUIL|CUIT|DUI|AHV|Steuer-?ID|personnummer|henkilötunnus|Versichertennummer"
    rf"|num[ée]ro\s+de\s+s[ée]cu(?:rit[ée]\s+sociale)?|s[ée]cu|NIR|INSEE|NHIA(?:\s+{_NO})?|H&C(?:\s+{_NO})?"
    rf"|SHIF(?:\s+{_NO})?|CHF\s+{_NO}|MRZ|CNI|carte\s+d['’]identit[ée]|Personalausweis"
)
# Reference cues that are ordinary words too ("the incident at 0300"): the number must follow at once.
_REFERENCE_WORDS = (
    r"complaint|Datix|incident|ref(?:erence)?|claim|ticket|inquest|FIR|OB|SI|StEIS|PALS|HSIB|docket|CAD|case"
)
_DEVICE_WORDS = (
    rf"serial(?:\s+{_NO})?|device\s+(?:ID|number|no\.?|serial)|(?:pump|pacemaker|monitor|ventilator|implant|ICD)"
    rf"\s+(?:serial|ID)(?:\s+{_NO})?|asset\s+(?:tag|{_NO})|MAC(?:\s+address)?|lot(?:\s+{_NO})|batch\s+{_NO}"
    rf"|model\s+and\s+serial|equipment\s+{_NO}|tag\s+{_NO}"
)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern written as ``A|B|C``."""
    parts, depth, start, at = [], 0, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1
        elif char == "[":
            at = pattern.index("]", at + 2)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and not depth:
            parts.append(pattern[start:at])
            start = at + 1
        at += 1
    return [*parts, pattern[start:]]


def _opening_with(pattern: str, letter: str) -> str:
    """The alternatives of ``pattern`` that can open with ``letter`` (in any case); one that never matches if none."""
    kept = [part for part in _alternatives(pattern) if not part[:1].isalpha() or part[0].lower() == letter]
    return "|".join(kept) or "(?!)"


@lru_cache(maxsize=64)
def _number_cues(letter: str) -> re.Pattern[str]:
    """A number after a cue, for cues that open with ``letter``: the full pattern, with only the alternatives
    that can open there, is several times quicker to try than all of them at every cue."""
    record = _opening_with(_RECORD_WORDS, letter)
    record_acronyms = _opening_with(r"(?i:MRN|M\.R\.N\.|URN|UHID|HRN|CRN|NHI)|MR(?=[\s:#.]*\d)", letter)
    device = _opening_with(_DEVICE_WORDS, letter)
    device_acronyms = _opening_with("S/N|SN|IMEI|MEID|UDI|ESN", letter)
    identity = _opening_with(_ID_WORDS, letter)
    identity_acronyms = _opening_with(
        f"SSN|SIN|NPI|DEA|ID|[Rr]eg|NIN|BVN|KRA|(?i:{_opening_with(_REFERENCE_WORDS, letter)})", letter
    )
    return re.compile(
        r"\b(?:"
        rf"(?:(?i:{record}){_LOOSE_GAP}|(?:{record_acronyms}){_TIGHT_GAP})(?P<record>{_NUMBER})"
        rf"|(?:(?i:{device}){_LOOSE_GAP}|(?:{device_acronyms}){_TIGHT_GAP})(?P<device>{_NUMBER})"
        rf"|(?:(?i:{identity}){_LOOSE_GAP}|(?:{identity_acronyms}){_TIGHT_GAP})(?P<id>{_NUMBER}))"
    )


# The first word of every cue above, in the forms it is written.
_BRAZILIAN_STATES = "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO"
_NUMBER_CUE_WORDS = frozenset(
    word
    for cue in _words(
        """medical record health hospital hosp patient chart admission encounter visit UR CR IP OPD file folio
    registration bed unit MR inpatient outpatient clinic lab specimen social national NHS NI CHI NHI PPS PPSN
    Medicare Medicaid Aadhaar Aadhar PAN passport licence license PhilHealth NHIF NHIS SHA CPF RG SUS Omang
    account policy member insurance group subscriber beneficiary employee staff payroll badge certificate ID
    identification reg PIN NMC NMBI GMC AHPRA PRC HPCSA KMPDC KMPDB MDCN NMCN SANC CRM COREN CNO IMC HCPC NCK
    nursing practising practicing complaint Datix incident case our your ref reference claim ticket inquest
    coroner coroner's coroners police crime FIR OB SI StEIS PALS HSIB investigation report docket log CAD
    prescription Rx serial device pump pacemaker monitor ventilator implant ICD asset MAC lot batch model
    equipment tag MRN M URN UHID HRN CRN S SN IMEI MEID UDI ESN SSN SIN NPI DEA NIN BVN KRA tax TFN IRD CNIC NICOP
    NIC NID NRIC MyKad IC Emirates Iqama HKID CURP NSS DNI NIE NIF codice carte sécurité securité SSS GSIS UMID TIN
    PhilSys Ghana voter voters voter's voter’s ration ABHA OHIP RAMQ PHN CNS cartão cartao utente SNS IHI DVA
    Centrelink HICN MBI driver's driver’s drivers driving state green alien A-number visa residence resident BRP
    work permit birth death marriage identity I job run event occurrence accession autopsy post post-mortem PM
    booking referral episode Episode folder Folder Fallnummer Patientennummer rekam BHT PESEL BSN NUSS cédula cedula
    TRN CNP TC kimlik NIK KTP NIDA Huduma RUT CUIL CUIT DUI AHV Steuer-ID SteuerID personnummer henkilötunnus
    Versichertennummer numéro numero sécu secu NIR INSEE NHIA H&C SHIF CHF MRZ CNI carte Personalausweis"""
    )
    | {f"{council}-{state}" for council in ("COREN", "CRM") for state in _BRAZILIAN_STATES.split()}
    for word in (cue, cue.capitalize(), cue.lower(), cue.upper())
)
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
_ID_SHAPES = re.compile(
    r"(?:"
    r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b"  # US social security number
    r"|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"  # UK national insurance
    r"|\b\d{2}[A-Z]\d{4}[A-Z]\b"  # UK NMC PIN: 12A3456E
    r"|\b[A-Z]{3}\d{10}\b"  # AHPRA registration: NMW0001234567
    r"|\b784-?\d{4}-?\d{7}-?\d\b"  # Emirates ID: 784-1985-1234567-1
    r"|\b\d{5}-\d{7}-\d\b"  # Pakistan CNIC: 35202-1234567-1
    r"|\b\d{6}-\d{2}-\d{4}\b"  # Malaysia MyKad: 850412-10-5523
    r"|\b\d{6}-[1-8]\d{6}\b"  # Korea resident registration: 850412-1234567
    r"|\b\d{3}\.\d{3}\.\d{3}-\d{2}\b"  # Brazil CPF: 041.387.226-19
    r"|\b[A-Z]{1,2}\d{6}\([0-9A]\)"  # Hong Kong ID: A123456(7)
    r"|\b[STFGM]\d{7}[A-Z]\b"  # Singapore NRIC and FIN: S8512345D
    r"|\b[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d\b"  # Mexico CURP
    r"|\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b"  # Italy codice fiscale
    r"|\b\d[A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b)"  # US Medicare MBI: 1EG4-TE5-MK73
)
# Codes that are identifiers by their shape alone: capitals and digits in chunks joined by hyphens or slashes
# ("KNH/OP/558213", "MH-2024-119347", "TF-LHR-08815"); those with four digits or fewer need two joins.
_CODE = re.compile(r"(?<![\w/.-])[A-Z0-9]{1,10}(?:[-/][A-Z0-9]{1,12}){1,5}(?![\w/]|-\w|\.\w)")
# A long number (five digits or more, maybe after a short run of capitals) later in a sentence that spoke of
# a card, file or reference: "His Alberta health card was in his wallet, 31452-8876".
_CUED_LATER = re.compile(
    r"(?<![\w/.,-])(?:(?P<prefix>[A-Z]{1,6}[ -])?\d+(?:[ /-]\d+|\.\d{3}){0,4}|[A-Z]{1,4}\d{4,}[A-Z]{0,3})"
    r"(?![\w/]|[.,]\d|-\w)" + _NOT_A_QUANTITY
)
_CUE_RIGHT_BEFORE = re.compile(
    r"(?:\b[A-Za-z]{2,10}\s+)?(?:\b(?i:no|nº|n°|num|number)\.?|#)\s*(?P<was>(?:was|is)\s+)?$"
)
_LATER_CUE_WORDS = _words(
    """number numbers no num id card mrn ur file record records ref reference registry registration slip docket
    case account policy protocol protocolo prontuário prontuario número numero phn cnic aadhaar aadhar nhs ssn
    passport licence license serial claim certificate cheque receipt invoice ticket listing folio chart bracelet
    wristband nhi nin nº n"""
)


def _sentence_start(text: str, at: int, reach: int) -> int:
    """Where the sentence holding ``at`` begins, looking back at most ``reach`` characters."""
    start = max(0, at - reach)
    for mark in (". ", "! ", "? ", "\n"):
        found = text.rfind(mark, start, at)
        if found >= 0:
            start = found + 1
    return start


_ACRONYM_NUMBER = re.compile(
    r"(?<![\w&])(?P<cue>[A-Z][A-Z&]{1,5})\b[\s:#.-]*(?:(?:no\.?|number|num)\s*[:#.]?\s*)?"
    r"(?P<number>\d[\d .-]*\d)(?![\w/]|[.,]\d)"
)
# Capitals that come before long numbers which are readings, counts or money, not identifiers.
_NOT_ID_ACRONYMS = _words(
    """GCS HR BP RR SPO SATS NEWS MEWS PEWS EWS MAP CRP WCC WBC HB PLT INR APTT PT ETCO FIO TEMP APGAR ISS DOB
    USD GBP EUR INR KES NGN PHP AUD CAD NZD ZAR PKR BDT AED SAR BRL MXN RM RS KSH TSH UGX GHS CFA NHS ICU ED"""
)
_MAC_ADDRESS = re.compile(r"\b[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}\b")


def _find_numbers(story: _Story) -> Iterator[_Hit]:
    text = story.text
    by_letter: dict[str, list[int]] = {}
    for start in _followed_by_digit(story.starts_of(_NUMBER_CUE_WORDS), story.digits, 120):
        by_letter.setdefault(text[start].lower(), []).append(start)
    cued = [match for letter, starts in by_letter.items() for match in _matches_at(_number_cues(letter), text, starts)]
    for match in sorted(cued, key=re.Match.start):  # in text order, so the first cue wins a tie as before
        kind = next(group for group in ("record", "device", "id") if match.group(group))
        number = match.group(kind).rstrip(":-/")
        count = sum(char.isdigit() for char in number)
        if (
            (count >= 3 or (kind == "device" and count and len(number) >= 8))
            and len(number) >= 4
            and not (_YEAR_ONLY.fullmatch(number))
        ):
            yield _Hit(match.start(kind), match.start(kind) + len(number), kind, _CUED)
    both = story.digits_and_capitals
    for match in _matches_at(_ID_SHAPES, text, both):
        yield _Hit(match.start(), match.end(), "id", _CUED)
    for match in _matches_at(_CODE, text, both):
        code = match.group()
        numbers = sum(char.isdigit() for char in code)
        separators = sum(char in "-/" for char in code)
        if numbers >= 4 and (separators >= 2 or numbers >= 5) and any(char.isalpha() for char in code):
            yield _Hit(match.start(), match.end(), "record", _CUED)
    cues: list[int] | None = None
    for match in _matches_at(_CUED_LATER, text, both):
        numbers = sum(char.isdigit() for char in match.group())
        if numbers < 4:
            continue
        # A cue right before the number goes with it: "cheque no. 004417", "UR number 1182447".
        right_before = _CUE_RIGHT_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if right_before is not None:
            start = match.start() if right_before.group("was") else right_before.start()
            yield _Hit(start, match.end(), "record", _CUED)
            continue
        if numbers == 4 and not match.group("prefix") and not match.group()[0].isalpha():
            continue
        if cues is None:
            cues = sorted(
                start
                for start in story.starts_of_lower(_LATER_CUE_WORDS)
                if not text.startswith("no", start) or text.startswith("no.", start)
            )
        index = bisect_right(cues, match.start())
        if index and cues[index - 1] >= _sentence_start(text, match.start(), 160):
            yield _Hit(match.start(), match.end(), "record", _GUESS)
    # A number of seven digits or more right after a run of capitals no list names: "PESEL 31020412345".
    for match in _matches_at(_ACRONYM_NUMBER, text, _followed_by_digit(story.capitals, story.digits, 24)):
        number = match.group("number")
        count = sum(char.isdigit() for char in number)
        if match.group("cue") in _NOT_ID_ACRONYMS or _NUMERIC_DATE.fullmatch(number):
            continue
        if count >= 7 or (count >= 6 and not number.isdigit()):
            yield _Hit(match.start("number"), match.end("number"), "id", _GUESS)
    if text.count(":") >= 5 or text.count("-") >= 5:
        for match in _MAC_ADDRESS.finditer(text):
            yield _Hit(match.start(), match.end(), "device", _STRUCTURAL)


# --- vehicle plates -----------------------------------------------------------------------------------------

# Shapes distinctive enough to trust alone: UK (AB12 CDE), India (MH 12 AB 1234), Kenya (KCA 123B),
# Nigeria (EKY-447DE) and Ireland (191-D-12345).
_INDIAN_STATES = (
    "AN|AP|AR|AS|BR|CH|CG|DD|DL|DN|GA|GJ|HR|HP|JK|JH|KA|KL|LA|LD|MP|MH|MN|ML|MZ|NL|OD|OR|PY|PB|RJ|SK|TN|TS|TR|UP"
    "|UK|UA|WB"
)
_PLATE_SHAPES = re.compile(
    r"(?=[A-Z]|\d{2,3}-)(?:"
    r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b"
    rf"|\b(?:{_INDIAN_STATES})[ -]?\d{{1,2}}[ -]?[A-Z]{{0,3}}[ -]?\d{{4}}\b"
    r"|\bK[A-Z]{2}[ -]?\d{3}[A-Z]\b"
    r"|\b[A-Z]{3}[ -]\d{3}[ -]?[A-Z]{2}\b|\b[A-Z]{3}\d{3}[A-Z]{2}\b"
    r"|\b\d{2,3}-(?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|W|WH|WX|WW)-\d{1,6}\b"
    r"|\b(?:Dubai|Abu\s+Dhabi|Sharjah|Ajman|RAK|Fujairah|UAQ|Umm\s+Al\s+Quwain|AD|DXB|SHJ)\s+[A-Z]{1,2}\s?\d{1,5}\b)"
)
# Anything plate-like (letters and digits, up to four chunks) after a plate cue, or near a vehicle.
_PLATE_CUE = re.compile(
    r"(?i:number\s+plate|licen[cs]e\s+plate|plate\s+(?:number|no\.?)|registration\s+(?:number|plate)|plates?"
    r"|rego|reg(?:istration)?\.?|tags?|tail\s+(?:number|no\.?)|call\s*sign)"
    r"[\s:#.-]*(?:(?:was|is|were|read|number|no\.?)\s+)*"
)
_VEHICLE_NEAR = re.compile(
    r"(?i:\b(?:car|van|ute|truck|lorry|taxi|cab|bike|motorbike|motorcycle|vehicle|matatu|jeepney|tricycle|boda"
    r"|bus|suv|sedan|hatchback|pickup|pick-up|bakkie|danfo|keke|okada|tuk-tuk|rickshaw|auto|corolla|hilux|camry|civic"
    r"|driver)\b)[^.!?\n]{0,30}$"
)
_PLATE_LIKE = re.compile(r"(?=[A-Z0-9 -]{5,}\b)[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,4}){0,3}\b")
_AIRCRAFT = re.compile(r"(?:[A-Z]{1,2}|[A-Z]\d)-[A-Z]{3,5}\b|N\d{1,5}[A-Z]{0,2}\b")
_PLATE_CUE_WORDS = frozenset(
    word
    for cue in (
        "number",
        "licence",
        "license",
        "plate",
        "plates",
        "registration",
        "rego",
        "reg",
        "tag",
        "tags",
        "tail",
        "call",
        "callsign",
    )
    for word in (cue, cue.capitalize())
)


def _find_plates(story: _Story) -> Iterator[_Hit]:
    text, digits, capitals = story.text, story.digits, story.capitals
    for match in _matches_at(_PLATE_SHAPES, text, story.digits_and_capitals):
        yield _Hit(match.start(), match.end(), "plate", _CUED)
    for start in sorted(story.starts_of(_PLATE_CUE_WORDS)):
        cue = _PLATE_CUE.match(text, start)
        if cue:
            plate = _PLATE_LIKE.match(text, cue.end())
            if plate and _plate_like(plate.group()):
                yield _Hit(plate.start(), plate.end(), "plate", _CUED)
            # "plate Dubai K 77213"; aircraft: "tail number C-GMWA", "G-BOAC", "N911AM"
            elif shaped := _PLATE_SHAPES.match(text, cue.end()) or _AIRCRAFT.match(text, cue.end()):
                yield _Hit(shaped.start(), shaped.end(), "plate", _CUED)
    for start in capitals + digits:
        plate = _PLATE_LIKE.match(text, start)
        if (
            plate
            and (start == 0 or not text[start - 1].isalnum())
            and _plate_like(plate.group())
            and _VEHICLE_NEAR.search(text, max(0, start - 60), start)
        ):
            yield _Hit(plate.start(), plate.end(), "plate", _GUESS)
    for plate in _matches_at(_PLATE_LATER, text, capitals):
        if _PLATE_WORD.search(text, _sentence_start(text, plate.start(), 120), plate.start()):
            yield _Hit(plate.start(), plate.end(), "plate", _GUESS)
    if story.starts_of(_AIRCRAFT_WORDS):
        for plate in _matches_at(_AIRCRAFT, text, capitals):
            if plate.group()[0] != "N" and _AIRCRAFT_NEAR.search(text, max(0, plate.start() - 45), plate.start()):
                yield _Hit(plate.start(), plate.end(), "plate", _GUESS)


# A plate named earlier in the sentence: "I looked up the plate of the car that was parked nearby, BWK-2291".
_PLATE_LATER = re.compile(r"(?<![\w-])[A-Z]{2,4}[ -]?\d{3,4}(?:[ -]?[A-Z]{1,3})?(?![\w-])")
_PLATE_WORD = re.compile(r"(?i:\b(?:plates?|rego|registration|number\s+plate|licen[cs]e\s+plate)\b)")


def _plate_like(candidate: str) -> bool:
    """Letters and digits both, five to ten of them, and not a year or a score ("GCS 15")."""
    letters = sum(char.isalpha() for char in candidate)
    numbers = sum(char.isdigit() for char in candidate)
    return (
        letters >= 1
        and numbers >= 1
        and 5 <= letters + numbers <= 10
        and not _YEAR_ONLY.search(candidate)
        and not _READING.match(candidate)
    )


# Vital signs and scores, which read like a plate after "hit by a car": "GCS 13", "HR 140".
_READING = re.compile(r"(?:GCS|HR|BP|RR|SPO2|SATS|NEWS|MEWS|PEWS|EWS|MAP|CRP|WCC|WBC|HB|ETCO2|FIO2|TEMP|APGAR|ISS)\b")
_AIRCRAFT_WORDS = frozenset(
    form
    for word in _words("aircraft plane helicopter heli chopper jet airframe tail")
    for form in (word, word.capitalize())
)
_AIRCRAFT_NEAR = re.compile(r"(?i:\b(?:aircraft|plane|helicopter|heli|chopper|jet|airframe|tail)\b)[^.!?\n]{0,30}$")


# --- phone and fax numbers ------------------------------------------------------------------------------------

_PHONE_REGIONS = ("US", "GB", "AU", "CA", "IN", "IE", "NZ")
# Runs of digits with phone punctuation; slashes are left out so dates and blood pressures never qualify.
_DIGIT_RUN = re.compile(r"(?<![\w@/.-])\+?\(?\d[\d \t().-]{5,}\d(?![\w@/]|-\d)")
_PHONE_SHAPES = re.compile(
    r"\(\d{3}\)\s?\d{3}[\s.-]\d{4}"  # (559) 284-7731
    r"|(?:\+?1[\s.-])?\d{3}[.-]\d{3}[.-]\d{4}"  # 403-555-0199, 1-888-409-0141
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}"  # +44 20 7946 0018
    r"|0\d{1,4}(?:[\s.-]\d{2,4}){2,3}"  # 01632 960 583, 02 6884 1122
    r"|\(\d{2}\)\s?9?\d{4}-\d{4}"  # Brazil: (81) 98812-0473
)
_PHONE_CUE = re.compile(
    r"(?i:(?:(?:phone|telephone|call|text|fax|whatsapp|dial)(?:s|d|ed|ing)?|ring|rang|contact(?:ed)?|reach(?:ed)?)"
    r"\b[^\d\n]{0,30}$|(?:tel|mobile|cell|landline|number)\b[^\d\n]{0,25}$)"
)


def _find_phones(text: str, digits: list[int], found: Sequence[_Hit]) -> Iterator[_Hit]:
    """Ask libphonenumber about each run of digits that is not already a date, record or address, then fall
    back to common written shapes it rejects (fictional 555 and UK drama numbers, which are the ones people
    invent when they disguise a story)."""
    taken = sorted((hit.start, hit.end) for hit in found if hit.tier < _PHONE)
    starts = (digit - 1 if digit and text[digit - 1] in "+(" else digit for digit in digits)
    for run in _matches_at(_DIGIT_RUN, text, starts):
        count = sum(char.isdigit() for char in run.group())
        if not 7 <= count <= 15 or _covered(taken, run.start(), run.end()):
            continue
        matches = _libphonenumber_matches(run.group())
        for start, end in matches:
            extension = _EXTENSION.match(text, run.start() + end)
            yield _Hit(run.start() + start, extension.end() if extension else run.start() + end, "phone", _PHONE)
        if matches:
            continue
        number = run.group().rstrip(" \t.-")
        if _PHONE_SHAPES.fullmatch(number) or _PHONE_CUE.search(text, max(0, run.start() - 45), run.start()):
            yield _Hit(run.start(), run.start() + len(number), "phone", _PHONE)
        elif _long_number(text, run.start(), number):
            yield _Hit(run.start(), run.start() + len(number), "id", _GUESS)


def _long_number(text: str, start: int, number: str) -> bool:
    """Eight digits or more that are no phone: a record or ID number without a cue ("20240048812"), unless they
    are two times or two years joined ("0700-1930", "2019-2024") or a list of readings ("140 150 160")."""
    chunks = re.findall(r"\d+", number)
    count = sum(map(len, chunks))
    if count < 8:
        return False
    if len(chunks) == 2 and all(len(chunk) == 4 for chunk in chunks):
        times = all(int(chunk[:2]) < 24 and int(chunk[2:]) < 60 for chunk in chunks)
        years = all(_YEAR_ONLY.fullmatch(chunk) for chunk in chunks)
        if times or years:
            return False
    spaced = len(chunks) > 1 and max(map(len, chunks)) < 4 and count < 10
    return not spaced and not _READING_BEFORE.search(text, max(0, start - 40), start)


_EXTENSION = re.compile(r"\s*(?:ext\.?|x|extension)\s*\d{1,5}\b")


@lru_cache(maxsize=1024)
def _libphonenumber_matches(candidate: str) -> tuple[tuple[int, int], ...]:
    # An international number reads the same from every region: asking once is enough. A leading 0 is a
    # trunk prefix North America never uses, so those regions go last.
    if candidate.startswith("+"):
        regions: tuple[str, ...] = _PHONE_REGIONS[:1]
    elif candidate.startswith("0"):
        regions = ("GB", "AU", "IE", "NZ", "IN", "US", "CA")
    else:
        regions = _PHONE_REGIONS
    for region in regions:
        matches = tuple((match.start, match.end) for match in phonenumbers.PhoneNumberMatcher(candidate, region))
        if matches:
            return matches
    return ()


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside the union of the sorted ``spans``."""
    position = start
    for span_start, span_end in spans:
        if span_start > position:
            break
        position = max(position, span_end)
    return position >= end


# --- dates and ages ------------------------------------------------------------------------------------------

# Months in any case ("dec 2nd" in a text message), except "may", which is a month only with a day beside it.
_MONTH = (
    r"(?:(?i:January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)|May|MAY|may(?=\s+\d{1,2}(?:st|nd|rd|th)\b)"
    r"|(?<=\bof\s)may\b)"
)
# Months of the Islamic calendar, and Portuguese and Spanish months, which stories name with a day.
_OTHER_MONTH = (
    r"(?:Muharram|Safar|Rabi[\s'’-]?(?:ul|al|us)?[\s-]?(?:Awal|Awwal|Akhir|Aakhir|Thani|Sani)|Jumad[ae][\s-]?(?:ul|al)?"
    r"[\s-]?(?:Awal|Awwal|Akhir|Ula|Thani|Sani)|Rajab|Sha['’]?ban|Ramadan|Ramadhan|Ramzan|Shawwal|Dhu[\s'’-]?(?:al|l)?"
    r"[\s-]?(?:Qa['’]?dah|Hijjah)|Zil[\s-]?(?:Qad|Hajj)|(?i:janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto"
    r"|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|janvier|février|fevrier|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|Januar|Februar|März|Juni|Juli"
    r"|Oktober|Dezember|januari|februari|maart|mei|augustus|oktober|Maret|Mei|Agustus|Ogos|Disember|Desember"
    r"|Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık|ianuarie|februarie|martie"
    r"|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie|stycznia|lutego|marca|kwietnia|maja|czerwca"
    r"|lipca|sierpnia|września|października|listopada|grudnia|Baisakh|Baishakh|Jestha|Asar|Shrawan|Bhadra|Asoj"
    r"|Kartik|Mangsir|Poush|Magh|Falgun|Chaitra))"
)
# Ordinals in words: "the twenty-third of May", "March the third", "on the eleventh".
_TENS_ORDINAL = (
    r"(?:twentieth|thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
)
_LATE_ORDINAL = (
    r"(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    rf"|seventeenth|eighteenth|nineteenth|{_TENS_ORDINAL})"
)
_SPELLED_ORDINAL = rf"(?i:first|second|third|{_LATE_ORDINAL})"
_WEEKDAY = r"(?i:Mon|Tues|Tue|Wednes|Weds|Wed|Thurs|Thu|Fri|Satur|Sat|Sun)(?i:day)?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = rf"{_DAY}(?:st|nd|rd|th)"
_YEAR = r"(?:1[89]|20)\d{2}"
# A year in full or cut short after an apostrophe: "2nd Jan '58", "March 3rd, '21".
_ANY_YEAR = rf"(?:{_YEAR}\b|['’]\d{{2}}\b)"
# A range of days: "12-14 March", "3rd to 5th of May".
_DAY_RANGE = rf"(?:\s*(?:-|–|/|to|and|or|&)\s*(?:the\s+)?{_DAY}(?:st|nd|rd|th)?)?"
_HOLIDAY = (
    r"Christmas\s+(?:Eve|Day|morning|night|afternoon|evening)|New\s+Year['’]?s\s+(?:Eve|Day)|Boxing\s+Day"
    r"|Thanksgiving(?:\s+Day)?|Hallowe['’]?en|Valentine['’]?s\s+Day|Easter\s+(?:Sunday|Monday|Saturday|Day)"
    r"|Good\s+Friday|Independence\s+Day|Fourth\s+of\s+July|Bonfire\s+Night|Guy\s+Fawkes\s+Night"
    r"|Anzac\s+Day|Australia\s+Day|Canada\s+Day|Waitangi\s+Day|St\.?\s+Patrick['’]s\s+Day|Remembrance\s+(?:Day|Sunday)"
    r"|Veterans['’]?\s+Day|Memorial\s+Day|Labou?r\s+Day|Mothers['’]?\s+Day|Mother['’]s\s+Day|Father['’]s\s+Day"
    r"|Juneteenth|Republic\s+Day|Diwali|Deepavali|Holi|Eid(?:\s+(?:[ua]l[- ]?)?(?:Fitr|Adha|Milad[- ]un[- ]Nabi))?"
    # feasts and festivals of a single day (days named "... Day" are found from "Day" back: ``_DAY_HOLIDAY``)
    r"|Day\s+of\s+(?:the\s+)?[A-Z][a-z]+|Palm\s+Sunday|Maundy\s+Thursday|Holy\s+(?:Thursday|Saturday)|Shrove\s+Tuesday"
    r"|Carnival\s+(?:Monday|Tuesday)|Mid-Autumn\s+Festival|Thai\s+Pongal|Pongal|Onam|Vaisakhi|Baisakhi|Dussehra"
    r"|Phagwah|Yom\s+Kippur|Rosh\s+Hashanah|Passover|Hanukkah|Purim|Shab-e-Barat|Valentine['’]?s(?!\s+(?!and\b|or\b)[a-z])"
    r"|St\.?\s+(?:Patrick|Stephen|Andrew|David|George|Jean-Baptiste)['’]s(?:\s+Day)?|Saint-Jean-Baptiste"
    r"|Dia\s+d[aoe]\s+[A-Z][a-z]+|[Ff]east\s+of\s+(?:the\s+|St\.?\s+|Saint\s+)[A-Z][a-z]+|Eleventh\s+Night"
    r"|Erev\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
    r"|(?i:x-?mas)\s+(?i:eve|day|morning|night)|NYE|NYD|(?<=\b[Tt]he\s)Twelfth(?:\s+of\s+July)?"
    r"(?!\s+(?:Night|[Cc]entury|time|day|man|of\s+(?!July)))"
    # festivals of many countries: "on Vesak", "Burns Night", "Hari Raya", "Cinco de Mayo"
    r"|Vesak|Wesak|T[ếe]t(?!\w)|(?:Makar\s+)?Sankranti|Uttarayan|Lohri|Durga\s+Puja|Navratri|Dashain|Tihar|Ugadi|Gudi\s+Padwa"
    r"|Ganesh\s+Chaturthi|Janmashtami|Raksha\s+Bandhan|Karva\s+Chauth|Chhath|Bihu|Vishu|Thaipusam|Divali"
    r"|Hari\s+Raya(?:\s+(?:Aidilfitri|Haji|Puasa))?|Aidilfitri|Chuseok|Songkran|Nowruz|Sallah|Mawlid|Ashura|Meskel|Timkat"
    r"|Burns\s+Night|Hogmanay|Cinco\s+de\s+Mayo|D[ií]a\s+de\s+(?:los\s+)?Muertos|Matariki|Melbourne\s+Cup\s+[Dd]ay"
    r"|Heiligabend|Ferragosto|Koningsdag|Kwanzaa|Pesach|Sukkot|Shavuot|Lag\s+B['’]?aOmer|Mothering\s+Sunday"
    r"|Ash\s+Wednesday|Whit\s+(?:Sunday|Monday)|Pentecost|Corpus\s+Christi|Epiphany|Candlemas|Michaelmas"
)
# Holidays written in lowercase too, in texting: "died on boxing day", "easter monday".
_LOWER_HOLIDAY = (
    r"christmas\s+(?:eve|day|morning|night|afternoon|evening)|new\s+year['’]?s\s+(?:eve|day|morning|night)"
    r"|new\s+year['’]s(?=[.,;])|boxing\s+day|easter\s+(?:sunday|monday|saturday|day)|good\s+friday"
    r"|valentine['’]?s\s+day|remembrance\s+day|independence\s+day|paddy['’]?s\s+day|st\.?\s+patrick['’]?s\s+day"
    r"|(?:chinese|lunar)\s+new\s+year|ash\s+wednesday|diwali|deepavali|thanksgiving|hallowe['’]?en|canada\s+day"
    r"|anzac\s+day|australia\s+day|mother['’]?s\s+day|father['’]?s\s+day|women['’]?s\s+day|heritage\s+day"
    r"|feast\s+of\s+the\s+(?:immaculate\s+conception|assumption|epiphany|sacred\s+heart)|eid(?:\s+(?:[ua]l[- ]?)?"
    r"(?:fitr|adha|azha|milad[- ]un[- ]nabi))?|vesak|sankranti|makar\s+sankranti|durga\s+puja|navratri|ugadi"
    r"|ganesh\s+chaturthi|raksha\s+bandhan|hari\s+raya|burns\s+night|hogmanay|cinco\s+de\s+mayo|sallah(?:\s+day)?"
    r"|mothering\s+sunday|divali|lohri|uttarayan|dashain|tihar|songkran|chuseok|nowruz|x-?mas\s+(?:eve|day|morning|night)"
)
# After "the 9th" a date ends the clause or runs on into one; "the 9th floor", "the 3rd time" are no dates.
_ORDINAL_ENDS = (
    r"(?=\s*(?:[.,;:!?)—–-]|$|(?i:when|and(?!\s+(?:final|last))|at|in|or|but|as|so|because|after|before|i|we|he"
    r"|she|they|it|one|my|his|her|our|their|morning|night|evening|afternoon|around|about|too|was|is|had|then|anyway"
    r"|to(?!\s+(?:die|go|last|arrive|be|leave|come|get|try|see\s+him|see\s+her)\b)"
    r"|there|this|that|with|the|a|for|from|by|until|till|him|me|us|you|of\s+(?:this|that|last|next)\s+month)\b"
    r"|\s+(?!(?:Century|Street|St|Avenue|Ave|Road|Rd|Floor|Battalion|Division|Regiment|Amendment|Grade)\b)[A-Z][a-z]))"
)
_DAY_MONTH = (
    rf"\b{_DAY}(?:st|nd|rd|th)?{_DAY_RANGE}\s+(?:of\s+|de\s+)?"
    rf"(?:{_MONTH}(?:,?\s+{_ANY_YEAR}|\b)|{_OTHER_MONTH}(?:,?\s+(?:de\s+)?{_YEAR})?\b)"
)
# Every form holds a digit and opens with a digit, a month, a weekday or "the"; those that open with a digit are
# tried only at one, the others only elsewhere.
_DATE = re.compile(
    r"(?:(?=\d)(?:"
    # 14 March, 5th of January, 2 October 2018, 30 nov; 30 Ramadan, 27/28 Rajab, 17 de março, 3 de enero de 2023
    rf"{_DAY_MONTH}"
    # 12-Mar-24, 3 Sept 24
    rf"|\b{_DAY}-{_MONTH}-(?:\d{{4}}|\d{{2}})\b"
    # 14-Feb, 3-Mar (a day and a month joined, without a year)
    rf"|\b{_DAY}-(?i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?!-)"
    # on 3rd. / nung 3rd (Tagalog): a bare ordinal closing a clause after "on"
    rf"|(?:(?<=\b(?i:on)\s)|(?<=\b(?i:nung)\s)|(?<=\b(?i:noong)\s)|(?<=\b(?i:since)\s)|(?<=\b(?i:until)\s)){_ORDINAL}(?=\s*(?:[.,;:!?)]|$))"
    # 15th of the month
    rf"|\b{_ORDINAL}\s+of\s+the\s+month\b"
    # 3/14/2021, 14.03.2021, 2021-03-14
    r"|(?<![\d./-])\d{1,2}(?P<separator>[/.-])\d{1,2}(?P=separator)(?:\d{4}|\d{2})(?!\d|[./-]\d)"
    rf"|\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
    # 6/11, 12/24 (fractions, scores and durations are weeded out afterwards); 11-02, 28.08 after "on"
    r"|(?<![\d./-])\d{1,2}/\d{1,2}(?!\d|[/.-]\d|/\s*\d)"
    rf"|(?<![\d./-])\d{{1,2}}[.-]\d{{2}}(?![\d:]|[/.-]\d){_NOT_A_QUANTITY})"
    r"|(?!\d)(?:"
    # Sunday 14 March
    rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY_MONTH}"
    # March 3rd, March 3, 2021, dec 2nd (not "March 3 patients")
    rf"|\b{_MONTH}\s+(?:the\s+)?{_DAY}(?:st|nd|rd|th)?{_DAY_RANGE}(?!\d|:\d)(?:,?\s+{_ANY_YEAR})?{_NOT_A_QUANTITY}"
    # June 2017, March of 2021
    rf"|\b{_MONTH},?\s+(?:of\s+)?{_ANY_YEAR}"
    # Tuesday the 4th, Friday 13th, Sunday 7th March
    rf"|\b{_WEEKDAY},?\s+(?:the\s+)?{_ORDINAL}\b(?:\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_ANY_YEAR})?)?"
    # the 14th of january, the 2nd of feb, the 9th of December, 2024
    rf"|\b(?i:the)\s+{_ORDINAL}{_DAY_RANGE}\s+(?:of\s+)?(?:{_MONTH}|{_OTHER_MONTH})(?:,?\s+{_ANY_YEAR})?"
    # the Thursday before Christmas
    rf"|\b{_WEEKDAY}\s+(?:before|after)\s+(?:Christmas|Easter|Thanksgiving|Diwali|Eid|New\s+Year)\b"
    # Sunday 12/5/24, Saturday 3/16, Weds 14.2
    rf"|\b{_WEEKDAY},?\s+\d{{1,2}}(?P<mark>[/.])\d{{1,2}}(?:(?P=mark)(?:\d{{4}}|\d{{2}}))?(?![\d/]|[.:]\d|\s*[ap]\.?m\b)"
    # on the 12th. / the 9th when
    rf"|\b(?i:the)\s+{_ORDINAL}(?:\s+of\s+the\s+(?:month|{_ORDINAL}))?{_DAY_RANGE}{_ORDINAL_ENDS}"
    # on the 30th listening to the radio, died on the 5th surrounded by family
    rf"|(?:(?<=\b(?i:on)\s)|(?<=\b(?i:since)\s)|(?<=\b(?i:until)\s)|(?<=\b(?i:till)\s)|(?<=\b(?i:by)\s)|(?<=\b(?i:died)\s))(?i:the)\s+{_ORDINAL}(?=\s+[a-z]+(?:ing|ed)\b)"
    # the twenty-third of May, the first of March; on the eleventh, died the fourth
    rf"|\b(?i:the)\s+{_SPELLED_ORDINAL}\s+of\s+(?:{_MONTH}|{_OTHER_MONTH})\b(?:,?\s+{_ANY_YEAR})?"
    rf"|(?:(?<=\b(?i:on)\s)|(?<=\b(?i:since)\s)|(?<=\b(?i:until)\s)|(?<=\b(?i:till)\s)|(?<=\b(?i:by)\s)"
    rf"|(?<=\b(?i:died)\s)|(?<=\b(?i:dated)\s)|(?<=\b(?i:born)\s))(?i:the)\s+(?i:{_LATE_ORDINAL})"
    r"(?=\s*(?:[.,;:!?)—–]|$)|\s+(?:and|when|at|after|before|of\s+(?:this|that|last|next)\s+month)\b)"
    # March the third
    rf"|\b{_MONTH}\s+the\s+{_SPELLED_ORDINAL}\b"
    # dia 4, día 12 (Portuguese and Spanish)
    rf"|\b(?i:dia|día)\s+{_DAY}(?:\s+de\s+(?:{_MONTH}|{_OTHER_MONTH}))?\b(?![.,:]\d|\s*(?:%|h\b|horas|hours|de\s+(?!{_MONTH}|{_OTHER_MONTH})))))"
)
_HOLIDAY_DATE = re.compile(rf"(?=[A-Za-z])\b(?:{_HOLIDAY}|(?i:{_LOWER_HOLIDAY}))(?![\w'’-])(?:,?\s+{_YEAR}\b)?")
# The words a holiday opens with, as written, and in lowercase those of ``_LOWER_HOLIDAY`` (looked up whole).
_HOLIDAY_WORDS = _literals(
    """Christmas New Boxing Thanksgiving Hallowe Valentine Easter Good Independence Fourth Bonfire Guy Anzac
    Australia Canada Waitangi St Remembrance Veterans Memorial Labo Mother Father Juneteenth Republic Diwali
    Deepavali Holi Eid Day Ash Palm Maundy Holy Shrove Carnival Chinese Lunar Mid Thai Pongal Onam Vaisakhi Baisakhi
    Dussehra Phagwah Yom Rosh Passover Hanukkah Purim Shab Saint Dia Feast feast Eleventh Erev Vesak Wesak Tết Tet
    Makar Sankranti Uttarayan Lohri Durga Navratri Dashain Tihar Ugadi Gudi Ganesh Janmashtami Raksha Karva Chhath
    Bihu Vishu Thaipusam Divali Hari Aidilfitri Chuseok Songkran Nowruz Sallah Mawlid Ashura Meskel
    Timkat Burns Hogmanay Cinco Día Matariki Xmas XMAS X-mas NYE NYD Twelfth Melbourne Heiligabend Ferragosto Koningsdag
    Kwanzaa Pesach Sukkot
    Shavuot Lag Mothering Whit Pentecost Corpus Epiphany Candlemas Michaelmas"""
)
_LOWER_HOLIDAY_WORDS = _words(
    """christmas new boxing easter good valentine remembrance independence paddy st chinese lunar ash diwali deepavali
    thanksgiving hallowe'en halloween canada anzac australia mother father women heritage eid vesak sankranti makar
    durga navratri ugadi ganesh raksha hari burns hogmanay cinco sallah mothering divali lohri uttarayan dashain tihar
    songkran chuseok nowruz paddy's paddy’s xmas x-mas"""
)
# Days named "... Day", found back from "Day": "Human Rights Day", "World AIDS Day", "Uganda Martyrs Day".
_DAY_HOLIDAY = re.compile(
    r"(?:\b(?:World|International)\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?|\b(?:Women|Youth|Workers|Children)['’]?s?"
    r"|\b(?:Human\s+Rights|Heritage|Freedom|Emancipation|Armistice|Reformation|Martyrs|Family|Victoria|Pioneer"
    r"|Reconciliation|Unity|Africa|National|Kings|Constitution|Pride|Heroes|Rizal|Bonifacio|All\s+Saints"
    r"|All\s+Souls|Pancake)['’]?|\b[A-Z][a-z]+\s+Martyrs['’]?|\bV[EJ])\s+$"
)
# Before a holiday or date, the part of it or the day around it: "the Thursday before Christmas", "Sunday, Feb 4",
# "the night of the 11th", "the first day of Pongal".
_DATE_LEAD = re.compile(
    rf"(?:(?:\b(?i:the)\s+)?(?:{_WEEKDAY}|(?i:day|night|weekend|week))\s+(?i:before|after)\s+"
    rf"|(?:\b(?i:the)\s+)?(?i:first|last|second|third|final)\s+(?i:day|night)\s+of\s+"
    rf"|(?:\b(?i:the)\s+)?(?i:night|morning|afternoon|evening|eve|weekend)\s+of\s+(?:(?i:the)\s+)?"
    rf"|\b{_WEEKDAY}(?:\s+(?i:night|morning|afternoon|evening))?,?\s+)$"
)

# "Every Diwali I think of him": a holiday that comes round each year pins down no date.
_RECURRING = re.compile(r"\b(?:[Ee]very|[Ee]ach)\s+$")
_DATE_WORDS = frozenset(
    word
    for stem in _words(
        """January February March April May June July August September October November December Jan Feb Mar
        Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues
        Wed Weds Thu Thurs Fri Sat Sun the dia día"""
    )
    for word in (stem, stem.lower(), stem.capitalize(), stem.upper())
)
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")
# A bare "8/10" is a date only when the words around it do not make it a score, fraction or duration.
_DATE_CUE_BEFORE = re.compile(
    r"(?i:\b(?:on|by|DOB|d\.o\.b\.?|born|till|since|until|dated|from|before|after|noong|nung|el|le|em|am"
    r"|(?:night|morning|afternoon|evening|day|date)\s+of|date\s+(?:as|was|is|written\s+as)|adm|admitted|d/c|discharged"
    r"|DOD|died|seen|reviewed|delivered|arrested))\s+$"
)
_SCORE_BEFORE = re.compile(
    r"(?i:\b(?:gcs|pain|score[ds]?|rated?|rating|power|strength|murmur|grade|apgar|vision|acuity|bp|pressure|sats"
    r"|news|mews|out\s+of|was|were|is|at|of|every|about|only|x|dose|tabs?|tablets?|scale|obs|spo2|saturations?))"
    r"[^.!?\n]{0,12}$"
)
# The words of ``_SCORE_BEFORE`` that name a score or reading, not just a verb or preposition ("at", "was").
_SCORE_WORD_BEFORE = re.compile(
    r"(?i:\b(?:gcs|pain|score[ds]?|rated?|rating|power|strength|murmur|grade|apgar|vision|acuity|bp|pressure|sats"
    r"|news|mews|out\s+of|dose|tabs?|tablets?|scale|obs|spo2|saturations?))"
)
_DURATION_AFTER = re.compile(r"\s*(?i:ago|hx|history|of|post|before|after|later)\b")
_SCORE_AFTER = re.compile(
    r"\s*(?i:of|a|an|full|empty|tabs?|tablets?|strength|dose|pain|power|murmur|vision|history|hx|ago|post|days?"
    r"|weeks?|months?|hours?|hrs?|mins?|times|split|chance|odds|support|care|coverage|access|staffing|shifts?"
    r"|mg|ml|mcg|units?|l\b|litres?|ratio|in|on|for)\b|\s*(?:%|x\b)"
)

_AGE_NUMBER = r"(?:9\d|1[01]\d)"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_AGE_WORDS = rf"(?:[Nn]inety(?:[- ](?:{_UNITS}))?|(?:[Aa]|[Oo]ne)\s+hundred(?:\s+and\s+(?:{_UNITS}|ten))?)"
_AGE_VALUE = rf"(?:{_AGE_NUMBER}|{_AGE_WORDS})"
_NOT_A_MEASURE = (
    r"(?![\d.,]\d|\s*(?:%|°|/|percent|kg|mg|mcg|ml|mmol|mmHg|mm|cm|bpm|beats|breaths|degrees|units?|litres?"
    r"|liters?|minutes?|mins?|hours?|L\b|l\b|on\s+(?:room\s+air|air|oxygen|RA|O2|\d)|systolic|diastolic))"
)
_APPROXIMATELY = (
    r"(?i:about|nearly|almost|over|past|around|well\s+over|just\s+over|just\s+under|just\s+shy\s+of|shy\s+of"
    r"|close\s+to|near|maybe|probably"
    r"|perhaps)"
)
_AGE = re.compile(
    r"(?=9\d|1[01]\d|\D)(?:"  # a number that is no old age fails at once
    rf"\b{_AGE_VALUE}[- ](?:years?|yrs?)[- ]old\b"
    rf"|\b{_AGE_NUMBER}\+?[\s-]*(?:yo|y/o|y\.o\.?|yrs?\s+old|yr\s+old|yrs?|years\s+of\s+age)(?![\w/])"
    rf"|\b{_AGE_NUMBER}(?:F|M|[Ff]emale|[Mm]ale|yo|y)\b"  # 92F, 94yo
    rf"|\b{_AGE_NUMBER}\s(?:F|M)\b(?![-'’])"  # 92 F
    rf"|\b(?:[Aa]ged|[Aa]ge|[Aa]ge\s+of|AGE)(?:\s*[:=-]\s*|\s+)(?:about\s+|around\s+)?{_AGE_VALUE}\b{_NOT_A_MEASURE}"
    rf"|\b{_AGE_NUMBER}\s?/\s?(?:F|M)\b|\b(?:F|M)\s?/\s?{_AGE_NUMBER}\b"  # 92/F, M/94
    rf"|(?<=\bturned\s){_AGE_VALUE}\b{_NOT_A_MEASURE}"
    rf"|\b{_AGE_NUMBER}(?:st|nd|rd|th)\s+birthday\b"
    rf"|(?<=\b(?:her|his)\s){_AGE_NUMBER}(?:st|nd|rd|th)\b(?!\s+(?:time|day|week|visit|admission|birthday\s+party))"
    # in her nineties, in his late 90s; nonagenarian, centenarian
    r"|\b(?:[Ii]n|[Ii]nto)\s+(?:her|his|their|my|your)\s+(?:(?:early|mid|late|very\s+late)[\s-]+)?"
    r"(?:nineties|90s|90['’]s|hundreds)\b"
    # 92 y F, 92yr M, F/92 is below
    rf"|\b{_AGE_NUMBER}\s?(?:y|yr|yrs|yo|y/o|y\.o\.)\s?(?:F|M|female|male)\b"
    # a woman, early nineties; late 90s (never "the late 90s", a decade)
    r"|(?<!\bthe\s)(?<!\bThe\s)\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+(?:nineties|90s|90['’]s)\b"
    # a 90-something widow, ninety-something
    rf"|\b{_AGE_VALUE}[- ]something\b(?!\s+(?:patients|people|beds|staff|nurses|doctors|calls|times|cases)\b)"
    # turning 93, pushing 95, going on 93
    rf"|\b(?:turning|pushing|going\s+on|knocking\s+on)\s+{_AGE_VALUE}\b{_NOT_A_MEASURE}"
    r"|\b(?i:(?:super)?centenarian|nonagenarian)s?\b"
    # 92f, 94m in lowercase texting
    rf"|\b{_AGE_NUMBER}[fm]\b(?![-'’])"
    # 92 anos, 95 ans, 91 años, 93 jaar, 94 Jahre, 96 anni, 92 taon; noventa e dois, quatre-vingt-quinze
    rf"|\b{_AGE_NUMBER}\s+(?:anos|años|ans|jaar|Jahre|anni|lat|taon|tuổi|yaşında)\b"
    r"|\b(?i:noventa(?:\s+[ey]\s+(?:um|uma|dois|duas|três|tres|quatro|cinco|seis|sete|oito|nove|uno|dos|cuatro|seis"
    r"|siete|ocho|nueve))?(?:\s+(?:anos|años))?|quatre-vingt-(?:dix|onze|douze|treize|quatorze|quinze|seize|dix-sept"
    r"|dix-huit|dix-neuf)(?:\s+ans)?|cent\s+ans)\b"
    ")"
)
_WAS_WORDS = _literals("was is")
# "she was 94", "Mrs. Obi was 98": the word before decides whether a number is an age or a reading.
_WAS_AGE = re.compile(
    rf"(?=[wi'’])\b(?:was|is|['’]s)\s+(?P<age>(?:{_APPROXIMATELY}\s+|only\s+|just\s+|nearly\s+|almost\s+)?"
    rf"{_AGE_VALUE})\b{_NOT_A_MEASURE}(?!\s+(?:on|over|off)\b)"  # "she was 92 on room air" is a saturation
)
# "hes nearly 100", "she'd be 94", "he turned 91": after "she" or "he" an old age needs no other cue.
_PRONOUN_AGE = re.compile(
    rf"\b(?i:she|he)(?:['’]?s|\s+is|\s+was|['’]d\s+be|\s+would\s+be|\s+turned|\s+turns|['’]d\s+have\s+been"
    rf"|\s+would\s+have\s+been|\s+would['’]ve\s+been|['’]ll\s+be|\s+will\s+be)\s+"
    rf"(?P<age>(?:(?:{_APPROXIMATELY}|only|just|nearly|almost)\s+)?{_AGE_VALUE})\b{_NOT_A_MEASURE}"
    r"(?!\s+(?:on|over|off|in\s+the|for)\b)"
)
# "a woman of 92", "at 92 she was still driving"
_OF_AGE = re.compile(
    rf"\b(?:(?P<person>(?i:woman|man|lady|gentleman|gent|fellow|chap|widow|widower|patient|soul|grandmother"
    rf"|grandfather|veteran))\s+of|(?i:at))\s+(?P<age>{_AGE_VALUE})\b{_NOT_A_MEASURE}"
)
_AT_AGE_AFTER = re.compile(r",?\s+(?:she|he|they|her|his|we|still)\b")
_OF_AGE_WORDS = _words(
    "woman man lady gentleman gent fellow chap widow widower patient soul grandmother grandfather veteran at At"
)
_PRONOUN_WORDS = frozenset(
    form
    for word in _words("she he shes hes she's he's she’s he’s she'd he'd she’d he’d")
    for form in (word, word.capitalize())
)
# "about 100" alone, when nothing after it makes it a count or a reading.
_ABOUT_AGE = re.compile(
    rf"\b{_APPROXIMATELY}\s+(?:{_AGE_VALUE})\b{_NOT_A_MEASURE}"
    r"(?=\s*(?:[.,;:!?)\"”’—–]|$)|\s+(?:when|and|but|now|then|so|or|years?|yrs?|himself|herself|and\s+still|by|maybe)\b)"
)
_READING_BEFORE = re.compile(
    r"(?i:\b(?:sats?|spo2|o2|saturations?|saturating|bp|pressure|systolic|diastolic|hr|pulse|heart\s+rate|rate"
    r"|rr|temp|temperature|glucose|sugars?|bms?|weight|weighed|weighs|score|gcs|news|iq|fio2|map|hb|platelets"
    r"|wbc|crp|lactate|potassium|sodium|creatinine|egfr|count|level|dropped|fell|rose|down|up|target|goal|threshold"
    r"|limit|cut-?off))\W+(?:\w+\W+){0,3}$"
)
# "Ms. Nakamura, 94, from Honolulu", "Mr Singh (92)"
_APPOSED_AGE = re.compile(rf"(?:(?<=,\s)|(?<=\())(?P<age>{_AGE_VALUE})(?=\)|,|\s+(?:and|from|with|who|was|had)\b)")
# How people write an old age in passing: "90+", "90-odd", "95 or more", "92 anos", "90 years young".
_AGE_TAIL = (
    r"(?:(?<=\d)\+|-odd|-something|-ish|\s+odd|\s+or\s+so|\s+or\s+more|\s+plus|\s+e\s+poucos\s+anos|\s+anos|\s+años"
    r"|\s+(?:years?|yrs?)(?:\s+of\s+age)?(?=\s*[,;:)]|\s*[.!?](?:\s|$))"
    r"|\s+vayassu|\s+years?\s+young|\s+years?\s+and\s+\d{1,2}\s+months?|-plus|\s+years?\s+plus|[- ]anyos|\s+e\s+poucos"
    r"|\s+daw|\s+(?:they|she|he)\s+(?:said|says|thinks|thought)|\s+herself|\s+himself)?"
)
# An old age standing on its own: set off by commas, opening a sentence ("91 and sharp as anything"), after
# "was" or "at" at the end of a clause. Readings ("sats 94") and lists of numbers are weeded out afterwards.
_LONE_AGE = re.compile(
    r"(?=9\d|1[01]\d|\D)"
    rf"(?:(?<=,\s)|(?<=\()|^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\bat\s)|(?:was|is)\s+)"
    rf"(?P<age>{_AGE_VALUE}\b(?P<tail>{_AGE_TAIL}))(?![\w-]){_NOT_A_MEASURE}"
    r"(?:(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|or|if|next|in|when|but|with|from|na|no|on\s+(?:the|our|ward)|by)\b)(?P<ends>)|)"
)
_NUMBER_BEFORE = re.compile(r"\d[\s,/-]*$|\b(?:bed|room|ward|bay|no\.?|number|#)\s*$", re.I)
_AGE_WORDS_FIRST = frozenset(
    form
    for word in _words(
        """ninety a one aged age in into turning pushing going knocking early mid late centenarian centenarians
        supercentenarian nonagenarian nonagenarians noventa quatre cent"""
    )
    for form in (word, word.capitalize())
)
_SEX_LETTERS = frozenset({"F", "M"})  # "F/92", "M/94"
_APPROXIMATE_WORDS = _words("about nearly almost over past around well just close near maybe probably perhaps shy")
_AGE_SUBJECTS = _words(
    """she he who they patient lady man woman gentleman gent mum mom dad nan gran grandma grandpa mother
    father grandmother grandfather pt boy girl kid child baby grandad granddad granny nana nanna papa lolo
    lola bibi mzee"""
)


def _find_dates_and_ages(story: _Story) -> Iterator[_Hit]:
    text, digits, openings = story.text, story.digits, story
    # A date that opens with a digit opens with a day or month (two digits at most) or a year and a dash.
    runs = story.digit_runs
    day_digits = [start for start, end in runs if end - start <= 2 or (end - start == 4 and text[end : end + 1] == "-")]
    for match in _matches_at(_DATE, text, [*day_digits, *_date_word_starts(story)]):
        value = match.group()
        if _NUMERIC_DATE.fullmatch(value) and not _plausible_numeric_date(text, match.start(), match.end()):
            continue
        yield _Hit(_date_lead(text, match.start()), match.end(), "date", _CALENDAR)
    holidays = [*openings.of(_HOLIDAY_WORDS), *story.starts_of_lower(_LOWER_HOLIDAY_WORDS)]
    for match in _matches_at(_HOLIDAY_DATE, text, holidays):
        if not _RECURRING.search(text, max(0, match.start() - 12), match.start()):
            yield _Hit(_date_lead(text, match.start()), match.end(), "date", _CALENDAR)
    for index in story.positions.get("Day", ()):
        day = story.tokens[index]
        named = _DAY_HOLIDAY.search(text, max(0, day.start - 40), day.start)
        if named and not _RECURRING.search(text, max(0, named.start() - 12), named.start()):
            yield _Hit(_date_lead(text, named.start()), day.end, "date", _CALENDAR)
        elif index and _gap(text, story.tokens, index - 1, index) == " ":
            # A day named by a word no list explains: "Madaraka Day", "Mashujaa Day".
            named_by = story.tokens[index - 1]
            if (
                _IS_NAME.fullmatch(named_by.word)
                and named_by.word not in _GIVEN_NAMES
                and not _is_english(named_by.word)
                and not _RECURRING.search(text, max(0, named_by.start - 12), named_by.start)
            ):
                yield _Hit(named_by.start, day.end, "date", _CALENDAR)
    for match in _matches_at(_BORN_YEAR, text, openings.of(_BORN_WORDS)):
        yield _Hit(match.start("year"), match.end("year"), "date", _CALENDAR)
    spelled = [*story.starts_of_first_part(_AGE_WORDS_FIRST), *story.starts_of(_SEX_LETTERS)]
    # Every pattern below that opens with a digit opens with an old age: only those numbers need trying.
    digits = [
        start
        for start, end in story.digit_runs
        if (end - start == 2 and text[start] == "9") or (end - start == 3 and text[start : start + 2] in ("10", "11"))
    ]
    for match in _matches_at(_AGE, text, [*digits, *spelled]):
        yield _Hit(match.start(), match.end(), "age", _CALENDAR)
    for match in _matches_at(_PRONOUN_AGE, text, story.starts_of(_PRONOUN_WORDS)):
        yield _Hit(match.start("age"), match.end("age"), "age", _CALENDAR)
    for match in _matches_at(_OF_AGE, text, story.starts_of_lower(_OF_AGE_WORDS)):
        if match.group("person") or (
            _AT_AGE_AFTER.match(text, match.end())
            and not _READING_BEFORE.search(text, max(0, match.start() - 40), match.start())
        ):
            yield _Hit(match.start("age"), match.end("age"), "age", _CALENDAR)
    approximate = story.starts_of_lower(_APPROXIMATE_WORDS)
    for match in _matches_at(_ABOUT_AGE, text, approximate):
        if not _READING_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            yield _Hit(match.start(), match.end(), "age", _GUESS)
    was = _matches_at(_WAS_AGE, text, [*openings.of(_WAS_WORDS), *_literal_starts(text, ("'s", "’s"))])
    for match in [*was, *_matches_at(_APPOSED_AGE, text, [*digits, *spelled])]:
        subject = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        word = subject.group(1) if subject else ""
        if word.lower() in _AGE_SUBJECTS or (_IS_NAME.fullmatch(word) and word not in _NOT_A_CUED_NAME):
            yield _Hit(match.start("age"), match.end("age"), "age", _CALENDAR)
    for match in _matches_at(_LONE_AGE, text, [*digits, *spelled, *openings.of(_WAS_WORDS)]):
        before = text[_sentence_start(text, match.start(), 60) : match.start()]
        if (
            (match.group("ends") is None and not match.group("tail"))
            or _READING_BEFORE.search(before)
            or (match.start() == match.start("age") and _NUMBER_BEFORE.search(before))
        ):
            continue
        yield _Hit(match.start("age"), match.end("age"), "age", _CALENDAR)


def _date_lead(text: str, start: int) -> int:
    """Where a date begins once the words leading into it are taken in: "Sunday, Feb 4", "the night of the 9th"."""
    word = _WORD_BEFORE.search(text, max(0, start - 12), start)
    if word is None or word.group(1).lower() not in _LEAD_ENDS:
        return start
    lead = _DATE_LEAD.search(text, max(0, start - 40), start)
    return lead.start() if lead else start


_LEAD_ENDS = _words(
    """before after of the night morning afternoon evening mon monday tue tues tuesday wed weds wednesday thu thur
    thurs thursday fri friday sat saturday sun sunday"""
)


# A year of birth: "born 1928", "(b. 1931)", "born in Guangzhou in 1930".
_BORN_YEAR = re.compile(
    r"\b(?:[Bb]orn|b\.)\s+(?:(?:in|on|around|about|circa|c\.)\s+)?(?:[A-Z][\w'’-]*,?\s+(?:in\s+)?){0,3}"
    r"(?P<year>(?:19|20)\d{2})\b(?![\d/.-]\d)"
)
_BORN_WORDS = _literals("born Born b.")


_ORDINAL_WORDS = _words(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
    fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth twenty thirty"""
)


def _date_word_starts(story: _Story) -> Iterator[int]:
    """Month and weekday names, and "the" when a space and a digit (or more space) follow, as in "the 9th"."""
    text, tokens, positions = story.text, story.tokens, story.positions
    for word in _DATE_WORDS.intersection(positions):
        the = word.lower() == "the"
        for index in positions[word]:
            token = tokens[index]
            if the:
                after = text[token.end : token.end + 2]
                if len(after) < 2 or not after[0].isspace():
                    continue
                spelled = index + 1 < len(tokens) and tokens[index + 1].word.lower().partition("-")[0] in _ORDINAL_WORDS
                if not (after[1].isdigit() or after[1].isspace() or spelled):
                    continue
            yield token.start


def _plausible_numeric_date(text: str, start: int, end: int) -> bool:
    value = text[start:end]
    parts = [int(part) for part in re.split(r"[/.-]", value)]
    if len(parts) == 3 and parts[0] > 31:  # 2021-03-14
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    first, second = parts[0], parts[1]
    if not (1 <= first <= 31 and 1 <= second <= 31 and min(first, second) <= 12):
        return False
    if len(parts) == 3:
        return True
    if "/" not in value:
        # Without a year, "11-02" and "28.08" are dates only after "on" and the like, and never a range
        # ("10-12 units") or a time ("10.30").
        if value[2:3] == "." and second > 12:
            return False
        cued = _DATE_CUE_BEFORE.search(text, max(0, start - 16), start)
        return bool(cued) and (first > second or value.startswith("0") or value[3:4] == "0")
    if _DATE_CUE_BEFORE.search(text, max(0, start - 16), start):
        return not (second in (7, 52) and _DURATION_AFTER.match(text, end))  # "seen 2/7 ago" is two days
    padded = value.startswith("0") or "/0" in value  # nobody writes a score or a fraction as "07/04"
    # Scores out of 10 or 15 (never more than 10 or 15), fractions (1/2, 3/4), UK durations (3/7 days,
    # 2/52 weeks), 24/7, 50/50.
    if (
        (second in (10, 15) and first <= second and not padded)
        or second in (7, 52)
        or (first == second and not padded)
        or (first < second <= 6 and not padded)
        or value == "24/7"
    ):
        return False
    if padded:
        return not _SCORE_AFTER.match(text, end)
    before = _SCORE_BEFORE.search(text, max(0, start - 30), start)
    if before and first > 12 >= second and not _SCORE_WORD_BEFORE.search(before.group()):
        before = None  # "at the QE, 30/9": a score or fraction is never more than its whole
    return not before and not _SCORE_AFTER.match(text, end)


# --- addresses and postcodes -------------------------------------------------------------------------------

_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Court|Ct|Close|Crescent|Cres|Way|Place|Pl|Boulevard|Blvd"
    r"|Terrace|Tce|Grove|Parade|Pde|Highway|Hwy|Circle|Square|Sq|Row|Gardens|Gdns|Mews|Walk|Rise|Esplanade"
    r"|Parkway|Pkwy|Trail|Alley|Nagar|Marg|Colony|Layout"
)
# Street words that come before the name, in other languages: "14 Heol Isaf", "Rua Augusta 120", "Jalan Ampang".
_STREET_PREFIXES = (
    r"Heol|Ffordd|Stryd|Lôn|Lon|Maes|Rhodfa|Rue|Rua|Avenida|Av\.|Calle|Carrer|Camino|Paseo|Plaza|Praça|Travessa"
    r"|Largo|Via|Viale|Piazza|Corso|Strada|Calea|Jalan|Jln\.?|Jl\.|Lorong|Soi|Thanon|Sharia|Shari['’]a|Boulevard"
)
_PARTICLES = r"(?:(?:de|da|do|das|dos|del|de\s+la|di|la|le|les|des|du|y|yr|dan|al|el)\s+)*"
_ADDRESS = re.compile(
    r"(?:"
    # 14 Elm Street, 221B Baker St, 7/22 Beach Road
    rf"\b(?:\d{{1,4}}\s?/\s?)?\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_STREET_TYPES})\b"
    # 14 Heol Isaf, 3 Maes y Coed, 12 Rue de la Paix; Rua Augusta 120, Calle Mayor, 5
    rf"|\b(?:\d{{1,4}}\s?/\s?)?\d{{1,5}}[A-Za-z]?,?\s+(?:{_STREET_PREFIXES})\s+{_PARTICLES}[A-Z][\w'’-]+"
    rf"(?:\s+{_PARTICLES}[A-Z][\w'’-]+){{0,2}}"
    rf"|\b(?:{_STREET_PREFIXES})\s+{_PARTICLES}[A-Z][\w'’-]+(?:\s+{_PARTICLES}[A-Z][\w'’-]+){{0,2}},?\s+"
    rf"(?:n[º°o]\.?\s*)?\d{{1,5}}[A-Za-z]?\b{_NOT_A_QUANTITY}"
    # apt 4C, Flat 3, suite 210, villa 22, Blk 5 Lot 12, plot 44, house no. 9, door no. 4
    rf"|\b(?:[Aa]pt|[Aa]partment|[Ff]lat|[Ss]uite|[Ss]te|[Vv]illa|[Ll]ot|[Bb]lk|[Bb]lock|[Bb]ldg|[Cc]ottage|[Bb]ungalow"
    rf"|[Pp]urok|[Dd]oor\s+[Nn]o|[Hh]\.\s?[Nn]o|[Hh]ouse\s+[Nn]o|[Pp]lot\s+[Nn]o)\.?\s*#?\s*"
    rf"(?:\d{{1,4}}[A-Za-z]?(?:[-/]\d{{1,4}}){{0,3}}|[B-HJ-Z]\d{{0,3}})\b"
    rf"{_NOT_A_QUANTITY}"
    # lived at No. 7 Oke-Ado, at No 12 Ojo Close
    rf"|(?<=\b(?:at|in)\s)No\.?\s*\d{{1,5}}[A-Za-z]?,?\s+{_NAME}(?:[\s-]{_NAME}){{0,2}}"
    r"|\b[Pp]\.?\s?[Oo]\.?\s?[Bb]ox\s+\d+\b"
    r"|\bSector[- ]\d{1,3}[A-Z]?\b)"
)
# A named street without a number ("on Lakeview Drive") is found from its last word, then widened leftwards.
_STREET_END = re.compile(
    r"(?=[A-Z])\b(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Boulevard|Terrace|Grove|Parade|Highway|Way"
    r"|Place|Mews|Row|Square|Gardens|Nagar|Marg|St|Rd|Ave|Blvd|Hwy|Cres|Tce|Pde|Pkwy|Expressway|Expy|Motorway"
    r"|Freeway|Fwy)\b"
)
_STREET_END_WORDS = _literals(
    "Street Road Avenue Lane Drive Close Crescent Boulevard Terrace Grove Parade Highway Way Place Mews Row Square"
    " Gardens Nagar Marg St Rd Ave Blvd Hwy Cres Tce Pde Pkwy Expressway Expy Motorway Freeway Fwy"
)
# Street words no other phrase ends with: "our Ring Road branch", "sa Commonwealth Ave" need no preposition.
_PLAIN_STREET_ENDS = _words(
    "Street Road Avenue Boulevard Highway Rd Ave Blvd Hwy Pkwy Expressway Expy Motorway Freeway Fwy"
)
# Streets written in lowercase: "on the new england hwy", "off jalan ampang".
_LOWER_STREET = re.compile(
    r"\b(?:street|road|avenue|lane|drive|highway|boulevard|crescent|terrace|st|rd|ave|hwy|blvd|expressway)\b"
)
_LOWER_STREET_WORDS = _literals(
    "street road avenue lane drive highway boulevard crescent terrace st rd ave hwy blvd expressway"
)
# Junctions, roundabouts and crossings named after a place: "Challenge junction", "the Kawangware roundabout".
_JUNCTION = re.compile(
    r"\b(?:[Jj]unction|[Rr]oundabout|[Ii]nterchange|[Ii]ntersection|[Cc]rossroads|[Ff]lyover|[Oo]verpass)s?\b"
)
_JUNCTION_WORDS = _literals(
    "junction Junction roundabout Roundabout interchange Interchange intersection Intersection crossroads"
    " Crossroads flyover Flyover overpass Overpass"
)
# "the corner of Jeppe and Twist", "the junction of Ngong Road and Kenyatta Avenue"
_CORNER_OF = re.compile(
    rf"\b(?:corner|junction|intersection|crossroads)\s+of\s+(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}}\s+(?:and|&)\s+"
    rf"{_NAME}(?:\s+{_NAME}){{0,2}})"
)
_CORNER_WORDS = _literals("corner junction intersection crossroads")
# Numbered roads and streets, township sections and plots: "Hwy 22", "Range Road 254", "17 Ave SE",
# "Zone 4, house 8812", "Extension 12", "Jeppe and Twist streets".
_ROAD_NUMBER = re.compile(
    r"(?:\b(?:Range|Township)\s+Road\s+\d{1,4}\b|\b(?:Highway|Hwy\.?|Route|Rte\.?|Interstate|State\s+Route)\s*\d{1,4}\b"
    r"|\b\d{1,5}(?:st|nd|rd|th)?\s+(?:Avenue|Ave|Street|Road)\b(?:\.?\s+(?:NE|NW|SE|SW)\b)?"
    rf"|\b(?:Zone|Extension|Ext\.|Plot|Erf|Stand|House|house)\s+(?:No\.?\s*|#)?\d{{1,5}}[A-Z]?\b{_NOT_A_QUANTITY}"
    # FM 1431, SR 520, US 101, NH 44, SH 1, I-95, 65th St
    r"|\b(?:FM|RM|CR|SR|SH|NH|US|HWY|Hwy)[ -]?\d{1,4}\b(?![.,]\d|\s*(?:%|mg|ml|mmHg))|\bI-\d{1,3}\b"
    r"|\b\d{1,5}(?:st|nd|rd|th)\s+(?:St|Rd|Blvd|Lane|Ln|Drive|Dr|Place|Pl|Terrace)\b"
    rf"|\b{_NAME}\s+(?:and|&)\s+{_NAME}\s+(?:[Ss]treets|[Rr]oads|[Aa]venues)\b)"
)
_PLURAL_STREETS = re.compile(r"[Ss]treets|[Rr]oads|[Aa]venues")
_ROAD_NUMBER_WORDS = _literals(
    "Range Township Highway Hwy Route Rte Interstate State Zone Extension Ext Plot Erf Stand House house FM RM CR SR"
    " SH NH US HWY I-"
)
# Roads known by a number: "County Road 210", "Ranch Road 1320", "Concession Road 4", "Line 7".
_NUMBERED_ROAD = re.compile(rf"(?:Road|Rd\.?|Line|Concession)\s+\d{{1,4}}[A-Z]?\b{_NOT_A_QUANTITY}")
_NUMBERED_ROAD_WORDS = _literals("Road Rd Line Concession")
# Motorways and national roads by letter and number after "the": "on the N71", "the M6", "off the A38".
_LETTER_ROAD = re.compile(
    r"(?<=\b[Tt]he\s)(?!N9[5-9]\b|B[1-9]\b|B12\b|A[3-6]\b)[AMNBRE]\d{1,4}(?:\([MT]\))?\b"
    r"(?!\s*(?:ward|bay|unit|bed|room|mask|respirator|level|floor|wing|corridor|theatre|clinic|side|form|file"
    r"|paper|sheet|gene|group|strain|variant|protein)s?\b|[-/.]\w)"
)
_STREET_PREPOSITIONS = _words("on off in at along down up near from to of onto into outside opposite past")
_ADDRESS_WORDS = _words(
    """apt Apt apartment Apartment flat Flat suite Suite ste Ste P p PO po Sector villa Villa lot Lot blk Blk block
    Block bldg Bldg cottage Cottage bungalow Bungalow purok Purok door Door H h house House plot Plot No Heol Ffordd
    Stryd Lôn Lon Maes Rhodfa Rue Rua Avenida Av Calle Carrer Camino Paseo Plaza Praça Travessa Largo Via Viale
    Piazza Corso Strada Calea Jalan Jln Jl Lorong Soi Thanon Sharia Shari'a Shari’a Boulevard"""
)
_POSTCODE_CUES = _words("zip zipcode postcode post postal pin pincode eircode")
_POSTCODE = re.compile(
    r"(?:"
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b"  # UK: SW1A 1AA
    r"|\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b"  # Canada: M5V 2T6
    r"|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
    r"|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\s(?P<zip>\d{5}(?:-\d{4})?)\b"
    r"|\b(?:NSW|VIC|Vic|QLD|Qld|WA|SA|TAS|Tas|NT|ACT)\s(?P<australian>\d{4})\b"
    r"|\b(?i:zip(?:\s?code)?|post\s?code|postal\s+code|pin\s?code|eircode)\b[\s:#]*(?:(?:is|was)\s+)?"
    r"(?P<cued>\d{5}(?:-\d{4})?|\d{4}|\d{3}\s?\d{3}|[A-Z]\d{2}\s?[A-Z\d]{4})\b)"
)


# What follows a house or road number: "14 Elm", "221B Baker", "7/22 Beach", "65th St".
_HOUSE_NUMBER_AFTER = re.compile(r"(?:[A-Za-z]|st|nd|rd|th)?,?\s+[A-Z]|\s?/\s?\d")


def _find_addresses(story: _Story) -> Iterator[_Hit]:
    text, openings = story.text, story
    # A house number is followed by a capitalised word: only those numbers can open an address or a numbered road.
    numbered = [start for start, end in story.digit_runs if _HOUSE_NUMBER_AFTER.match(text, end)]
    for match in _matches_at(_ADDRESS, text, [*numbered, *story.starts_of(_ADDRESS_WORDS)]):
        yield _Hit(match.start(), match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_STREET_END, text, openings.of(_STREET_END_WORDS)):
        run = _capitalised_run(text, match.start(), 3, _COMMON_WORDS)
        if run is None:
            continue
        before = _WORD_BEFORE.search(text, max(0, run[0] - 20), run[0])
        if (
            (before and before.group(1).lower() in _STREET_PREPOSITIONS)
            or text[: run[0]].rstrip().endswith(",")
            or (match.group() in _PLAIN_STREET_ENDS and not _starts_sentence(text, run[0]))
        ):
            yield _Hit(run[0], match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_NUMBERED_ROAD, text, openings.of(_NUMBERED_ROAD_WORDS)):
        run = _capitalised_run(text, match.start(), 2, _COMMON_WORDS)
        yield _Hit(match.start() if run is None else run[0], match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_LETTER_ROAD, text, story.capitals):  # "the N71": "the" is part of the name
        yield _Hit(match.start() - 4, match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_LOWER_STREET, text, openings.of(_LOWER_STREET_WORDS)):
        lower_run = _LOWER_RUN.search(text, max(0, match.start() - 40), match.start())
        if lower_run is None:
            continue
        words: list[str] = []
        for word in reversed(lower_run.group().split()):
            if word in _STREET_PREPOSITIONS or word in _DETERMINERS or "'" in word or "’" in word:
                break
            words.insert(0, word)
        if all(word in _FUNCTION_WORDS or _is_english(word) for word in words):
            continue  # "down the main road", "on the back road"
        start = match.start() - len(" ".join(words)) - 1
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if before and before.group(1).lower() in _STREET_PREPOSITIONS | _DETERMINERS:
            yield _Hit(start, match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_JUNCTION, text, openings.of(_JUNCTION_WORDS)):
        run = _capitalised_run(text, match.start(), 3, _COMMON_WORDS)
        if (
            run is not None
            and not _starts_sentence(text, run[0])
            and not all(word in _GENERIC_FACILITY_WORDS or word in _REGIONS for word in run[1])
        ):
            yield _Hit(run[0], match.end(), "address", _WHO_WHERE)
    for match in _matches_at(_CORNER_OF, text, openings.of(_CORNER_WORDS)):
        yield _Hit(match.start("name"), match.end("name"), "address", _WHO_WHERE)
    named = story.capital_starts if _PLURAL_STREETS.search(text) else []
    for match in _matches_at(_ROAD_NUMBER, text, [*numbered, *openings.of(_ROAD_NUMBER_WORDS), *named]):
        yield _Hit(match.start(), match.end(), "address", _WHO_WHERE)
    tokens, positions = story.tokens, story.positions
    codes = [
        *story.starts_of_lower(_POSTCODE_CUES),
        *(
            tokens[index].start
            for word, indices in positions.items()
            if word[:1].isupper() and (word.isupper() or any(map(str.isdigit, word)))
            for index in indices
        ),
    ]
    for match in _matches_at(_POSTCODE, text, codes):
        group = next((name for name in ("zip", "australian", "cued") if match.group(name)), 0)
        yield _Hit(match.start(group), match.end(group), "place", _WHO_WHERE)


# --- towns and cities ------------------------------------------------------------------------------------------

_PLACE_PREPOSITIONS = _words("in from to near outside around at of towards toward via into through across round")
_CUE_PREPOSITIONS = _words("in from near outside around at to")
_SETTLEMENTS = _words("town city village suburb hamlet borough township parish district municipality community")
_COUNTY_WORDS = frozenset({"County", "Shire", "Township", "Parish", "Borough"})
_COUNTY_AFTER = re.compile(r" (?:County|Shire|Township|Parish|Borough)\b")
# A town's name at the head of something else: "Glasgow Coma Scale", "Ottawa ankle rules".
_NOT_A_PLACE_AFTER = re.compile(
    r"\s+(?:(?i:coma|scale|score|criteria|rules?|triage|protocol|ankle|knee|syndrome|disease|sign)"
    r"|State|Province|Region|United|Rovers|Wanderers|Athletic|FC|Utd|Thunder|Kings|Giants|Rangers)\b"
)
_REGION_AFTER = re.compile(
    r",\s+(?:" + "|".join(re.escape(region) for region in sorted(_REGIONS, key=len, reverse=True)) + r")\b"
)
_SETTLEMENT_AFTER = re.compile(
    r"\s+(?:town|city|village|suburb|CBD|township)\b"
    r"|,\s+(?:a|the)\s+(?:[a-z]+\s+){0,2}(?:town|city|village|suburb|community)\b"
)


def _find_places(story: _Story) -> Iterator[_Hit]:
    """Towns from the gazetteer, and unknown ones from what surrounds them ("Millbrook, Ohio",
    "the town of Millbrook", "Tulare County")."""
    text, tokens = story.text, story.tokens
    for index in story.capital_indices:
        token = tokens[index]
        gazetteer_end = _gazetteer_end(text, tokens, index) if token.word in _PLACE_OPENINGS else None
        if gazetteer_end is not None:
            county = _COUNTY_AFTER.match(text, gazetteer_end)
            yield _Hit(token.start, county.end() if county else gazetteer_end, "place", _WHO_WHERE)
            continue
        if not _IS_NAME.fullmatch(token.word) or token.word in _COMMON_WORDS:
            continue
        last = _name_run_end(text, tokens, index)
        previous = tokens[index - 1].word if index else ""
        before = tokens[index - 2].word if index > 1 else ""
        following = tokens[last + 1].word if last + 1 < len(tokens) else ""
        if following in _COUNTY_WORDS and _gap(text, tokens, last, last + 1) == " ":
            yield _Hit(token.start, tokens[last + 1].end, "place", _WHO_WHERE)
        elif previous in ("County", "Co") and _gap(text, tokens, index - 1, index).strip() in ("", "."):
            yield _Hit(tokens[index - 1].start, tokens[last].end, "place", _WHO_WHERE)
        elif before in _SETTLEMENTS and previous in ("of", "called", "named"):
            yield _Hit(token.start, tokens[last].end, "place", _WHO_WHERE)
        elif _is_plain_word(token.word) or token.word in _GIVEN_NAMES:
            continue
        elif _REGION_AFTER.match(text, tokens[last].raw_end) or (
            previous in _CUE_PREPOSITIONS and _SETTLEMENT_AFTER.match(text, tokens[last].raw_end)
        ):
            yield _Hit(token.start, tokens[last].end, "place", _WHO_WHERE)


def _gazetteer_end(text: str, tokens: list[_Token], index: int) -> int | None:
    """End of the longest gazetteer town starting at ``tokens[index]``."""
    lengths = _PLACE_LENGTHS.get(tokens[index].word)
    if lengths is None:
        return None
    for length in lengths:
        if length > len(tokens) - index:
            continue
        last = tokens[index + length - 1]
        phrase = " ".join(text[tokens[index].start : last.end].split())
        if phrase not in _PLACES and phrase not in _AMBIGUOUS_PLACES:
            continue
        if _NOT_A_PLACE_AFTER.match(text, last.end):
            return None
        if phrase in _AMBIGUOUS_PLACES and (index == 0 or tokens[index - 1].word.lower() not in _PLACE_PREPOSITIONS):
            return None
        return last.end
    return None


def _name_run_end(text: str, tokens: list[_Token], index: int) -> int:
    """Index of the last token in a run of one or two capitalised words: "Red Deer", "Tom Reilly"."""
    return _surname_index(text, tokens, index, _NOT_A_NAME_OR_COUNTY)


_NOT_A_NAME_OR_COUNTY = _NOT_A_NAME | _COUNTY_WORDS


# --- hospitals, wards, rooms and beds ---------------------------------------------------------------------------

_FACILITY_HEAD = re.compile(
    r"(?=[A-Z])\b(?:Hospitals?|Infirmary|Hospice|Clinic|Sanatorium|Polyclinic|Institute|Healthcare"
    r"|(?:Medical|Health|Cancer|Care|Trauma|Surgical|Community)\s+(?:Center|Centre|College|Group|Campus|Practice)"
    r"|Health(?:\s+(?:System|Service|Services|Campus))?|(?:Care|Nursing|Rest|Residential)\s+Home"
    r"|(?:NHS\s+)?(?:Foundation\s+)?Trust|Medical\s+Practice|Surgery|Memorial|General|Unit|Ward|Wing|Medical\s+City"
    r"|Level\s+[2-6])\b"
    # words that end a hospital's short name when no other name follows: "Sunyani Regional", "Perth Children's"
    r"|(?:Regional|Provincial|Public|Maternity|Children['’]s|Postgraduate|Teaching|Medical|Rehab|Municipal|Central"
    r"|Royal|Methodist|Baptist|Presbyterian|Lutheran|Adventist)"
    r"(?![\w'’-]|\s+[A-Z]|\s+(?:[a-z]+\s+)?(?:student|school|team|staff|officer|director|examiner|council|board))"
)
_TIME_NOUNS = _words("Year Years Month Week Day Decade Future")  # "Hospital of the Year" is an award
_FACILITY_OF = re.compile(rf"\s+(?:of|for)\s+(?:the\s+)?{_NAME}(?:\s+{_NAME}){{0,3}}")  # "of the Valley"
# Words that describe a kind of hospital or unit rather than name one: "Intensive Care Unit" is nowhere.
_GENERIC_FACILITY_WORDS = _words(
    """General District Community Regional Teaching University Children's Childrens Women's Womens Men's Private
    Public Mental Psychiatric Care Intensive Emergency Medical Surgical Acute Day Health National Local Rural Base
    Major Trauma Cancer Maternity Eye Dental State County City Specialist Specialty Paediatric Pediatric Neonatal
    Coronary High Dependency Special Assessment Admissions Renal Stroke Burns Spinal Respiratory Cardiac Oncology
    Palliative Rehabilitation Rehab Geriatric Older Adult Clinical Decision Labour Delivery Postnatal Antenatal
    Covid COVID ICU ED NICU PICU HDU CCU ITU A&E AMU MAU SDEC Main New Old Outpatient Outpatients Inpatient Minor
    Injuries Urgent Primary Ambulatory Endoscopy Recovery Transplant Fertility Pain Memory Sleep Diabetes Heart
    Lung Kidney Liver Veterans Military Field Vascular Plastic Plastics Colorectal Thoracic Neuro Orthopaedic
    Orthopedic Cardiothoracic Breast Upper Lower GI Bariatric ENT Obstetric Surgery Medicine Hospital Hospitals
    Infirmary Clinic Centre Center Unit Ward Wing Home Nursing Rest Residential Service Services System Trust
    Foundation NHS Group Practice Campus College Institute Memorial Healthcare Hospice Short Stay Observation
    Isolation Step Down Discharge Lounge Theatre Theatres St Saint The Nephrology Cardiology Neurology Urology
    Gastroenterology Haematology Hematology Gynaecology Gynecology Obstetrics Dermatology Rheumatology Endocrinology
    Psychiatry Orthopaedics Orthopedics Geriatrics Paediatrics Pediatrics Neurosurgery Hepatology Infectious"""
)
# "At", "Yesterday", "Our": capitalised, but not part of a hospital's name.
_NOT_PART_OF_A_FACILITY = _COMMON_WORDS - _GENERIC_FACILITY_WORDS
_NUMBERED_PLACE = re.compile(
    r"(?=[WwBbRrCcTtPpIiSsUuLlEeHhQqZK])\b(?:[Ww]ard|[Bb]ay|[Bb]ed|[Rr]oom|[Rr]m\.?|[Cc]ubicle|[Cc]ube|[Rr]esus"
    r"|[Tt]heatre|[Tt]heater|[Pp]od|[Bb]ed\s?space|[Cc]ot|[Ii]ncubator|[Ii]solette|[Tt]rolley|[Ss]tretcher|[Bb]ooth"
    r"|[Uu]nit|[Ss]tation|[Ll]eito|[Ee]nfermaria|[Tt]rauma|Wad|[Hh]abitaci[óo]n|[Qq]uarto|[Cc]ama|[Ss]ala|Zimmer|Kamar)"
    r"\s*(?:#|(?:no\.?|number)\s*)?"
    rf"(?:\d{{1,4}}[A-Za-z]?|[B-HJ-Z]\d{{0,3}}|[AI]\d{{1,3}}|(?<=[a-z]\s)[a-hj-z]\d{{1,3}})\b{_NOT_A_QUANTITY}"
    r"(?!\s+of\s+\d)"
)
# The kind of room or ward before its number: "Labour Room 2", "trauma bay 2", "trauma ICU bed 4".
_KIND_OF_ROOM = re.compile(
    r"\b(?:(?i:labou?r|delivery|birthing|trauma|resus|medical|surgical|maternity|treatment|isolation|recovery"
    r"|procedure|consulting|dialysis|emergency|observation|paediatric|pediatric|burns|stroke|cardiac|renal|female"
    r"|male|gyn|gynae|side|post-op|pre-op)|[A-Z]{2,6}|A&E)(?:\s+(?:ICU|HDU|ward|Ward))?\s+$"
)
_KINDS_OF_ROOM = _words(
    """labour labor delivery birthing trauma resus medical surgical maternity treatment isolation recovery procedure
    consulting dialysis emergency observation paediatric pediatric burns stroke cardiac renal female male gyn gynae
    side post-op pre-op ICU NICU PICU CCU HDU ER ED A&E SCBU ITU ward Ward"""
)
_NAMED_WARD = re.compile(rf"(?=[A-Z])\b(?P<name>{_NAME})\s+ward\b(?:\s+[A-Z]?\d{{1,3}}[A-Za-z]?\b)?")
# The number or letters after "Ward" or "Unit" in a name that ends with it: "PGH Ward 3", "Male Medical Ward 2".
_WARD_NUMBER = re.compile(r"\s+(?:[A-Z]?\d{1,3}[A-Za-z]?|[A-Z])\b(?![.,]\d)")
# Wards and theatres named by number and wing or by unit and number: "5 North", "4W", "OR 4", "cath lab 2".
_WING_OR_UNIT = re.compile(
    r"(?=[\dOICSPAMLEBTRUcsldbtmpinh])"
    r"(?:\b\d{1,2}[A-Z]?\s?(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|north|south|east|west)\b"
    r"(?!\s+(?:of|Africa|[Cc]oast|[Ss]ide|[Ee]nd|[Ww]ing\s+of)\b)"
    r"|\b(?:OR|OT|ICU|HDU|CCU|ITU|NICU|PICU|SCBU|CICU|CVICU|MICU|SICU|PACU|AMU|MAU|CDU|EAU|SAU|LDR|L&D|OB"
    r"|[Cc]ath\s+[Ll]ab|[Ss]ide\s+room|[Ss]ideroom|[Ll]abou?r\s+room|[Dd]elivery\s+room|[Ll]abou?r\s+ward"
    r"|[Tt]riage|[Mm]ajors|[Mm]inors|[Rr]esus\s+bay|[Bb]ay|[Pp]od|[Ss]uite|[Cc]ell|icu|nicu|picu|hdu|ccu|scbu"
    r"|RHU|PHC|CHC|BHS|BHC|PHU|RHC|UPA|UBS)"
    r"(?:\s*#?|-)\d{1,3}[A-Z]?\b(?!\s+of\s+\d)"
    rf"{_NOT_A_QUANTITY})"
)
_WING_AFTER = re.compile(r"[A-Z]?\s?(?i:north|south|east|west)")  # what follows the number of "5 North", "12B South"
# Hospitals named head first, in Portuguese, Spanish, French or Italian order: "Hospital das Clínicas".
_HEAD_FIRST = re.compile(
    rf"\b(?:Hospital|Hôpital|Ospedale|Clínica|Clinica|Santa\s+Casa|Instituto|Centro\s+Médico|Sanatorio|Policlínica"
    rf"|Ospital|Pagamutan|Rumah\s+Sakit|Krankenhaus|Klinikum|Szpital|Spitalul)"
    rf"(?:\s+(?:de|da|do|das|dos|del|de\s+la|di|du|des|St|San|Santa|São|ng|ni))?(?:\s+{_NAME}){{1,3}}"
)
# Lowercase heads in texting: "kenyatta hospital", "st marys clinic".
_LOWER_HEAD = re.compile(r"\b(?:hospital|clinic|infirmary|hospice|medical\s+cent(?:re|er)|health\s+cent(?:re|er))\b")
_LOWER_GENERIC_FACILITY_WORDS = (
    frozenset(word.lower() for word in _GENERIC_FACILITY_WORDS) | _words("referral specialist level")
) - _words("the and of for a an")
_LOWER_RUN = re.compile(r"(?:\b[a-zß-öø-ÿ'’]+\s+){1,3}$")
_LONG_LOWER_RUN = re.compile(r"(?:(?<![\w.'’-])(?:st\.|[a-zß-öø-ÿ'’-]+) ){1,5}$")
# The words each pattern above can open with, to try it only where one of them stands.
_FACILITY_HEAD_WORDS = _literals(
    """Hospital Infirmary Hospice Clinic Sanatorium Polyclinic Institute Healthcare Medical Health Cancer Care
    Trauma Surgical Community Nursing Rest Residential NHS Foundation Trust Surgery Memorial General Unit Ward Wing
    Regional Provincial Public Maternity Children Postgraduate Teaching Rehab Municipal Central Royal Level
    Methodist Baptist Presbyterian Lutheran Adventist"""
)
_NUMBERED_PLACE_WORDS = _literals(
    " ".join(
        f"{word} {word.capitalize()}"
        for word in _words(
            "ward bay bed room rm cubicle cube resus theatre theater pod cot incubator isolette trolley stretcher booth"
            " trauma habitación habitacion quarto cama sala wad zimmer kamar"
            " unit station leito enfermaria"
        )
    )
)
_UNIT_WORDS = _literals(
    """OR OT ICU HDU CCU ITU NICU PICU SCBU CICU CVICU MICU SICU PACU AMU MAU CDU EAU SAU LDR L&D OB Cath cath RHU PHC
    CHC BHS BHC PHU RHC UPA UBS
    Side side Labo labo Delivery delivery Triage triage Majors majors Minors minors Resus resus Bay bay Pod pod
    Suite suite Cell cell icu nicu picu hdu ccu scbu"""
)
_HEAD_FIRST_WORDS = _literals(
    "Hospital Hôpital Ospedale Clínica Clinica Santa Instituto Centro Sanatorio Policlínica Ospital Pagamutan Rumah"
    " Krankenhaus Klinikum Szpital Spitalul"
)
_LOWER_HEAD_WORDS = _literals(
    "hospital clinic infirmary hospice medical health dispensary maternity nursing care polyclinic HC"
)
_SAINT_WORDS = _literals("St Saint st saint Our")
_SAINT = re.compile(
    rf"\b(?:(?:St\.?|Saint|Sta\.?|Sto\.?)\s+{_NAME}['’]s?|Our\s+Lady(?:['’]s|\s+of\s+(?:the\s+)?{_NAME}(?:\s+{_NAME})?))"
    r"(?=\s|$|[.,;:!?])"
    # in lowercase: "st luke's", "st. anne's ward", "st vincent's"
    r"|\b(?:st\.?|saint)\s+[a-z]{3,}(?:['’]s\b|(?=\s+(?:ward|hospital|hospice|clinic|infirmary)\b))"
)


# Where someone was cared for, named after a ward, bed or unit or after a verb of arriving or dying: "Ward 3 at
# Heartlands", "CVICU bed 9 at Houston Methodist", "died at the Foothills", "brought into the Royal", "at AKTH".
_SITE_NAME = r"(?:[A-Z][\w'’&-]*|[A-Z]{2,6})(?:\s+(?:[A-Z][\w'’&-]*|and|of|&)){0,3}"
_WHERE_CARED = re.compile(
    r"(?:\b(?:[Ww]ard|[Bb]ed|[Rr]oom|[Bb]ay|[Uu]nit)\s*[A-Z0-9]{1,4}\b|\b(?:ICU|MICU|SICU|CVICU|PICU|NICU|CCU|HDU|ITU"
    r"|AMU|ED|ER|A&E|resus|unit|ward|theatre)|\b(?:died|admitted|brought(?:\s+\w+)?|taken|transferred|flown|flew\s+\w+"
    r"|drove|driven|rushed|ran\s+\w+|came(?:\s+(?:down|up|in))?|arrived|working|worked|trained|nursing|delivered"
    r"|born|passed\s+away|lost\s+(?:him|her)|went(?:\s+into\s+arrest\s+\w+\s+\w+\s+\w+\s+out)?))"
    rf"(?:,\s*)?\s+(?:at|in|to|into|from)\s+(?P<name>(?:the\s+)?{_SITE_NAME})"
)
# Words that may open a cue above (every one, so each is tried only where its first letters stand).
_WHERE_CARED_WORDS = _literals(
    """Ward ward Bed bed Room room Bay bay Unit unit ICU MICU SICU CVICU PICU NICU CCU HDU ITU AMU ED ER A&E resus
    theatre died admitted brought taken transferred flown flew drove driven rushed ran came arrived working worked
    trained nursing delivered born passed lost went"""
)
_AFTER_THE_NOT_A_SITE = _words(
    """ICU ED ER OR AMU MAU CCU HDU ITU NICU PICU SICU MICU CVICU CT MRI ECG EEG GP MDT A&E NHS UK US USA EMS OT PT
    ICU UAE EU UN WHO CPR DNR DNACPR RSI ROSC PEA VF VT HIV TB IV IO CPAP BiPAP ECMO SCBU LDR OB MRN NICE CQC RCN
    BMA GMC NMC AHPRA Lord God Christ Jesus Allah States Philippines Gulf Army Navy Bible Quran Koran News Times"""
)
# The last words of a kind of place within a hospital, not of a hospital: "the Intensive Care Unit".
_UNIT_HEADS = _words(
    """Unit Units Ward Wards Department Dept Room Rooms Bay Bays Suite Theatre Theatres Lounge Area Centre Center
    Clinic Service Services Team Corridor Floor Wing Block Lab Laboratory Pharmacy Office Desk Station Hospital
    Resus Majors Minors Recovery Mortuary Morgue Chapel Canteen Car Park Medicine Surgery Care"""
)
# A named hospital after "at", "in", "to" or "from", even in words that alone say nothing: "at City Hospital".
_NAMED_SITE = re.compile(
    r"\b(?:at|At|in|In|to|into|from)\s+(?:the\s+|The\s+)?(?P<name>(?:The\s+)?(?:[A-Z][\w'’-]*\s+){1,3}"
    r"(?:Hospital|Infirmary|Hospice|College|Cent(?:er|re)|Clinic|Institute)\b)"
)
# A capitalised name before a lowercase "hospital": "Good Hope hospital", "the High River hospital".
_LOWER_HEAD_AFTER_NAME = re.compile(
    r"(?:hospital|clinic|hospice|infirmary|health\s+cent(?:re|er)|medical\s+cent(?:re|er)|dispensary|health\s+post"
    r"|health\s+station|maternity|nursing\s+home|care\s+home|polyclinic|HC\s*(?:II|III|IV|[234])"
    r"|H/C\s*(?:II|III|IV|[234]))\b"
)
# What kind of hospital, in lowercase between its name and the head: "Kijabe mission hospital", "Nyeri county referral".
_LOWER_KIND = (
    r"(?:(?:mission|district|general|referral|county|sub-county|teaching|regional|provincial|community|memorial"
    r"|maternity|children['’]s|women['’]s|private|government|public|rural|cottage|base|specialist)\s+){0,3}"
)
_LOWER_HEAD_NAMED = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+" + _LOWER_KIND + _LOWER_HEAD_AFTER_NAME.pattern
)
_NAMED_SITE_HEADS = _literals("Hospital Infirmary Hospice College Center Centre Clinic Institute")
_SITE_PREPOSITIONS = _literals("at At in In to into from")


# Hospitals known by their initials, which end in H or MC ("LUTH", "SCGH", "CSMC"), where a site stands: after "at",
# "to", "from" and the like, or before "'s", a ward or a department.
_INITIALS_SITE = re.compile(r"(?=[A-Z]{2,5}(?:H|MC)\b)(?P<name>[A-Z]{2,5}(?:H|MC))\b")
_INITIALS_BEFORE = re.compile(r"\b(?:at|At|to|To|from|From|reached|into|in|In)\s+(?:the\s+)?$")
_INITIALS_AFTER = re.compile(r"(?:['’]s\b|\s+(?:ER|ED|A&E|ICU|NICU|PICU|[Ww]ard|OPD|[Ee]mergency|[Mm]aternity)\b)")
# Conditions and hormones written the same way: "died of PPH", "in SAH".
_NOT_INITIALS_OF_A_SITE = _words(
    """PPH APH SAH ICH IVH BPH LVH SIADH ACTH TSH FSH GH HGH ADH PTH PIH CAH HRH DOH MOH NIH UGH ARGH
    HMMH AAH OOH SSH SHH CPH IPH NPH GMH NASH MASH ASH DISH PNH"""
)


# A hospital named before its department, or before a comma and a ward or unit: "Grady ED", "Rotunda NICU",
# "Kiruddu, the medical ward", "Tygerberg, the paeds ICU".
_SITE_BEFORE_UNIT = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?:\s+(?:ED|ER|A&E|NICU|PICU|SCBU)\b"
    r"|,\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?:ward|unit|block|ICU|NICU|PICU|HDU|ED|ER|A&E|theatre)\b)"
    r"(?=\s*[,.;:!?(]|\s+(?:at|in|on|of|bed|cot|cubicle|room|[A-Z]))"
)
_UNIT_AFTER_WORDS = _words("ED ER A&E NICU PICU SCBU ward unit block ICU HDU theatre")
# The unit named after a hospital or ward and a comma: "Mount Sinai, the palliative unit, 16th floor",
# "Ward 21, the neurosurgery ward", "Emory Decatur, 5th floor".
_UNIT_AFTER_SITE = re.compile(
    r"(?<=[\w'’]),\s+(?P<unit>the\s+(?:[\w'’&-]+\s+){0,3}?(?:ward|unit|floor|block|Block|ICU|Ward|Unit)"
    r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+floor)(?=\s*[,.;:])"
)
_UNIT_AFTER_SITE_WORDS = _words("ward unit floor block Block ICU Ward Unit")
# A hospital called by its name after "the": "born at the Rotunda", "in the Mater NICU", "to the Royal Perth".
_AFTER_THE_SITE = (
    r"(?=\s*[,.;:!?)]|\s*$|\s+(?:ward|unit|ED|A&E|NICU|ICU|PICU|on|in|at|for|with|where|when|after|before|from|to"
    r"|by|last|yesterday|today|tonight|until|till|overnight)\b)"
)
_THE_SITE = re.compile(
    r"\b(?:at|in|to|into|from)\s+(?P<name>the\s+(?P<first>[A-Z][\w'’-]+)(?:\s+[A-Z][a-z][\w'’-]*)?)" + _AFTER_THE_SITE
)
# After a comma or at the start of a sentence, only the names people give a hospital with "the": "Ward 22, the Royal."
_THE_SHORT_SITE = re.compile(r"(?P<name>[Tt]he\s+(?P<first>[A-Z][\w'’-]+))" + _AFTER_THE_SITE)
# In lowercase: "at the royal for 14 hrs", "to the vic".
_LOWER_THE_SITE_WORDS = _words(
    "royal vic mater alfred coombe rotunda qe qeii whitt alex marsden christie brompton freeman ulster infirmary austin"
    " rvi jr lgi qmc rah rpa"
)
_LOWER_THE_SITE = re.compile(
    r"\b(?:at|in|to|into|from)\s+(?P<name>the\s+(?:" + "|".join(sorted(_LOWER_THE_SITE_WORDS)) + "))" + _AFTER_THE_SITE
)
_PLACES_AND_REGIONS = _PLACES | _AMBIGUOUS_PLACES | _REGIONS
# Words that name a hospital after "the" only in a sentence that says so ("taken to the General"), not alone.
_GENERIC_ALONE = _words(
    "General District Municipal Provincial Regional Central Memorial Maternity King Queen Prince Princess"
)
# A ward or block named in capitals, even in words that alone say nothing: "the Labour Ward", "the Maternity Block".
_THE_UNIT = re.compile(r"[Tt]he\s+(?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,3}(?:Ward|Block|Wing|Unit)\b")
_THE_SITE_WORDS = _words(
    """Royal Mater General Infirmary Children Women Western Eastern Northern Southern Central Memorial Regional
    Rotunda Coombe Princess Queen King Prince Alexandra Victoria Provincial District Municipal Maternity Vic QE QEII
    Alex Whitt Brompton Christie Marsden Freeman Alfred Austin Ulster London Jewish"""
)


_SITE_BEFORE_COMMA = re.compile(
    r"(?:\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+|\b(?:[Ww]ard|[Uu]nit|[Rr]oom|[Bb]ed)\s+[A-Z0-9]{1,4}|\b\d{1,2}[A-Z]?\s+"
    r"(?:North|South|East|West)|\b(?:Hospital|General|Infirmary|Centre|Center|Clinic|Hospice)|St\.?\s+[A-Z][\w'’]*)$"
)


# In lowercase texting, a hospital after "at" or "to" is a word or two that is not English: "died at mulago",
# "3 codes in one night at chong hua", "in cubicle 5 at st james".
_LOWER_SITE = re.compile(
    r"(?:at|to)\s+(?P<name>(?:the\s+)?(?P<saint>st\.?\s+)?[a-z][a-z'’-]+(?:\s+[a-z][a-z'’-]+)?)"
    r"(?=\s*[,.;:!?]|\s+(?:and|for|in|on|at|with|er|ed|icu|nicu|ward|when|after|before|but)\b)"
)


def _starts_site(text: str, comma: int) -> bool:
    """Whether a hospital, ward or wing ends right before ``comma``: "Mount Sinai", "Ward 21", "8 East"."""
    return _SITE_BEFORE_COMMA.search(text, max(0, comma - 40), comma) is not None


def _near_before(starts: Iterable[int], anchors: list[int], reach: int) -> list[int]:
    """The ``starts`` that lie less than ``reach`` characters before one of the ``anchors``."""
    ordered = sorted(anchors)
    return [
        start
        for start in starts
        if (index := bisect_right(ordered, start)) < len(ordered) and ordered[index] - start < reach
    ]


# Hospitals known by a short name or initials ("Mulago", "Groote Schuur", "KEM", "Addenbrooke's"), filed by the
# word they open with as the story's words are split; lowercase forms are looked up after a preposition.
def _by_first_word(names: Iterable[str]) -> dict[str, list[str]]:
    """Names filed by their first word as ``_Story`` splits it ("Guy's" under "Guy"), longest first."""
    filed: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        first = name.split()[0].split("+")[0].removesuffix("'s").removesuffix("’s").removesuffix(".")
        filed.setdefault(first, []).append(name)
    return filed


_KNOWN_FACILITIES = _word_list("facilities.txt")
_KNOWN_BY_FIRST = _by_first_word(_KNOWN_FACILITIES)
_KNOWN_BY_LOWER_FIRST = _by_first_word(name.lower() for name in _KNOWN_FACILITIES if len(name) >= 4)
_SITE_CUES = _words("at to from in into the reached transferred via of near outside")
_UNIT_AFTER = re.compile(
    r"['’]s\b|\s+(?:ED|ER|A&E|ICU|NICU|PICU|HDU|CCU|OPD|[Ww]ards?|[Mm]aternity|[Ee]mergency|[Cc]asualty|[Tt]heatres?"
    r"|[Mm]ortuary|[Oo]ncology|[Pp]aeds|[Pp]ediatrics|[Ll]abou?r\s+ward)\b"
)


def _plain_facility_name(name: str) -> bool:
    """A known hospital whose name alone is an English word, a person's name, a town or short initials: "Duke",
    "Alfred", "JR". It counts only where a hospital stands."""
    if " " in name:
        return False
    if name.isupper():
        return len(name) <= 3
    word = name.removesuffix("'s")
    return _is_english(word) or word in _GIVEN_NAMES or word in _PLACES_AND_REGIONS or word in _COMMON_WORDS


def _known_facilities(story: _Story) -> Iterator[_Hit]:
    text, tokens = story.text, story.tokens
    for word in _KNOWN_BY_FIRST.keys() & story.positions.keys():
        for index in story.positions[word]:
            start = tokens[index].start
            for name in _KNOWN_BY_FIRST[word]:
                end = start + len(name)
                if not text.startswith(name, start) or (end < len(text) and text[end].isalnum()):
                    continue
                cued = index and tokens[index - 1].word.lower() in _SITE_CUES
                if _plain_facility_name(name) and not cued and not _UNIT_AFTER.match(text, end):
                    break
                yield _Hit(start, end, "facility", _GUESS)
                break
    for word in _KNOWN_BY_LOWER_FIRST.keys() & story.positions.keys():
        for index in story.positions[word]:
            start = tokens[index].start
            cued = index and tokens[index - 1].word.lower() in _SITE_CUES
            for name in _KNOWN_BY_LOWER_FIRST[word]:
                end = start + len(name)
                if text[start:end] != name or (end < len(text) and text[end].isalnum()):
                    continue
                if " " not in name and _is_english(name):
                    break  # "at starship", "to duke": too likely an ordinary word in lowercase
                if not cued and not _UNIT_AFTER.match(text, end):
                    break
                yield _Hit(start, end, "facility", _GUESS)
                break


# A ward known only by its code, after "on" or "to": "back on 7A", "up to C14"; "Government Stanley".
_WARD_CODE = re.compile(
    r"(?:(?<=\bon\s)|(?<=\bto\s)|(?<=\bonto\s)|(?<=\bfrom\s)|(?<=\boff\s))"
    r"(?!B1\b|B6\b|B12\b|D3\b|K2\b|A1\b|A4\b|E10\b)(?:\d{1,2}[A-EHJNPRSTW]|[A-HJ-NP-Z]\d{1,2}[A-Z]?)\b"
    r"(?![-/.]\w|\s*(?:%|mg|ml|mcg|kg|units?)\b)"
)
_WARD_CODE_CUES = _words("on to onto from off")
_GOVERNMENT_SITE = re.compile(rf"\b(?:Government|Govt\.?|Gov\.?)\s+{_NAME}(?:\s+{_NAME})?")
_GOVERNMENT_WORDS = _literals("Government Govt Gov")


def _find_facilities(story: _Story) -> Iterator[_Hit]:
    text, openings = story.text, story
    yield from _known_facilities(story)
    code_cues = story.indices_of_lower(_WARD_CODE_CUES)
    for match in _matches_at(_WARD_CODE, text, [story.tokens[index].raw_end + 1 for index in code_cues]):
        yield _Hit(match.start(), match.end(), "facility", _GUESS)
    for match in _matches_at(_GOVERNMENT_SITE, text, openings.of(_GOVERNMENT_WORDS)):
        names = match.group().split()[1:]
        if not all(_is_english(name) or name in _GENERIC_FACILITY_WORDS or name in _COMMON_WORDS for name in names):
            yield _Hit(match.start(), match.end(), "facility", _GUESS)
    for match in _matches_at(_WHERE_CARED, text, openings.of(_WHERE_CARED_WORDS)):
        words = match.group("name").split()
        while words and words[-1] in _CONNECTORS:
            words.pop()
        names = [word for word in words if word not in ("the", "The")]
        if not names or names[0] in _AFTER_THE_NOT_A_SITE or names[-1] in _AFTER_THE_NOT_A_SITE:
            continue
        if names[0] in _NOT_INITIALS_OF_A_SITE and text.endswith("into ", 0, match.start("name")):  # "went into PPH"
            continue
        # "taken to the Royal", "died at the General", "back to the Children's": after "the", a capitalised
        # word that is not a kind of room or unit is the hospital people call by it.
        short = words[0] in ("the", "The") and names[-1] not in _UNIT_HEADS and names[0] not in _COMMON_WORDS
        if not short and (
            names[0] in _NOT_A_CUED_NAME
            or all(word in _GENERIC_FACILITY_WORDS or word in _AFTER_THE_NOT_A_SITE for word in names)
        ):
            continue
        start = match.start("name")
        # Two words or more outweigh a town's name inside them: "at Houston Methodist".
        tier = _WHO_WHERE if len(names) > 1 and not short else _GUESS
        yield _Hit(start, start + len(" ".join(words)), "facility", tier)
    heads = openings.of(_NAMED_SITE_HEADS)
    if heads:
        for match in _matches_at(_NAMED_SITE, text, _near_before(openings.of(_SITE_PREPOSITIONS), heads, 80)):
            yield _Hit(match.start("name"), match.end("name"), "facility", _GUESS)
    lower_heads = [head for head in openings.of(_LOWER_HEAD_WORDS) if _LOWER_HEAD_AFTER_NAME.match(text, head)]
    near = _near_before(story.capital_starts, lower_heads, 60) if lower_heads else []
    for match in _matches_at(_LOWER_HEAD_NAMED, text, near):
        words = match.group("name").split()
        if not all(word in _COMMON_WORDS or word in _GENERIC_FACILITY_WORDS for word in words):
            yield _Hit(match.start(), match.end(), "facility", _GUESS)
    for match in _matches_at(_FACILITY_HEAD, text, openings.of(_FACILITY_HEAD_WORDS)):
        run = _capitalised_run(text, match.start(), 6, _NOT_PART_OF_A_FACILITY)
        tail = _FACILITY_OF.match(text, match.end())
        named_by_tail = (
            tail is not None
            and match.group() in ("Hospital", "Infirmary", "Hospice", "Institute")
            and not any(word in _DATE_WORDS or word in _TIME_NOUNS for word in tail.group().split()[2:])
        )
        if (run is None or all(word in _GENERIC_FACILITY_WORDS for word in run[1])) and not named_by_tail:
            continue
        start, end = match.start() if run is None else run[0], match.end()
        if tail is not None and named_by_tail:
            end = tail.end()  # "Hospital of the Good Samaritan", "Hospice of the Valley"
        elif match.group() in ("Ward", "Unit", "Wing") and (number := _WARD_NUMBER.match(text, end)):
            end = number.end()
        yield _Hit(start, end, "facility", _WHO_WHERE)
    for match in _matches_at(_NUMBERED_PLACE, text, openings.of(_NUMBERED_PLACE_WORDS)):
        previous = _WORD_BEFORE.search(text, max(0, match.start() - 16), match.start())
        kind = None
        if previous and (
            previous.group(1).lower() in _KINDS_OF_ROOM
            or previous.group(1) in _KINDS_OF_ROOM
            or (previous.group(1).isupper() and previous.group(1) not in _NOT_ID_ACRONYMS)
        ):
            kind = _KIND_OF_ROOM.search(text, max(0, match.start() - 30), match.start())
        yield _Hit(kind.start() if kind else match.start(), match.end(), "facility", _WHO_WHERE)
    if "ward" in text:
        for match in _NAMED_WARD.finditer(text):
            name = match.group("name")
            if not _is_plain_word(name) and name not in _GENERIC_FACILITY_WORDS:
                yield _Hit(match.start(), match.end(), "facility", _WHO_WHERE)
    wings = [start for start, end in story.digit_runs if end - start <= 2 and _WING_AFTER.match(text, end)]
    for match in _matches_at(_WING_OR_UNIT, text, [*wings, *openings.of(_UNIT_WORDS)]):
        yield _Hit(match.start(), match.end(), "facility", _WHO_WHERE)
    initials = [start for start in story.capitals if text[start + 2 : start + 3].isupper()]
    for match in _matches_at(_INITIALS_SITE, text, initials):
        name = match.group("name")
        if (match.start() and text[match.start() - 1].isalnum()) or name in _NOT_INITIALS_OF_A_SITE:
            continue
        if _INITIALS_BEFORE.search(text, max(0, match.start() - 14), match.start()) or _INITIALS_AFTER.match(
            text, match.end()
        ):
            yield _Hit(match.start(), match.end(), "facility", _GUESS)
    tokens = story.tokens
    for index in [*story.positions.get("the", ()), *story.positions.get("The", ())]:
        if index + 1 >= len(tokens) or not tokens[index + 1].word[:1].isupper():
            continue
        unit = _THE_UNIT.match(text, tokens[index].start)
        if unit:
            yield _Hit(unit.start(), unit.end(), "facility", _GUESS)
            continue
        if not index or _gap(text, tokens, index - 1, index).rstrip().endswith((",", ".", ";", ":", "—", "-")):
            short_site = _THE_SHORT_SITE.match(text, tokens[index].start)
            first = short_site.group("first") if short_site else ""
            if short_site and (first in _THE_SITE_WORDS or first in _KNOWN_FACILITIES) and first not in _GENERIC_ALONE:
                yield _Hit(short_site.start("name"), short_site.end("name"), "facility", _GUESS)
            continue
        if tokens[index].word == "The":
            continue
        site = _THE_SITE.match(text, tokens[index - 1].start)
        if site is None:
            continue
        first, name = site.group("first"), site.group("name")[4:]
        if first in _AFTER_THE_NOT_A_SITE or first in _COMMON_WORDS or first in _DATE_WORDS:
            continue
        known = first in _KNOWN_FACILITIES
        unknown_initials = first[:2].isupper() and not _INITIALS_SITE.fullmatch(first) and not known
        region = name in _REGIONS and (first not in _THE_SITE_WORDS or name != first)  # "the Vic" is a hospital
        if unknown_initials or region or name in _PLACES:
            continue
        if _is_english(first.lower()) and first not in _THE_SITE_WORDS:
            continue
        yield _Hit(site.start("name"), site.end("name"), "facility", _GUESS)
    for index in story.positions.get("the", ()):
        if index and index + 1 < len(tokens) and tokens[index + 1].word in _LOWER_THE_SITE_WORDS:
            site = _LOWER_THE_SITE.match(text, tokens[index - 1].start)
            if site:
                yield _Hit(site.start("name"), site.end("name"), "facility", _GUESS)
    if len(story.capital_indices) * 25 < len(tokens):  # written in lowercase
        for index in [*story.positions.get("at", ()), *story.positions.get("to", ())]:
            site = _LOWER_SITE.match(text, tokens[index].start)
            if site is None:
                continue
            words = [word for word in site.group("name").split() if word not in ("the", "st", "st.")]
            if not words:
                continue
            if site.group("saint") or not any(
                _is_english(word) or word in _FUNCTION_WORDS or word.capitalize() in _PLACES_AND_REGIONS
                for word in words
            ):
                yield _Hit(site.start("name"), site.end("name"), "facility", _GUESS)
    commas = {text.rfind(", ", max(0, unit - 60), unit) for unit in story.starts_of(_UNIT_AFTER_SITE_WORDS)}
    for comma in sorted(commas - {-1}):
        after = _UNIT_AFTER_SITE.match(text, comma)
        if after and _starts_site(text, comma):
            yield _Hit(after.start("unit"), after.end("unit"), "facility", _GUESS)
    units = story.starts_of(_UNIT_AFTER_WORDS)
    if units:
        capital_starts = story.capital_starts
        before_units = {
            capital_starts[at]
            for unit in units
            for at in range(bisect_right(capital_starts, unit - 50), bisect_right(capital_starts, unit - 1))
        }
        for match in _matches_at(_SITE_BEFORE_UNIT, text, before_units):
            names = match.group("name").split()
            if names[0] in _NOT_A_NAME or names[0] in _GIVEN_NAMES or names[-1] in _GENERIC_FACILITY_WORDS:
                continue
            if len(names) == 1 and match.start() and not _starts_sentence(text, match.start()):
                continue
            yield _Hit(match.start(), match.end("name"), "facility", _GUESS)
    for match in _matches_at(_HEAD_FIRST, text, openings.of(_HEAD_FIRST_WORDS)):
        last = match.group().split()[-1]
        if not _is_english(last) or last not in _GENERIC_FACILITY_WORDS:
            yield _Hit(match.start(), match.end(), "facility", _WHO_WHERE)
    for match in _matches_at(_SAINT, text, openings.of(_SAINT_WORDS)):
        yield _Hit(match.start(), match.end(), "facility", _GUESS)
    for match in _matches_at(_LOWER_HEAD, text, openings.of(_LOWER_HEAD_WORDS)):
        lower_run = _LONG_LOWER_RUN.search(text, max(0, match.start() - 60), match.start())
        if lower_run is None:
            continue
        # The name is the words right before the head that are not English ("kenyatta", "st marys"): an
        # English or function word between them and the head ends it ("a superhero in a hospital").
        # Words that say what kind of hospital it is may stand between ("lapu-lapu district hospital").
        words = []
        for word in reversed(lower_run.group().split()):
            saint = word in ("st", "st.", "saint")
            generic = word in _LOWER_GENERIC_FACILITY_WORDS
            if not (saint or generic) and (word in _FUNCTION_WORDS or "'" in word or "’" in word or _is_english(word)):
                break
            words.insert(0, word)
        while words and words[0] in _LOWER_GENERIC_FACILITY_WORDS:
            words.pop(0)
        if any(word not in ("st", "st.", "saint") for word in words):
            start = match.start() - len(" ".join(words)) - 1
            yield _Hit(start, match.end(), "facility", _GUESS)


# --- names ------------------------------------------------------------------------------------------------------

_TITLES = _words(
    """Mr Mrs Ms Mx Miss Mister Dr Doctor Prof Professor Nurse Sister Matron Father Fr Pastor Rev Reverend Rabbi
    Imam Uncle Auntie Aunty Aunt Nana Nan Grandma Grandpa Granny Baby Little Shri Smt Sri Kumari Sir Dame
    Captain Sgt Officer Baba Mama Madam Madame Chief Alhaji Alhaja Hajia Hajiya Mallam Tita Tito Lola Lolo Kuya
    Dona Dom Seu Sr Sra Srta Dra Mzee Bwana Mwalimu Deacon Elder Bro Sis Papa Amma Ammi Abba Nani Dadi Bibi
    Begum Sheikh Ustaz Tía Tío Tante Oom Tannie Gogo Ouma Oupa Mrs. Mr. Dr. Ms. Prof. Fr. Sr. Sra. Dra."""
)
# In lowercase texting the title is lowercase too: "mrs okafor", "lola remedios", "uncle bongani".
_LOWER_TITLES = frozenset(title.lower() for title in _TITLES if len(title) > 1) - {"little", "baby"}
# Words after which a lowercase word that is not English is a name: "my patient tunde", "little oisín".
_LOWER_NAME_CUES = _words("patient pt little lil baby bub named called nicknamed")
_FUNCTION_WORDS = frozenset(word.lower() for word in _COMMON_WORDS)
_TITLE_GAP = re.compile(r"\.?[ \t]+")
# Lowercase words after which a capitalised word is a person: "her son Marcus", "the charge nurse, Kelly".
_KIN_AND_ROLES = _words(
    """son daughter wife husband partner mum mom mother father dad brother sister grandson granddaughter
    grandmother grandfather grandma grandpa nan nana granny aunt auntie aunty uncle niece nephew cousin friend
    colleague boyfriend girlfriend fiancé fiancée fiance fiancee baby little patient registrar reg consultant
    resident attending intern nurse midwife paramedic preceptor mentor student neighbour neighbor carer caregiver
    boss manager supervisor chaplain porter surgeon doctor physician GP SHO twin kid child boy girl toddler
    teenager lad lass mate widow widower stepson stepdaughter man woman lady gentleman guy bloke"""
)
_PERSON_NOUNS = _words(
    """man woman boy girl lady gentleman guy bloke chap kid child baby patient nurse doctor midwife paramedic
    someone friend colleague lad lass teenager toddler son daughter one"""
)
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it"})
_DETERMINERS = frozenset({"the", "our", "my", "his", "her", "their", "a", "an"})
_HONORIFICS = frozenset({"ji", "bhai", "didi", "bhaiya", "sahib", "saab", "amma", "appa", "akka"})
_FAMILY_VERBS = frozenset({"were", "had", "came", "arrived", "asked", "said"})
_PERSON_VERB_AFTER = re.compile(
    r"\s+(?:was|is|had|has|died|passed|said|says|asked|told|cried|looked|squeezed|smiled|wanted|kept|loved"
    r"|went|came|coded|arrested|crashed|stopped|started|would|could|couldn['’]t|didn['’]t|wasn['’]t|never"
    r"|used|liked|seemed|whispered|laughed|screamed|held|opened|woke|tried|knew|got|needed|begged|fought"
    r"|lived|made|gave|took|sat|slept|stayed|delivered|bled|collapsed|deteriorated|survived|waited|fell|lay|walked"
    r"|rang|phoned|wrote|signed|refused|agreed|prayed|sang|seized|arrived|left|sobbed|wept|stopped)\b"
)
_NOT_A_PERSON_WITH_KIN = _KIN_AND_ROLES | _PERSON_NOUNS | _words("caller client resident customer victim writer author")
_KIN_AFTER = re.compile(
    r"\s+(?:mum|mom|dad|mother|father|wife|husband|partner|sister|brother|son|daughter|parents|baby|boyfriend"
    r"|girlfriend|grandson|granddaughter|grandchildren|grandkids|funeral|ashes)\b"
)
_PERSON_THING_AFTER = re.compile(
    r"\s+(?:mum|mom|dad|mother|father|wife|husband|partner|family|sister|brother|son|daughter|parents|kids"
    r"|children|name|bed|hand|hands|face|voice|heart|room|funeral|grave|photo|birthday|death|chart|notes|baby"
    r"|babies|boyfriend|girlfriend|grandson|granddaughter|grandchildren|grandkids|kid|ashes|wedding|last|first)\b"
)
_PERSON_VERBS_BEFORE = _words(
    """told asked held hugged thanked visited remember remembered miss missed nursed treated lost met tell hold
    intubated resuscitated ventilated bathed washed"""
)
_LOWER_CUES = _LOWER_TITLES | _LOWER_NAME_CUES | _KIN_AND_ROLES | _OBJECT_PRONOUNS | _PERSON_VERBS_BEFORE


def _find_names(story: _Story) -> Iterator[_Hit]:
    """Names after a title or a cue; known given names anywhere; capitalised words that are not English
    where names stand; other capitalised words mid-sentence when they act like a person ("when Tane came in")."""
    text, tokens = story.text, story.tokens
    # A lowercase word can be a name after a cue ("mrs okafor"), or with none where it is not right after
    # another word and a space: the start of a sentence ("kipchoge died waiting").
    after_cue = {index + 1 for index in story.indices_of_lower(_LOWER_CUES)}
    # Without a cue only a word that is not English can be a name: look for the loose ones among those alone.
    starts = story.starts
    loose = {
        index
        for word, indices in story.positions.items()
        if word[:1].islower() and len(word) >= 3 and not _is_english(word)
        for index in indices
        if starts[index] < 2 or text[starts[index] - 1] != " " or not text[starts[index] - 2].isalnum()
    }
    for index in sorted(after_cue | loose):
        if index >= len(tokens):
            continue
        token = tokens[index]
        word = token.word
        if not word[:1].islower():
            continue
        if index not in after_cue and (len(word) < 3 or token.raw_end != token.end):
            continue
        end = _lowercase_name_end(text, tokens, index)
        if end is not None:
            yield _Hit(end[0], end[1], "name", _GUESS)
    cued: set[int] = set()
    for index in story.capital_indices:
        token = tokens[index]
        word = token.word
        if not _IS_NAME.fullmatch(word) or word in _COMMON_WORDS:
            continue
        previous = tokens[index - 1] if index else None
        if (
            previous is not None
            and previous.word in _TITLES
            and _TITLE_GAP.fullmatch(_gap(text, tokens, index - 1, index))
        ):
            yield _Hit(
                previous.start, tokens[_surname_index(text, tokens, index, _COMMON_WORDS)].end, "name", _WHO_WHERE
            )
            continue
        if word in _NOT_A_CUED_NAME:
            continue
        family = _family_name_end(text, tokens, index)
        if family is not None:
            yield _Hit(token.start, family, "name", _WHO_WHERE)
        elif _named_by_cue(text, tokens, index, cued):
            cued.add(index)
            yield _Hit(
                token.start, tokens[_surname_index(text, tokens, index, _NOT_A_CUED_NAME)].end, "name", _WHO_WHERE
            )
        elif word in _GIVEN_NAMES or (not _is_plain_word(word) and _stands_as_name(text, tokens, index)):
            yield _Hit(token.start, tokens[_surname_index(text, tokens, index, _NOT_A_NAME)].end, "name", _GUESS)


_EPONYM_AFTER = re.compile(
    r"['’]?s?\s+(?i:syndrome|disease|sign|score|scale|criteria|test|manoeuvre|maneuver|line|catheter|tube|mask"
    r"|splint|device|position|palsy|procedure|operation|repair|classification|fracture|reflex|rules?|ulcer"
    r"|tumou?r|lymphoma|sarcoma|phenomenon|respiration|breathing|triad|shunt|valve|pouch|bag|monitor|pump"
    r"|machine|method|technique|model|approach|trial|study|protocol|pathway|tool|chart|mattress|frame|hoist"
    r"|collar|board|forceps|needle|drain|tablets?|injection|infusion|drip|cream|inhaler|vaccine|jab|shot)\b"
)


# Clinical terms built from Greek and Latin: "Primigravida", "Cholecystitis", "Hyperkalaemia".
_CLINICAL_ENDING = re.compile(
    r"(?i:.{3,}(?:gravida|para|itis|osis|aemia|emia|ectomy|otomy|ostomy|plasty|oma|pathy|algia|uria|plegia"
    r"|paresis|rrhage|rrhoea|rrhea|lysis|scopy|gram|graphy|cardia|pnoea|pnea|trophy|cele))"
)


def _is_unknown_word(text: str, tokens: list[_Token], index: int) -> bool:
    """A capitalised word no list explains: not English, not a drug, not an eponym ("the Lucas device")."""
    token = tokens[index]
    return (
        not _is_english(token.word)
        and not _DRUG_ENDING.fullmatch(token.word)
        and not _CLINICAL_ENDING.fullmatch(token.word)
        and not _EPONYM_AFTER.match(text, token.end)
    )


# What follows a name set off by a comma: an age, a description of a person, or how people called them
# ("Peadar, 64, was", "Yakubu, the driver who", "Achan, that's what everyone called him").
_ROLE_NOUNS = (
    r"driver|teacher|schoolteacher|headmaster|headmistress|cook|worker|farmer|fisherman|nurse|midwife|student"
    r"|guy|bloke|man|woman|lady|gentleman|boy|girl|lad|lass|kid|child|baby|son|daughter|mother|father|mum|mom"
    r"|dad|wife|husband|widow|widower|grandmother|grandfather|teenager|toddler|patient|regular|neighbour|neighbor"
    r"|friend|colleague|veteran|pensioner|labourer|laborer|mechanic|builder|miner|tapper|climber|vendor|trader"
    r"|pastor|priest|imam|professor|engineer|soldier|officer|\d{1,3}-year-old|[a-z]+-year-old"
)
_APPOSITION_AFTER = re.compile(
    r"['’]?(?:\s+(?:sir|madam|teacher|ji|ettan|chettan|chechi|bhai|didi|amma|appa|akka|anna))?,\s+"
    r"(?:\d{1,3}(?:\+|\s+plus)?(?=[,.;)]|\s+(?:years?|yrs?|and|from|with|who|was|had)\b)"
    r"|\d{1,2}\s+(?:months?|weeks?|days?|hours?)(?:\s+old)?(?=[,.;)])"
    r"|[a-z]+(?:[- ][a-z]+)?\s+years?\s+old\b"
    r"|that['’]s\s+what|(?:we|everyone|they|the\s+\w+)\s+(?:all\s+)?called|our\s+(?:pet\s+)?name\b"
    rf"|(?:a|an|the|our|my)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_ROLE_NOUNS})\b)"
)


def _stands_as_name(text: str, tokens: list[_Token], index: int) -> bool:
    """Mid-sentence, an unknown capitalised word is a name; at the start of a sentence it must also act like
    a person or be followed by another unknown capitalised word ("Wanjiru Kamau was...")."""
    if _acts_like_person(text, tokens, index) and not _starts_sentence(text, tokens[index].start):
        return True
    token = tokens[index]
    if (
        token.raw_end != token.end
        and _KIN_AFTER.match(text, token.raw_end)
        and token.word.lower() not in _NOT_A_PERSON_WITH_KIN  # "Patient's wife", "Caller's husband"
    ):
        return True  # "Grace's mum", "Aisling's baby": whoever has a mum or a baby is a person
    if not _is_unknown_word(text, tokens, index):
        return False
    if not _starts_sentence(text, tokens[index].start):
        return True
    if _APPOSITION_AFTER.match(text, tokens[index].raw_end):
        return True
    following = index + 1
    return _acts_like_person(text, tokens, index) or (
        following < len(tokens)
        and _gap(text, tokens, index, following) == " "
        and _IS_NAME.fullmatch(tokens[following].word) is not None
        and not _is_plain_word(tokens[following].word)
        and _is_unknown_word(text, tokens, following)
    )


def _lower_name(word: str) -> bool:
    """A lowercase word that can only be a name: not English, or a given name that is not a function word."""
    if not word.isalpha() or len(word) < 2:
        return False
    capital = word.capitalize()
    if capital in _NOT_A_CUED_NAME or capital in _REGIONS:
        return False
    return not _is_english(word) or (capital in _GIVEN_NAMES and word not in _FUNCTION_WORDS)


def _lowercase_name_end(text: str, tokens: list[_Token], index: int) -> tuple[int, int] | None:
    """Span of a lowercase name after a lowercase title or cue: "mrs okafor", "my patient emeka"."""
    word = tokens[index].word
    previous = tokens[index - 1].word.lower() if index else ""
    if previous not in _LOWER_CUES and (
        len(word) < 3
        or tokens[index].raw_end != tokens[index].end
        or not _starts_sentence(text, tokens[index].start)
        or _is_english(word)
        or not _PERSON_VERB_AFTER.match(text, tokens[index].end)
    ):
        return None  # without a cue before it, only "kipchoge died waiting" below can apply
    if (
        len(word) >= 3
        and _starts_sentence(text, tokens[index].start)
        and tokens[index].raw_end == tokens[index].end
        and _PERSON_VERB_AFTER.match(text, tokens[index].end)
        and _lower_name(word)
        and not _is_english(word)
    ):
        return tokens[index].start, tokens[index].end  # "kipchoge died waiting for the truck"
    if index == 0 or _gap(text, tokens, index - 1, index) != " ":
        return None
    previous = tokens[index - 1].word
    before = tokens[index - 2].word.lower() if index > 1 else ""
    spoken = previous.lower()
    titled = spoken in _LOWER_TITLES and previous[:1].islower()
    cued = spoken in _LOWER_NAME_CUES or (spoken in _OBJECT_PRONOUNS and before in ("named", "called"))
    kin = spoken in _KIN_AND_ROLES and before in _DETERMINERS and tokens[index - 1].raw_end == tokens[index - 1].end
    # "we lost kayla", "i still miss maria": after a verb done to a person, a given name ("met acidosis" is none)
    verb = spoken in _PERSON_VERBS_BEFORE and previous[:1].islower() and word.capitalize() in _GIVEN_NAMES
    if not (titled or cued or kin or verb) or not _lower_name(word):
        return None
    if spoken in ("called", "named", "patient", "pt") and _is_english(word):
        return None
    start = tokens[index - 1].start if titled else tokens[index].start
    end = tokens[index].end
    following = index + 1
    if (
        following < len(tokens)
        and _gap(text, tokens, index, following) == " "
        and tokens[following].word.islower()
        and not _is_english(tokens[following].word)
        and tokens[following].word.isalpha()
    ):
        end = tokens[following].end
    return start, end


def _surname_index(text: str, tokens: list[_Token], index: int, not_names: frozenset[str]) -> int:
    """The token that ends the name starting at ``index``: the next one too when it reads as a surname."""
    following = index + 1
    if (
        following < len(tokens)
        and tokens[index].raw_end == tokens[index].end
        and _gap(text, tokens, index, following) == " "
        and _IS_NAME.fullmatch(tokens[following].word)
        and tokens[following].word not in not_names
    ):
        return following
    return index


def _named_by_cue(text: str, tokens: list[_Token], index: int, cued: set[int]) -> bool:
    if index == 0:
        return False
    previous = tokens[index - 1]
    before = tokens[index - 2].word if index > 1 else ""
    gap = _gap(text, tokens, index - 1, index)
    if previous.word in _KIN_AND_ROLES and gap.strip() in ("", ","):
        return True
    if gap.strip() == ",":
        return _apposed(text, tokens, index)
    if gap.strip():
        return False
    spoken = previous.word
    return (
        spoken == "named"
        or (spoken in _OBJECT_PRONOUNS and before in ("named", "called"))
        or (spoken == "called" and before in _PERSON_NOUNS)
        or (spoken in ("was", "is", "were") and before in ("name", "names"))
        or (spoken == "name" and previous.raw_end - previous.end == 2)  # "name's"
        or (spoken == "as" and before == "known")
        or (spoken == "by" and before == "went")
        or (spoken in ("and", "&") and index - 2 in cued)  # "named them Hope and Lily"
    )


def _apposed(text: str, tokens: list[_Token], index: int) -> bool:
    """A name set off by commas after a noun phrase: "the farmer, Bill, had rolled"."""
    if _is_plain_word(tokens[index].word):
        return False
    last = _surname_index(text, tokens, index, _NOT_A_NAME)
    if not text.startswith(",", tokens[last].raw_end):
        return False
    for back in range(index - 1, max(-1, index - 5), -1):
        word = tokens[back].word
        if back < index - 1 and _gap(text, tokens, back, back + 1).strip():
            return False
        if word.lower() in _DETERMINERS:
            return back < index - 1
        if not word.islower():
            return False
    return False


def _family_name_end(text: str, tokens: list[_Token], index: int) -> int | None:
    """Surnames standing for a family: "the Singh family", "the Hendersons' baby", "Sharma ji"."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    near = following is not None and _gap(text, tokens, index, index + 1) in (" ", "-")
    if near and following is not None and following.word in _HONORIFICS:
        return following.end
    if index == 0 or tokens[index - 1].word.lower() != "the":
        return None
    if near and following is not None and following.word == "family":
        return token.end
    plural = token.word.endswith("s") and token.word[:-1] not in _NOT_A_CUED_NAME
    possessive = token.raw_end != token.end
    if plural and (possessive or (near and following is not None and following.word in _FAMILY_VERBS)):
        return token.end
    return None


def _acts_like_person(text: str, tokens: list[_Token], index: int) -> bool:
    token = tokens[index]
    if token.raw_end != token.end:
        return bool(_PERSON_THING_AFTER.match(text, token.raw_end))
    if _PERSON_VERB_AFTER.match(text, token.end):
        return True
    return (
        index > 0
        and tokens[index - 1].word in _PERSON_VERBS_BEFORE
        and not _gap(text, tokens, index - 1, index).strip()
    )


def _repeat_names(story: _Story, chosen: list[_Hit]) -> Iterator[_Hit]:
    """A word found once as a name is a name wherever else it appears: "when Grace died ... Grace was nine"."""
    names = {
        word
        for hit in chosen
        if hit.type == "name"
        for word in _IS_NAME.findall(story.text, hit.start, hit.end)
        if not _is_plain_word(word)
    }
    tokens, positions = story.tokens, story.positions
    for word in names.intersection(positions):
        for index in positions[word]:
            yield _Hit(tokens[index].start, tokens[index].end, "name", _GUESS)
