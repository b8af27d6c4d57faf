"""The learned layer of the crisis screen: a linear model over hashed word n-grams.

Rules explain but miss what people really write: a decision with a date and no method word, a goodbye
to the team, a sentence buried in paragraph three. This layer catches wording *close to* messages where
the writer was at risk. It needs no dependency: the model is two weight vectors in one file shipped in
the package (built by tools/train_crisis_model.py), read with the standard library, never downloaded.

Long texts are scored in parts: the whole text, and in a longer one every run of five consecutive
sentences (less a penalty, so a part must be clearer than a whole message); the most severe wins, so one
risk sentence in a long story can still count. Runs add up per-sentence sums, so the cost is one pass.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from math import exp, sqrt
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("data") / "crisis_model.bin"
_MAGIC = b"SWCM1\n"

# Bump when features change: a model file built for other features is refused, not misread.
FEATURE_VERSION = 6
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


def sentence_features(text: str) -> list[int]:
    """Hashed words, word pairs and word triples of one normalised sentence.

    Word pieces (4-letter grams, for typos) were the other candidate; on the held-out set they found fewer
    urgent messages for the same false alarms (tools/compare_crisis_candidates.py), and cost time.
    """
    hashes = [_word_hash(_number_token(word)) for word in _TOKEN.findall(text)]
    features = [value & _MASK for value in hashes]
    features.extend((a * 1_000_003 ^ b ^ 0x9E37) & _MASK for a, b in pairwise(hashes))
    features.extend(
        ((a * 1_000_003 ^ b) * 998_244_353 ^ c ^ 0x7F4A) & _MASK
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    )
    return features


def text_sentences(text: str) -> list[tuple[tuple[int, int], list[int]]]:
    """Each sentence's span in the original text with its features (normalising keeps offsets)."""
    normalised = normalise(text)
    return [(span, sentence_features(normalised[span[0] : span[1]])) for span in sentences(normalised)]


def windows(count: int, size: int = WINDOW) -> list[tuple[int, int]]:
    """Sentence index ranges to score: the whole text and, in a longer one, each run of ``size`` sentences
    (a single sentence alone is too little text to judge). The whole text counts each feature once; a run
    adds up its sentences, each of which counts its own features once: exact enough, and one pass."""
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
        urgent_at, risk_at = self.urgent.weights.__getitem__, self.risk.weights.__getitem__
        distinct = [set(features) for _, features in parts]
        # Per sentence: each head's weight sum over its distinct features, and how many there are.
        sums = [(sum(map(urgent_at, found)), sum(map(risk_at, found)), len(found)) for found in distinct]
        whole = set().union(*distinct)
        results = [((sum(map(urgent_at, whole)), sum(map(risk_at, whole)), len(whole)), 0, len(parts))]
        for first, last in windows(len(parts))[1:]:
            run = sums[first:last]
            results.append(((sum(r[0] for r in run), sum(r[1] for r in run), sum(r[2] for r in run)), first, last))
        found: list[tuple[float, tuple[int, int]]] = []
        for index, head in enumerate((self.urgent, self.risk)):
            value, first, last = max(
                (total[index] / sqrt(max(total[2], 1)) - (head.window_penalty if number else 0.0), first, last)
                for number, (total, first, last) in enumerate(results)
            )
            strongest = max(range(first, last), key=lambda i: sums[i][index] / sqrt(max(sums[i][2], 1)))
            found.append((_sigmoid(value + head.bias), parts[strongest][0]))
        return ModelScore(found[0][0], found[1][0], found[0][1], found[1][1])


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
