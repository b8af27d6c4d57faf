"""`stairwell run` with both tokens: one background worker sends each community's work to its own platform."""

import asyncio
import contextlib
from contextlib import asynccontextmanager

from bot import cli
from bot.config import Settings, TelegramSettings
from bot.core import chat_communities, stories
from bot.core.app import Stairwell
from bot.core.flows.port import Outgoing, PostRef, Where
from bot.db import guilds
from tests.conftest import NO_QUEUE_DELAY, SECRET
from tests.core.flows.test_routing import Recorder
from tests.telegram_app.fake_api import TOKEN, FakeTelegram
from tests.telegram_app.flows import CALM_STORY

GROUP, MODS = -1001000, -1002000
DISCORD_SERVER = 998877665544332211


class Posts(Recorder):
    def __init__(self, name: str, servers: set[int]) -> None:
        super().__init__(name, servers)
        self.posted = asyncio.Event()

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        ref = await super().post(where, message, nonce=nonce)
        self.posted.set()
        return ref


class DiscordStandIn:
    """What `_run_both` asks of the Discord bot, without a gateway: ready at once, its Platform records posts."""

    def __init__(self) -> None:
        self.platform = Posts("discord", {DISCORD_SERVER})
        self.router = None

    async def wait_until_ready(self) -> None:
        return None

    def get_cog(self, name: str) -> None:
        return None

    async def connect(self) -> None:
        await asyncio.Event().wait()


async def queued(app: Stairwell, guild_id: int, person: int) -> None:
    key = app.identity.author_key("x", person)
    outcome = await stories.start(
        app, guild_id, key, app.identity.seal("x", person), CALM_STORY, None, for_reflection=False, notify=False
    )
    await stories.submit(app, outcome.screened.draft.id, app.identity.seal("x", person))


async def test_one_worker_serves_discord_and_telegram(db_path, content, clock, monkeypatch):
    api = FakeTelegram()
    await api.start()
    admin = api.user(5550001, "Ada")
    api.group(GROUP, "Night Shift", owner=admin)
    api.group(MODS, "Mods", owner=admin)
    discord = DiscordStandIn()

    @asynccontextmanager
    async def connected(settings, app, *, background=True):
        assert background is False  # the process runs one worker, not one per platform
        yield discord

    monkeypatch.setattr(cli, "_connected_bot", connected)
    app = await Stairwell.open(db_path, SECRET, content=content, clock=clock, timing=NO_QUEUE_DELAY)
    community = await chat_communities.begin(app, GROUP, "Night Shift")
    await chat_communities.bind_moderators(app, community, community.pairing_code, MODS, public=False)
    await guilds.update(app.db, DISCORD_SERVER, moderation_channel_id=7, stories_channel_id=8)
    await queued(app, community.guild_id, 1)
    await queued(app, DISCORD_SERVER, 2)
    settings = Settings(
        discord_token="stand-in",
        db_path=db_path,
        secret_key=SECRET,
        dev_guild=None,
        log_level="INFO",
        telegram=TelegramSettings(token=TOKEN, api_base=api.base_url),
    )
    running = asyncio.create_task(cli._run_both(settings, app))
    try:
        card = await api.wait_for_sent(MODS, "Story #1", timeout=60)  # the first start imports aiogram
        await asyncio.wait_for(discord.platform.posted.wait(), 20)
        assert "sat in the car" in card.text
        assert [where.guild_id for where in discord.platform.posts] == [DISCORD_SERVER]
        assert discord.router is not None  # the Discord side uses the shared router too
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
        await app.close()
        await api.stop()
