"""The commands.Bot subclass: minimal intents, no pings, one extension per feature."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from typing import Any

import discord
from discord.ext import commands

from bot.core.app import Content, Stairwell
from bot.core.clock import Clock
from bot.db import meta
from bot.discord_app.errors import StairwellTree
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
    ) -> None:
        """`app` shares one core (and one database) with other adapters in the process; it is then theirs to close."""
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StairwellTree,
            help_command=None,
        )
        self._db_path = db_path
        self._secret = secret
        self._clock = clock
        self._content = content or Content.load()
        self.dev_guild = dev_guild
        self.background_tasks = background_tasks
        self._shared_app = app

    async def setup_hook(self) -> None:
        if self._shared_app is not None:
            self.app = self._shared_app
        else:
            self.app = await Stairwell.open(self._db_path, self._secret, clock=self._clock, content=self._content)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def close(self) -> None:
        await super().close()
        if hasattr(self, "app") and self._shared_app is None:
            await self.app.close()

    def command_hash(self) -> str:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Sync only when the tree changed since the last sync; syncing every start hits rate limits."""
        guild = discord.Object(self.dev_guild) if self.dev_guild else None
        scope = f"guild:{self.dev_guild}" if self.dev_guild else "global"
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = self.command_hash()
        key = f"command_hash:{scope}"
        if not force and await meta.get_value(self.app.db, key) == digest:
            log.info("command tree unchanged; not syncing")
            return False
        await self.tree.sync(guild=guild)
        await meta.set_value(self.app.db, key, digest)
        log.info("synced %d commands (%s)", len(self.tree.get_commands()), scope)
        return True

    async def on_ready(self) -> None:
        log.info("ready in %d servers", len(self.guilds))

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        if error is None:
            return
        log.error("event %s failed: %s at %s", event_method, type(error).__name__, where(error))


def app_of(interaction: discord.Interaction) -> Stairwell:
    client = interaction.client
    if not isinstance(client, StairwellBot):
        raise TypeError("Stairwell commands run only on StairwellBot")
    return client.app
