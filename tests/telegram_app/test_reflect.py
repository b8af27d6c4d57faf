import pytest

from bot.core import reflections
from bot.telegram_app.callbacks import Press


async def test_reflect_answers_privately_with_buttons(tg):
    calls = await tg.api.message(tg.member, "/reflect")

    [sent] = [call for call in calls if call.method == "sendMessage"]
    assert sent.params["chat_id"] == tg.member.id
    assert sent.params["text"].startswith("<b>A moment to reflect</b>")
    labels = [b["text"] for row in sent.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["Another", "Support"]
    seen = await tg.app.db.fetchall("SELECT person_key FROM reflection_seen")
    assert len(seen) == 1 and seen[0][0] == tg.app.identity.author_key("telegram", tg.member.id)


async def test_another_answers_the_press_first_then_edits_in_place(tg):
    await tg.api.message(tg.member, "/reflect loss")
    card = tg.api.last_sent(tg.member.id)
    first_text = card.text

    calls = await tg.api.press(tg.member, card, "Another")

    assert [call.method for call in calls] == ["answerCallbackQuery", "editMessageText"]
    edit = calls[1].params
    assert (edit["chat_id"], edit["message_id"]) == (tg.member.id, card.message_id)
    assert edit["text"] != first_text
    assert edit["link_preview_options"] == {"is_disabled": True}
    number = reflections.theme_number(tg.app, "loss")
    assert card.button("Another")["callback_data"] == f"sw:reflect:another:{number}"  # the theme, nothing personal


async def test_support_button_sends_the_crisis_card(tg):
    await tg.api.message(tg.member, "/reflect")
    calls = await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Support")

    assert calls[0].method == "answerCallbackQuery"
    assert "You don't have to carry this alone" in calls[1].params["text"]


async def test_an_unknown_theme_is_told_plainly(tg):
    await tg.api.message(tg.member, "/reflect <b>nonsense</b>")

    text = tg.api.last_sent(tg.member.id).text
    assert text.startswith("I don't have a theme called “&lt;b&gt;nonsense&lt;/b&gt;”")


async def test_another_works_after_a_restart(tg):
    await tg.api.message(tg.member, "/reflect")
    card = tg.api.last_sent(tg.member.id)

    await tg.restart()
    calls = await tg.api.press(tg.member, card, "Another")

    assert [call.method for call in calls] == ["answerCallbackQuery", "editMessageText"]


def test_callback_data_stays_within_telegram_limit(content):
    longest = max(content.library.themes, key=len)
    assert len(Press(kind="reflect", action="another", target=longest).pack().encode()) <= 64
    with pytest.raises(ValueError, match="too long"):
        Press(kind="reflect", action="another", target="x" * 60).pack()
