"""An author's own controls on Telegram: /mystories (withdraw, remove), /forgetme, notices that cannot arrive."""

import re

from tests.telegram_app import flows
from tests.telegram_app.flows import COMMUNITY, MODS


async def test_withdraw_from_mystories_closes_the_queue_card(tg):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)

    await tg.api.message(tg.member, "/mystories")
    mine = tg.api.last_sent(tg.member.id)
    assert "Story #1" in mine.text and "waiting for a moderator" in mine.text
    await tg.api.press(tg.member, mine, "Withdraw #1")

    assert "Withdrawn." in tg.api.last_sent(tg.member.id).text
    closed = tg.api.sent[(MODS, card.message_id)]
    assert closed.reply_markup is None and "Withdrawn by its author" in closed.text and "resus" not in closed.text


async def test_remove_a_published_story_deletes_its_post(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)

    await tg.api.message(tg.member, "/mystories")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Remove #1")

    assert (COMMUNITY, post.message_id) not in tg.api.sent


async def test_a_post_too_old_to_delete_is_blanked_instead(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)
    tg.api.fail_next("deleteMessage", 400, "Bad Request: message can't be deleted")

    await tg.api.message(tg.member, "/mystories")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Remove #1")

    assert tg.api.sent[(COMMUNITY, post.message_id)].text == "This post was removed."


async def test_forgetme_deletes_everything_and_the_published_post(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)
    post = tg.api.last_sent(COMMUNITY)
    waiting = await flows.submit(tg, tg.member, flows.STORY)
    await tg.api.message(tg.member, "/share")  # and a share left half-way
    await tg.api.message(tg.member, flows.CALM_STORY)

    await tg.api.message(tg.member, "/forgetme")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Yes, delete everything")

    done = tg.api.last_sent(tg.member.id).text
    assert "I deleted 2 stories (1 published post removed from Telegram)" in done
    assert (COMMUNITY, post.message_id) not in tg.api.sent
    assert "Deleted at its author's request" in tg.api.sent[(MODS, waiting.message_id)].text
    for table in ("stories", "drafts", "share_conversations", "telegram_members", "reflection_seen"):
        assert await tg.app.db.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_an_author_who_blocked_the_bot_loses_nothing(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=tg.member.id)

    calls = await tg.api.press(tg.admin, card, "Reject")
    await tg.api.reply(tg.admin, [s for s in tg.api.in_chat(MODS) if "Reject story" in s.text][-1], "Too identifying")

    assert calls[0].method == "answerCallbackQuery"
    await tg.api.message(tg.member, "/mystories")
    assert "Moderator's reason: Too identifying" in tg.api.last_sent(tg.member.id).text


async def test_a_long_published_story_is_whole_and_removing_it_removes_every_part(tg, clock):
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    nights = " ".join(f"On night {n} I drove home in silence and sat in the car." for n in range(80))[:3990]
    card = await flows.submit(tg, tg.member, nights, "loss")
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)
    parts = [s for s in tg.api.in_chat(COMMUNITY) if "night" in s.text or "Story #1 ·" in s.text]
    shown = " ".join(re.sub(r"<[^>]+>", "", s.text) for s in parts)
    assert len(parts) >= 2, shown
    assert "On night 69 I drove home" in shown, shown
    assert "…" not in shown, shown

    await tg.api.message(tg.member, "/mystories")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Remove #1")

    assert all((COMMUNITY, part.message_id) not in tg.api.sent for part in parts)
