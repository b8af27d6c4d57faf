"""What may go into a log line about an error: its type and where it happened, never its message."""

from __future__ import annotations

import traceback
from pathlib import Path


def where(error: BaseException) -> str:
    """The innermost frame, because an exception's message may quote what a user wrote (or a chat id)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "unknown place"
    frame = frames[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
