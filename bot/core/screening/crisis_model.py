"""The learned layer of the crisis screen: a linear model over hashed word n-grams and word pieces.

Rules explain but miss what people really write: a decision with a date and no method word, a goodbye
to the team, a sentence buried in paragraph three. This layer catches wording *close to* messages where
the writer was at risk. It needs no dependency: the model is two weight vectors in one file shipped in
the package (built by ``stairwell train-screen``), read with the standard library, never downloaded.

Long texts are scored sentence by sentence: every window of one to three consecutive sentences, and the
whole text, is scored and the most severe wins, so one risk sentence in a long story still counts. A
window's score comes from per-sentence sums, so the cost is one pass over the words.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from math import exp, sqrt
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("data") / "crisis_model.bin"
_MAGIC = b"SWCM1\n"

# Bump when features change: a model file built for other features is refused, not misread.
FEATURE_VERSION = 4
BUCKET_BITS = 18
_MASK = (1 << BUCKET_BITS) - 1
WINDOW = 5  # sentences per window in a long text

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# Sentence ends: terminal punctuation followed by space, or a line break.
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Lower case and straight apostrophes: phones type curly ones."""
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences, in order, blank ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def _number_token(token: str) -> str:
    return "0" if token.isdigit() else token


def word_features(text: str) -> list[int]:
    """Hashed words, word pairs and word triples of one normalised sentence."""
    words = [_number_token(token) for token in _TOKEN.findall(text)]
    hashes = [_word_hash(word) for word in words]
    features = [value & _MASK for value in hashes]
    for i in range(len(hashes) - 1):
        features.append((hashes[i] * 1_000_003 ^ hashes[i + 1] ^ 0x9E37) & _MASK)
    for i in range(len(hashes) - 2):
        features.append(((hashes[i] * 1_000_003 ^ hashes[i + 1]) * 998_244_353 ^ hashes[i + 2] ^ 0x7F4A) & _MASK)
    return features


@lru_cache(maxsize=1 << 15)
def _pieces(word: str) -> tuple[int, ...]:
    """The 4-letter pieces of a longer word, edges marked: typos and spellings ("anymroe", "overdosing")
    share most of them with the word they stand for."""
    if len(word) <= 3 or not word.isalpha():
        return ()
    marked = f"<{word}>"
    return tuple(zlib.crc32(marked[at : at + 4].encode(), 0x5A5A) & _MASK for at in range(len(marked) - 3))


def sentence_features(text: str) -> list[int]:
    """Word n-grams plus 4-letter pieces of words. Chosen on the held-out set among the candidates in
    tools/compare_crisis_candidates.py: the pieces found more urgent messages with fewer false alarms
    (out of fold, on the training writers' tidier text, they had looked slightly worse)."""
    features = word_features(text)
    for token in _TOKEN.findall(text):
        features.extend(_pieces(token))
    return features


def text_sentences(text: str) -> list[tuple[tuple[int, int], list[int]]]:
    """Each sentence's span in the original text with its features (normalising keeps offsets)."""
    normalised = normalise(text)
    return [(span, sentence_features(normalised[span[0] : span[1]])) for span in sentences(normalised)]


def windows(count: int, size: int = WINDOW) -> list[tuple[int, int]]:
    """Sentence index ranges to score: the whole text and, in a longer one, each run of ``size`` sentences
    in order (a single sentence alone is too little text to judge)."""
    ranges = [(0, count)]
    if count > size:
        ranges.extend((i, i + size) for i in range(count - size + 1))
    return ranges


@dataclass(frozen=True, slots=True)
class Head:
    """One binary question the model answers: "urgent?" or "any risk?"."""

    weights: array[float] = field(repr=False)
    bias: float
    threshold: float
    # Subtracted from a window's logit: a part of a long text needs to be clearer than a whole message.
    window_penalty: float


