"""After every flow there is, a member's Telegram id and names are nowhere but the chat_id of their own chat."""

import json
import logging
from pathlib import Path

from bot.db.connection import is_postgres_url
from tests import backends
from tests.telegram_app.test_setup import bind


async def _stored(db_path: str) -> tuple[str, bytes]:
    """Every stored row as text, and on SQLite the file's bytes too (freed pages, the WAL)."""
    files = Path(db_path).parent.glob("stairwell.sqlite3*") if not is_postgres_url(db_path) else ()
    return await backends.dump(db_path), b"".join(path.read_bytes() for path in files)


def traces(user) -> list[str]:
    return [str(user.id), user.first_name, user.username]


async def test_no_id_or_name_in_logs_database_or_other_calls(tg, caplog):
    caplog.set_level(logging.DEBUG)
    community = tg.api.group(-1001000, "Night Shift", owner=tg.admin)
    mods = tg.api.group(-1002000, "Mods", owner=tg.admin)
    code = await bind(tg, community, mods)
    await tg.api.message(tg.admin, "/setup publish here", chat=community)

    await tg.api.message(tg.member, f"/start {code}")
    await tg.api.message(tg.member, "/reflect")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Another")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Support")
    await tg.api.message(tg.member, "/resources GB nurses")
    await tg.api.message(tg.member, "/help")
    await tg.api.message(tg.member, "/reflect", chat=community)
    tg.api.fail_next("sendMessage", 429, "Too Many Requests", retry_after=2, chat_id=tg.member.id)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=tg.member.id)
    await tg.api.message(tg.member, "/about")
    await tg.restart()
    await tg.api.message(tg.member, "/privacy")

    people = [tg.member, tg.admin]
    logged = caplog.text
    for person in people:
        for trace in traces(person):
            assert trace not in logged, trace

    stored, raw = await _stored(tg.db_path)
    for person in people:
        for trace in traces(person):
            assert trace not in stored, trace
            assert trace.encode() not in raw, trace
    assert "telegram_communities:" in stored, "the flows stored something"

    for call in tg.api.calls:
        params = dict(call.params)
        if params.get("chat_id") == tg.member.id:
            params.pop("chat_id")
        if call.method == "getChatAdministrators":
            continue
        text = json.dumps(params, ensure_ascii=False)
        for trace in traces(tg.member):
            assert trace not in text, (call.method, trace)


async def test_after_share_moderation_and_publishing_no_author_or_moderator_trace_is_left(tg, caplog, clock):
    from tests.telegram_app import flows
    from tests.telegram_app.flows import MODS

    caplog.set_level(logging.DEBUG)
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.STORY, "death of a patient")
    await tg.api.press(where.second, card, "Reply to author")
    asked = [s for s in tg.api.in_chat(MODS) if (s.reply_markup or {}).get("force_reply")][-1]
    await tg.api.reply(where.second, asked, "Thank you. We read it carefully.")
    await tg.api.press(where.second, card, "Send support")
    await tg.api.press(where.second, card, "Approve")
    await flows.publish(tg, clock)
    urgent = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, urgent, "Mark urgent")
    await tg.api.press(tg.admin, urgent, "Reject")
    asked = [s for s in tg.api.in_chat(MODS) if (s.reply_markup or {}).get("force_reply")][-1]
    await tg.api.reply(tg.admin, asked, "Please leave out the ward.")
    await tg.api.message(tg.member, "/share")
    await tg.api.message(tg.member, flows.CRISIS_STORY)
    await tg.api.message(tg.member, "/mystories")
    await tg.restart()
    await tg.api.message(tg.member, "/mystories")

    people = [tg.member, tg.admin, where.second]
    for person in people:
        for trace in traces(person):
            assert trace not in caplog.text, trace

    stored, raw = await _stored(tg.db_path)
    for person in people:
        for trace in traces(person):
            assert trace not in stored, trace
            assert trace.encode() not in raw, trace
    assert await tg.app.db.fetchval("SELECT count(*) FROM stories") == 3

    for call in tg.api.calls:
        if call.method == "getChatAdministrators":
            continue
        params = dict(call.params)
        if params.get("chat_id") == tg.member.id:
            params.pop("chat_id")
        text = json.dumps(params, ensure_ascii=False)
        for person in people:
            for trace in traces(person):
                assert trace not in text, (call.method, trace)
