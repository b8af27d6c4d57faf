"""/daily now through the daily-post outbox: recorded first, posted exactly once, even after a crash or a 503."""

import asyncio
from datetime import timedelta

import pytest

from bot.core import daily
from bot.core.app import Stairwell
from bot.core.flows import daily as flows
from bot.core.flows import daily_posts
from bot.core.flows.effects import carry_out
from bot.core.flows.port import Outgoing, Place, PostRef, PostUncertainError, Where
from bot.core.flows.results import Actor, PostDailyNow
from bot.core.flows.setup import Channel
from bot.core.terms import Terms
from bot.db import daily as store
from tests.conftest import SECRET

GUILD = 42
DAILY = 300


class Channelled:
    """A server whose daily channel takes posts; the platform records them (and can fail after posting)."""

    def __init__(self) -> None:
        self.posts: list[Outgoing] = []
        self.nonces: list[str] = []
        self.fail_after_posting = 0

    def channel(self, channel_id: int, place: Place) -> Channel | None:
        return Channel(channel_id, "#daily")

    def role(self, role_id: int) -> str | None:
        return None

    async def post(self, where: Where, message: Outgoing, *, nonce: str) -> PostRef:
        self.posts.append(message)
        self.nonces.append(nonce)
        if self.fail_after_posting:
            self.fail_after_posting -= 1
            raise PostUncertainError("503")  # the post exists, the answer was an error
        return PostRef(where.guild_id, where.channel_id, len(self.posts))

    async def edit(self, ref: PostRef, message: Outgoing) -> bool:
        return True

    async def delete(self, ref: PostRef) -> bool:
        return True

    async def send_to_author(self, sealed: bytes, text: str, card=None) -> bool:
        return False

    async def find_post(self, where: Where, marker: str) -> PostRef | None:
        for index, message in enumerate(self.posts, 1):
            if message.card is not None and marker in (message.card.footer or ""):
                return PostRef(where.guild_id, where.channel_id, index)
        return None

    async def terms(self, guild_id: int) -> Terms:
        return Terms()


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    await daily.configure(opened, GUILD, DAILY, "23:00", "daily", clock.now())
    yield opened
    await opened.close()


def moderator(app: Stairwell) -> Actor:
    return Actor("test", 1, GUILD, app.identity.author_key("test", 1), b"", "mod", is_moderator=True)


async def test_the_answer_comes_first_and_the_post_is_made_once_with_its_marker(app):
    platform = Channelled()
    result = await flows.now(app, moderator(app), platform)

    assert platform.posts == []  # nothing is posted before the moderator is answered
    assert "Posting a daily reflection in #daily now" in (result.reply.text or "")
    [effect] = result.effects
    assert isinstance(effect, PostDailyNow)

    await carry_out(app, platform, result.effects)
    await daily_posts.run_due(app, platform)  # the worker finds nothing left to do

    [posted] = platform.posts
    assert posted.card is not None and daily.extra_marker(effect.extra_id) in (posted.card.footer or "")
    assert daily.marker(app.clock.now().date()) not in (posted.card.footer or "")  # never taken for today's post
    assert posted.thread is not None
    assert [used for _, used in await store.rotation(app.db, GUILD)].count(True) == 1


async def test_a_crash_before_the_post_is_finished_by_the_worker(app, clock):
    platform = Channelled()
    await flows.now(app, moderator(app), platform)  # answered, then the process died before the effect

    await daily_posts.run_due(app, platform)
    await daily_posts.run_due(app, platform)

    assert len(platform.posts) == 1


async def test_a_503_after_posting_is_looked_for_not_posted_again(app, clock):
    platform = Channelled()
    platform.fail_after_posting = 1
    result = await flows.now(app, moderator(app), platform)
    await carry_out(app, platform, result.effects)
    assert len(platform.posts) == 1

    clock.set(clock.now() + timedelta(minutes=2))
    await daily_posts.run_due(app, platform)
    await daily_posts.run_due(app, platform)

    assert len(platform.posts) == 1
    assert [used for _, used in await store.rotation(app.db, GUILD)].count(True) == 1


async def test_two_workers_at_once_post_it_once(app):
    platform = Channelled()
    result = await flows.now(app, moderator(app), platform)

    await asyncio.gather(carry_out(app, platform, result.effects), daily_posts.run_due(app, platform))

    assert len(platform.posts) == 1


async def test_no_channel_or_no_schedule_posts_nothing_and_says_why(app, db_path):
    class Gone(Channelled):
        def channel(self, channel_id: int, place: Place) -> Channel | None:
            return None

    result = await flows.now(app, moderator(app), Gone())
    assert result.effects == () and "Nothing was posted" in (result.reply.text or "")
    elsewhere = Actor("test", 1, 7, "k", b"", "mod", is_moderator=True)
    assert "run `/daily setup` first" in ((await flows.now(app, elsewhere, Channelled())).reply.text or "")
    member = Actor("test", 2, GUILD, "k", b"", "member")
    assert "moderators" in ((await flows.now(app, member, Channelled())).reply.text or "")
