"""/about, /privacy and /help: what Stairwell is, what it keeps, what it can do, in the platform's own words."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core import info
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.flows.results import Actor, Reply, Result

HELP_FOOTER = "Stairwell is peer support, not a crisis service. In danger now? Call your local emergency number."


async def about(app: Stairwell, actor: Actor) -> Result:
    return Result(Reply(cards=(info.about_card(actor.terms),)))


async def privacy(app: Stairwell, actor: Actor) -> Result:
    return Result(Reply(cards=(info.privacy_card(actor.terms),)))


async def help_(app: Stairwell, actor: Actor, commands: Sequence[tuple[str, str]], *, hint: str = "") -> Result:
    """The commands this platform offers, `(usage, what it does)` as the adapter lists them, and a closing hint."""
    # Plain, not code: a command written plainly is one tap on Telegram.
    lines = [f"/{usage} — {summary}" for usage, summary in commands]
    body = "\n".join(lines) + (f"\n\n{hint}" if hint else "")
    card = Card(title="Stairwell — what I can do", body=body, footer=HELP_FOOTER, tone=Tone.CALM)
    return Result(Reply(cards=(card,)))
