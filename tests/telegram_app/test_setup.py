import re
from datetime import timedelta

import pytest

from bot.db import guilds, telegram
from tests.telegram_app.fake_api import BOT_USERNAME

COMMUNITY = -1001000
MODS = -1002000
CHANNEL = -1003000


@pytest.fixture
def groups(tg):
    community = tg.api.group(COMMUNITY, "Night Shift", owner=tg.admin)
    mods = tg.api.group(MODS, "Night Shift mods", owner=tg.admin)
    return community, mods


async def pairing_code(tg, community) -> str:
    await tg.api.message(tg.admin, "/setup", chat=community)
    match = re.search(r"<code>/setup ([A-Z0-9]{8})</code>", tg.api.last_sent(community.id).text)
    assert match, tg.api.last_sent(community.id).text
    return match.group(1)


async def bind(tg, community, mods) -> str:
    code = await pairing_code(tg, community)
    await tg.api.message(tg.admin, f"/setup {code}", chat=mods)
    return (await telegram.by_group(tg.app.db, community.id)).code


async def test_setup_binds_a_private_moderators_group_and_shows_the_members_link(tg, groups):
    community, mods = groups
    calls = await tg.api.message(tg.admin, "/setup", chat=community)
    assert calls[0].method == "getChatAdministrators"
    code = await pairing_code(tg, community)

    calls = await tg.api.message(tg.admin, f"/setup {code}", chat=mods)

    assert "This is now the moderators' group" in tg.api.last_sent(mods.id).text
    stored = await telegram.by_group(tg.app.db, community.id)
    assert stored.moderators_chat_id == mods.id
    assert (await guilds.get(tg.app.db, stored.guild_id)).moderation_channel_id == mods.id
    link = f"https://t.me/{BOT_USERNAME}?start={stored.code}"
    assert link in tg.api.last_sent(community.id).text
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", stored.code)

    # The code worked once.
    await tg.api.message(tg.admin, f"/setup {code}", chat=tg.api.group(-1004000, "Other", owner=tg.admin))
    assert "not valid" in tg.api.last_sent(-1004000).text


async def test_only_an_admin_of_both_groups_can_bind(tg, groups):
    community, _ = groups
    await tg.api.message(tg.member, "/setup", chat=community)
    assert "Only an admin of this group can do this." in tg.api.last_sent(community.id).text

    code = await pairing_code(tg, community)
    their_group = tg.api.group(-1005000, "Someone else's", owner=tg.stranger)
    await tg.api.message(tg.stranger, f"/setup {code}", chat=their_group)

    assert "Only an admin of “Night Shift” can do this." in tg.api.last_sent(their_group.id).text
    assert (await telegram.by_group(tg.app.db, community.id)).moderators_chat_id is None


async def test_a_public_group_or_the_community_itself_cannot_hold_the_queue(tg, groups):
    community, _ = groups
    public = tg.api.group(-1006000, "Public", owner=tg.admin, username="public_group")
    code = await pairing_code(tg, community)

    await tg.api.message(tg.admin, f"/setup {code}", chat=public)
    assert "This group is public" in tg.api.last_sent(public.id).text
    await tg.api.message(tg.admin, f"/setup {code}", chat=community)
    assert "This is the community group itself" in tg.api.last_sent(community.id).text
    assert (await telegram.by_group(tg.app.db, community.id)).moderators_chat_id is None


async def test_a_pairing_code_expires_after_an_hour(tg, groups, clock):
    community, mods = groups
    code = await pairing_code(tg, community)
    clock.set(clock.now() + timedelta(minutes=61))

    await tg.api.message(tg.admin, f"/setup {code}", chat=mods)

    assert "not valid" in tg.api.last_sent(mods.id).text


async def test_the_deep_link_binds_a_member_by_pseudonym_only(tg, groups):
    community, mods = groups
    code = await bind(tg, community, mods)

    await tg.api.message(tg.member, f"/start {code}")

    assert "You came from <b>Night Shift</b>" in tg.api.last_sent(tg.member.id).text
    key = tg.app.identity.author_key("telegram", tg.member.id)
    guild_id = (await telegram.by_group(tg.app.db, community.id)).guild_id
    assert await telegram.member_community(tg.app.db, key) == guild_id

    await tg.api.message(tg.member, "/start not-a-real-code")
    assert "That link doesn't lead to a Stairwell community" in tg.api.last_sent(tg.member.id).text
    assert await telegram.member_community(tg.app.db, key) == guild_id  # a bad link changes nothing


async def test_resources_follow_the_communitys_region(tg, groups):
    community, mods = groups
    code = await bind(tg, community, mods)
    guild_id = (await telegram.by_group(tg.app.db, community.id)).guild_id
    await guilds.update(tg.app.db, guild_id, region="GB")
    await tg.api.message(tg.member, f"/start {code}")

    await tg.api.message(tg.member, "/resources")

    assert "Support lines — United Kingdom" in tg.api.last_sent(tg.member.id).text


