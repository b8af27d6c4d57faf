"""Community binding rules in the core, with several admins at once."""

import asyncio

import pytest

from bot.core import chat_communities, stories
from bot.core.app import Stairwell
from bot.core.server_setup import SetupError
from bot.db import guilds, telegram
from tests.conftest import SECRET

GROUP = -100100


@pytest.fixture
async def app(db_path, content, clock):
    app = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield app
    await app.close()


async def test_two_groups_racing_for_one_code_exactly_one_wins(app):
    community = await chat_communities.begin(app, GROUP, "Night Shift")
    code = community.pairing_code

    results = await asyncio.gather(
        *(chat_communities.bind_moderators(app, community, code, chat, public=False) for chat in (-1, -2, -3)),
        return_exceptions=True,
    )

    won = [result for result in results if not isinstance(result, BaseException)]
    lost = [result for result in results if isinstance(result, SetupError)]
    assert len(won) == 1 and len(lost) == 2
    stored = await telegram.by_group(app.db, GROUP)
    assert stored.moderators_chat_id == won[0].moderators_chat_id
    assert stored.pairing_code is None


async def test_setup_again_keeps_the_members_link_and_renews_the_code(app):
    first = await chat_communities.begin(app, GROUP, "Night Shift")
    second = await chat_communities.begin(app, GROUP, "Night Shift (renamed)")

    assert second.code == first.code and second.guild_id == first.guild_id == GROUP
    assert second.pairing_code != first.pairing_code and second.title == "Night Shift (renamed)"
    with pytest.raises(SetupError):
        await chat_communities.pairing_target(app, first.pairing_code)
    assert (await chat_communities.pairing_target(app, second.pairing_code.lower())).guild_id == GROUP


async def test_published_stories_cannot_go_to_the_moderators_group(app):
    community = await chat_communities.begin(app, GROUP, "Night Shift")
    bound = await chat_communities.bind_moderators(app, community, community.pairing_code, -5, public=False)

    with pytest.raises(SetupError, match="cannot go to the moderators' group"):
        await chat_communities.set_publish_chat(app, bound, -5)


async def test_leaving_removes_everything_kept_for_the_community(app):
    community = await chat_communities.begin(app, GROUP, "Night Shift")
    await chat_communities.join(app, "person-key", community.code)
    await telegram.note_problem(app.db, community.guild_id, GROUP, "removed")

    await guilds.delete(app.db, community.guild_id)

    for table in ("telegram_communities", "telegram_members", "telegram_notices"):
        assert await app.db.fetchval(f"SELECT count(*) FROM {table}") == 0


async def test_forgetme_also_forgets_which_communitys_link_the_member_came_through(app):
    community = await chat_communities.begin(app, -100777, "Ward 7")
    key = app.identity.author_key("telegram", 31337)
    await chat_communities.join(app, key, community.code)

    _, counts = await stories.forget(app, key)

    assert await telegram.member_community(app.db, key) is None
    assert "came through" in stories.forget_summary(counts, 0, where="Telegram", community="community")
