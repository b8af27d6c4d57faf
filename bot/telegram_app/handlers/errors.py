"""Unhandled errors: logged by type and place only (aiogram's own log line would carry chat ids)."""

from __future__ import annotations

import logging

from aiogram.types import ErrorEvent

from bot.log_safety import where

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> bool:
    """Registered on the dispatcher, so errors from every router end here; True marks them handled."""
    log.error("telegram update failed: %s at %s", type(event.exception).__name__, where(event.exception))
    return True