async def test_publish_here_off_and_channel(tg, groups):
    community, mods = groups
    await bind(tg, community, mods)
    guild_id = (await telegram.by_group(tg.app.db, community.id)).guild_id

    await tg.api.message(tg.admin, "/setup publish here", chat=community)
    settings = await guilds.get(tg.app.db, guild_id)
    assert settings.stories_channel_id == settings.daily_channel_id == community.id

    channel = tg.api.group(CHANNEL, "Night Shift stories", owner=tg.admin, type="channel", username="nightstories")
    await tg.api.message(tg.admin, "/setup publish @nightstories", chat=community)
    assert "Add me to the channel as an admin" not in tg.api.last_sent(community.id).text
    assert "I am in the channel but may not post" in tg.api.last_sent(community.id).text

    tg.api.make_bot_admin(channel, can_post=True)
    await tg.api.message(tg.admin, "/setup publish @nightstories", chat=community)
    assert tg.api.last_sent(community.id).text.startswith("Saved")
    assert (await guilds.get(tg.app.db, guild_id)).stories_channel_id == CHANNEL

    await tg.api.message(tg.admin, "/setup publish @missing_channel", chat=community)
    assert "I can't see @\u2060missing_channel" in tg.api.last_sent(community.id).text

    await tg.api.message(tg.admin, "/setup publish off", chat=community)
    assert (await guilds.get(tg.app.db, guild_id)).stories_channel_id is None


async def test_a_channel_needs_its_own_admin(tg, groups):
    community, mods = groups
    await bind(tg, community, mods)
    channel = tg.api.group(CHANNEL, "Not theirs", owner=tg.stranger, type="channel", username="notours")
    tg.api.make_bot_admin(channel)

    await tg.api.message(tg.admin, "/setup publish @notours", chat=community)

    assert "Only an admin of that channel can choose it." in tg.api.last_sent(community.id).text


async def test_setup_in_a_bound_community_shows_its_status(tg, groups):
    community, mods = groups
    code = await bind(tg, community, mods)

    await tg.api.message(tg.admin, "/setup", chat=community)
    text = tg.api.last_sent(community.id).text
    assert "Moderators' group:</b> bound ✓" in text and f"?start={code}" in text

    await tg.api.message(tg.admin, "/setup", chat=mods)
    assert "This is a moderators' group" in tg.api.last_sent(mods.id).text


async def test_a_group_that_becomes_a_supergroup_stays_the_same_community(tg, groups):
    community, mods = groups
    code = await bind(tg, community, mods)
    new_id = -1009999

    await tg.api.message(tg.admin, "", chat=community, migrate_to_chat_id=new_id)
    moved = tg.api.group(new_id, "Night Shift", owner=tg.admin)
    await tg.api.message(tg.admin, "/setup", chat=moved)

    assert f"?start={code}" in tg.api.last_sent(new_id).text
    assert (await telegram.by_code(tg.app.db, code)).group_chat_id == new_id


async def test_anonymous_admins_are_asked_to_show_themselves(tg, groups):
    community, _ = groups
    await tg.api.message(tg.admin, "/setup", chat=community, sender_chat=community.as_dict())

    assert "while you post anonymously" in tg.api.last_sent(community.id).text


async def test_group_titles_are_shown_as_text(tg):
    community = tg.api.group(-1007000, "<b>Ward</b> **7** @everyone_here", owner=tg.admin)
    mods = tg.api.group(-1008000, "mods", owner=tg.admin)
    code = await bind(tg, community, mods)

    assert tg.api.last_sent(community.id).text.startswith(
        "<b>Stairwell in &lt;b&gt;Ward&lt;/b&gt; **7** @\u2060everyone_here</b>"
    )
    await tg.api.message(tg.member, f"/start {code}")
    welcome = tg.api.last_sent(tg.member.id).text
    assert "You came from <b>&lt;b&gt;Ward&lt;/b&gt; **7** @\u2060everyone_here</b>" in welcome


async def test_a_pairing_code_survives_a_restart(tg, groups):
    community, mods = groups
    code = await pairing_code(tg, community)

    await tg.restart()
    await tg.api.message(tg.admin, f"/setup {code}", chat=mods)

    assert "This is now the moderators' group" in tg.api.last_sent(mods.id).text


async def test_removing_the_bot_from_the_community_group_deletes_the_community(tg, groups):
    community, mods = groups
    code = await bind(tg, community, mods)
    await tg.api.message(tg.member, f"/start {code}")

    await tg.api.bot_removed(mods, by=tg.admin)  # the moderators' group is not the community
    assert await telegram.by_code(tg.app.db, code) is not None

    await tg.api.bot_removed(community, by=tg.admin)

    assert await telegram.by_code(tg.app.db, code) is None
    for table in ("guilds", "telegram_communities", "telegram_members"):
        assert await tg.app.db.fetchval(f"SELECT count(*) FROM {table}") == 0
