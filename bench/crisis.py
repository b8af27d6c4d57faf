"""Time `screen_crisis` on a long story, the worst case a moderator queue sees.

Run: `python bench/crisis.py`. Prints mean and p99 milliseconds per call
against the 2 ms budget (a draft is screened on every submit, so the screen
must stay negligible next to Discord round trips).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.screening.risk import screen_crisis

BUDGET_MS = 2.0
TARGET_CHARS = 4_000
RUNS = 2_000

# A shift story mixing clinical detail, idioms, a colleague's words and the writer's own distress,
# so that many rules get candidate matches and must run their context checks.
SENTENCES = (
    "Long one, sorry, I just need to get this out somewhere.",
    "We got a call at 03:10 to a 34 year old, found by her partner, not breathing.",
    "We worked her for 40 minutes, gave adrenaline every cycle, tubed her, nothing.",
    "Her partner kept asking if she would wake up and I didn't know what to say.",
    "The police said she had been saving up her tablets for weeks.",
    "My crewmate told me he felt numb on the drive back, and honestly so did I.",
    "This rota is killing me and I could murder a coffee, but that isn't really the point.",
    "I haven't slept properly in weeks and I keep seeing her hands when I close my eyes.",
    "I'm not suicidal, I want to be clear about that, I'm just so tired.",
    "Occ health asked if I had thoughts of suicide and I said no, which was true at the time.",
    "I've been drinking most nights after shift just to switch off.",
    "There's no point calling the duty manager, they never answer before eight.",
    "What's the point of any of it if we just lose them anyway?",
    "My mum says I'm not myself and my partner says I've stopped laughing.",
    "We did a debrief and the consultant was kind, which helped a bit.",
    "I keep thinking about how much of the morphine in the CD cupboard it would take.",
)


def build_story(target_chars: int = TARGET_CHARS) -> str:
    """Repeat the varied sentences until the story reaches the target length."""
    parts: list[str] = []
    length = 0
    i = 0
    while length < target_chars:
        sentence = SENTENCES[i % len(SENTENCES)]
        parts.append(sentence)
        length += len(sentence) + 1
        i += 1
    return " ".join(parts)[:target_chars]


def main() -> None:
    story = build_story()
    for _ in range(50):  # warm up caches before timing
        screen_crisis(story)
    timings_ms: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        screen_crisis(story)
        timings_ms.append((time.perf_counter() - start) * 1000)
    timings_ms.sort()
    p99 = timings_ms[int(len(timings_ms) * 0.99) - 1]
    result = screen_crisis(story)
    print(f"story: {len(story)} characters, {RUNS} runs")
    print(f"result: {result.level} ({', '.join(s.code for s in result.signals)})")
    print(f"mean: {statistics.fmean(timings_ms):.3f} ms per call")
    print(f"p99:  {p99:.3f} ms per call")
    print(f"target: under {BUDGET_MS:.1f} ms per call -> {'ok' if p99 < BUDGET_MS else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
