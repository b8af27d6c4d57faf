"""A story's states and the one table of moves between them; every status change is checked against it."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"


# From each state, where a story may go next. Anything else is refused (two moderators racing, an
# author removing a story a moderator is approving): the conditional UPDATE lets exactly one win.
# One move back is kept out of the table, so no other action can take it: a published story whose post the
# platform never confirmed, found missing by a moderator, is approved again (bot.db.stories.repost).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.PUBLISHED, Status.REMOVED}),
    Status.PUBLISHED: frozenset({Status.REMOVED}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.REMOVED: frozenset(),
}


def sources(target: Status) -> tuple[str, ...]:
    """The states a story may be in to move to `target`, for the conditional UPDATE."""
    return tuple(sorted(state.value for state, nexts in TRANSITIONS.items() if target in nexts))
