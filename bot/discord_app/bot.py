"""The commands.Bot subclass: minimal intents, no pings, one extension per feature."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import sys
from typing import Any

import discord
from discord.ext import commands

from bot.core import servers
from bot.core.app import Content, Stairwell, Timing
from bot.core.clock import Clock
from bot.core.flows.background import Background
from bot.core.flows.daily_posts import Notice
from bot.core.flows.routing import PlatformRouter
from bot.core.shards import Scope
from bot.discord_app.errors import StairwellTree
from bot.discord_app.platform import PLATFORM, DiscordPlatform
from bot.log_safety import where

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.discord_app.cogs.info",
    "bot.discord_app.cogs.support",
    "bot.discord_app.cogs.reflect",
    "bot.discord_app.cogs.moderation",
    "bot.discord_app.cogs.share",
    "bot.discord_app.cogs.server_setup",
    "bot.discord_app.cogs.lifecycle",
    "bot.discord_app.cogs.daily",
)


class StairwellBot(commands.Bot):
    app: Stairwell

    def __init__(
        self,
        db_path: str,
        secret: bytes,
        *,
        dev_guild: int | None = None,
        clock: Clock | None = None,
        content: Content | None = None,
        background_tasks: bool = True,
        app: Stairwell | None = None,
        timing: Timing | None = None,
    ) -> None:
        """`app` shares one core (and one database) with other adapters in the process; it is then theirs to close.

        Its scope names the shards this process connects (ShardedStairwellBot); without one, all of them.
        """
        intents = discord.Intents.none()
        intents.guilds = True
        self.scope = app.scope if app is not None else Scope()
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StairwellTree,
            help_command=None,
            **self._shard_options(),
        )
        self._db_path = db_path
        self._secret = secret
        self._clock = clock
        self._content = content or Content.load()
        self._timing = timing
        self.dev_guild = dev_guild
        self.background_tasks = background_tasks
        # Marks this run's forms, so a form opened before a restart is recognised and still answered.
        self.run_id = secrets.token_hex(4)
        self.platform = DiscordPlatform(self)
        self._worker: asyncio.Task[None] | None = None
        self._shared_app = app

    def _shard_options(self) -> dict[str, Any]:
        return {}

    async def setup_hook(self) -> None:
        if self._shared_app is not None:
            self.app = self._shared_app
        else:
            self.app = await Stairwell.open(
                self._db_path,
                self._secret,
                clock=self._clock,
                content=self._content,
                timing=self._timing,
                scope=self.scope,
            )
        # Background work reaches each server through its own platform: never a Telegram community through Discord.
        self.router = PlatformRouter(self.app, {PLATFORM: self.platform})
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()
        if self.background_tasks:
            self._worker = asyncio.create_task(self._background(), name="stairwell-background")

    async def _background(self) -> None:
        """The core's worker (queue posts, publishing, daily posts, retention), once connected."""
        await self.wait_until_ready()
        daily_cog = self.get_cog("Daily")
        notify = getattr(daily_cog, "deliver_notices", None)

        async def on_notices(notices: list[Notice]) -> None:
            if notify is not None and notices:
                await notify(notices)

        await Background(self.app, self.router, on_notices).run_forever()

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        await super().close()
        if hasattr(self, "app") and self._shared_app is None:
            await self.app.close()

    def command_hash(self) -> str:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Sync only when the tree changed since the last sync; syncing every start hits rate limits.

        With shards spread over processes, only shard 0's process syncs: the others would race it.
        """
        if not force and not self.scope.leader:
            log.info("commands are synced by the process serving shard 0")
            return False
        guild = discord.Object(self.dev_guild) if self.dev_guild else None
        scope = f"guild:{self.dev_guild}" if self.dev_guild else "global"
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = self.command_hash()
        key = f"command_hash:{scope}"
        if not force and await servers.stored_value(self.app, key) == digest:
            log.info("command tree unchanged; not syncing")
            return False
        await self.tree.sync(guild=guild)
        await servers.store_value(self.app, key, digest)
        log.info("synced %d commands (%s)", len(self.tree.get_commands()), scope)
        return True

    async def on_ready(self) -> None:
        log.info("ready in %d servers", len(self.guilds))

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        if error is None:
            return
        log.error("event %s failed: %s at %s", event_method, type(error).__name__, where(error))


class ShardedStairwellBot(StairwellBot, commands.AutoShardedBot):
    """The same bot connecting some of Discord's shards (`stairwell run --shard-count N --shard-ids 0,1`)."""

    def _shard_options(self) -> dict[str, Any]:
        return {"shard_count": self.scope.shard_count, "shard_ids": list(self.scope.shard_ids)}


def app_of(interaction: discord.Interaction) -> Stairwell:
    client = interaction.client
    if not isinstance(client, StairwellBot):
        raise TypeError("Stairwell commands run only on StairwellBot")
    return client.app
