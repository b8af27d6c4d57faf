"""A flow's Choices as an inline keyboard: each button carries its flow's name and an opaque id, nothing else."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.flows.port import Choice
from bot.telegram_app.callbacks import Press

# Short labels side by side; a row holds one long label (Telegram cuts long labels on narrow screens).
_ROW_WIDTH = 24


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for choice in choices:
        button = InlineKeyboardButton(
            text=choice.label,
            callback_data=Press(kind=choice.kind, action=choice.action, target=str(choice.target)).pack(),
        )
        last = rows[-1] if rows else None
        if last is not None and len(last) == 1 and len(last[0].text) + len(choice.label) <= _ROW_WIDTH:
            last.append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(inline_keyboard=rows)
