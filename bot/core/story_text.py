"""Cleaning what people write before anyone else sees it: invisible tricks, pings, invites."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MIN_LENGTH = 20
MAX_LENGTH = 4000
MAX_WARNING = 100

# Zero-width characters and bidirectional overrides can hide text from a moderator or reorder it.
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MASS_MENTION = re.compile(r"@(everyone|here)\b", re.IGNORECASE)
_ROLE_MENTION = re.compile(r"<@&\d+>")
_USER_MENTION = re.compile(r"<@!?\d+>")
_CHANNEL_MENTION = re.compile(r"<#\d+>")
_INVITE = re.compile(
    r"(?:https?://)?(?:www\.)?(?:discord(?:app)?\.com/invite|discord\.gg|dsc\.gg)/[\w-]+", re.IGNORECASE
)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


class StoryTextError(ValueError):
    """The text cannot be queued as it is; the message tells the author why, kindly."""


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    notes: tuple[str, ...]  # what cleaning changed, told to the author in the preview


def clean(raw: str, *, min_length: int = MIN_LENGTH) -> CleanText:
    """Normalise and neutralise; raises StoryTextError when nothing usable is left or it is too long."""
    notes: list[str] = []
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text, invisible = _INVISIBLE.subn("", text)
    text, control = _CONTROL.subn("", text)
    if invisible or control:
        notes.append(f"removed {invisible + control} invisible or control character(s)")
    text, pings = _MASS_MENTION.subn("@\u2060\\1", text)
    text, roles = _ROLE_MENTION.subn("[role]", text)
    text, users = _USER_MENTION.subn("[name]", text)
    text = _CHANNEL_MENTION.sub("[channel]", text)
    if pings or roles or users:
        notes.append("turned mentions into plain text so nobody is pinged")
    text, invites = _INVITE.subn("[invite link removed]", text)
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
    text = _INVISIBLE.sub("", _CONTROL.sub("", unicodedata.normalize("NFC", raw)))
    text = _ROLE_MENTION.sub("[role]", _USER_MENTION.sub("[name]", _MASS_MENTION.sub("@\u2060\\1", text)))
    text = " ".join(text.split())[:MAX_WARNING]
    return text or None
