"""Exactly once on Telegram, where nothing can be searched: what the outbox record decides after each fault."""

import asyncio
from datetime import timedelta

from aiogram.types import Update

from bot.core import chat_communities, publishing
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


# -- a story post never confirmed, recovered by a moderator -------------------------------------------------

MISSING = "It's missing: post it"


async def unconfirmed(tg, clock):
    """Telegram answered 500 to the story's post and made nothing; the notice with its button is in MODS."""
    where = await approved(tg)
    tg.api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=COMMUNITY)
    await flows.publish(tg, clock)
    clock.set(clock.now() + timedelta(hours=1))
    await tg.jobs()
    assert posts_of_the_story(tg) == []
    return where, the_notice(tg)


def the_notice(tg):
    notices = [sent for sent in tg.api.in_chat(MODS) if "may be missing" in sent.text]
    assert len(notices) == 1
    return notices[0]


def answers_since(tg, before: int) -> list[str]:
    return [c.params.get("text", "") for c in tg.api.calls[before:] if c.method == "answerCallbackQuery"]


async def test_the_notice_of_an_unconfirmed_story_post_has_a_button_carrying_only_an_id(tg, clock):
    _, notice = await unconfirmed(tg, clock)

    assert "Story #1 may be missing from the publish chat" in notice.text
    assert "Telegram did not confirm a post" in notice.text and "sat in the car" not in notice.text
    story = await the_story(tg)
    assert notice.button(MISSING)["callback_data"] == f"sw:missing:repost:{story.id}"
    assert story.status == "published" and story.published_message_id is None  # taken as made, no known post


async def test_pressing_it_posts_the_story_once_and_the_notice_says_who(tg, clock):
    _, notice = await unconfirmed(tg, clock)

    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()
    clock.set(clock.now() + timedelta(hours=1))
    await tg.jobs()

    assert len(posts_of_the_story(tg)) == 1
    story = await the_story(tg)
    assert story.status == "published" and story.published_message_id is not None
    now = tg.api.sent[(MODS, notice.message_id)]
    assert now.buttons() == [] and "Moderator " in now.text and "posted again" in now.text
    assert "Ada" not in now.text and "ada_admin" not in now.text and str(tg.admin.id) not in now.text
    logged = await tg.app.db.fetchval("SELECT count(*) FROM mod_log WHERE action = 'repost'")
    assert logged == 1


async def test_two_moderators_or_two_presses_post_it_once(tg, clock):
    where, notice = await unconfirmed(tg, clock)
    presses = [
        Update.model_validate(tg.api.press_update(tg.admin, notice, MISSING), context={"bot": tg.adapter.bot}),
        Update.model_validate(tg.api.press_update(where.second, notice, MISSING), context={"bot": tg.adapter.bot}),
        Update.model_validate(tg.api.press_update(tg.admin, notice, MISSING), context={"bot": tg.adapter.bot}),
    ]
    before = len(tg.api.calls)

    await asyncio.gather(*(tg.adapter.dispatcher.feed_update(tg.adapter.bot, update) for update in presses))
    for _ in range(2):
        await tg.jobs()
        clock.set(clock.now() + timedelta(hours=1))

    assert len(posts_of_the_story(tg)) == 1
    refused = [text for text in answers_since(tg, before) if text]
    assert len(refused) == 2 and all("already being posted again" in text for text in refused)
    assert await tg.app.db.fetchval("SELECT count(*) FROM mod_log WHERE action = 'repost'") == 1


async def test_a_press_after_the_repost_was_made_posts_nothing(tg, clock):
    _, notice = await unconfirmed(tg, clock)
    late = Update.model_validate(tg.api.press_update(tg.admin, notice, MISSING), context={"bot": tg.adapter.bot})
    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()

    before = len(tg.api.calls)
    await tg.adapter.dispatcher.feed_update(tg.adapter.bot, late)  # from a screen still showing the button
    await tg.jobs()

    assert len(posts_of_the_story(tg)) == 1
    assert any("nothing to post" in text for text in answers_since(tg, before))


async def test_a_non_moderator_is_refused(tg, clock):
    _, notice = await unconfirmed(tg, clock)
    before = len(tg.api.calls)

    await tg.api.press(tg.stranger, notice, MISSING)
    await tg.jobs()

    assert posts_of_the_story(tg) == []
    assert any("Only the admins" in text for text in answers_since(tg, before))
    assert tg.api.sent[(MODS, notice.message_id)].button(MISSING)
    assert (await the_story(tg)).status == "published"


