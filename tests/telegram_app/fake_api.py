"""A fake Telegram Bot API server on loopback: the real aiogram Bot talks HTTP to it.

Updates are queued and handed out through getUpdates (long polling, with offsets); every call the bot makes is
recorded with its parameters; chats, admins and the messages the bot sent are kept so tests can press buttons.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 424242424
BOT_USERNAME = "stairwell_test_bot"
TOKEN = f"{BOT_ID}:AAE" + "x" * 32

_JSON_FIELDS = {"reply_markup", "link_preview_options", "commands", "scope", "allowed_updates", "entities"}
_INT_FIELDS = {"chat_id", "message_id", "user_id", "offset", "timeout", "limit"}
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class User:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "en"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class Chat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    username: str | None = None
    admins: dict[int, dict[str, Any]] = field(default_factory=dict)  # user id → ChatMember

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class Sent:
    """A message the bot sent (and later edits of it)."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None

    def buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, label: str) -> dict[str, Any]:
        found = [button for button in self.buttons() if button["text"] == label]
        assert found, f"no button {label!r} in {[b['text'] for b in self.buttons()]}"
        return found[0]


def _visible(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class FakeTelegram:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.chats: dict[int | str, Chat] = {}
        self.sent: dict[tuple[int, int], Sent] = {}
        self.failures: dict[str, list[tuple[int, str, int | None, Any, bool]]] = {}
        self.bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Stairwell", "username": BOT_USERNAME}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._arrived = asyncio.Condition()
        self._confirmed = 0  # the highest update id the bot has asked past (offset − 1)
        self._confirmations = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.polls = 0  # getUpdates calls (not recorded in `calls`: they are the transport)
        self.polled = asyncio.Event()
        self._recorded = asyncio.Condition()
        self.port = 0

    # ---- server -------------------------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Long polls still waiting return at once, so shutting down takes no time."""
        self._closing = True
        async with self._arrived:
            self._arrived.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = self._params(await request.post())
        if method != "getUpdates":
            self.calls.append(Call(method, params))
        try:
            return await self._answer(method, params)
        finally:
            if method != "getUpdates":  # after the call took effect, so a waiting test sees what it did
                async with self._recorded:
                    self._recorded.notify_all()

    async def _answer(self, method: str, params: dict[str, Any]) -> web.Response:
        queued = self.failures.get(method, [])
        due = next((f for f in queued if f[3] is None or f[3] == params.get("chat_id")), None)
        if due is not None:
            queued.remove(due)
        if due is not None and not due[4]:
            return self._failure(due)
        handler = getattr(self, "_" + re.sub(r"(?<!^)([A-Z])", r"_\1", method).lower(), None)
        if handler is None:
            result: Any = True
        else:
            outcome = handler(params)
            result = await outcome if asyncio.iscoroutine(outcome) else outcome
        if due is not None:  # the call was carried out, and then the answer was an error
            return self._failure(due)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _failure(due: tuple[int, str, int | None, Any, bool]) -> web.Response:
        status, description, retry_after, _, _ = due
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=status)

    @staticmethod
    def _params(form: Any) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for key, value in form.items():
            if key in _JSON_FIELDS:
                params[key] = json.loads(value)
            elif key in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
                params[key] = int(value)
            else:
                params[key] = value
        return params

    # ---- Bot API methods ----------------------------------------------------------------------------------
    def _get_me(self, _: dict[str, Any]) -> dict[str, Any]:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False}

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        self.polled.set()
        offset = params.get("offset", 0)
        async with self._confirmations:
            self._confirmed = max(self._confirmed, offset - 1)
            self._confirmations.notify_all()
        self._updates = [update for update in self._updates if update["update_id"] >= offset]
        timeout = float(params.get("timeout", 0))
        async with self._arrived:
            if not self._updates and timeout and not self._closing:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), timeout)
        return list(self._updates)

    def _message(self, chat_id: int, text: str, markup: dict[str, Any] | None, message_id: int) -> dict[str, Any]:
        chat = self.chats.get(chat_id) or Chat(chat_id, "private" if chat_id > 0 else "group")
        data = {"message_id": message_id, "date": int(time.time()), "chat": chat.as_dict(), "from": self.bot_user}
        data["text"] = _visible(text)
        if markup and "inline_keyboard" in markup:  # a force reply is asked of clients, not kept on the message
            data["reply_markup"] = markup
        return data

    def _chat_or_error(self, chat_id: Any) -> Chat | web.Response:
        chat = self.chats.get(chat_id)
        if chat is None and isinstance(chat_id, int) and chat_id > 0:
            chat = self.chats[chat_id] = Chat(chat_id, "private")
        if chat is None:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, status=400
            )
        return chat

    def _send_message(self, params: dict[str, Any]) -> Any:
        chat = self._chat_or_error(params["chat_id"])
        if isinstance(chat, web.Response):
            return chat
        message_id = next(self._message_ids)
        markup = params.get("reply_markup")
        self.sent[(chat.id, message_id)] = Sent(chat.id, message_id, params["text"], markup)
        return self._message(chat.id, params["text"], markup, message_id)

    def _edit_message_text(self, params: dict[str, Any]) -> Any:
        key = (params["chat_id"], params["message_id"])
        if key not in self.sent:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"}, status=400
            )
        sent = self.sent[key]
        sent.text = params["text"]
        sent.reply_markup = params.get("reply_markup")
        return self._message(sent.chat_id, sent.text, sent.reply_markup, sent.message_id)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        sent = self.sent[(params["chat_id"], params["message_id"])]
        sent.reply_markup = params.get("reply_markup")
        return self._message(sent.chat_id, sent.text, sent.reply_markup, sent.message_id)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        return self.sent.pop((params["chat_id"], params["message_id"]), None) is not None

    def _get_chat_administrators(self, params: dict[str, Any]) -> Any:
        chat = self._chat_or_error(params["chat_id"])
        if isinstance(chat, web.Response):
            return chat
        return list(chat.admins.values())

    def _get_chat(self, params: dict[str, Any]) -> Any:
        chat = self._chat_or_error(params["chat_id"])
        if isinstance(chat, web.Response):
            return chat
        gifts = dict.fromkeys(
            ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"), False
        )
        return {**chat.as_dict(), "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}

    # ---- arranging the world ------------------------------------------------------------------------------
    def user(self, user_id: int, first_name: str, username: str | None = None) -> User:
        self.chats[user_id] = Chat(user_id, "private")
        return User(user_id, first_name, username)

    def group(self, chat_id: int, title: str, *, owner: User, admins: tuple[User, ...] = (), **extra: Any) -> Chat:
        chat = Chat(chat_id, extra.pop("type", "supergroup"), title=title, **extra)
        chat.admins[owner.id] = {"status": "creator", "user": owner.as_dict(), "is_anonymous": False}
        for admin in admins:
            chat.admins[admin.id] = {"status": "administrator", "user": admin.as_dict(), **_ADMIN_RIGHTS}
        self.chats[chat_id] = chat
        if chat.username:
            self.chats["@" + chat.username] = chat
        return chat

    def make_bot_admin(self, chat: Chat, *, can_post: bool = True) -> None:
        rights = {**_ADMIN_RIGHTS, "can_post_messages": can_post}
        chat.admins[BOT_ID] = {"status": "administrator", "user": self.bot_user, **rights}

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        chat_id: Any = None,
        *,
        after: bool = False,
    ) -> None:
        """The next call of `method` (to `chat_id`, if given) fails with this status and description.

        `after`: the call is carried out first (the message is sent) and only the answer is the error, as when
        Telegram times out or answers 5xx after doing the work.
        """
        self.failures.setdefault(method, []).append((status, description, retry_after, chat_id, after))

    # ---- acting as people ---------------------------------------------------------------------------------
    async def _deliver(self, update: dict[str, Any]) -> list[Call]:
        """Queue the update and wait until the bot has handled it (it asks for updates past it)."""
        before = len(self.calls)
        async with self._arrived:
            self._updates.append(update)
            self._arrived.notify_all()
        async with self._confirmations:
            await asyncio.wait_for(
                self._confirmations.wait_for(lambda: self._confirmed >= update["update_id"]), timeout=10
            )
        return self.calls[before:]

    async def message(self, user: User, text: str, chat: Chat | None = None, **extra: Any) -> list[Call]:
        """`user` writes `text` in `chat` (their private chat by default); returns the calls the bot made."""
        return await self._deliver(self.message_update(user, text, chat, **extra))

    def message_update(self, user: User, text: str, chat: Chat | None = None, **extra: Any) -> dict[str, Any]:
        """The message update, for tests that feed several to the dispatcher at once."""
        where = chat or self.chats[user.id]
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": where.as_dict() if where.type != "private" else {**user.as_dict(), "type": "private"},
            "from": user.as_dict(),
            **({"text": text} if text else {}),
            **extra,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message["chat"].pop("is_bot", None)
        message["chat"].pop("language_code", None)
        return {"update_id": next(self._update_ids), "message": message}

    async def bot_removed(self, chat: Chat, by: User) -> list[Call]:
        """An admin removes the bot from a group (Telegram tells the bot with my_chat_member)."""
        update = {
            "update_id": next(self._update_ids),
            "my_chat_member": {
                "chat": chat.as_dict(),
                "from": by.as_dict(),
                "date": int(time.time()),
                "old_chat_member": {"status": "member", "user": self.bot_user},
                "new_chat_member": {"status": "kicked", "user": self.bot_user, "until_date": 0},
            },
        }
        return await self._deliver(update)

    async def press(self, user: User, sent: Sent, label: str) -> list[Call]:
        return await self._deliver(self.press_update(user, sent, label))

    def press_update(self, user: User, sent: Sent, label: str) -> dict[str, Any]:
        """The callback_query update a press makes, for tests that feed several to the dispatcher at once."""
        button = sent.button(label)
        chat = self.chats[sent.chat_id]
        chat_data = chat.as_dict() if chat.type != "private" else {"id": user.id, "type": "private"}
        query = {
            "id": str(next(self._message_ids)),
            "from": user.as_dict(),
            "chat_instance": "1",
            "data": button["callback_data"],
            "message": {
                "message_id": sent.message_id,
                "date": int(time.time()),
                "chat": chat_data,
                "from": self.bot_user,
                "text": _visible(sent.text),
            },
        }
        return {"update_id": next(self._update_ids), "callback_query": query}

    async def reply(self, user: User, to: Sent, text: str) -> list[Call]:
        """`user` answers the bot's message `to` (a force-reply prompt) in its chat."""
        chat = self.chats[to.chat_id]
        replied = {
            "message_id": to.message_id,
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": self.bot_user,
            "text": _visible(to.text),
        }
        return await self.message(user, text, chat=chat, reply_to_message=replied)

    async def send_photo(self, user: User) -> list[Call]:
        """A photo (no text) in the user's private chat."""
        photo = [{"file_id": "photo-1", "file_unique_id": "u1", "width": 90, "height": 90}]
        return await self.message(user, "", photo=photo)

    # ---- looking -------------------------------------------------------------------------------------------
    def last_sent(self, chat_id: int) -> Sent:
        mine = [sent for (chat, _), sent in self.sent.items() if chat == chat_id]
        assert mine, f"nothing was sent to chat {chat_id}"
        return mine[-1]

    async def wait_for_call(self, method: str, chat_id: int, timeout: float = 10) -> Call:
        """For a bot that handles updates as tasks (as in production): wait until it makes this call."""

        def found() -> Call | None:
            return next((c for c in self.calls if c.method == method and c.params.get("chat_id") == chat_id), None)

        async with self._recorded:
            await asyncio.wait_for(self._recorded.wait_for(lambda: found() is not None), timeout)
        call = found()
        assert call is not None
        return call

    async def wait_for_sent(self, chat_id: int, words: str, timeout: float = 20) -> Sent:
        """For a bot handling updates as tasks: the bot's latest message in the chat that says `words`."""

        def found() -> Sent | None:
            return next((sent for sent in reversed(self.in_chat(chat_id)) if words in sent.text), None)

        async with self._recorded:
            await asyncio.wait_for(self._recorded.wait_for(lambda: found() is not None), timeout)
        sent = found()
        assert sent is not None
        return sent

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 20) -> None:
        """Until the bot's calls make `condition` true (checked after each call takes effect)."""
        async with self._recorded:
            await asyncio.wait_for(self._recorded.wait_for(condition), timeout)

    async def wait_for_text(self, chat_id: int, words: str, timeout: float = 20) -> str:
        return (await self.wait_for_sent(chat_id, words, timeout)).text

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def in_chat(self, chat_id: int) -> list[Sent]:
        """What the bot's messages in a chat say now (sent and not deleted), oldest first."""
        return [sent for (chat, _), sent in sorted(self.sent.items()) if chat == chat_id]
