"""Time identifier screening on a story of about 4,000 characters, the longest a member can submit.

Run: python bench/identifiers.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.screening.identifiers import find_identifiers  # noqa: E402

EVAL_PATH = ROOT / "training" / "identifiers" / "tune.jsonl"
STORY_LENGTH = 4000
RUNS = 500


def long_story() -> str:
    """Tuning stories back to back: a realistic mix of identifiers, clinical shorthand and plain text."""
    with EVAL_PATH.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    story = ""
    for text in texts:
        if len(story) + len(text) + 1 > STORY_LENGTH:
            break
        story = f"{story} {text}".strip()
    return story


def main() -> None:
    story = long_story()
    find_identifiers(story)  # warm up caches
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        find_identifiers(story)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(0.99 * len(timings)))]
    print(f"story length   {len(story)} characters, {len(find_identifiers(story))} identifiers")
    print(f"mean           {statistics.fmean(timings):.2f} ms")
    print(f"p99            {p99:.2f} ms")


if __name__ == "__main__":
    main()
