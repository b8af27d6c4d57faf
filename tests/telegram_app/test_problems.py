import logging

import pytest
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramNotFound
from aiogram.methods import SendMessage

from bot.db import telegram
from bot.telegram_app.problems import Problem, classify
from tests.telegram_app.test_setup import pairing_code

METHOD = SendMessage(chat_id=1, text="x")


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (TelegramForbiddenError(METHOD, "Forbidden: bot was blocked by the user"), Problem.BLOCKED),
        (TelegramForbiddenError(METHOD, "Forbidden: bot was kicked from the supergroup chat"), Problem.REMOVED),
        (TelegramForbiddenError(METHOD, "Forbidden: bot is not a member of the channel chat"), Problem.REMOVED),
        (TelegramBadRequest(METHOD, "Bad Request: chat not found"), Problem.CHAT_NOT_FOUND),
        (TelegramBadRequest(METHOD, "Bad Request: not enough rights to send text messages to the chat"),
         Problem.NO_RIGHTS),
        (TelegramBadRequest(METHOD, "Bad Request: need administrator rights in the channel chat"), Problem.NO_RIGHTS),
        (TelegramBadRequest(METHOD, "Bad Request: message is too long"), None),
        (TelegramNotFound(METHOD, "Not Found"), None),
    ],
)
def test_classify(error, problem):
    assert classify(error) is problem


async def test_a_chat_problem_is_told_to_the_moderators_once(tg, caplog):
    caplog.set_level(logging.DEBUG)
    community = tg.api.group(-1001000, "Night Shift", owner=tg.admin)
    mods = tg.api.group(-1002000, "Mods", owner=tg.admin)
    kicked = "Forbidden: bot was kicked from the supergroup chat"
    code = await pairing_code(tg, community)
    tg.api.fail_next("sendMessage", 403, kicked, chat_id=community.id)

    await tg.api.message(tg.admin, f"/setup {code}", chat=mods)  # the announcement in the group fails

    def notices():
        return [sent for sent in tg.api.sent.values() if "can't reach a chat" in sent.text]

    assert len(notices()) == 1 and notices()[0].chat_id == mods.id
    assert "I was removed from the community group" in notices()[0].text
    assert "telegram chat problem: removed" in caplog.text
    assert (await telegram.by_group(tg.app.db, community.id)).moderators_chat_id == mods.id  # binding kept

    # The same problem again: noted once, not told again.
    guild = (await telegram.by_group(tg.app.db, community.id)).guild_id
    error = TelegramForbiddenError(METHOD, kicked)
    assert await tg.adapter.context.notices.report(guild, community.id, "the group", error) is Problem.REMOVED
    assert len(notices()) == 1
    stored = await tg.app.db.fetchall("SELECT problem FROM telegram_notices")
    assert [row[0] for row in stored] == ["removed"]

    # Once the chat works again, a later problem is news.
    await tg.adapter.context.notices.working(community.id)
    await tg.adapter.context.notices.report(guild, community.id, "the group", error)
    assert len(notices()) == 2