async def test_a_story_unpublished_meanwhile_is_not_posted(tg, clock):
    _, notice = await unconfirmed(tg, clock)
    await tg.api.message(tg.admin, "/unpublish 1", chat=tg.api.chats[MODS])
    before = len(tg.api.calls)

    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()

    assert posts_of_the_story(tg) == []
    assert any("was removed meanwhile: there is nothing to post" in text for text in answers_since(tg, before))
    assert (await the_story(tg)).status == "removed"


async def test_a_story_its_author_deleted_is_not_posted(tg, clock):
    _, notice = await unconfirmed(tg, clock)
    await tg.app.db.execute("DELETE FROM stories")  # as the author's /forget leaves it
    before = len(tg.api.calls)

    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()

    assert posts_of_the_story(tg) == []
    assert any("no longer exists" in text for text in answers_since(tg, before))


async def test_a_repost_that_is_unconfirmed_again_gets_a_new_notice_never_a_second_post(tg, clock):
    _, notice = await unconfirmed(tg, clock)
    tg.api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=COMMUNITY)

    await tg.api.press(tg.admin, notice, MISSING)
    for _ in range(3):
        await tg.jobs()
        clock.set(clock.now() + timedelta(hours=1))
    assert posts_of_the_story(tg) == []
    again = the_notice(tg)  # the first notice was used; a new one asks again
    assert again.message_id != notice.message_id

    await tg.api.press(tg.admin, again, MISSING)
    await tg.jobs()
    assert len(posts_of_the_story(tg)) == 1
    assert (await the_story(tg)).status == "published"


async def test_a_notice_that_could_not_be_sent_is_sent_on_a_later_round(tg, clock):
    """The notice is the only way back to a missing story: the story waits until the moderators have it."""
    await approved(tg)
    tg.api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=COMMUNITY)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat", chat_id=MODS)

    await flows.publish(tg, clock)
    clock.set(clock.now() + timedelta(hours=1))
    await tg.jobs()  # the post is unknown, and the notice is refused
    assert [s for s in tg.api.in_chat(MODS) if "may be missing" in s.text] == []
    assert (await the_story(tg)).status == "approved"

    clock.set(clock.now() + timedelta(hours=1))
    await tg.jobs()

    notice = the_notice(tg)
    assert (await the_story(tg)).status == "published" and posts_of_the_story(tg) == []
    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()
    assert len(posts_of_the_story(tg)) == 1


async def test_a_story_taken_down_with_an_unconfirmed_post_asks_the_moderators_to_delete_it_by_hand(tg, clock):
    """Its post may be up and can't be deleted by the bot: a removed story must not stay readable unnoticed."""
    await unconfirmed(tg, clock)

    await tg.api.message(tg.member, "/mystories")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Remove #1")

    asked = [s.text for s in tg.api.in_chat(MODS) if "can't be deleted by me" in s.text]
    assert len(asked) == 1 and "Story #1 was taken down" in asked[0] and "delete it by hand" in asked[0]
    assert "sat in the car" not in asked[0]


async def test_unpublish_of_a_story_with_an_unconfirmed_post_says_so(tg, clock):
    await unconfirmed(tg, clock)

    await tg.api.message(tg.admin, "/unpublish 1", chat=tg.api.chats[MODS])

    said = [s.text for s in tg.api.in_chat(MODS) if "Story #1 was unpublished" in s.text]
    assert len(said) == 1 and "never confirmed" in said[0] and "post deleted" not in said[0]
    assert any("can't be deleted by me" in s.text for s in tg.api.in_chat(MODS))


async def test_forgetme_with_an_unconfirmed_post_counts_no_removed_post_and_asks_the_moderators(tg, clock):
    await unconfirmed(tg, clock)

    await tg.api.message(tg.member, "/forgetme")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Yes, delete everything")

    assert "published post removed" not in tg.api.last_sent(tg.member.id).text
    assert any("can't be deleted by me" in s.text for s in tg.api.in_chat(MODS))


async def test_a_crash_between_sending_and_recording_gets_the_button_too(tg, clock):
    """As a crash leaves it: the intent recorded, the story mid-post, no message ids; a restart looks first."""
    await approved(tg)
    story = await the_story(tg)
    await chat_communities.post_intent(
        tg.app, f"story-{story.id}-{story.number}", story.guild_id, COMMUNITY, publishing.marker(story)
    )
    await tg.app.db.execute(
        "UPDATE stories SET publish_state = 'posting', publish_attempts = 1, publish_after = 0, "
        "publish_claimed_until = 0 WHERE id = ?",
        (story.id,),
    )

    await tg.jobs()
    notice = the_notice(tg)
    assert posts_of_the_story(tg) == []

    await tg.api.press(tg.admin, notice, MISSING)
    await tg.jobs()
    assert len(posts_of_the_story(tg)) == 1
