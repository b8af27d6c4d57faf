"""`stairwell run` with both tokens: the Discord bot uses the process's one core and database and leaves it open."""

import pytest

from bot.core.app import Stairwell
from bot.discord_app.bot import StairwellBot
from tests.conftest import SECRET


@pytest.fixture
async def shared(db_path, content, clock):
    app = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield app
    await app.close()


@pytest.fixture
def simcord_bot(shared, db_path, content, clock):
    return StairwellBot(db_path, SECRET, content=content, clock=clock, app=shared)


async def test_discord_uses_the_shared_core_and_does_not_close_it(world, shared):
    assert world.bot.app is shared
    await world.member.slash(world.general, "reflect")
    assert await shared.db.fetchval("SELECT count(*) FROM reflection_seen") == 1

    await world.bot.close()

    assert await shared.db.fetchval("SELECT count(*) FROM reflection_seen") == 1  # still open
