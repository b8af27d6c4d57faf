"""The Telegram adapter: one aiogram Bot and Dispatcher over the shared core, by long polling or a webhook."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from aiohttp import web

from bot.config import ConfigError, TelegramSettings, Webhook
from bot.core.app import Stairwell
from bot.telegram_app import commands
from bot.telegram_app.admins import Admins
from bot.telegram_app.context import Telegram
from bot.telegram_app.handlers import routers
from bot.telegram_app.handlers.errors import on_error
from bot.telegram_app.problems import Notices
from bot.telegram_app.sender import Limits, Sender

log = logging.getLogger(__name__)


# HTML parse mode (the renderer escapes everything) and no link previews, for every message.
DEFAULTS = DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)


def make_bot(token: str, api_base: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
    return Bot(token, session=session, default=DEFAULTS)


class TelegramAdapter:
    def __init__(self, app: Stairwell, bot: Bot, *, sender: Sender | None = None) -> None:
        self.bot = bot
        self.sender = sender or Sender(bot, Limits())
        self.context = Telegram(app=app, sender=self.sender, admins=Admins(bot), notices=Notices(app, self.sender))
        self.dispatcher = Dispatcher(tg=self.context)
        self.dispatcher.errors.register(on_error)
        self.dispatcher.include_routers(*routers())

    @classmethod
    def from_settings(cls, app: Stairwell, settings: TelegramSettings) -> TelegramAdapter:
        return cls(app, make_bot(settings.token, settings.api_base))

    async def prepare(self) -> None:
        """Who am I (for links), and the command menu; a refused token is a configuration error."""
        try:
            me = await self.bot.get_me()
        except TelegramUnauthorizedError as error:
            raise ConfigError("TELEGRAM_TOKEN was refused by Telegram: get the current one from @BotFather.") from error
        except TelegramNetworkError as error:
            raise ConfigError(
                "cannot reach the Telegram Bot API: check the network (and TELEGRAM_API_URL, if you set one)."
            ) from error
        self.context.username = me.username or ""
        await commands.set_menu(self.bot, self.context.app)
        log.info("telegram ready as @%s", self.context.username)

    async def run_polling(self, *, handle_as_tasks: bool = True) -> None:
        """Long polling (the default): no public address needed. Only one poller per token may run."""
        try:
            await self.prepare()
            await self.bot.delete_webhook(drop_pending_updates=False)
            await self.dispatcher.start_polling(
                self.bot,
                handle_signals=False,
                close_bot_session=False,
                handle_as_tasks=handle_as_tasks,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
            )
        finally:
            await self.bot.session.close()

    async def run_webhook(self, webhook: Webhook) -> None:
        """Telegram posts updates to our https URL (through a reverse proxy to `port`) with the secret token."""
        from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

        server = web.Application()
        SimpleRequestHandler(self.dispatcher, self.bot, secret_token=webhook.secret).register(server, webhook.path)
        setup_application(server, self.dispatcher, bot=self.bot)
        runner = web.AppRunner(server, access_log=None)  # access lines would log callers' addresses
        await runner.setup()
        try:
            await self.prepare()
            await web.TCPSite(runner, port=webhook.port).start()
            await self.bot.set_webhook(
                webhook.url,
                secret_token=webhook.secret,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
            )
            log.info("telegram webhook listening on port %d", webhook.port)
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
            await self.bot.session.close()

    async def run(self, settings: TelegramSettings) -> None:
        if settings.webhook is not None:
            await self.run_webhook(settings.webhook)
        else:
            await self.run_polling()
