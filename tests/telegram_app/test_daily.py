"""The daily reflection on Telegram: set in the community group, posted by the core's worker in the publish chat."""

from datetime import UTC, datetime

from tests.telegram_app import flows
from tests.telegram_app.flows import COMMUNITY, MODS

NINE_LONDON = datetime(2026, 11, 22, 9, 1, tzinfo=UTC)  # 09:01 in London (GMT) the next morning


def daily_posts(tg) -> list:
    return [sent for sent in tg.api.in_chat(COMMUNITY) if "Daily reflection · 22 Nov 2026" in sent.text]


async def test_daily_reflection_at_the_communitys_local_time_once(tg, clock):
    where = await flows.community(tg)
    await tg.api.message(tg.admin, "/setup daily 09:00 Europe/London", chat=where.group)
    saved = tg.api.last_sent(COMMUNITY).text
    assert "Saved: daily reflections go to the publish chat." in saved and "09:00" in saved

    await tg.jobs()
    assert daily_posts(tg) == []  # not yet
    clock.set(NINE_LONDON)
    await tg.jobs()
    await tg.jobs()

    assert len(daily_posts(tg)) == 1


async def test_a_5xx_after_the_daily_post_was_made_never_posts_it_twice(tg, clock):
    where = await flows.community(tg)
    await tg.api.message(tg.admin, "/setup daily 09:00 weekdays Europe/London", chat=where.group)
    clock.set(datetime(2026, 11, 23, 9, 1, tzinfo=UTC))  # a Monday
    tg.api.fail_next("sendMessage", 503, "Service Unavailable", chat_id=COMMUNITY, after=True)

    for minutes in range(0, 10, 2):
        clock.set(datetime(2026, 11, 23, 9, 1 + minutes, tzinfo=UTC))
        await tg.jobs()

    assert len([s for s in tg.api.in_chat(COMMUNITY) if "Daily reflection · 23 Nov 2026" in s.text]) == 1
    # The moderators are told once, without a button: a missing daily post is not made again (the README says why).
    told = [s for s in tg.api.in_chat(MODS) if "may not have been posted" in s.text]
    assert len(told) == 1 and "The daily reflection of 23 November" in told[0].text
    assert "Telegram did not confirm a post" in told[0].text and told[0].buttons() == []


async def test_daily_needs_an_admin_and_a_publish_chat(tg):
    where = await flows.community(tg, publish=False)
    await tg.api.message(tg.member, "/setup daily 09:00", chat=where.group)
    assert "Only an admin of this group" in tg.api.last_sent(COMMUNITY).text
    await tg.api.message(tg.admin, "/setup daily 09:00", chat=where.group)
    assert "Choose where posts go first" in tg.api.last_sent(COMMUNITY).text
    await tg.api.message(tg.admin, "/setup publish here", chat=where.group)
    await tg.api.message(tg.admin, "/setup daily 25:00", chat=where.group)
    assert "not a time I can use" in tg.api.last_sent(COMMUNITY).text
    await tg.api.message(tg.admin, "/setup daily 09:00 Mars/Olympus", chat=where.group)
    assert "not a time zone I know" in tg.api.last_sent(COMMUNITY).text
    await tg.api.message(tg.admin, "/setup daily off", chat=where.group)
    assert "aren't set up" in tg.api.last_sent(COMMUNITY).text


async def test_off_pauses_and_on_resumes(tg, clock):
    where = await flows.community(tg)
    await tg.api.message(tg.admin, "/setup daily 09:00 Europe/London", chat=where.group)
    await tg.api.message(tg.admin, "/setup daily off", chat=where.group)
    assert "Paused" in tg.api.last_sent(COMMUNITY).text
    clock.set(NINE_LONDON)
    await tg.jobs()
    assert daily_posts(tg) == []

    await tg.api.message(tg.admin, "/setup daily on", chat=where.group)
    assert "Resumed" in tg.api.last_sent(COMMUNITY).text or "posted at" in tg.api.last_sent(COMMUNITY).text


async def test_a_refused_daily_post_is_told_to_the_moderators_in_telegrams_words(tg, clock):
    where = await flows.community(tg)
    await tg.api.message(tg.admin, "/setup daily 09:00 Europe/London", chat=where.group)
    clock.set(NINE_LONDON)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat", chat_id=COMMUNITY)

    await tg.jobs()

    told = [s.text for s in tg.api.in_chat(flows.MODS) if "removed from the publish chat" in s.text]
    assert len(told) == 1 and "/setup daily in the community group" in told[0] and "/daily setup" not in told[0]
