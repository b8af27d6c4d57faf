"""The Platform port in a terminal: every place is this terminal, each post printed under its heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.console.render import card_markup
from bot.core.cards import Card
from bot.core.flows.port import Outgoing, Place, PostRef, Where
from bot.core.terms import Terms

if TYPE_CHECKING:
    from bot.console.shell import Session

PLATFORM = "console"
# The console's words for what the core's text names: one person at a terminal, every place this terminal.
TERMS = Terms(
    account="console user",
    account_id="console user name",
    admin_right="access to this console",
    moderator_right="access to this console",
    language="language",
    stories_place="the stories channel",
    platform_sees="The console sends nothing anywhere: what you type stays in this terminal and its database.",
)
HEADINGS = {Place.QUEUE: "[moderation queue]", Place.STORIES: "[stories channel]", Place.DAILY: "[daily channel]"}


def render(message: Outgoing) -> str:
    """The card's markup (the session prints it as plain text), then the buttons' labels in brackets
    (the console's commands do their work)."""
    parts = [message.text] if message.text else []
    if message.card is not None:
        parts.append(card_markup(message.card))
    if message.choices:
        parts.append(" ".join(f"[{choice.label}]" for choice in message.choices))
    return "\n".join(parts)


class ConsolePlatform:
    name = PLATFORM

    async def terms(self, guild_id: int) -> Terms:
        return TERMS

    def __init__(self, session: Session) -> None:
        self.session = session
        self._posts: dict[int, tuple[Place, str]] = {}

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        text = render(message)
        self.session.print(f"{HEADINGS[where.place]}\n{text}")
        message_id = len(self._posts) + 1
        self._posts[message_id] = (where.place, text)
        return PostRef(where.guild_id, where.channel_id, message_id)

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        place = self._posts.get(ref.message_id, (Place.QUEUE, ""))[0]
        self.session.print(f"{HEADINGS[place]}\n{render(message)}")
        return True

    async def delete(self, ref: PostRef) -> bool:
        self.session.print("[stories channel]\n(a story post was removed)")
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        opened = self.session.app.identity.unseal(sealed)
        if opened is None or opened[0] != PLATFORM:
            return False
        self.session.print(f"[DM to the author] {text}" + (f"\n{card_markup(card)}" if card else ""))
        return True

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        for message_id, (place, text) in self._posts.items():
            if place is where.place and marker in text:
                return PostRef(where.guild_id, where.channel_id, message_id)
        return None
