"""Every learned layer tried for the crisis screen, trained the same way and measured once on the held-out set.

    .venv/bin/pip install -e ".[train]"      # plus `pip install wordllama` for the embedding candidates
    .venv/bin/python tools/compare_crisis_candidates.py

Each candidate is trained on training/crisis only, with C, window penalty and thresholds chosen out of fold
(as tools/train_crisis_model.py does), combined with the rules exactly as the screen combines them, and then
scored on the frozen held-out file. Candidates needing wordllama are skipped, with a note, when it is absent.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_crisis_model as trainer  # noqa: E402

from bot.core.screening import crisis_model  # noqa: E402
from bot.core.screening.crisis import screen_rules  # noqa: E402
from bot.core.screening.evaluation import crisis_lines, evaluate_crisis  # noqa: E402
from bot.core.screening.results import CrisisLevel  # noqa: E402
from bot.core.screening.risk import screen_with  # noqa: E402

HELDOUT = ROOT / "tests" / "core" / "screening" / "heldout" / "crisis_heldout.jsonl"
WORDS = crisis_model.sentence_features  # kept before any candidate swaps the module's function


def with_pieces(text: str) -> list[int]:
    """Word n-grams plus the 4-letter pieces of longer words, edges marked (for typos)."""
    features = WORDS(text)
    for word in crisis_model._TOKEN.findall(text):
        if len(word) > 3 and word.isalpha():
            marked = f"<{word}>"
            features.extend(
                zlib.crc32(marked[at : at + 4].encode(), 0x5A5A) & crisis_model._MASK for at in range(len(marked) - 3)
            )
    return features


LevelOf = Callable[[str], CrisisLevel]


def hashed_candidate(examples: list[trainer.Example], features: Callable[[str], list[int]], nb: bool) -> LevelOf:
    heads, meta = trainer.train_heads(examples, trainer.featurise(examples, features), nb=nb)
    loaded = crisis_model.CrisisModel.decode(crisis_model.encode("candidate", heads, meta))
    original = crisis_model.sentence_features

    def level(text: str) -> CrisisLevel:
        crisis_model.sentence_features = features  # type: ignore[assignment]
        try:
            return screen_with(loaded, text).level
        finally:
            crisis_model.sentence_features = original  # type: ignore[assignment]

    return level


def embedding_candidate(examples: list[trainer.Example], with_hashed: bool) -> LevelOf:
    import wordllama
    from scipy import sparse

    package = Path(wordllama.__file__).parent
    cache = Path(tempfile.mkdtemp())
    (cache / "tokenizers").mkdir()
    for file in (package / "tokenizers").iterdir():
        os.symlink(file, cache / "tokenizers" / file.name)
    embedder = wordllama.WordLlama.load(cache_dir=cache, disable_download=True)
    labels = np.asarray([example.label for example in examples])
    fold_of = trainer.folds(labels)
    none = labels == "none"

    def matrix(texts: list[str]) -> Any:
        embedded = embedder.embed(texts, norm=True)
        if not with_hashed:
            return embedded
        hashed = trainer.featurise([trainer.Example(text, "none") for text in texts]).texts
        return sparse.hstack([sparse.csr_matrix(embedded), hashed]).tocsr()

    train = matrix([example.text for example in examples])
    rules = [screen_rules(example.text).level for example in examples]
    decided = []
    for target, positive_levels, cap, aim in (
        (labels == "urgent", {CrisisLevel.URGENT}, trainer.NONE_TO_URGENT_CAP, trainer.URGENT_RECALL_AIM),
        (
            labels != "none",
            {CrisisLevel.URGENT, CrisisLevel.CONCERN},
            trainer.NONE_TO_RISK_CAP,
            trainer.RISK_AIM,
        ),
    ):
        oof = np.empty(len(examples))
        for fold in range(trainer.FOLDS):
            rows, test = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
            model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=5000, solver="liblinear")
            oof[test] = model.fit(train[rows], target[rows]).predict_proba(train[test])[:, 1]
        ruled = np.asarray([level in positive_levels for level in rules])
        threshold, _, _ = trainer.pick_threshold(oof, target, none, ruled, aim, cap)
        final = LogisticRegression(C=4.0, class_weight="balanced", max_iter=5000, solver="liblinear")
        decided.append((final.fit(train, target), threshold))

    def level(text: str) -> CrisisLevel:
        rule = screen_rules(text).level
        row = matrix([text])
        if rule is CrisisLevel.URGENT or decided[0][0].predict_proba(row)[0, 1] >= decided[0][1]:
            return CrisisLevel.URGENT
        if rule is CrisisLevel.CONCERN or decided[1][0].predict_proba(row)[0, 1] >= decided[1][1]:
            return CrisisLevel.CONCERN
        return CrisisLevel.NONE

    return level


def main() -> None:
    examples, _ = trainer.load_corpus()
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    candidates: list[tuple[str, Callable[[], LevelOf]]] = [
        ("rules alone", lambda: lambda text: screen_rules(text).level),
        ("word 1-3-grams, logistic regression", lambda: hashed_candidate(examples, WORDS, False)),
        (
            "word 1-3-grams + 4-letter pieces, NB-LR (shipped)",
            lambda: hashed_candidate(examples, crisis_model.sentence_features, True),
        ),
        ("word 1-3-grams, NB-LR (shipped)", lambda: hashed_candidate(examples, WORDS, True)),
        ("wordllama embeddings, LR", lambda: embedding_candidate(examples, False)),
        ("wordllama embeddings + word n-grams, LR", lambda: embedding_candidate(examples, True)),
    ]
    for name, make in candidates:
        try:
            level_of = make()
        except ImportError as error:
            print(f"\n== {name}: skipped ({error.name} is not installed)")
            continue
        print(f"\n== {name}")
        print("\n".join(crisis_lines(evaluate_crisis(rows, level_of), misses=0)))


if __name__ == "__main__":
    main()
