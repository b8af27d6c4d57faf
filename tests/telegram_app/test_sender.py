import asyncio
import logging

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import SendMessage


def send(tg, chat_id, text="hello"):
    return tg.adapter.sender.call(chat_id, SendMessage(chat_id=chat_id, text=text))


async def test_a_429_is_waited_out_and_the_answer_still_arrives(tg, caplog):
    caplog.set_level(logging.DEBUG)
    tg.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)

    calls = await tg.api.message(tg.member, "/about")

    sends = [call for call in calls if call.method == "sendMessage"]
    assert len(sends) == 2 and sends[0].params == sends[1].params
    assert sum(tg.time.slept) >= 7
    assert tg.api.last_sent(tg.member.id).text.startswith("<b>About Stairwell</b>")
    assert "waiting 7s" in caplog.text
    assert str(tg.member.id) not in caplog.text  # aiogram's error text names the chat; it is never logged


async def test_one_message_a_second_in_a_chat(tg):
    for number in range(3):
        await send(tg, tg.member.id, f"m{number}")

    assert tg.time.slept == [1.0, 1.0]


async def test_twenty_a_minute_in_a_group(tg):
    group = tg.api.group(-100500, "Ward", owner=tg.admin)
    start = tg.time.now
    for number in range(21):
        await send(tg, group.id, f"m{number}")

    assert tg.time.now - start == pytest.approx(60.0)
    assert len(tg.api.calls_to("sendMessage")) == 21


async def test_thirty_a_second_overall(tg):
    people = [tg.api.user(7000 + n, f"P{n}") for n in range(31)]
    start = tg.time.now

    await asyncio.gather(*(send(tg, person.id) for person in people))

    assert tg.time.now - start == pytest.approx(1.0)


async def test_messages_to_one_chat_keep_their_order(tg):
    await asyncio.gather(*(send(tg, tg.member.id, f"m{n}") for n in range(5)))

    texts = [call.params["text"] for call in tg.api.calls_to("sendMessage")]
    assert texts == [f"m{n}" for n in range(5)]


async def test_gives_up_after_repeated_429s(tg):
    for _ in range(6):
        tg.api.fail_next("sendMessage", 429, "Too Many Requests", retry_after=1)

    with pytest.raises(TelegramRetryAfter):
        await send(tg, tg.member.id)
    assert len(tg.api.calls_to("sendMessage")) == 6
