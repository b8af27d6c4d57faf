"""Sharing on Telegram: a conversation in the private chat, the queue card, a moderator's approval, the post."""

import asyncio

from aiogram.types import Update

from bot.db import stories as store
from bot.telegram_app.render import WORD_JOINER
from tests.telegram_app import flows
from tests.telegram_app.fake_api import Sent
from tests.telegram_app.flows import COMMUNITY, MODS, STORY


async def test_share_moderate_and_publish_end_to_end(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)

    preview = await flows.share(tg, tg.member, STORY, "death of a patient")

    # The identifiers the core found are named and replaced in what a moderator would read.
    assert "I found details that could identify someone" in preview.text
    assert "Okafor" not in preview.text and "[name]" in preview.text
    assert "death of a patient" in preview.text
    assert [b["text"] for b in preview.buttons()] == ["Submit redacted version", "Edit", "Cancel"]

    await tg.api.press(tg.member, preview, "Submit redacted version")

    assert "Your story is with the moderators (story #1)" in tg.api.last_sent(tg.member.id).text
    card = tg.api.last_sent(MODS)
    assert card.text.startswith("<b>Story #1</b>")
    assert "Okafor" not in card.text
    labels = [b["text"] for b in card.buttons()]
    assert labels[:3] == ["Approve", "Approve with content warning", "Edit & approve"]
    assert {"Reject", "Reply to author", "Block author", "Send support", "Mark urgent"} <= set(labels)
    assert all(len(b["callback_data"].encode()) <= 64 for b in card.buttons())

    calls = await tg.api.press(where.second, card, "Approve")

    assert calls[0].method == "answerCallbackQuery"  # answered before anything else
    assert "Done — story #1" in calls[0].params["text"]
    closed = tg.api.sent[(MODS, card.message_id)]
    assert closed.reply_markup is None and "Approved by Moderator" in closed.text
    assert "Okafor" not in closed.text and "monitor" not in closed.text
    assert "was approved" in tg.api.last_sent(tg.member.id).text  # the author's notice

    await flows.publish(tg, clock)

    post = tg.api.last_sent(COMMUNITY)
    assert "I keep hearing the monitor" in post.text and "Okafor" not in post.text
    assert "death of a patient" in post.text
    story = await store.by_number(tg.app.db, (await tg.app.db.fetchval("SELECT guild_id FROM stories")), 1)
    assert story.status == "published" and story.published_message_id == post.message_id

    await flows.publish(tg, clock)  # another round posts nothing again
    assert len([s for s in tg.api.in_chat(COMMUNITY) if "monitor" in s.text]) == 1


async def test_crisis_text_gets_the_crisis_card_before_any_further_question(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")

    calls = await tg.api.message(tg.member, flows.CRISIS_STORY)

    answer = tg.api.last_sent(tg.member.id).text
    assert "passed to the moderators, marked so they read it first" in answer
    assert "content warning" not in answer.lower()  # no further question
    sent_to_member = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == tg.member.id]
    assert sent_to_member and "Thank you for trusting us with this" in sent_to_member[0].params["text"]
    card = tg.api.last_sent(MODS)
    assert "URGENT" in card.text and "Mark urgent" not in [b["text"] for b in card.buttons()]
    # The conversation is over: the next message is not taken as a content warning.
    await tg.api.message(tg.member, "hello")
    assert "To share a story, send /share" in tg.api.last_sent(tg.member.id).text


