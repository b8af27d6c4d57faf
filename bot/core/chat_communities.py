"""Communities that live in a chat group (Telegram): binding a moderators' group, codes, members.

The adapter checks who is an admin where (that needs the platform); the rules about codes, expiry and which
chats may be used live here.
"""

from __future__ import annotations

import secrets
import string

from bot.core import publishing
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.server_setup import SetupError
from bot.db import guilds, telegram
from bot.db import stories as store
from bot.db.telegram import PLATFORM, Community, PostRecord, Prompt

__all__ = ["PLATFORM", "Community", "PostRecord", "Prompt"]

PAIRING_SECONDS = 3600
_PAIRING_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
PAIRING_LENGTH = 8
CODE_BYTES = 9  # 12 URL-safe characters: unguessable, well inside Telegram's 64 for a start payload


class JoinError(Exception):
    """A start link does not lead to a community; the message says what to do."""


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


def _pairing_code() -> str:
    return "".join(secrets.choice(_PAIRING_ALPHABET) for _ in range(PAIRING_LENGTH))


async def begin(app: Stairwell, group_chat_id: int, title: str) -> Community:
    """The group becomes a community (once) and gets a fresh pairing code for its moderators' group."""
    community = await telegram.by_group(app.db, group_chat_id)
    if community is None:
        await telegram.create(app.db, group_chat_id, title, secrets.token_urlsafe(CODE_BYTES))
    else:
        await telegram.set_title(app.db, community.guild_id, title)
    found = await telegram.by_group(app.db, group_chat_id)
    assert found is not None
    expires = int(app.clock.now().timestamp()) + PAIRING_SECONDS
    await telegram.set_pairing(app.db, found.guild_id, _pairing_code(), expires)
    refreshed = await telegram.by_guild(app.db, found.guild_id)
    assert refreshed is not None
    return refreshed


async def pairing_target(app: Stairwell, code: str) -> Community:
    """The community a pairing code belongs to, if it is still valid."""
    community = await telegram.by_pairing_code(app.db, code.strip().upper())
    now = int(app.clock.now().timestamp())
    if community is None or community.pairing_expires is None or community.pairing_expires <= now:
        raise SetupError(
            "That setup code is not valid (codes last an hour and work once). Run /setup in your community "
            "group again for a new one."
        )
    return community


async def bind_moderators(
    app: Stairwell, community: Community, code: str, chat_id: int, *, public: bool
) -> Community:
    """The queue goes to a private group that is not the community itself, so members never see it."""
    if chat_id == community.group_chat_id:
        raise SetupError(
            "This is the community group itself. Stories waiting for review must go to a separate, private "
            "group of moderators: create one, add me, and send the code there."
        )
    if public:
        raise SetupError(
            "This group is public (it has a @username), so anyone could read stories waiting for review. "
            "Use a private group for moderators."
        )
    now = int(app.clock.now().timestamp())
    if not await telegram.bind_moderators(app.db, community.guild_id, code.strip().upper(), chat_id, now):
        raise SetupError("That setup code was just used or has expired. Run /setup in your community group again.")
    bound = await telegram.by_guild(app.db, community.guild_id)
    assert bound is not None
    return bound


async def set_publish_chat(app: Stairwell, community: Community, chat_id: int | None) -> Community:
    if chat_id is not None and chat_id == community.moderators_chat_id:
        raise SetupError("Published stories cannot go to the moderators' group; choose the group or a channel.")
    await telegram.set_publish_chat(app.db, community.guild_id, chat_id)
    if chat_id is not None:
        # Stories parked because the old chat refused them get another go, as after /setup channels on Discord.
        await publishing.resume_blocked(app, community.guild_id)
    updated = await telegram.by_guild(app.db, community.guild_id)
    assert updated is not None
    return updated


async def join(app: Stairwell, person_key: str, code: str) -> Community:
    """Binds a member's private chat to the community whose link they followed."""
    community = await telegram.by_code(app.db, code)
    if community is None:
        raise JoinError(
            "That link doesn't lead to a Stairwell community (it may be old or cut short). Ask your group for "
            "its current link, or use /reflect and /resources, which work without one."
        )
    await telegram.join(app.db, person_key, community.guild_id)
    return community


def pairing_card(community: Community) -> Card:
    return Card(
        title="Set up Stairwell for this group",
        body=(
            "Stories members share are read by moderators first, in a **private** group of their own.\n"
            "1. Create a private group for your moderators (or use an existing one) and add me to it.\n"
            f"2. Send this there: `/setup {community.pairing_code}`\n"
            "The code works once, for an hour, and only for an admin of this group.\n"
            "3. Optional: `/setup publish here` (in this group) or `/setup publish @yourchannel` chooses where "
            "approved stories and daily reflections are posted."
        ),
        footer="Stairwell needs no admin rights in this group.",
        tone=Tone.WARM,
    )


