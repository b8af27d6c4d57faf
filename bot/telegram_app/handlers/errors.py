"""Unhandled errors: logged by type, place and a reference only (aiogram's own log line would carry chat ids),
and answered privately with the same reference, so nobody is left with a spinning button or silence."""

from __future__ import annotations

import contextlib
import logging
import secrets

from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.log_safety import where

log = logging.getLogger(__name__)
TOAST = "Sorry — something went wrong on my side (reference {reference}). Nothing was lost; please try again."
SORRY = (
    "Sorry — something went wrong on my side (reference {reference}). Nothing you wrote was lost. "
    "Please try again in a moment; if it keeps happening, tell your community's admins the reference."
)


async def on_error(event: ErrorEvent) -> bool:
    """Registered on the dispatcher, so errors from every router end here; True marks them handled."""
    reference = secrets.token_hex(3).upper()
    log.error(
        "telegram update failed (ref %s): %s at %s", reference, type(event.exception).__name__, where(event.exception)
    )
    sorry = SORRY.format(reference=reference)
    update = event.update
    with contextlib.suppress(TelegramAPIError):
        if update.callback_query is not None:
            # A toast only the presser sees; if the button was already answered, this fails quietly.
            await update.callback_query.answer(TOAST.format(reference=reference), show_alert=True)
        elif update.message is not None and update.message.chat.type == ChatType.PRIVATE:
            await update.message.answer(sorry)
    return True
