"""`stairwell run` as a newcomer starts it: a token in the environment, a real process, the fake Bot API."""

import asyncio
import contextlib
import os
import re
import signal
import sys

import pytest
from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer

from bot.config import ConfigError
from bot.core.app import Stairwell
from bot.telegram_app.bot import TelegramAdapter
from tests.conftest import SECRET
from tests.telegram_app.conftest import LoopbackSession
from tests.telegram_app.fake_api import TOKEN, FakeTelegram
from tests.telegram_app.flows import CALM_STORY as STORY


@pytest.fixture
async def api():
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


async def stairwell(tmp_path, api, token, **extra):
    env = {
        **extra,
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.getcwd(),
        "STAIRWELL_DB": str(tmp_path / "s.sqlite3"),
        "TELEGRAM_TOKEN": token,
        "TELEGRAM_API_URL": api.base_url,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def test_run_starts_telegram_when_its_token_is_set_and_stops_cleanly(tmp_path, api):
    process = await stairwell(tmp_path, api, TOKEN)
    try:
        await asyncio.wait_for(api.polled.wait(), 30)
        member = api.user(5550002, "Mia")
        await api.message(member, "/about")
        reply = await api.wait_for_call("sendMessage", member.id)
        assert reply.params["text"].startswith("<b>About Stairwell</b>")
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    assert [call.method for call in api.calls[:2]] == ["getMe", "setMyCommands"]


async def test_run_publishes_through_its_background_worker(tmp_path, api):
    """The whole path in a real `stairwell run`: share, the queue card, approval, and the worker's post."""
    process = await stairwell(tmp_path, api, TOKEN, STAIRWELL_QUEUE_DELAY="0", STAIRWELL_PUBLISH_DELAY="0")
    try:
        await asyncio.wait_for(api.polled.wait(), 30)
        admin, member = api.user(5550001, "Ada"), api.user(5550002, "Mia")
        group = api.group(-1001000, "Night Shift", owner=admin)
        mods = api.group(-1002000, "Mods", owner=admin)
        await api.message(admin, "/setup", chat=group)
        code = re.search(r"/setup ([A-Z0-9]{8})", (await api.wait_for_call("sendMessage", group.id)).params["text"])
        await api.message(admin, f"/setup {code.group(1)}", chat=mods)
        link = await api.wait_for_text(group.id, "?start=")
        await api.message(admin, "/setup publish here", chat=group)
        await api.wait_for_text(group.id, "Saved")
        await api.message(member, "/start " + re.search(r"\?start=([A-Za-z0-9_-]+)", link).group(1))
        await api.wait_for_text(member.id, "You came from")
        await api.message(member, "/share")
        await api.wait_for_text(member.id, "Tell me what happened")
        await api.message(member, STORY)
        await api.press(member, await api.wait_for_sent(member.id, "content warning"), "No content warning")
        await api.press(member, await api.wait_for_sent(member.id, "Two choices"), "Continue")
        await api.press(member, await api.wait_for_sent(member.id, "Before you send it"), "Submit")
        card = await api.wait_for_sent(mods.id, "Story #1")
        await api.press(admin, card, "Approve")

        post = await api.wait_for_text(group.id, "sat in the car")
        assert "Story #1" in post
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()


async def test_a_refused_token_is_one_clear_configuration_error(api, db_path, content):
    app = await Stairwell.open(db_path, SECRET, content=content)
    bot = Bot("4243000:AAE" + "y" * 32, session=LoopbackSession(api=TelegramAPIServer.from_base(api.base_url)))
    try:
        with pytest.raises(ConfigError, match=r"^TELEGRAM_TOKEN was refused by Telegram: get the current one"):
            await TelegramAdapter(app, bot).prepare()
    finally:
        await bot.session.close()
        await app.close()


async def test_webhook_mode_takes_updates_with_the_secret_only(api, db_path, content, unused_tcp_port):
    from aiohttp import ClientSession

    from bot.config import Webhook

    app = await Stairwell.open(db_path, SECRET, content=content)
    bot = Bot(TOKEN, session=LoopbackSession(api=TelegramAPIServer.from_base(api.base_url)))
    webhook = Webhook(url="https://bot.example.org/telegram", port=unused_tcp_port, secret="s" * 24)
    adapter = TelegramAdapter(app, bot)
    task = asyncio.create_task(adapter.run_webhook(webhook))
    try:
        registered = await api.wait_for_call("setWebhook", None)
        assert registered.params["url"] == webhook.url and registered.params["secret_token"] == webhook.secret
        member = api.user(5550002, "Mia")
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1, "date": 0, "chat": {"id": member.id, "type": "private"},
                "from": member.as_dict(), "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        url = f"http://127.0.0.1:{webhook.port}/telegram"
        async with ClientSession() as client:
            async with client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as bad:
                assert bad.status == 401
            headers = {"X-Telegram-Bot-Api-Secret-Token": webhook.secret}
            async with client.post(url, json=update, headers=headers) as good:
                assert good.status == 200
        reply = await api.wait_for_call("sendMessage", member.id)
        assert "what I can do" in reply.params["text"]
        assert len(api.calls_to("sendMessage")) == 1  # the refused post did nothing
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await app.close()
