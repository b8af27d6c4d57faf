"""Every button on a queued story, pressed in the moderators' group through the real aiogram."""

import asyncio

from aiogram.types import Update

from bot.db import stories as store
from tests.telegram_app import flows
from tests.telegram_app.fake_api import _ADMIN_RIGHTS as ADMIN_RIGHTS
from tests.telegram_app.flows import COMMUNITY, MODS


async def ready(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    return where, card


async def the_story(tg):
    guild_id = await tg.app.db.fetchval("SELECT guild_id FROM stories")
    return await store.by_number(tg.app.db, guild_id, 1)


def prompt(tg):
    """The bot's latest force-reply prompt in the moderators' group."""
    found = [sent for sent in tg.api.in_chat(MODS) if (sent.reply_markup or {}).get("force_reply")]
    assert found, "no prompt"
    return found[-1]


async def test_someone_who_is_not_an_admin_of_the_moderators_group_is_refused(tg):
    _, card = await ready(tg)

    calls = await tg.api.press(tg.member, card, "Approve")

    assert calls[0].method == "answerCallbackQuery"
    assert "Only the admins of this moderators' group" in calls[0].params["text"]
    assert (await the_story(tg)).status == "pending"
    assert tg.api.sent[(MODS, card.message_id)].buttons()  # the card is untouched


async def test_an_admin_removed_from_the_group_is_refused_at_the_next_press(tg):
    tg.adapter.context.admins._clock = tg.time.clock
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Mark urgent")
    where.mods.admins.pop(where.second.id)
    tg.time.now += 3600  # past the admin cache

    calls = await tg.api.press(where.second, tg.api.sent[(MODS, card.message_id)], "Approve")

    assert [c.method for c in calls] == ["getChatAdministrators", "answerCallbackQuery"]
    assert "Only the admins" in calls[1].params["text"]
    assert (await the_story(tg)).status == "pending"


async def test_a_press_after_the_admin_list_aged_is_answered_before_telegram_is_asked(tg):
    tg.adapter.context.admins._clock = tg.time.clock
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Mark urgent")  # the group's first press: the list is fetched
    where.mods.admins.pop(where.second.id)
    tg.time.now += 120  # past the list's freshness, within its staleness

    before = len(tg.api.calls)
    await tg.api.press(tg.admin, tg.api.sent[(MODS, card.message_id)], "Send support")
    await tg.adapter.context.admins.settle()

    calls = tg.api.calls[before:]
    assert calls[0].method == "answerCallbackQuery" and "crisis lines" in calls[0].params["text"]
    assert [c.method for c in calls].count("getChatAdministrators") == 1
    # The list fetched behind that answer is what the next press is checked against.
    later = await tg.api.press(where.second, tg.api.sent[(MODS, card.message_id)], "Reject")
    assert [c.method for c in later] == ["answerCallbackQuery"] and "Only the admins" in later[0].params["text"]


async def test_someone_not_on_an_aged_list_is_checked_against_a_fresh_one(tg):
    tg.adapter.context.admins._clock = tg.time.clock
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Mark urgent")
    promoted = tg.api.user(5550010, "Kofi", "kofi_mod")
    where.mods.admins[promoted.id] = {"status": "administrator", "user": promoted.as_dict(), **ADMIN_RIGHTS}
    tg.time.now += 120

    calls = await tg.api.press(promoted, tg.api.sent[(MODS, card.message_id)], "Approve")

    assert [c.method for c in calls][:2] == ["getChatAdministrators", "answerCallbackQuery"], calls
    assert (await the_story(tg)).status == "approved"


async def test_a_configured_moderator_may_act_without_being_an_admin(tg):
    _, card = await ready(tg)
    tg.adapter.context.moderators = frozenset({tg.stranger.id})

    await tg.api.press(tg.stranger, card, "Approve")

    assert (await the_story(tg)).status == "approved"


async def test_reject_with_a_reason_reaches_mystories_and_a_restart_between_press_and_answer(tg):
    where, card = await ready(tg)
    calls = await tg.api.press(where.second, card, "Reject")
    assert calls[0].method == "answerCallbackQuery" and "reply to it" in calls[0].params["text"]
    asked = prompt(tg)
    assert "Reject story #1" in asked.text

    await tg.restart()
    await tg.api.reply(where.second, asked, "It names the ward and the night; please share it without them.")

    story = await the_story(tg)
    assert story.status == "rejected" and story.reject_reason.startswith("It names the ward")
    closed = tg.api.sent[(MODS, card.message_id)]
    assert closed.reply_markup is None and "Rejected by Moderator" in closed.text and "resus" not in closed.text
    assert (MODS, asked.message_id) not in tg.api.sent  # the prompt is gone
    assert "won't be published" in tg.api.last_sent(tg.member.id).text

    await tg.api.message(tg.member, "/mystories")
    assert "Moderator's reason: It names the ward" in tg.api.last_sent(tg.member.id).text


async def test_reject_without_a_reason(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Reject")
    await tg.api.reply(where.second, prompt(tg), "-")
    story = await the_story(tg)
    assert story.status == "rejected" and story.reject_reason is None


async def test_only_a_moderator_can_answer_a_prompt(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Reject")
    asked = prompt(tg)
    tg.api.chats[MODS].admins.pop(tg.stranger.id, None)

    await tg.api.reply(tg.stranger, asked, "not allowed")
    assert (await the_story(tg)).status == "pending"
    assert "Only the admins" in tg.api.last_sent(MODS).text

    await tg.api.reply(where.second, asked, "A reason")  # the prompt still waits
    assert (await the_story(tg)).status == "rejected"


async def test_approve_with_a_content_warning(tg, clock):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Approve with content warning")
    await tg.api.reply(where.second, prompt(tg), "death of a child")

    story = await the_story(tg)
    assert story.status == "approved" and story.content_warning == "death of a child"
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)
    assert "death of a child" in post.text and "<tg-spoiler>" in post.text


async def test_edit_and_approve_offers_the_text_to_copy_and_publishes_the_edit(tg, clock):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Edit & approve")
    offered = tg.api.in_chat(MODS)[-2]
    assert "sat in the car for an hour" in offered.text
    asked = prompt(tg)

    await tg.api.reply(where.second, asked, flows.CALM_STORY.replace("an hour", "a long time"))

    assert (MODS, offered.message_id) not in tg.api.sent  # the offered text went with the prompt
    await flows.publish(tg, clock)
    assert "sat in the car for a long time" in tg.api.last_sent(COMMUNITY).text


async def test_reply_to_the_author_is_delivered_and_kept(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Reply to author")
    calls = await tg.api.reply(where.second, prompt(tg), "Thank you for writing this. We're here.")

    delivered = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == tg.member.id]
    assert delivered and "Thank you for writing this. We're here." in delivered[0].params["text"]
    assert "was sent and is in their" in tg.api.last_sent(MODS).text
    assert tg.api.sent[(MODS, card.message_id)].buttons()  # a reply does not resolve the story
    await tg.api.message(tg.member, "/mystories")
    assert "Moderator replied: Thank you for writing this." in tg.api.last_sent(tg.member.id).text


async def test_a_reply_to_an_author_who_blocked_the_bot_is_kept_and_the_moderator_told(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Reply to author")
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=tg.member.id)

    await tg.api.reply(where.second, prompt(tg), "We're thinking of you.")

    assert "it waits for them in their" in tg.api.last_sent(MODS).text
    await tg.api.message(tg.member, "/mystories")
    assert "We're thinking of you." in tg.api.last_sent(tg.member.id).text


async def test_block_asks_first_then_blocks_and_rejects(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Block author")
    question = tg.api.last_sent(MODS)
    assert "Block the author of this story?" in question.text

    await tg.api.press(where.second, question, "Yes, block the author")

    assert (await the_story(tg)).status == "rejected"
    assert tg.api.sent[(MODS, question.message_id)].reply_markup is None
    assert "Author blocked by Moderator" in tg.api.sent[(MODS, card.message_id)].text
    await tg.api.message(tg.member, "/share")
    assert "can't share another story in this community right now" in tg.api.last_sent(tg.member.id).text


async def test_send_support_sends_the_crisis_card_anonymously(tg):
    where, card = await ready(tg)
    calls = await tg.api.press(where.second, card, "Send support")

    assert "crisis lines and a short note were sent" in calls[0].params["text"]
    to_author = [c.params["text"] for c in calls if c.method == "sendMessage" and c.params["chat_id"] == tg.member.id]
    assert any("wanted to make sure you have people to talk to" in text for text in to_author)
    assert any("emergency" in text.lower() for text in to_author)
    assert all("Bea" not in text and "bea_mod" not in text for text in to_author)


async def test_mark_urgent_redraws_the_card_once(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Mark urgent")

    redrawn = tg.api.sent[(MODS, card.message_id)]
    assert "URGENT" in redrawn.text and "Mark urgent" not in [b["text"] for b in redrawn.buttons()]
    assert "Approve" in [b["text"] for b in redrawn.buttons()]
    assert "marked urgent and needs a moderator" in tg.api.last_sent(MODS).text
    assert (await the_story(tg)).crisis_level == "urgent"


async def test_two_moderators_pressing_at_once_resolve_it_once(tg):
    where, card = await ready(tg)
    presses = [
        Update.model_validate(tg.api.press_update(tg.admin, card, "Approve"), context={"bot": tg.adapter.bot}),
        Update.model_validate(tg.api.press_update(where.second, card, "Approve"), context={"bot": tg.adapter.bot}),
    ]
    before = len(tg.api.calls)

    # Fed to the dispatcher together, so both run the flow at the same time (as with handle_as_tasks).
    await asyncio.gather(*(tg.adapter.dispatcher.feed_update(tg.adapter.bot, update) for update in presses))

    answers = [c.params.get("text", "") for c in tg.api.calls[before:] if c.method == "answerCallbackQuery"]
    assert sorted(text.split(":")[0] for text in answers) == ["Done — story #1", "Story #1 was already handled"]
    assert await tg.app.db.fetchval("SELECT count(*) FROM mod_log WHERE action = 'approve'") == 1
    assert tg.api.sent[(MODS, card.message_id)].reply_markup is None
    assert (
        len([c for c in tg.api.calls[before:] if c.method == "sendMessage" and c.params["chat_id"] == tg.member.id])
        == 1
    )


async def test_a_block_after_an_approval_leaves_the_approval(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Block author")
    question = tg.api.last_sent(MODS)
    await tg.api.press(tg.admin, card, "Approve")

    await tg.api.press(where.second, question, "Yes, block the author")

    assert (await the_story(tg)).status == "approved"
    said = tg.api.sent[(MODS, question.message_id)].text
    assert "is blocked from sharing here. The story itself stays approved" in said
    assert "/unpublish 1 in the moderators' group" in said and "/mod" not in said


async def test_the_moderation_log_holds_a_pseudonym_never_a_telegram_id(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Approve")
    moderator = await tg.app.db.fetchval("SELECT moderator_id FROM mod_log WHERE action = 'approve'")
    assert moderator not in (where.second.id, tg.admin.id)
    assert str(where.second.id) not in str(await tg.app.db.fetchall("SELECT * FROM mod_log"))
    assert "Bea" not in tg.api.sent[(MODS, card.message_id)].text


async def test_a_photo_in_answer_to_a_prompt_is_not_taken_as_an_empty_reason(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Reject")
    asked = prompt(tg)
    photo = [{"file_id": "p", "file_unique_id": "u", "width": 9, "height": 9}]
    replied = {"message_id": asked.message_id, "date": 0, "chat": where.mods.as_dict(), "from": tg.api.bot_user}

    await tg.api.message(where.second, "", chat=where.mods, photo=photo, reply_to_message=replied)

    assert (await the_story(tg)).status == "pending"
    assert "Please answer with text" in tg.api.last_sent(MODS).text
    await tg.api.reply(where.second, asked, "-")
    assert (await the_story(tg)).status == "rejected"


async def test_a_long_story_card_comes_in_parts_and_closes_to_one_without_the_text(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    nights = " ".join(f"On night {n} I drove home in silence and sat in the car." for n in range(80))
    card = await flows.submit(tg, tg.member, nights[:3990])  # with the card's fields, more than one message
    parts = [s for s in tg.api.in_chat(MODS) if "drove home in silence" in s.text or s.message_id == card.message_id]
    assert len(parts) >= 2 and card.buttons()

    await tg.api.press(where.second, card, "Approve")

    left = [s for s in tg.api.in_chat(MODS) if s.message_id in {p.message_id for p in parts}]
    assert len(left) == 1 and "Approved by Moderator" in left[0].text
    assert all("drove home" not in s.text for s in tg.api.in_chat(MODS))


async def test_a_second_card_made_after_an_unknowable_error_closes_when_pressed(tg, clock):
    from datetime import timedelta

    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    tg.api.fail_next("sendMessage", 502, "Bad Gateway", chat_id=MODS, after=True)  # made, but unconfirmed
    preview = await flows.share(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.member, preview, "Submit")
    clock.set(clock.now() + timedelta(minutes=5))
    await tg.jobs()
    first, second = [s for s in tg.api.in_chat(MODS) if s.text.startswith("<b>Story #1")]

    await tg.api.press(where.second, second, "Approve")
    assert "resus" in tg.api.sent[(MODS, first.message_id)].text  # the unknown one, until pressed
    calls = await tg.api.press(tg.admin, first, "Reject")

    assert "already handled" in calls[0].params["text"]
    for card in (first, second):
        shown = tg.api.sent[(MODS, card.message_id)]
        assert shown.reply_markup is None and "resus" not in shown.text and "Approved" in shown.text


async def test_unpublish_in_the_moderators_group_takes_a_story_down(tg, clock):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Approve")
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)

    await tg.api.message(tg.member, "/unpublish 1", chat=where.mods)
    assert "Only the admins" in tg.api.last_sent(MODS).text
    assert (COMMUNITY, post.message_id) in tg.api.sent

    await tg.api.message(where.second, "/unpublish 1", chat=where.mods)

    assert "Story #1 was unpublished" in tg.api.last_sent(MODS).text
    assert (COMMUNITY, post.message_id) not in tg.api.sent
    assert (await the_story(tg)).status == "removed"


async def test_an_edit_too_long_is_refused_and_the_prompt_still_waits(tg):
    where, card = await ready(tg)
    await tg.api.press(where.second, card, "Edit & approve")
    asked = prompt(tg)

    await tg.api.reply(where.second, asked, "word " * 820)  # 4,100 characters

    assert "limit is 4000" in tg.api.last_sent(MODS).text
    assert (MODS, asked.message_id) in tg.api.sent
    await tg.api.reply(where.second, asked, flows.CALM_STORY)
    assert (await the_story(tg)).status == "approved"
    assert (MODS, asked.message_id) not in tg.api.sent
