"""No log line carries a user ID or a story, including the lines discord.py itself writes."""

import io
import json
import logging

import discord
import pytest
from aiohttp import web

from bot.log_privacy import PrivacyFilter, protect
from tests.samples import STORY

AUTHOR_ID = 381234567890123456


@pytest.fixture
def captured():
    """A root handler as `configure_logging` sets one up, with the privacy filter on it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    protect()
    yield stream
    root.removeHandler(handler)


@pytest.fixture
async def rate_limited_discord(monkeypatch):
    """A stand-in for Discord's API that answers the first user lookup with a real-looking 429."""
    calls = {"users": 0}

    def answer(body, status=200, **headers):
        # discord.py reads a body as JSON only under exactly this content type.
        headers["Content-Type"] = "application/json"
        return web.Response(body=json.dumps(body).encode(), status=status, headers=headers)

    async def me(request):
        return answer({"id": "1", "username": "stairwell", "discriminator": "0", "avatar": None})

    async def user(request):
        calls["users"] += 1
        if calls["users"] == 1:
            body = {"message": "You are being rate limited.", "retry_after": 0.01, "global": False}
            return answer(body, 429, Via="1.1 google")
        return answer({"id": request.match_info["id"], "username": "someone", "discriminator": "0", "avatar": None})

    app = web.Application()
    app.router.add_get("/api/v10/users/@me", me)
    app.router.add_get("/api/v10/users/{id}", user)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    yield calls
    await runner.cleanup()


async def test_discord_py_429_warning_keeps_the_url_but_not_the_user_id(captured, rate_limited_discord):
    http = discord.http.HTTPClient(None)
    await http.static_login("token")
    try:
        fetched = await http.get_user(AUTHOR_ID)
    finally:
        await http.close()

    assert fetched["id"] == str(AUTHOR_ID) and rate_limited_discord["users"] == 2
    lines = captured.getvalue()
    assert "responded with 429" in lines and "/users/<id>" in lines
    assert str(AUTHOR_ID) not in lines


async def test_a_traceback_logged_by_discord_py_names_the_error_but_not_the_story(captured):
    try:
        raise ValueError(f"could not post {STORY!r} for {AUTHOR_ID}")
    except ValueError as error:
        logging.getLogger("discord.ui.view").error("Ignoring exception in view %r", "x", exc_info=error)

    lines = captured.getvalue()
    assert "Ignoring exception in view" in lines and "ValueError (message withheld)" in lines
    assert "test_log_privacy.py" in lines  # the frames stay, to find the bug
    assert "forty minutes" not in lines and str(AUTHOR_ID) not in lines


def test_the_filter_is_added_once_and_to_every_root_handler():
    root = logging.getLogger()
    handler = logging.StreamHandler(io.StringIO())
    root.addHandler(handler)
    try:
        protect()
        protect()
        assert sum(isinstance(f, PrivacyFilter) for f in handler.filters) == 1
    finally:
        root.removeHandler(handler)
