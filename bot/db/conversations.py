"""SQL for /share conversations: which step a person's share is at, and the draft it builds."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import guilds
from bot.db.connection import Database, Row


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    author_key: str
    guild_id: int
    step: str
    draft_id: int | None
    replaces: int | None


def _conversation(row: Row | None) -> Conversation | None:
    if row is None:
        return None
    return Conversation(row["id"], row["author_key"], row["guild_id"], row["step"], row["draft_id"], row["replaces"])


async def get(db: Database, author_key: str) -> Conversation | None:
    return _conversation(await db.fetchone("SELECT * FROM share_conversations WHERE author_key = ?", (author_key,)))


async def begin(
    db: Database, author_key: str, guild_id: int, now: int, *, draft_id: int | None = None, replaces: int | None = None
) -> Conversation:
    """A new conversation replaces any earlier one (its buttons then answer as gone: the id changed)."""
    await guilds.ensure(db, guild_id)
    async with db.transaction():
        await db.execute("DELETE FROM share_conversations WHERE author_key = ?", (author_key,))
        await db.insert(
            "INSERT INTO share_conversations (author_key, guild_id, step, draft_id, replaces, updated_at) "
            "VALUES (?, ?, 'story', ?, ?, ?)",
            (author_key, guild_id, draft_id, replaces, now),
        )
    found = await get(db, author_key)
    assert found is not None
    return found


async def advance(db: Database, conversation_id: int, step: str, now: int, *, draft_id: int | None = None) -> None:
    """To the next step; a new draft (the story step's text) replaces the one being edited in one transaction."""
    async with db.transaction():
        row = await db.fetchone("SELECT draft_id, replaces FROM share_conversations WHERE id = ?", (conversation_id,))
        if row is None:
            return
        old = {row["draft_id"], row["replaces"]} - {None, draft_id}
        await db.execute(
            "UPDATE share_conversations SET step = ?, draft_id = COALESCE(?, draft_id), replaces = NULL, "
            "updated_at = ? WHERE id = ?",
            (step, draft_id, now, conversation_id),
        )
        for stale in old if draft_id is not None else ():
            await db.execute("DELETE FROM drafts WHERE id = ?", (stale,))


async def back_to_story(db: Database, conversation_id: int, now: int) -> None:
    """The story step again, its draft dropped (the text it held turned out to be only part of the story)."""
    async with db.transaction():
        row = await db.fetchone("SELECT draft_id FROM share_conversations WHERE id = ?", (conversation_id,))
        if row is None:
            return
        await db.execute(
            "UPDATE share_conversations SET step = 'story', draft_id = NULL, updated_at = ? WHERE id = ?",
            (now, conversation_id),
        )
        if row["draft_id"] is not None:
            await db.execute("DELETE FROM drafts WHERE id = ?", (row["draft_id"],))


async def end(db: Database, author_key: str) -> None:
    await db.execute("DELETE FROM share_conversations WHERE author_key = ?", (author_key,))


async def update_draft(db: Database, draft_id: int, **values: object) -> None:
    """The conversation's answers (content warning, choices) land on its draft."""
    allowed = {"content_warning", "for_reflection", "notify"}
    assert set(values) <= allowed, set(values) - allowed
    if not values:
        return
    assignments = ", ".join(f"{name} = ?" for name in values)
    await db.execute(f"UPDATE drafts SET {assignments} WHERE id = ?", (*values.values(), draft_id))