@dataclass(frozen=True, slots=True)
class ModelScore:
    """The most severe window's probabilities, and where it is in the text."""

    urgent: float
    risk: float
    urgent_span: tuple[int, int] | None
    risk_span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class CrisisModel:
    version: str
    urgent: Head
    risk: Head

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> CrisisModel:
        try:
            return cls.decode(path.read_bytes())
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None

    @classmethod
    def decode(cls, data: bytes) -> CrisisModel:
        if not data.startswith(_MAGIC):
            raise ValueError("not a Stairwell crisis model")
        (header_length,) = struct.unpack_from("<I", data, len(_MAGIC))
        offset = len(_MAGIC) + 4
        header = json.loads(data[offset : offset + header_length])
        if header["feature_version"] != FEATURE_VERSION or header["bucket_bits"] != BUCKET_BITS:
            raise ValueError("built for other features; rebuild it with tools/train_crisis_model.py")
        offset += header_length
        size = 1 << BUCKET_BITS
        heads = []
        for name in ("urgent", "risk"):
            weights = array("f")
            weights.frombytes(data[offset : offset + 4 * size])
            offset += 4 * size
            settings = header[name]
            heads.append(Head(weights, settings["bias"], settings["threshold"], settings["window_penalty"]))
        return cls(header["version"], heads[0], heads[1])

    def score(self, text: str) -> ModelScore:
        parts = text_sentences(text)
        if not parts:
            return ModelScore(0.0, 0.0, None, None)
        heads = (self.urgent, self.risk)
        ranges = windows(len(parts))
        best = [(_Window(heads).add_all(features for _, features in parts).logits(), 0, len(parts))]
        window = _Window(heads)
        for first, last in ranges[1:]:  # consecutive runs: slide by one sentence
            if first == 0:
                window.add_all(features for _, features in parts[:last])
            else:
                window.remove(parts[first - 1][1])
                window.add(parts[last - 1][1])
            best.append((window.logits(), first, last))
        found: list[tuple[float, tuple[int, int]]] = []
        for index, head in enumerate(heads):
            value, first, last = max(
                (logits[index] - (head.window_penalty if number else 0.0), first, last)
                for number, (logits, first, last) in enumerate(best)
            )
            found.append((_sigmoid(value + head.bias), self._strongest(parts, first, last, index)))
        return ModelScore(found[0][0], found[1][0], found[0][1], found[1][1])

    def _strongest(
        self, parts: list[tuple[tuple[int, int], list[int]]], first: int, last: int, index: int
    ) -> tuple[int, int]:
        """The sentence of a window that pushed hardest on its own: the one quoted to moderators."""
        heads = (self.urgent, self.risk)
        return max(parts[first:last], key=lambda part: _Window(heads).add(part[1]).logits()[index])[0]


class _Window:
    """Distinct features of consecutive sentences, with each head's weight sum kept as sentences come and go.

    A feature counts once however often it repeats, so a story that says the same thing ten times is read as
    saying it once; sliding the window adds and removes one sentence each step.
    """

    __slots__ = ("_counts", "_heads", "_sums")

    def __init__(self, heads: tuple[Head, ...]) -> None:
        self._heads = heads
        self._counts: dict[int, int] = {}
        self._sums = [0.0] * len(heads)

    def add(self, features: list[int]) -> _Window:
        counts = self._counts
        for feature in features:
            seen = counts.get(feature, 0)
            counts[feature] = seen + 1
            if not seen:
                for index, head in enumerate(self._heads):
                    self._sums[index] += head.weights[feature]
        return self

    def add_all(self, sentences: Iterable[list[int]]) -> _Window:
        for features in sentences:
            self.add(features)
        return self

    def remove(self, features: list[int]) -> None:
        counts = self._counts
        for feature in features:
            left = counts[feature] - 1
            if left:
                counts[feature] = left
            else:
                del counts[feature]
                for index, head in enumerate(self._heads):
                    self._sums[index] -= head.weights[feature]

    def logits(self) -> list[float]:
        """Each head's score before bias: weight sum over distinct features, scaled by 1/sqrt(their number)."""
        if not self._counts:
            return [-1e9] * len(self._heads)
        scale = 1 / sqrt(len(self._counts))
        return [total * scale for total in self._sums]


def _sigmoid(value: float) -> float:
    if value < -60:
        return 0.0
    return 1 / (1 + exp(-value))


def encode(version: str, heads: dict[str, tuple[bytes, dict[str, float]]], meta: dict[str, object]) -> bytes:
    """A model file: magic, header length, JSON header, then each head's float32 weights."""
    header = {
        "version": version,
        "feature_version": FEATURE_VERSION,
        "bucket_bits": BUCKET_BITS,
        **{name: settings for name, (_, settings) in heads.items()},
        **meta,
    }
    encoded = json.dumps(header, sort_keys=True).encode()
    body = heads["urgent"][0] + heads["risk"][0]
    return _MAGIC + struct.pack("<I", len(encoded)) + encoded + body
