"""Joining and leaving servers: a private hello to whoever manages it, and deletion on leave."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.core.flows import lifecycle
from bot.discord_app import permissions
from bot.discord_app.bot import StairwellBot
from bot.discord_app.platform import PLATFORM, TERMS
from bot.discord_app.render import NO_PINGS, embed

log = logging.getLogger(__name__)


class Lifecycle(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Servers that removed the bot while it was offline sent no event: erase their data now.

        Servers Discord reports as unavailable (an outage) are still listed, so they are kept.
        """
        app = self.bot.app
        await lifecycle.reconcile(app, PLATFORM, [guild.id for guild in self.bot.guilds], heard=app.scope.holds)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Post only where admins alone can read; otherwise DM the owner. Never post publicly."""
        message = embed(await lifecycle.joined(self.bot.app, PLATFORM, guild.id, guild.name, TERMS))
        system = guild.system_channel
        if system is not None and not permissions.is_public(system) and permissions.can_post(system):
            await system.send(embed=message, allowed_mentions=NO_PINGS)
            log.info("joined a server; setup note sent to its private system channel")
            return
        try:
            owner = await self.bot.fetch_user(guild.owner_id) if guild.owner_id else None
            if owner is not None:
                await owner.send(embed=message, allowed_mentions=NO_PINGS)
                log.info("joined a server; setup note sent to its owner")
        except discord.HTTPException:
            log.info("joined a server; could not reach its owner, they can run /setup any time")

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await lifecycle.left(self.bot.app, guild.id)


async def setup(bot: StairwellBot) -> None:
    await bot.add_cog(Lifecycle(bot))
