"""Telegram's own rows (the outbox records of posts, moderators' prompts) fall under the core's retention job."""

from datetime import timedelta

from tests.telegram_app import flows
from tests.telegram_app.flows import MODS
from tests.telegram_app.test_moderation import prompt

DAY = timedelta(days=1)


async def nonces(tg) -> set[str]:
    return {row[0] for row in await tg.app.db.fetchall("SELECT nonce FROM telegram_posts")}


async def prompts(tg) -> int:
    return await tg.app.db.fetchval("SELECT count(*) FROM telegram_prompts")


async def test_records_of_resolved_stories_go_after_their_window_and_live_ones_stay(tg, clock):
    where = await flows.community(tg)
    authors = [tg.member, tg.stranger, tg.api.user(5550020, "Uma"), tg.api.user(5550021, "Lee")]
    for author in authors:
        await flows.join(tg, author, where)
    published = await flows.submit(tg, authors[0], flows.CALM_STORY)
    rejected = await flows.submit(tg, authors[1], flows.CALM_STORY)
    waiting = await flows.submit(tg, authors[2], flows.CALM_STORY)
    forgotten = await flows.submit(tg, authors[3], flows.CALM_STORY)
    await tg.api.press(where.second, published, "Reject")  # a question nobody answers: another approves
    await tg.api.press(tg.admin, published, "Approve")
    await tg.api.press(where.second, waiting, "Reply to author")  # unanswered, on a story still waiting
    await tg.api.press(tg.admin, rejected, "Reject")
    await tg.api.reply(tg.admin, prompt(tg), "-")
    await flows.publish(tg, clock)
    await tg.api.message(authors[3], "/forgetme")
    await tg.api.press(authors[3], tg.api.last_sent(authors[3].id), "Yes, delete everything")
    assert forgotten.message_id not in {s.message_id for s in tg.api.in_chat(MODS) if s.buttons()}
    assert await nonces(tg) == {"queue-1", "queue-2", "queue-3", "queue-4", "story-1-1"}
    assert await prompts(tg) == 2

    await tg.jobs()  # at once: only what belongs to nothing any more
    assert await nonces(tg) == {"queue-1", "queue-2", "queue-3", "story-1-1"}
    assert await prompts(tg) == 2

    clock.set(clock.now() + DAY + timedelta(minutes=1))
    await tg.jobs()  # a day on: the question about a resolved story is forgotten
    assert await prompts(tg) == 1

    clock.set(clock.now() + 6 * DAY)
    await tg.jobs()  # past the 7-day window: the resolved stories' cards; the post that is up stays
    assert await nonces(tg) == {"queue-3", "story-1-1"}
    assert await prompts(tg) == 0  # and a week on, any prompt

    await tg.api.message(authors[0], "/mystories")
    await tg.api.press(authors[0], tg.api.last_sent(authors[0].id), "Remove #1")
    clock.set(clock.now() + 8 * DAY)
    await tg.jobs()
    assert await nonces(tg) == {"queue-3"}  # the waiting story's card still closes when it is resolved


async def test_privacy_states_how_long_post_records_are_kept(tg):
    await tg.api.message(tg.member, "/privacy")

    assert "queue card and post" in tg.api.last_sent(tg.member.id).text
    assert "7 days after it is resolved or removed" in tg.api.last_sent(tg.member.id).text
