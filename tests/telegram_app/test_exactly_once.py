"""Exactly once on Telegram, where nothing can be searched: what the outbox record decides after each fault."""

from datetime import timedelta

from bot.db import stories as store
from tests.telegram_app import flows
from tests.telegram_app.flows import COMMUNITY, MODS


async def approved(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, card, "Approve")
    return where


def posts_of_the_story(tg) -> list:
    return [sent for sent in tg.api.in_chat(COMMUNITY) if "sat in the car" in sent.text]


async def the_story(tg):
    guild_id = await tg.app.db.fetchval("SELECT guild_id FROM stories")
    return await store.by_number(tg.app.db, guild_id, 1)


async def test_a_5xx_after_the_post_was_made_never_posts_it_twice(tg, clock):
    await approved(tg)
    tg.api.fail_next("sendMessage", 502, "Bad Gateway", chat_id=COMMUNITY, after=True)

    await flows.publish(tg, clock)  # Telegram made the post, then answered 502
    assert len(posts_of_the_story(tg)) == 1
    assert (await the_story(tg)).status == "approved"  # not known to be published yet

    for _ in range(3):  # every later round looks at the record first
        clock.set(clock.now() + timedelta(hours=1))
        await tg.jobs()

    assert len(posts_of_the_story(tg)) == 1
    assert (await the_story(tg)).status == "published"
    told = [sent.text for sent in tg.api.in_chat(MODS) if "Telegram did not confirm a post" in sent.text]
    assert len(told) == 1 and "Story #1" in told[0]


async def test_a_5xx_that_made_no_post_is_still_at_most_once(tg, clock):
    """Telegram cannot be asked, so an unconfirmed post is taken as made; moderators are told to check."""
    await approved(tg)
    tg.api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=COMMUNITY)

    await flows.publish(tg, clock)
    clock.set(clock.now() + timedelta(hours=1))
    await tg.jobs()

    assert posts_of_the_story(tg) == []
    assert any("Telegram did not confirm a post" in sent.text for sent in tg.api.in_chat(MODS))


async def test_a_refusal_posts_nothing_and_a_retry_after_the_fix_posts_once(tg, clock):
    where = await approved(tg)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot is not a member of the supergroup chat", chat_id=COMMUNITY)

    await flows.publish(tg, clock)
    assert posts_of_the_story(tg) == []
    assert (await the_story(tg)).publish_state == "blocked"
    notices = [sent.text for sent in tg.api.in_chat(MODS) if "can't publish" in sent.text]
    assert len(notices) == 1 and "I was removed from the publish chat" in notices[0]
    assert "/setup publish in the community group" in notices[0] and "/setup channels" not in notices[0]

    await tg.api.message(tg.admin, "/setup publish here", chat=where.group)
    await flows.publish(tg, clock)

    assert len(posts_of_the_story(tg)) == 1
    assert (await the_story(tg)).status == "published"


async def test_a_queue_post_answered_5xx_is_made_again_never_lost(tg, clock):
    """In the private moderators' group a second card is harmless; a lost one would hide a story."""
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    tg.api.fail_next("sendMessage", 504, "Gateway Timeout", chat_id=MODS)
    preview = await flows.share(tg, tg.member, flows.CALM_STORY)

    await tg.api.press(tg.member, preview, "Submit")
    assert [s for s in tg.api.in_chat(MODS) if s.text.startswith("<b>Story #1")] == []

    clock.set(clock.now() + timedelta(minutes=5))
    await tg.jobs()
    cards = [s for s in tg.api.in_chat(MODS) if s.text.startswith("<b>Story #1")]
    assert len(cards) == 1 and cards[0].buttons()

    clock.set(clock.now() + timedelta(minutes=5))
    await tg.jobs()  # recorded now: never again
    assert len([s for s in tg.api.in_chat(MODS) if s.text.startswith("<b>Story #1")]) == 1


async def test_a_429_while_publishing_is_waited_out(tg, clock):
    await approved(tg)
    tg.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5, chat_id=COMMUNITY)

    await flows.publish(tg, clock)

    assert len(posts_of_the_story(tg)) == 1
    assert 5 in tg.time.slept or sum(tg.time.slept) >= 5
