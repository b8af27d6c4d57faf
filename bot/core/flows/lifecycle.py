"""A server's life with the bot: joined (claimed, a private hello), left (erased), and reconciled at start."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal
from bot.core.terms import Terms
from bot.db import guilds

log = logging.getLogger(__name__)


async def reconcile(
    app: Stairwell, platform: str, present: Iterable[int], *, heard: Callable[[int], bool] = lambda _: True
) -> int:
    """At start: servers the platform says we are in are kept (and claimed for it); the ones that removed
    us while we were offline sent no event, so they are erased now, as leaving does. Returns how many went.

    `heard` says which servers the platform could have listed: a process connecting some of Discord's
    shards hears only theirs, and must never take another shard's servers for departed ones.
    """
    here = list(present)
    await guilds.claim(app.db, platform, here)
    gone = sorted(set(filter(heard, await guilds.of_platform(app.db, platform))) - set(here))
    if gone:
        await guilds.delete_many(app.db, gone)
        log.info("erased the data of %d server(s) that removed Stairwell while it was offline", len(gone))
    return len(gone)


async def joined(app: Stairwell, platform: str, guild_id: int, server_name: str, terms: Terms) -> Card:
    """The server is this platform's from now on (so a later reconciliation sees it); returns the hello
    the adapter sends privately to whoever manages the server."""
    await guilds.claim(app.db, platform, [guild_id])
    return welcome_card(server_name, terms)


async def left(app: Stairwell, guild_id: int) -> None:
    """The bot left the server: everything stored for it goes (the privacy statement promises it)."""
    await guilds.delete(app.db, guild_id)
    log.info("left a server; its data was deleted")


def welcome_card(server_name: str, terms: Terms) -> Card:
    return Card(
        title=f"Stairwell has joined {literal(server_name)}",
        body=(
            "Thank you for adding Stairwell, peer support for healthcare workers who lose patients. "
            f"Nothing has been posted in your server. To set it up, someone with **{terms.admin_right}** runs:\n"
            "1. `/setup channels` — a private moderation channel, a stories channel and a daily channel.\n"
            "2. `/setup moderator-role` — who reviews shared stories.\n"
            "3. `/setup timezone` and `/setup region` — local time for daily posts, country for support lines.\n"
            "4. `/setup show` — check everything, including permissions I am missing."
        ),
        footer="Stairwell is peer support, not a crisis service. /privacy explains what it stores.",
        tone=Tone.WARM,
    )
