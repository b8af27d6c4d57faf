"""Telegram errors a community's moderators can fix, each told to them once, in words they can act on."""

from __future__ import annotations

import logging
from enum import StrEnum

from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import SendMessage

from bot.core import chat_communities
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.telegram_app.render import card_messages
from bot.telegram_app.sender import Sender

log = logging.getLogger(__name__)


class Problem(StrEnum):
    BLOCKED = "blocked"  # a person blocked the bot
    REMOVED = "removed"  # the bot was removed from a group or channel
    CHAT_NOT_FOUND = "chat_not_found"
    NO_RIGHTS = "no_rights"


_NO_RIGHTS_MARKS = ("not enough rights", "need administrator rights", "chat_write_forbidden", "have no rights")


def classify(error: TelegramAPIError) -> Problem | None:
    """None for errors that are not about the chat (those are retried or reported elsewhere)."""
    text = error.message.lower()
    if isinstance(error, TelegramForbiddenError):
        if "blocked by the user" in text or "user is deactivated" in text:
            return Problem.BLOCKED
        if any(mark in text for mark in _NO_RIGHTS_MARKS):
            return Problem.NO_RIGHTS
        return Problem.REMOVED
    if isinstance(error, TelegramBadRequest):
        if "chat not found" in text:
            return Problem.CHAT_NOT_FOUND
        if any(mark in text for mark in _NO_RIGHTS_MARKS):
            return Problem.NO_RIGHTS
    return None


_WHAT_TO_DO = {
    Problem.BLOCKED: "The person has blocked Stairwell, so I can't write to them. Nothing of theirs is lost.",
    Problem.REMOVED: (
        "I was removed from {place}. Nothing is lost: what was meant for it waits. Add me back, or choose "
        "another chat with /setup publish in the community group."
    ),
    Problem.CHAT_NOT_FOUND: (
        "I can't find {place} any more (it may have been deleted). Nothing is lost: choose another chat with "
        "/setup publish in the community group."
    ),
    Problem.NO_RIGHTS: (
        "I'm not allowed to post in {place}. In a channel, make me an admin with **Post messages**; in a group, "
        "let members (or me) send messages. Nothing is lost: posting resumes once I may."
    ),
}


def notice_card(problem: Problem, place: str) -> Card:
    return Card(
        title="Stairwell can't reach a chat",
        body=_WHAT_TO_DO[problem].format(place=place),
        tone=Tone.NOTICE,
    )


class Notices:
    """Tells a community's moderators' group about a problem once, until that chat works again."""

    def __init__(self, app: Stairwell, sender: Sender) -> None:
        self.app = app
        self.sender = sender

    async def report(self, guild_id: int, chat_id: int, place: str, error: TelegramAPIError) -> Problem | None:
        problem = classify(error)
        if problem is None:
            return None
        log.warning("telegram chat problem: %s", problem.value)
        if not await chat_communities.note_problem(self.app, guild_id, chat_id, problem.value):
            return problem
        community = await chat_communities.by_guild(self.app, guild_id)
        target = community.moderators_chat_id if community else None
        if target is None or target == chat_id:
            log.warning("telegram chat problem: no moderators' group to tell")
            return problem
        for text in card_messages(notice_card(problem, place)):
            try:
                await self.sender.call(target, SendMessage(chat_id=target, text=text))
            except TelegramAPIError as failed:
                log.warning("telegram notice not delivered: %s", type(failed).__name__)
                break
        return problem

    async def working(self, chat_id: int) -> None:
        """A send to this chat succeeded: a later problem is news again."""
        await chat_communities.clear_problems(self.app, chat_id)
