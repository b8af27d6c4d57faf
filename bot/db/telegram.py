"""SQL for Telegram communities: group ↔ community, members' pseudonyms, one-time notices."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import dialect
from bot.db.connection import Database, Row

PLATFORM = "telegram"  # the guilds.platform tag of every community here (and the prefix of members' keys)


@dataclass(frozen=True, slots=True)
class Community:
    guild_id: int
    group_chat_id: int
    title: str
    code: str
    moderators_chat_id: int | None
    publish_chat_id: int | None
    pairing_code: str | None
    pairing_expires: int | None


_SELECT = (
    "SELECT c.*, g.moderation_channel_id, g.stories_channel_id FROM telegram_communities c "
    "JOIN guilds g ON g.guild_id = c.guild_id "
)


def _community(row: Row | None) -> Community | None:
    if row is None:
        return None
    return Community(
        guild_id=row["guild_id"],
        group_chat_id=row["group_chat_id"],
        title=row["title"],
        code=row["code"],
        moderators_chat_id=row["moderation_channel_id"],
        publish_chat_id=row["stories_channel_id"],
        pairing_code=row["pairing_code"],
        pairing_expires=row["pairing_expires"],
    )


async def by_group(db: Database, chat_id: int) -> Community | None:
    return _community(await db.fetchone(_SELECT + "WHERE c.group_chat_id = ?", (chat_id,)))


async def by_code(db: Database, code: str) -> Community | None:
    return _community(await db.fetchone(_SELECT + "WHERE c.code = ?", (code,)))


async def by_pairing_code(db: Database, code: str) -> Community | None:
    return _community(await db.fetchone(_SELECT + "WHERE c.pairing_code = ?", (code,)))


async def by_guild(db: Database, guild_id: int) -> Community | None:
    return _community(await db.fetchone(_SELECT + "WHERE c.guild_id = ?", (guild_id,)))


async def moderated_from(db: Database, chat_id: int) -> list[Community]:
    """Communities whose moderators' group is this chat."""
    rows = await db.fetchall(_SELECT + "WHERE g.moderation_channel_id = ? ORDER BY c.guild_id", (chat_id,))
    return [community for row in rows if (community := _community(row)) is not None]


async def create(db: Database, group_chat_id: int, title: str, code: str) -> None:
    """The community's guilds row first, so everything stored for it goes when it is removed."""
    async with db.transaction():
        # Tagged as Telegram's, so the background worker never sends its work through another platform.
        await db.execute(
            "INSERT INTO guilds (guild_id, platform) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET platform = excluded.platform",
            (group_chat_id, PLATFORM),
        )
        await db.execute(
            "INSERT INTO telegram_communities (guild_id, group_chat_id, title, code) VALUES (?, ?, ?, ?)",
            (group_chat_id, group_chat_id, title, code),
        )


async def set_title(db: Database, guild_id: int, title: str) -> None:
    await db.execute("UPDATE telegram_communities SET title = ? WHERE guild_id = ?", (title, guild_id))


async def set_pairing(db: Database, guild_id: int, code: str | None, expires: int | None) -> None:
    await db.execute(
        "UPDATE telegram_communities SET pairing_code = ?, pairing_expires = ? WHERE guild_id = ?",
        (code, expires, guild_id),
    )


async def bind_moderators(db: Database, guild_id: int, pairing_code: str, chat_id: int, now: int) -> bool:
    """Uses the pairing code up; False if another binding used it first or it expired."""
    async with db.transaction():
        used = await db.execute(
            "UPDATE telegram_communities SET pairing_code = NULL, pairing_expires = NULL "
            "WHERE guild_id = ? AND pairing_code = ? AND pairing_expires > ?",
            (guild_id, pairing_code, now),
        )
        if used != 1:
            return False
        await db.execute("UPDATE guilds SET moderation_channel_id = ? WHERE guild_id = ?", (chat_id, guild_id))
    return True


async def set_publish_chat(db: Database, guild_id: int, chat_id: int | None) -> None:
    """Published stories and daily posts go to the same chat on Telegram."""
    await db.execute(
        "UPDATE guilds SET stories_channel_id = ?, daily_channel_id = ? WHERE guild_id = ?",
        (chat_id, chat_id, guild_id),
    )