async def test_choices_are_kept_and_cancel_keeps_nothing(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    preview = await flows.share(tg, tg.member, flows.CALM_STORY, reflection=True)
    assert "May be used anonymously as a daily reflection: yes" in preview.text
    assert "Tell me privately when it is reviewed: yes" in preview.text

    await tg.api.press(tg.member, preview, "Cancel")

    assert "Cancelled. Nothing was kept." in tg.api.sent[(tg.member.id, preview.message_id)].text
    assert await tg.app.db.fetchval("SELECT count(*) FROM drafts") == 0
    assert await tg.app.db.fetchval("SELECT count(*) FROM share_conversations") == 0


async def test_wrong_input_gets_a_clear_message_and_loses_nothing(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")

    await tg.api.send_photo(tg.member)
    assert "I can only read text here. Nothing is lost" in tg.api.last_sent(tg.member.id).text
    await tg.api.message(tg.member, "too short")
    assert "at least" in tg.api.last_sent(tg.member.id).text.lower()
    await tg.api.message(tg.member, "x" * 4050)
    assert "4050 characters; the limit is 4000" in tg.api.last_sent(tg.member.id).text

    await tg.api.message(tg.member, flows.CALM_STORY)  # still asking for the story
    assert "Does it need a content warning?" in tg.api.last_sent(tg.member.id).text
    await tg.api.send_photo(tg.member)
    assert "send a content warning as text" in tg.api.last_sent(tg.member.id).text


async def test_a_share_survives_a_restart_between_answers(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")
    await tg.api.message(tg.member, flows.CALM_STORY)

    await tg.restart()
    await tg.api.message(tg.member, "loss of a child")
    await tg.restart()
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Continue")

    preview = tg.api.last_sent(tg.member.id)
    assert "loss of a child" in preview.text and "sat in the car for an hour" in preview.text
    await tg.restart()
    await tg.api.press(tg.member, preview, "Submit")
    assert "Story #1" in tg.api.last_sent(MODS).text


async def test_edit_asks_again_and_can_keep_the_text(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    preview = await flows.share(tg, tg.member, flows.CALM_STORY, "loss of a child")

    await tg.api.press(tg.member, preview, "Edit")
    assert "sat in the car for an hour" in tg.api.last_sent(tg.member.id).text
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Keep this text")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Keep: loss of a child")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Continue")

    kept = tg.api.last_sent(tg.member.id)
    assert "loss of a child" in kept.text and "sat in the car" in kept.text
    assert await tg.app.db.fetchval("SELECT count(*) FROM drafts") == 1

    await tg.api.press(tg.member, kept, "Edit")
    await tg.api.message(tg.member, flows.CALM_STORY.replace("an hour", "two hours"))
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "No content warning")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Continue")
    edited = tg.api.last_sent(tg.member.id)
    assert "two hours" in edited.text and "Content warning" not in edited.text
    assert await tg.app.db.fetchval("SELECT count(*) FROM drafts") == 1

    await tg.api.press(tg.member, preview, "Submit")  # the first preview's draft was replaced
    assert "no longer here" in tg.api.sent[(tg.member.id, preview.message_id)].text
    await tg.api.press(tg.member, edited, "Submit")
    assert "two hours" in tg.api.last_sent(MODS).text


async def test_no_mention_in_a_story_notifies_anyone(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY + " Thank you @ward_lead and @everyone.")

    assert "@ward_lead" not in card.text and f"@{WORD_JOINER}ward_lead" in card.text
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)
    assert "@ward_lead" not in post.text and "@everyone" not in post.text
    for call in tg.api.calls_to("sendMessage"):
        assert "<a " not in call.params["text"] and "tg://user" not in call.params["text"]
        assert call.params.get("link_preview_options", {}).get("is_disabled") is True


async def test_share_needs_a_community_link_first(tg):
    await tg.api.message(tg.member, "/share")
    assert "open the link your group shows" in tg.api.last_sent(tg.member.id).text


async def test_one_persons_quick_messages_are_handled_in_the_order_sent(tg):
    from aiogram.types import Update

    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")
    updates = [
        Update.model_validate(tg.api.message_update(tg.member, text), context={"bot": tg.adapter.bot})
        for text in (flows.CALM_STORY, "loss of a child")
    ]

    # Fed together, as aiogram does with handle_as_tasks: the story must still come before the warning.
    await asyncio.gather(*(tg.adapter.dispatcher.feed_update(tg.adapter.bot, update) for update in updates))

    assert "Two choices" in tg.api.last_sent(tg.member.id).text
    draft = await tg.app.db.fetchone("SELECT text, content_warning FROM drafts")
    assert draft["content_warning"] == "loss of a child" and "sat in the car" in draft["text"]


async def test_reflects_share_my_own_story_button_starts_the_conversation(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/reflect")

    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Share my own story")

    assert "Tell me what happened" in tg.api.last_sent(tg.member.id).text


async def test_a_community_without_its_moderators_group_says_how_to_set_it_up(tg):
    group = tg.api.group(flows.COMMUNITY, "Night Shift", owner=tg.admin)
    await tg.api.message(tg.admin, "/setup", chat=group)  # a community, not yet bound to a moderators' group
    code = (await tg.app.db.fetchval("SELECT code FROM telegram_communities"))
    await tg.api.message(tg.member, f"/start {code}")

    await tg.api.message(tg.member, "/share")

    said = tg.api.last_sent(tg.member.id).text
    assert "/setup in the community group" in said and "/setup channels" not in said and "{setup}" not in said


NIGHTS = " ".join(f"On night {n} I drove home in silence and sat in the car." for n in range(200))


async def paste(tg, user, *pieces: str) -> list[str]:
    """A long paste as Telegram's apps send it: several messages at once, with consecutive ids; returns what
    the bot sent the person in answer."""
    updates = [
        Update.model_validate(tg.api.message_update(user, piece), context={"bot": tg.adapter.bot}) for piece in pieces
    ]
    before = len(tg.api.calls)
    await asyncio.gather(*(tg.adapter.dispatcher.feed_update(tg.adapter.bot, update) for update in updates))
    sent = [c for c in tg.api.calls[before:] if c.method == "sendMessage" and c.params["chat_id"] == user.id]
    return [c.params["text"] for c in sent]


async def conversation_step(tg) -> str:
    return await tg.app.db.fetchval("SELECT step FROM share_conversations")


async def test_a_paste_split_into_pieces_is_refused_once_and_no_piece_becomes_an_answer(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")

    said = await paste(tg, tg.member, NIGHTS[:4096], NIGHTS[4096:8192], NIGHTS[8192:8600])

    assert len(said) == 1 and "4096 characters; the limit is 4000" in said[0]
    assert await conversation_step(tg) == "story"
    assert await tg.app.db.fetchval("SELECT count(*) FROM drafts") == 0
    await tg.api.message(tg.member, flows.CALM_STORY)  # a story sent as one message is read as before
    assert "Does it need a content warning?" in tg.api.last_sent(tg.member.id).text


async def test_a_paste_whose_first_piece_fits_does_not_give_its_rest_as_the_content_warning(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")

    said = await paste(tg, tg.member, NIGHTS[:3950], NIGHTS[3950:4400])

    assert "Does it need a content warning?" in said[0]  # the first piece alone looked like a whole story
    assert len(said) == 2 and "arrived in more than one message" in said[1] and "4000-character limit" in said[1]
    assert await conversation_step(tg) == "story"
    assert await tg.app.db.fetchval("SELECT count(*) FROM drafts") == 0  # nothing of it is kept
    await tg.api.message(tg.member, flows.CALM_STORY)
    await tg.api.message(tg.member, "loss of a child")
    assert await tg.app.db.fetchval("SELECT content_warning FROM drafts") == "loss of a child"


async def test_a_button_no_handler_knows_is_still_answered(tg):
    """A press from a button this version no longer makes (or a queue button pressed in a private chat):
    answered at once, so the person's app does not spin, and nothing else happens."""
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    in_private = Sent(tg.member.id, card.message_id, card.text, card.reply_markup)  # the same button, elsewhere
    stale = Sent(tg.member.id, 1, "old", {"inline_keyboard": [[{"text": "Old", "callback_data": "v0:gone"}]]})

    for sent, label in ((in_private, "Approve"), (stale, "Old")):
        calls = await tg.api.press(tg.member, sent, label)
        assert [c.method for c in calls] == ["answerCallbackQuery"], calls
        assert "no longer works" in calls[0].params["text"]
    assert (await store.by_number(tg.app.db, await tg.app.db.fetchval("SELECT guild_id FROM stories"), 1)).status == (
        "pending"
    )
