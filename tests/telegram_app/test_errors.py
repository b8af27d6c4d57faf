"""A failure anywhere gets a private answer with a reference; the log has the reference, never the words."""

import logging

from bot.core.flows import conversation
from tests.telegram_app import flows


async def test_a_failing_step_is_answered_with_a_reference_and_logs_no_words(tg, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    where = await flows.community(tg)
    await flows.join(tg, tg.member, where)
    await tg.api.message(tg.member, "/share")

    async def broken(*args, **kwargs):
        raise RuntimeError("the night Mr Okafor died")

    monkeypatch.setattr(conversation, "answer", broken)
    await tg.api.message(tg.member, flows.STORY)

    said = tg.api.last_sent(tg.member.id).text
    assert "something went wrong on my side (reference " in said and "Nothing you wrote was lost" in said
    reference = said.split("reference ")[1][:6]
    assert f"ref {reference}" in caplog.text
    assert "Okafor" not in caplog.text and "monitor" not in caplog.text

    monkeypatch.setattr(conversation, "press", broken)
    await tg.api.message(tg.member, "/share")
    calls = await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Cancel")
    toast = [c for c in calls if c.method == "answerCallbackQuery"][-1]
    assert "reference" in toast.params["text"] and len(toast.params["text"]) <= 200