async def group_migrated(db: Database, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: same community, new chat id (also where it was the publish chat)."""
    async with db.transaction():
        await db.execute(
            "UPDATE telegram_communities SET group_chat_id = ? WHERE group_chat_id = ?", (new_chat_id, old_chat_id)
        )
        for column in ("moderation_channel_id", "stories_channel_id", "daily_channel_id"):
            await db.execute(f"UPDATE guilds SET {column} = ? WHERE {column} = ?", (new_chat_id, old_chat_id))


async def join(db: Database, person_key: str, guild_id: int) -> None:
    await db.execute(
        "INSERT INTO telegram_members (person_key, guild_id) VALUES (?, ?) "
        "ON CONFLICT (person_key) DO UPDATE SET guild_id = excluded.guild_id",
        (person_key, guild_id),
    )


async def member_community(db: Database, person_key: str) -> int | None:
    value = await db.fetchval("SELECT guild_id FROM telegram_members WHERE person_key = ?", (person_key,))
    return None if value is None else int(value)


async def note_problem(db: Database, guild_id: int, chat_id: int, problem: str) -> bool:
    """True the first time this problem is seen for this chat (so moderators are told once)."""
    added = await db.execute(
        "INSERT INTO telegram_notices (guild_id, chat_id, problem) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (guild_id, chat_id, problem),
    )
    return added == 1


async def clear_problems(db: Database, chat_id: int) -> int:
    return await db.execute("DELETE FROM telegram_notices WHERE chat_id = ?", (chat_id,))


# -- moderators' force-reply prompts -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prompt:
    chat_id: int
    message_id: int
    guild_id: int
    form: str
    story_id: int
    extra_ids: tuple[int, ...]


async def add_prompt(
    db: Database,
    chat_id: int,
    message_id: int,
    guild_id: int,
    form: str,
    story_id: int,
    extra: tuple[int, ...],
    now: int,
) -> None:
    await db.execute(
        "INSERT INTO telegram_prompts "
        "(chat_id, message_id, guild_id, form, story_id, extra_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id, message_id) DO UPDATE SET guild_id = excluded.guild_id, form = excluded.form, "
        "story_id = excluded.story_id, extra_ids = excluded.extra_ids, created_at = excluded.created_at",
        (chat_id, message_id, guild_id, form, story_id, " ".join(map(str, extra)), now),
    )


async def take_prompt(db: Database, chat_id: int, message_id: int) -> Prompt | None:
    """The prompt a reply answers, removed as it is read: a second answer to one prompt finds nothing."""
    row = await db.fetchone(
        "DELETE FROM telegram_prompts WHERE chat_id = ? AND message_id = ? RETURNING *", (chat_id, message_id)
    )
    if row is None:
        return None
    extra = tuple(int(part) for part in str(row["extra_ids"]).split())
    return Prompt(row["chat_id"], row["message_id"], row["guild_id"], row["form"], row["story_id"], extra)


async def put_back_prompt(db: Database, prompt: Prompt, now: int) -> None:
    """An answer that could not be used (empty, too long, not a moderator): the prompt still waits."""
    await add_prompt(
        db, prompt.chat_id, prompt.message_id, prompt.guild_id, prompt.form, prompt.story_id, prompt.extra_ids, now
    )


# -- the outbox record of posts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostRecord:
    nonce: str
    chat_id: int
    marker: str
    message_ids: tuple[int, ...] | None  # None: Telegram never confirmed the post


def _record(row: Row) -> PostRecord:
    ids = row["message_ids"]
    return PostRecord(
        row["nonce"], row["chat_id"], row["marker"], None if ids is None else tuple(int(i) for i in ids.split())
    )


async def post_intent(db: Database, nonce: str, guild_id: int, chat_id: int, marker: str, now: int) -> PostRecord:
    """Written before the post is sent; an earlier record for the nonce (a retry) is returned as it is."""
    await db.execute(
        "INSERT INTO telegram_posts (nonce, guild_id, chat_id, marker, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (nonce, guild_id, chat_id, marker, now),
    )
    row = await db.fetchone("SELECT * FROM telegram_posts WHERE nonce = ?", (nonce,))
    assert row is not None
    return _record(row)


async def post_confirmed(db: Database, nonce: str, message_ids: tuple[int, ...]) -> None:
    await db.execute(
        "UPDATE telegram_posts SET message_id = ?, message_ids = ? WHERE nonce = ?",
        (message_ids[0], " ".join(map(str, message_ids)), nonce),
    )


async def post_not_made(db: Database, nonce: str) -> None:
    """Telegram refused the post outright: nothing was made, so a later look must not find it."""
    await db.execute("DELETE FROM telegram_posts WHERE nonce = ? AND message_ids IS NULL", (nonce,))


async def posts_marked(db: Database, chat_id: int, marker: str) -> list[PostRecord]:
    rows = await db.fetchall(
        f"SELECT * FROM telegram_posts WHERE chat_id = ? AND {dialect.sql(db).contains.format(column='marker')} "
        "ORDER BY created_at",
        (chat_id, marker),
    )
    return [_record(row) for row in rows]


async def post_parts(db: Database, chat_id: int, message_id: int) -> tuple[int, ...]:
    """Every message of a post by its first one (just that one for a post made without a record)."""
    value = await db.fetchval(
        "SELECT message_ids FROM telegram_posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    )
    return (message_id,) if value is None else tuple(int(part) for part in str(value).split())


async def post_deleted(db: Database, chat_id: int, message_id: int) -> None:
    await db.execute("DELETE FROM telegram_posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
