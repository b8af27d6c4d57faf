"""Every text the bot sends on Telegram names Telegram's own commands and places, never Discord's."""

import re

from tests.telegram_app import flows
from tests.telegram_app.fake_api import FakeTelegram
from tests.telegram_app.flows import COMMUNITY, MODS
from tests.telegram_app.test_daily import NINE_LONDON
from tests.telegram_app.test_moderation import prompt

# Discord's commands and words, which mean nothing to a Telegram user. Telegram has channels of its own
# ("/setup publish @channel"), so "channel" is only Discord's where it names a Discord place; and Telegram's
# own servers are named in /privacy.
DISCORD_ONLY = re.compile(
    r"/daily |/mod |/setup channels|/setup timezone|(?<!Telegram's )\bservers?\b|Manage Server|\bDMs?\b|"
    r"\b(?:moderation|stories|this|text|a stories|the moderators'?) channel\b|\bchannels\b",
    re.IGNORECASE,
)


def outbound_texts(api: FakeTelegram) -> list[str]:
    texts = []
    for call in api.calls:
        if call.method in ("sendMessage", "editMessageText", "answerCallbackQuery") and call.params.get("text"):
            texts.append(str(call.params["text"]))
        if call.method == "setMyCommands":
            texts.extend(str(command["description"]) for command in call.params["commands"])
    return texts


async def press_every_moderator_button(tg, where) -> None:
    """One story for each button (each from its own author), so each answer and card outcome is seen."""
    authors = iter(range(5551000, 5551100))

    async def story():
        author = tg.api.user(next(authors), "Author")
        await flows.join(tg, author, where)
        return author, await flows.submit(tg, author, flows.CALM_STORY)

    for button in ("Approve", "Mark urgent", "Send support"):
        _, card = await story()
        await tg.api.press(where.second, card, button)
    for button, answer in (
        ("Approve with content warning", "loss"),
        ("Edit & approve", flows.CALM_STORY),
        ("Reply to author", "We're here."),
        ("Reject", "Too identifying"),
    ):
        _, card = await story()
        await tg.api.press(where.second, card, button)
        await tg.api.reply(where.second, prompt(tg), answer)
    author, card = await story()
    await tg.api.press(tg.member, card, "Approve")  # not a moderator
    await tg.api.press(where.second, card, "Block author")
    await tg.api.press(where.second, tg.api.last_sent(MODS), "Yes, block the author")
    await tg.api.message(author, "/share")  # blocked now


async def test_no_discord_word_reaches_a_telegram_user_or_moderator(tg, clock):
    await tg.api.message(tg.member, "/share")  # before any community: how to get one
    await tg.api.message(tg.member, "/daily")
    where = await flows.community(tg, publish=False)
    await tg.api.message(tg.admin, "/setup daily 09:00", chat=where.group)  # no publish chat yet
    await flows.join(tg, tg.member, where)
    card = await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.press(tg.admin, card, "Approve")
    await flows.publish(tg, clock)  # no publish chat yet: the story is parked and the moderators told
    assert "The publish chat is not set" in tg.api.last_sent(MODS).text
    await tg.api.message(tg.admin, "/setup publish here", chat=where.group)
    await flows.publish(tg, clock)  # the parked story goes out
    await tg.api.message(tg.admin, "/setup daily off", chat=where.group)  # not set up yet
    assert "run /setup daily in the community group first" in tg.api.last_sent(where.group.id).text
    await tg.api.message(tg.admin, "/setup daily 25:00", chat=where.group)
    await tg.api.message(tg.admin, "/setup daily 09:00", chat=where.group)  # in UTC: how to change the zone
    assert "change it with /setup daily HH:MM Area/City" in tg.api.last_sent(where.group.id).text
    await tg.api.message(tg.admin, "/setup daily 09:00 Europe/London", chat=where.group)
    await tg.api.message(tg.admin, "/setup daily off", chat=where.group)
    await tg.api.message(tg.admin, "/setup daily on", chat=where.group)
    clock.set(NINE_LONDON)
    tg.api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat", chat_id=COMMUNITY)
    await tg.jobs()  # the moderators are told, in the background job's words
    assert "/setup daily on to retry" in tg.api.last_sent(MODS).text
    await tg.api.message(tg.admin, "/setup", chat=where.group)
    await tg.api.message(tg.member, "/setup daily 10:00", chat=where.group)  # not an admin
    await flows.join(tg, tg.member, where)
    for command in ("/help", "/about", "/privacy", "/resources", "/reflect"):
        await tg.api.message(tg.member, command)

    await tg.api.message(tg.member, "/share")
    await tg.api.message(tg.member, "too short")
    await tg.api.send_photo(tg.member)
    await tg.api.message(tg.member, "/share")
    await tg.api.message(tg.member, flows.CRISIS_STORY)
    await press_every_moderator_button(tg, where)
    await flows.submit(tg, tg.member, flows.CALM_STORY)
    await tg.api.message(where.second, "/unpublish 1", chat=where.mods)
    await flows.publish(tg, clock)
    await tg.api.message(where.second, "/unpublish 1", chat=where.mods)
    await tg.api.message(tg.member, "/mystories")
    await tg.api.message(tg.member, "/forgetme")
    await tg.api.press(tg.member, tg.api.last_sent(tg.member.id), "Yes, delete everything")
    await tg.api.message(tg.member, "/mystories")

    texts = outbound_texts(tg.api)
    found = sorted({(match.group(0), text) for text in texts for match in [DISCORD_ONLY.search(text)] if match})
    assert len(texts) > 60
    assert found == [], "\n".join(f"{word!r}: {text}" for word, text in found)
