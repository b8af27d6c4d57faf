"""The Platform port: the few things the core asks of an adapter, and nothing platform-specific."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.core.cards import Card
from bot.core.terms import Terms


class Place(StrEnum):
    """Where a server's posts go; the core maps each to the channel its settings name."""

    QUEUE = "queue"
    STORIES = "stories"
    DAILY = "daily"


class ChoiceStyle(StrEnum):
    PRIMARY = "primary"
    SUCCESS = "success"
    DANGER = "danger"
    SECONDARY = "secondary"


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: `kind:action:target` names what it does; the adapter keeps it working after restarts."""

    kind: str
    action: str
    target: int
    label: str
    style: ChoiceStyle = ChoiceStyle.SECONDARY

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.action}:{self.target}"


@dataclass(frozen=True, slots=True)
class Where:
    """A named place in one server, with the channel the server's settings give it."""

    guild_id: int
    place: Place
    channel_id: int


@dataclass(frozen=True, slots=True)
class PostRef:
    """A post the bot made; `guild_id` names its server, so work can go to that server's platform."""

    guild_id: int
    channel_id: int
    message_id: int
    # False when the platform cannot tell whether the post exists (Telegram after a 5xx): it is taken as made,
    # never made twice, and the core asks the moderators to look.
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One post: a card, optional plain text above it, buttons, and what to do around it."""

    card: Card | None = None
    text: str | None = None
    choices: tuple[Choice, ...] = ()
    # Ping the server's moderator role (only ever in the moderation channel, for an urgent story).
    ping_role: int | None = None
    # Open a thread under the post, when the platform has threads and may make one.
    thread: str | None = None
    # A post this one is about (a report links to the reported story).
    refers_to: PostRef | None = None


class PlatformError(Exception):
    """A post, edit or delete did not happen, or may not have."""


class PlaceUnavailableError(PlatformError):
    """The place is missing or closed to the bot; retrying will not help until the setup changes.

    The message says what is missing, in words moderators can act on.
    """


class PlatformAbsentError(PlatformError):
    """The server belongs to a platform this process does not run; its work waits until that platform runs."""


class PostUncertainError(PlatformError):
    """A passing or ambiguous error (timeouts, 5xx): the post may exist, so look before trying again."""


class Platform(Protocol):
    """Implemented by each adapter (Discord, console, Telegram)."""

    name: str

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        """Post once; `nonce` lets the platform drop a quick duplicate. Raises PlatformError."""
        ...

    async def edit(self, ref: PostRef, message: Outgoing) -> bool: ...

    async def delete(self, ref: PostRef) -> bool: ...

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        """A private message through the author's sealed contact; False when it cannot be delivered."""
        ...

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        """The bot's own earlier post carrying `marker`, if it went out. Raises PostUncertainError if unsure,
        or returns an unconfirmed PostRef where the platform can never know (so it is never posted twice)."""
        ...

    async def terms(self, guild_id: int) -> Terms:
        """The platform's own words for what the background work tells a server's moderators."""
        ...
