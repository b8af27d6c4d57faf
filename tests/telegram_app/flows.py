"""Arranging a Telegram community and walking people through its flows, as they would in the apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tests.telegram_app.fake_api import Chat, Sent, User
from tests.telegram_app.test_setup import bind

COMMUNITY = -1001000
MODS = -1002000
STORY = (
    "I was the nurse on shift when Mr Okafor in bed 4 died at 3am. I keep hearing the monitor when I try to "
    "sleep, and I wonder whether I missed something in the hour before."
)
CALM_STORY = (
    "We lost a little girl after a long night in resus. I drove home in silence and sat in the car for an hour "
    "before I could go inside. I still think about her parents."
)
CRISIS_STORY = (
    "After the third death this week I can't do this anymore. I have been saving my pills and I plan to take "
    "them all tonight after my shift. Nobody would even notice I was gone."
)


@dataclass
class Community:
    group: Chat
    mods: Chat
    code: str
    second: User  # another admin of the moderators' group


async def community(tg, *, publish: bool = True) -> Community:
    group = tg.api.group(COMMUNITY, "Night Shift", owner=tg.admin)
    second = tg.api.user(5550009, "Bea", "bea_mod")
    mods = tg.api.group(MODS, "Night Shift mods", owner=tg.admin, admins=(second,))
    code = await bind(tg, group, mods)
    if publish:
        await tg.api.message(tg.admin, "/setup publish here", chat=group)
    return Community(group, mods, code, second)


async def join(tg, user: User, where: Community) -> None:
    await tg.api.message(user, f"/start {where.code}")


async def share(tg, user: User, text: str, warning: str | None = None, *, reflection: bool = False) -> Sent:
    """Through the whole conversation to the preview; returns the preview message (with Submit, Edit, Cancel)."""
    await tg.api.message(user, "/share")
    await tg.api.message(user, text)
    if warning is None:
        await tg.api.press(user, tg.api.last_sent(user.id), "No content warning")
    else:
        await tg.api.message(user, warning)
    if reflection:
        await tg.api.press(user, tg.api.last_sent(user.id), "☐ May be used as a daily reflection")
    await tg.api.press(user, tg.api.last_sent(user.id), "Continue")
    return tg.api.last_sent(user.id)


async def submit(tg, user: User, text: str = STORY, warning: str | None = None) -> Sent:
    """Shares and submits; returns the story's card in the moderators' group."""
    preview = await share(tg, user, text, warning)
    label = next(b["text"] for b in preview.buttons() if b["text"].startswith("Submit"))
    await tg.api.press(user, preview, label)
    return tg.api.last_sent(MODS)


async def publish(tg, clock) -> None:
    """Past the longest publication delay, then one round of the background jobs."""
    clock.set(clock.now() + timedelta(seconds=tg.app.timing.publish_delay[1] + 1))
    await tg.jobs()
