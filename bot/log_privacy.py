"""A filter on every log handler, so no line carries a user ID or words someone wrote.

Our own log calls pass story numbers and event names only; this guards the lines we do not write:
discord.py's (its 429 warnings name the request URL, `/users/<id>` for an author being DMed) and the
tracebacks any library logs, whose exception messages can quote a story.
"""

from __future__ import annotations

import logging
import re
import traceback

# Discord IDs are 17–20 digits today; 15 leaves room below and still spares story numbers and timestamps.
_SNOWFLAKE = re.compile(r"(?<!\d)\d{15,21}(?!\d)")
REDACTED_ID = "<id>"



def scrub(text: str) -> str:
    return _SNOWFLAKE.sub(REDACTED_ID, text)


def safe_traceback(error: BaseException) -> str:
    """Frames and exception types, never exception messages (a message may quote what someone wrote)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(
            f"Traceback (most recent call last):\n{frames}{type(current).__qualname__} (message withheld)"
        )
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return scrub("\n\nwhile handling the above, or caused by it:\n\n".join(reversed(parts)))


class PrivacyFilter(logging.Filter):
    """Rewrites each record in place: IDs become <id>, tracebacks lose their messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = safe_traceback(record.exc_info[1])
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def protect(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of `logger` (the root by default), once."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(existing, PrivacyFilter) for existing in handler.filters):
            handler.addFilter(PrivacyFilter())