def status_card(community: Community, link: str, publish_name: str | None) -> Card:
    lines = [
        "**Moderators' group:** " + ("bound ✓" if community.moderators_chat_id else "not set — run /setup here"),
        "**Stories and daily reflections:** " + (publish_name or "not posted anywhere yet (/setup publish)"),
        "",
        f"Members start here, in a private chat with me: {link}",
    ]
    return Card(
        title=f"Stairwell in {community.title}",  # titles are plain text on every platform
        body="\n".join(lines),
        footer="Share the link with your group. Everything members write stays in their private chat with me.",
        tone=Tone.OK if community.moderators_chat_id else Tone.NOTICE,
    )


# -- what the adapter looks up (it never reads the database itself) ------------------------------------------


async def by_group(app: Stairwell, chat_id: int) -> Community | None:
    return await telegram.by_group(app.db, chat_id)


async def by_guild(app: Stairwell, guild_id: int) -> Community | None:
    return await telegram.by_guild(app.db, guild_id)


async def moderated_from(app: Stairwell, chat_id: int) -> list[Community]:
    return await telegram.moderated_from(app.db, chat_id)


async def member_community(app: Stairwell, person_key: str) -> Community | None:
    """The community whose link this person followed last, if it still exists."""
    guild_id = await telegram.member_community(app.db, person_key)
    return None if guild_id is None else await telegram.by_guild(app.db, guild_id)


async def member_guild(app: Stairwell, person_key: str) -> int | None:
    """Just the community's id (its server in the core), for flows that take one."""
    return await telegram.member_community(app.db, person_key)


async def group_migrated(app: Stairwell, old_chat_id: int, new_chat_id: int) -> None:
    await telegram.group_migrated(app.db, old_chat_id, new_chat_id)


async def removed(app: Stairwell, chat_id: int) -> bool:
    """The bot left a community's group: everything stored for the community goes. False if it was none."""
    community = await telegram.by_group(app.db, chat_id)
    if community is None:
        return False
    await guilds.delete(app.db, community.guild_id)
    return True


async def queue_community(app: Stairwell, chat_id: int, story_id: int) -> Community | None:
    """The community a queued story belongs to, if this chat is its moderators' group (else None)."""
    story = await store.get(app.db, story_id)
    community = await telegram.by_guild(app.db, story.guild_id) if story is not None else None
    return community if community is not None and community.moderators_chat_id == chat_id else None


async def note_problem(app: Stairwell, guild_id: int, chat_id: int, problem: str) -> bool:
    """True the first time this problem is seen for this chat (so moderators are told once)."""
    return await telegram.note_problem(app.db, guild_id, chat_id, problem)


async def clear_problems(app: Stairwell, chat_id: int) -> None:
    await telegram.clear_problems(app.db, chat_id)


# Moderators' force-reply prompts.


async def add_prompt(
    app: Stairwell, chat_id: int, message_id: int, guild_id: int, form: str, story_id: int, extra: tuple[int, ...]
) -> None:
    now = int(app.clock.now().timestamp())
    await telegram.add_prompt(app.db, chat_id, message_id, guild_id, form, story_id, extra, now)


async def take_prompt(app: Stairwell, chat_id: int, message_id: int) -> Prompt | None:
    return await telegram.take_prompt(app.db, chat_id, message_id)


async def put_back_prompt(app: Stairwell, prompt: Prompt) -> None:
    await telegram.put_back_prompt(app.db, prompt, int(app.clock.now().timestamp()))


# The outbox record of posts (Telegram has no history to search).


async def post_intent(app: Stairwell, nonce: str, guild_id: int, chat_id: int, marker: str) -> PostRecord:
    return await telegram.post_intent(app.db, nonce, guild_id, chat_id, marker, int(app.clock.now().timestamp()))


async def post_confirmed(app: Stairwell, nonce: str, message_ids: tuple[int, ...]) -> None:
    await telegram.post_confirmed(app.db, nonce, message_ids)


async def post_not_made(app: Stairwell, nonce: str) -> None:
    await telegram.post_not_made(app.db, nonce)


async def posts_marked(app: Stairwell, chat_id: int, marker: str) -> list[PostRecord]:
    return await telegram.posts_marked(app.db, chat_id, marker)


async def post_parts(app: Stairwell, chat_id: int, message_id: int) -> tuple[int, ...]:
    return await telegram.post_parts(app.db, chat_id, message_id)


async def post_deleted(app: Stairwell, chat_id: int, message_id: int) -> None:
    await telegram.post_deleted(app.db, chat_id, message_id)
