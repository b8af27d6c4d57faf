"""Button data: which action, on what opaque id; everything else is loaded from the database on press."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

CALLBACK_LIMIT = 64  # bytes Telegram allows in callback_data


class Press(CallbackData, prefix="sw"):
    """`kind:action:target`, as the core names a choice; `target` is a story id, a theme id or empty."""

    kind: str
    action: str
    target: str = ""

    def pack(self) -> str:
        packed = super().pack()
        if len(packed.encode()) > CALLBACK_LIMIT:
            raise ValueError(f"callback data for {self.kind}:{self.action} is over {CALLBACK_LIMIT} bytes")
        return packed
