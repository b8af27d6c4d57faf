"""The crisis screen as the rest of the bot sees it: rules and the learned model, the more severe wins.

The rules explain themselves; the model finds wording that no rule names. When only the model raises the
level, moderators read "the wording is close to messages where the writer was at risk" and the sentence
that drove it, so a human can judge.
"""

from __future__ import annotations

import threading
from functools import cache

from bot.core.screening.crisis import screen_rules
from bot.core.screening.crisis_model import CrisisModel, ModelScore
from bot.core.screening.results import RANK, CrisisLevel, CrisisResult, Signal

MODEL_SIGNAL = "model"
_EXPLAIN = {
    CrisisLevel.URGENT: "the wording is close to messages where the writer was at risk",
    CrisisLevel.CONCERN: "the wording is close to messages where the writer was in serious distress",
}
_lock = threading.Lock()


@cache
def _loaded() -> CrisisModel:
    return CrisisModel.load()


def model() -> CrisisModel:
    """The shipped model, read once (a 2 MB file, a few milliseconds); safe to call from a thread at start-up."""
    with _lock:
        return _loaded()


def model_level(score: ModelScore, loaded: CrisisModel) -> tuple[CrisisLevel, tuple[int, int] | None]:
    if score.urgent >= loaded.urgent.threshold:
        return CrisisLevel.URGENT, score.urgent_span
    if score.risk >= loaded.risk.threshold:
        return CrisisLevel.CONCERN, score.risk_span
    return CrisisLevel.NONE, None


def screen_crisis(text: str) -> CrisisResult:
    """Screen one message for signs that its writer is at risk; cheap enough to run on every draft."""
    return screen_with(model(), text)


def screen_with(loaded: CrisisModel, text: str) -> CrisisResult:
    """Both layers with a given model (tools compare candidate models this way)."""
    rules = screen_rules(text)
    if not text or text.isspace():
        return rules
    level, span = model_level(loaded.score(text), loaded)
    if RANK[level] <= RANK[rules.level]:
        return rules
    signal = Signal(MODEL_SIGNAL, level, _EXPLAIN[level], span)
    signals = tuple(sorted((signal, *rules.signals), key=lambda s: -RANK[s.level]))
    return CrisisResult(level, signals)
