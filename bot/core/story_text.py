"""Cleaning what people write before anyone else sees it: invisible tricks, pings, invites."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MIN_LENGTH = 20
MAX_LENGTH = 4000
MAX_WARNING = 100

# Zero-width characters and bidirectional overrides can hide text from a moderator or reorder it.
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# The zero-width joiner builds emoji such as 👩‍⚕️ and 🏳️‍🌈; it stays only between two parts of one.
_EMOJI = "\u00a9\u00ae\u203c-\u3299\U0001f000-\U0001faff"
_STRAY_JOINER = re.compile(f"(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MASS_MENTION = re.compile(r"@(everyone|here)\b", re.IGNORECASE)
_ROLE_MENTION = re.compile(r"<@&\d+>")
_USER_MENTION = re.compile(r"<@!?\d+>")
_CHANNEL_MENTION = re.compile(r"<#\d+>")
# Invitations to other servers and groups: Discord's, and Telegram's (t.me/+code, t.me/joinchat/code).
_INVITE = re.compile(
    r"(?:https?://)?(?:www\.)?"
    r"(?:(?:discord(?:app)?\.com/invite|discord\.gg|dsc\.gg)/|(?:t|telegram)\.me/(?:\+|joinchat/))[\w-]+",
    re.IGNORECASE,
)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# A full-width at sign reads the same and pings nobody on any platform, and keeps the length:
# neutralising must never push a story that fitted the form over the limit.
_SAFE_AT = "\uff20"
_SHORTEST = "[…]"


def _replace(pattern: re.Pattern[str], labels: tuple[str, ...], text: str) -> tuple[str, int]:
    """Each match becomes the first label no longer than it, so cleaning never makes text longer."""

    def label(match: re.Match[str]) -> str:
        return next((name for name in labels if len(name) <= len(match[0])), _SHORTEST)

    return pattern.subn(label, text)


def _remove_invisible(text: str) -> tuple[str, int]:
    text, invisible = _INVISIBLE.subn("", text)
    text, joiners = _STRAY_JOINER.subn("", text)
    text, control = _CONTROL.subn("", text)
    return text, invisible + joiners + control


def _neutralise(text: str) -> tuple[str, int, int]:
    """(text, mentions neutralised, invites removed); never longer than it was."""
    text, pings = _MASS_MENTION.subn(lambda match: _SAFE_AT + match[1], text)
    text, roles = _replace(_ROLE_MENTION, ("[role]",), text)
    text, users = _replace(_USER_MENTION, ("[name]",), text)
    text, channels = _replace(_CHANNEL_MENTION, ("[channel]", "[#]"), text)
    text, invites = _replace(_INVITE, ("[invite link removed]", "[invite]"), text)
    return text, pings + roles + users + channels, invites


def _normalise(raw: str) -> str:
    """NFC, unless composition exclusions would make the text longer than what the author typed."""
    text = unicodedata.normalize("NFC", raw)
    return text if len(text) <= len(raw) else raw


class StoryTextError(ValueError):
    """The text cannot be queued as it is; the message tells the author why, kindly."""


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    notes: tuple[str, ...]  # what cleaning changed, told to the author in the preview


def clean(raw: str, *, min_length: int = MIN_LENGTH) -> CleanText:
    """Normalise and neutralise; raises StoryTextError when nothing usable is left or it is too long."""
    notes: list[str] = []
    text = _normalise(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text, invisible = _remove_invisible(text)
    if invisible:
        notes.append(f"removed {invisible} invisible or control character(s)")
    text, mentions, invites = _neutralise(text)
    if mentions:
        notes.append("turned mentions into plain text so nobody is pinged")
    if invites:
        notes.append("removed server invite links")
    text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()
    visible = len(text.replace("\n", "").replace(" ", ""))
    if visible == 0:
        raise StoryTextError(
            "Your story came through empty (only spaces or invisible characters). Please write it again."
        )
    if visible < min_length:
        raise StoryTextError(
            f"Your story is very short ({visible} characters). Please write at least {min_length} so a moderator "
            "can understand it — there's no need for it to be polished."
        )
    if len(text) > MAX_LENGTH:
        raise StoryTextError(
            f"Your story is {len(text)} characters; the limit is {MAX_LENGTH}. "
            "Please shorten it, or share it in two parts."
        )
    return CleanText(text, tuple(notes))


def clean_warning(raw: str | None) -> str | None:
    """Content warnings are one short line; an empty one means none."""
    if raw is None:
        return None
    text, _ = _remove_invisible(_normalise(raw))
    text, _, _ = _neutralise(text)
    text = " ".join(text.split())[:MAX_WARNING]
    return text or None
