"""Two platforms in one process: each community's background work goes to its own platform, never another's."""

from datetime import UTC, datetime, timedelta

from bot.core import chat_communities, daily
from bot.core.app import Stairwell
from bot.core.cards import Card
from bot.core.flows import daily_posts
from bot.core.flows.port import Outgoing, PlaceUnavailableError, PostRef, Where
from bot.core.flows.routing import PlatformRouter
from bot.core.terms import Terms
from bot.db import daily as daily_store
from bot.db import guilds
from tests.conftest import SECRET

NINE = datetime(2026, 11, 21, 9, 1, tzinfo=UTC)  # just after the community's 09:00 post is due
GROUP = -1001234567890
DISCORD_SERVER = 998877665544332211


class Recorder:
    """A platform that records what reaches it; it knows only its own servers, as a real adapter does."""

    def __init__(self, name: str, servers: set[int]) -> None:
        self.name = name
        self.servers = servers
        self.posts: list[Where] = []
        self.messages: list[str] = []

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        if where.guild_id not in self.servers:
            raise PlaceUnavailableError("I am not in that server")
        self.posts.append(where)
        return PostRef(where.guild_id, where.channel_id, len(self.posts))

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        return True

    async def delete(self, ref: PostRef) -> bool:
        return True

    async def send_to_author(self, sealed: bytes, text: str, card: Card | None = None) -> bool:
        self.messages.append(text)
        return True

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        return None

    async def terms(self, guild_id: int) -> Terms:
        return Terms()


async def telegram_community_with_a_due_daily_post(app: Stairwell) -> int:
    community = await chat_communities.begin(app, GROUP, "Ward 7")
    await guilds.update(app.db, community.guild_id, timezone="UTC")
    await daily.configure(app, community.guild_id, GROUP, "09:00", "daily", NINE - timedelta(days=1))
    return community.guild_id


async def test_a_telegram_communitys_daily_post_waits_for_telegram_instead_of_failing_on_discord(
    db_path, content, clock
):
    app = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    try:
        guild_id = await telegram_community_with_a_due_daily_post(app)
        discord = Recorder("discord", {DISCORD_SERVER})
        clock.set(NINE)

        notices, _ = await daily_posts.run_due(app, PlatformRouter(app, {"discord": discord}))

        schedule = await daily_store.get(app.db, guild_id)
        assert schedule is not None
        assert (discord.posts, notices, schedule.blocked_reason) == ([], [], None)

        telegram = Recorder("telegram", {guild_id})
        clock.set(NINE + timedelta(minutes=2))
        both = PlatformRouter(app, {"discord": discord, "telegram": telegram})
        await daily_posts.run_due(app, both)
        await daily_posts.run_due(app, both)
        assert [where.guild_id for where in telegram.posts] == [guild_id]
        assert discord.posts == []
    finally:
        await app.close()


async def test_servers_no_adapter_has_claimed_go_to_the_first_platform(db_path, content, clock):
    app = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    try:
        await guilds.update(app.db, 42, timezone="UTC")
        console = Recorder("console", {42})
        router = PlatformRouter(app, {"console": console, "telegram": Recorder("telegram", set())})
        await router.post(Where(42, daily_posts.Place.DAILY, 7), Outgoing(text="hello"), nonce="")
        assert [where.guild_id for where in console.posts] == [42]
    finally:
        await app.close()


async def test_an_author_is_reached_on_the_platform_their_sealed_contact_names(db_path, content, clock):
    app = await Stairwell.open(db_path, SECRET, clock=clock, content=content)
    try:
        discord, telegram = Recorder("discord", set()), Recorder("telegram", set())
        router = PlatformRouter(app, {"discord": discord, "telegram": telegram})
        assert await router.send_to_author(app.identity.seal("telegram", 555), "Your story was approved.")
        assert (telegram.messages, discord.messages) == (["Your story was approved."], [])
        only_discord = PlatformRouter(app, {"discord": discord})
        assert not await only_discord.send_to_author(app.identity.seal("telegram", 555), "again")
    finally:
        await app.close()
