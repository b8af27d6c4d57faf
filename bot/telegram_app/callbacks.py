"""Button data: which action, on what opaque id; everything else is loaded from the database on press.

aiogram refuses to pack more than Telegram's 64 bytes, so an over-long id fails loudly where it is made.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class Press(CallbackData, prefix="sw"):
    """`kind:action:target`, as the core names a choice; `target` is a story id, a theme id or empty."""

    kind: str
    action: str
    target: str = ""
