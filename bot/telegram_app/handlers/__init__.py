"""One router per feature, in the order the dispatcher tries them; new ones for each dispatcher."""

from __future__ import annotations

from aiogram import Router


def routers() -> list[Router]:
    from bot.telegram_app.handlers import info, moderation, reflect, setup, share

    # The share router's catch-all for private messages goes last.
    return [setup.router(), moderation.router(), reflect.router(), info.router(), share.router()]
