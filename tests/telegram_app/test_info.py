from bot.core.info import about_card, privacy_card
from bot.telegram_app.platform import TERMS


async def test_command_menu_is_set_once_per_bot(tg):
    menus = tg.api.calls_to("setMyCommands")
    private = next(call for call in menus if call.params["scope"]["type"] == "all_private_chats")
    assert [c["command"] for c in private.params["commands"]] == [
        "start", "share", "mystories", "reflect", "resources", "help", "about", "privacy", "forgetme"
    ]
    admins = next(call for call in menus if call.params["scope"]["type"] == "all_chat_administrators")
    assert [c["command"] for c in admins.params["commands"]] == ["setup", "unpublish"]

    await tg.restart()

    assert len(tg.api.calls_to("setMyCommands")) == 2  # unchanged menu: not set again
    assert tg.api.calls_to("getMe")


async def test_about_and_privacy_answer_in_html_without_previews(tg):
    calls = await tg.api.message(tg.member, "/about")

    [sent] = [call for call in calls if call.method == "sendMessage"]
    assert sent.params["chat_id"] == tg.member.id
    assert sent.params["parse_mode"] == "HTML"
    assert sent.params["link_preview_options"] == {"is_disabled": True}
    assert sent.params["text"].startswith(f"<b>{about_card(TERMS).title}</b>")
    assert "<b>What you can do here</b>" in sent.params["text"] and "/share" in sent.params["text"]

    await tg.api.message(tg.member, "/privacy")
    text = tg.api.last_sent(tg.member.id).text
    assert privacy_card(TERMS).title in text and "Discord" not in text
    assert "Telegram's servers see what you send here" in text
    assert "a pseudonymous number for each moderator" in text and "Which community your private chat" in text


async def test_help_lists_the_menu(tg):
    await tg.api.message(tg.member, "/help")
    text = tg.api.last_sent(tg.member.id).text
    for command in ("/start", "/reflect", "/resources", "/about", "/privacy"):
        assert command in text


async def test_resources_take_a_country_and_an_audience(tg):
    await tg.api.message(tg.member, "/resources GB ems")
    text = tg.api.last_sent(tg.member.id).text
    assert "Support lines — United Kingdom — for ems and paramedics" in text

    await tg.api.message(tg.member, "/resources Atlantis")
    assert "I don't have lines for “Atlantis” yet" in tg.api.last_sent(tg.member.id).text


async def test_private_commands_in_a_group_point_to_the_private_chat(tg):
    group = tg.api.group(-100777, "Night Shift", owner=tg.admin)

    await tg.api.message(tg.member, f"/reflect@{'stairwell_test_bot'}", chat=group)

    sent = tg.api.last_sent(group.id)
    assert "https://t.me/stairwell_test_bot" in sent.text

    # A burst in the same group is answered once a minute at most.
    calls = await tg.api.message(tg.stranger, "/resources@stairwell_test_bot", chat=group)
    assert not [call for call in calls if call.method == "sendMessage"]
