"""The Telegram adapter: one aiogram Bot and Dispatcher over the shared core, by long polling or a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.types import TelegramObject, Update
from aiohttp import web

from bot.config import ConfigError, TelegramSettings, Webhook
from bot.core import chat_communities
from bot.core.app import Stairwell
from bot.core.flows.background import Background
from bot.core.flows.daily_posts import Notice
from bot.core.flows.routing import PlatformRouter
from bot.telegram_app import commands
from bot.telegram_app.admins import Admins
from bot.telegram_app.context import Telegram
from bot.telegram_app.handlers import routers
from bot.telegram_app.handlers.errors import on_error
from bot.telegram_app.platform import PLATFORM, TelegramPlatform
from bot.telegram_app.problems import Notices
from bot.telegram_app.sender import Limits, Sender

log = logging.getLogger(__name__)


def private_chat(update: Update) -> int | None:
    if update.message is not None:
        return update.message.chat.id if update.message.chat.type == ChatType.PRIVATE else None
    query = update.callback_query
    if query is not None and query.message is not None and query.message.chat.type == ChatType.PRIVATE:
        return query.from_user.id
    return None


# HTML parse mode (the renderer escapes everything) and no link previews, for every message.
DEFAULTS = DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)


def make_bot(token: str, api_base: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
    return Bot(token, session=session, default=DEFAULTS)


class TelegramAdapter:
    """`background=False` when another part of the process runs the one background worker for every platform."""

    def __init__(
        self,
        app: Stairwell,
        bot: Bot,
        *,
        sender: Sender | None = None,
        moderators: frozenset[int] = frozenset(),
        background: bool = True,
    ) -> None:
        self.bot = bot
        self.sender = sender or Sender(bot, Limits())
        self.context = Telegram(
            app=app, sender=self.sender, admins=Admins(bot), notices=Notices(app, self.sender), moderators=moderators
        )
        self.platform = TelegramPlatform(self.context)
        self.context.platform = self.platform
        self.background = background
        self.ready = asyncio.Event()  # set once connected (the background worker waits for it)
        self._worker: asyncio.Task[None] | None = None
        self.dispatcher = Dispatcher(tg=self.context)
        self.dispatcher.update.outer_middleware(self._in_order)
        self.dispatcher.errors.register(on_error)
        self.dispatcher.include_routers(*routers())

    async def _in_order(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        update: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """Updates run as tasks; one person's private chat still runs in the order Telegram sent it, so a story
        sent in a hurry and the next answer cannot overtake each other. (It takes the lock before its first
        pause, so tasks queue in the order they were made.) Groups are not held up: two moderators act at once.
        Admin lists a press was checked against while old are refreshed after it is handled."""
        chat_id = private_chat(update) if isinstance(update, Update) else None
        try:
            if chat_id is None:
                return await handler(update, data)
            async with self.context.turn(chat_id):
                return await handler(update, data)
        finally:
            self.context.admins.refresh_behind()  # admin lists used old are fetched after the answer

    @classmethod
    def from_settings(cls, app: Stairwell, settings: TelegramSettings, *, background: bool = True) -> TelegramAdapter:
        bot = make_bot(settings.token, settings.api_base)
        return cls(app, bot, moderators=settings.moderators, background=background)

    async def deliver_notices(self, notices: list[Notice]) -> None:
        """Daily-post problems go to the community's moderators' group (notices for other platforms are skipped)."""
        for notice in notices:
            community = await chat_communities.by_guild(self.context.app, notice.guild_id)
            if community is None or community.moderators_chat_id is None:
                continue
            try:
                await self.context.send(community.moderators_chat_id, notice.card)
            except TelegramAPIError as error:
                log.warning("telegram notice not delivered: %s", type(error).__name__)

    def _start_worker(self) -> None:
        if self.background and self._worker is None:
            router = PlatformRouter(self.context.app, {PLATFORM: self.platform})
            worker = Background(self.context.app, router, self.deliver_notices)
            self._worker = asyncio.create_task(worker.run_forever(), name="stairwell-background")

    async def _stop_worker(self) -> None:
        await self.context.admins.close()
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None

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
        self.ready.set()
        self._start_worker()

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
            await self._stop_worker()
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
            await self._stop_worker()
            await runner.cleanup()
            await self.bot.session.close()

    async def run(self, settings: TelegramSettings) -> None:
        if settings.webhook is not None:
            await self.run_webhook(settings.webhook)
        else:
            await self.run_polling()
