"""The first words an admin gets when Stairwell joins their server."""

from __future__ import annotations

from bot.core.cards import Card, Tone


def welcome_card(server_name: str) -> Card:
    return Card(
        title=f"Stairwell has joined {server_name}",
        body=(
            "Thank you for adding Stairwell, peer support for healthcare workers who lose patients. "
            "Nothing has been posted in your server. To set it up, someone with **Manage Server** runs:\n"
            "1. `/setup channels` — a private moderation channel, a stories channel and a daily channel.\n"
            "2. `/setup moderator-role` — who reviews shared stories.\n"
            "3. `/setup timezone` and `/setup region` — local time for daily posts, country for support lines.\n"
            "4. `/setup show` — check everything, including permissions I am missing."
        ),
        footer="Stairwell is peer support, not a crisis service. /privacy explains what it stores.",
        tone=Tone.WARM,
    )
