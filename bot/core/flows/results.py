"""What a flow is asked (an Actor) and what it answers (a Result): plain data, no platform types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.cards import Card
from bot.core.flows.port import Choice
from bot.core.terms import Terms
from bot.db.stories import Draft, Story


@dataclass(frozen=True, slots=True)
class Actor:
    """The person acting, as the adapter knows them.

    `author_key` comes from the core's Identity (the adapter never stores it); a sealed contact is made by the
    flow that keeps one (a share), from `platform` and `user_id`, not for every interaction;
    `name` is how the platform shows this person to moderators (a mention in Discord);
    `terms` are the platform's own words, for the text the core writes back.
    """

    platform: str
    user_id: int
    guild_id: int | None
    author_key: str
    name: str
    server_name: str = "the server"
    is_moderator: bool = False
    # May change the server's settings (/setup): the platform's admin right.
    is_admin: bool = False
    locale: str | None = None
    terms: Terms = field(default_factory=Terms)
    # A sealed contact the adapter already made; None lets the flow that keeps one seal it (`share.contact`).
    sealed: bytes | None = None


class FormKind(StrEnum):
    STORY = "story"
    APPROVE_CW = "approve-cw"
    EDIT_APPROVE = "edit"
    REJECT = "reject"
    REPLY = "reply"


@dataclass(frozen=True, slots=True)
class Form:
    """A form the adapter opens (a Discord modal, console prompts); prefilled from the draft or story."""

    kind: FormKind
    draft: Draft | None = None
    story: Story | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """What only the actor sees. `replace` answers by replacing the message the button was on.

    `text` is in the cards' markup (bot/core/cards.py), like a card's body: adapters render both the same way.
    """

    text: str | None = None
    cards: tuple[Card, ...] = ()
    choices: tuple[Choice, ...] = ()
    form: Form | None = None
    replace: bool = False


# -- effects, carried out after the reply --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueStory:
    story_id: int


@dataclass(frozen=True, slots=True)
class CloseQueue:
    story: Story
    outcome: str


@dataclass(frozen=True, slots=True)
class RemovePost:
    story: Story


@dataclass(frozen=True, slots=True)
class NotifyAuthor:
    story: Story
    text: str
    reply_id: int | None = None
    card: Card | None = None


@dataclass(frozen=True, slots=True)
class RefreshQueue:
    """The queue post redrawn from the story as it is now (marked urgent, say)."""

    story: Story


@dataclass(frozen=True, slots=True)
class PingModerators:
    """The moderator role, pinged once in the moderation channel; the text never holds user words."""

    guild_id: int
    text: str


@dataclass(frozen=True, slots=True)
class TellModerators:
    guild_id: int
    text: str | None = None
    card: Card | None = None


@dataclass(frozen=True, slots=True)
class PostReport:
    story: Story


@dataclass(frozen=True, slots=True)
class ResumePublishing:
    """Approved stories parked for a missing stories channel are due again (the channel was just set)."""

    guild_id: int


@dataclass(frozen=True, slots=True)
class PostDailyNow:
    """A recorded `/daily now` request, made by the daily-post job (exactly once)."""

    extra_id: int


@dataclass(frozen=True, slots=True)
class RememberReflection:
    """Write down a reflection as seen, after the card was shown: the person waits for the choice, not the write."""

    person_key: str
    reflection_id: str


Effect = (
    QueueStory
    | CloseQueue
    | RemovePost
    | NotifyAuthor
    | TellModerators
    | PostReport
    | RefreshQueue
    | PingModerators
    | PostDailyNow
    | ResumePublishing
    | RememberReflection
)


@dataclass(frozen=True, slots=True)
class Result:
    reply: Reply
    effects: tuple[Effect, ...] = field(default=())


def private(text: str, *, replace: bool = False) -> Result:
    """A private answer with nothing to do afterwards."""
    return Result(Reply(text, replace=replace))


def not_a_moderator(actor: Actor) -> Result:
    """Buttons and forms skip the platform's command checks, so every moderator flow refuses here too."""
    return private(
        f"Only this server's Stairwell moderators (the moderator role, or {actor.terms.moderator_right}) can do that."
    )
