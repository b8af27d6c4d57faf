"""SQL for drafts, stories, replies, limits, blocks and the moderation log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.db import dialect, guilds
from bot.db.connection import Database, Row
from bot.db.scope import Served, condition

DAY = 86_400


class SubmissionRefusedError(Exception):
    """Blocked, or over the daily limit; the transaction was rolled back, so the draft is still there."""


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    guild_id: int
    author_key: str
    text: str
    content_warning: str | None
    for_reflection: bool
    notify: bool


@dataclass(frozen=True, slots=True)
class Story:
    id: int
    guild_id: int
    number: int
    author_key: str
    sealed_author: bytes | None
    notify: bool
    for_reflection: bool
    text: str | None
    content_warning: str | None
    crisis_level: str
    crisis_signals: tuple[str, ...]
    redacted_summary: str
    status: str
    submitted_on: str
    resolved_at: int | None
    reject_reason: str | None
    acted_by: int | None
    queue_channel_id: int | None
    queue_message_id: int | None
    publish_state: str | None
    publish_after: int | None
    publish_attempts: int
    published_channel_id: int | None
    published_message_id: int | None
    queue_state: str | None = None
    queue_after: int | None = None
    queue_claimed_until: int | None = None
    queue_attempts: int = 0
    publish_claimed_until: int | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    created_at: int
    kind: str = "reply"


@dataclass(frozen=True, slots=True)
class LogEntry:
    story_number: int
    action: str
    moderator_id: int | None
    at: int


def _story(row: Row) -> Story:
    values = dict(row)
    values["notify"] = bool(values["notify"])
    values["for_reflection"] = bool(values["for_reflection"])
    values["crisis_signals"] = tuple(json.loads(values["crisis_signals"]))
    return Story(**values)


# -- drafts -------------------------------------------------------------------------------------


async def save_draft(
    db: Database,
    guild_id: int,
    author_key: str,
    text: str,
    content_warning: str | None,
    for_reflection: bool,
    notify: bool,
    now: int,
) -> int:
    await guilds.ensure(db, guild_id)
    return await db.insert(
        "INSERT INTO drafts (guild_id, author_key, text, content_warning, for_reflection, notify, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (guild_id, author_key, text, content_warning, int(for_reflection), int(notify), now),
    )


async def get_draft(db: Database, draft_id: int) -> Draft | None:
    row = await db.fetchone(
        "SELECT id, guild_id, author_key, text, content_warning, for_reflection, notify FROM drafts WHERE id = ?",
        (draft_id,),
    )
    if row is None:
        return None
    return Draft(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))


async def delete_draft(db: Database, draft_id: int) -> bool:
    return await db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)) == 1


# -- submitting -----------------------------------------------------------------------------------


async def is_blocked(db: Database, guild_id: int, author_key: str) -> bool:
    found = await db.fetchval("SELECT 1 FROM blocks WHERE guild_id = ? AND author_key = ?", (guild_id, author_key))
    return found is not None


async def submissions_since(db: Database, guild_id: int, author_key: str, since: int) -> int:
    return int(
        await db.fetchval(
            "SELECT count(*) FROM submission_times WHERE guild_id = ? AND author_key = ? AND at > ?",
            (guild_id, author_key, since),
        )
    )


@dataclass(frozen=True, slots=True)
class NewStory:
    """What Submit adds to a draft to make it a story."""

    draft_id: int
    text: str
    sealed_author: bytes | None
    crisis_level: str
    crisis_signals: tuple[str, ...]
    redacted_summary: str
    submitted_on: str
    now: int
    queue_after: int
    limit: int | None


STORY_COLUMNS = (
    "id, guild_id, number, author_key, sealed_author, notify, for_reflection, text, content_warning, crisis_level, "
    "crisis_signals, redacted_summary, submitted_on, queue_state, queue_after"
)


async def create_from_draft(
    db: Database,
    draft_id: int,
    *,
    text: str,
    sealed_author: bytes | None,
    crisis_level: str,
    crisis_signals: list[str],
    redacted_summary: str,
    submitted_on: str,
    now: int,
    queue_after: int,
    limit: int | None = None,
) -> Story | None:
    """Turns a draft into a pending story in one transaction; None if the draft was already used.

    The queue post is recorded as due at `queue_after`: the outbox makes it, exactly once. With a
    `limit`, a block or that many submissions in the last day refuse it inside the same transaction,
    so concurrent submits cannot pass the limit together (SubmissionRefusedError; the draft is kept).
    Submits that arrive together share that transaction (`Database.together`), decided in arrival order
    exactly as if each had run alone.
    """
    request = NewStory(
        draft_id,
        text,
        sealed_author,
        crisis_level,
        tuple(crisis_signals),
        redacted_summary,
        submitted_on,
        now,
        queue_after,
        limit,
    )
    story: Story | None = await db.together(_create_many, request)
    return story


# Requests per round of statements: 15 parameters a row stay under 999, SQLite's oldest limit.
ROUND = 64


async def _create_many(db: Database, requests: list[NewStory]) -> list[Story | Exception | None]:
    """Every request in a few statements a round, whatever their number; each round sees the ones before it."""
    results: list[Story | Exception | None] = []
    for start in range(0, len(requests), ROUND):
        results.extend(await _create_round(db, requests[start : start + ROUND]))
    return results


async def _create_round(db: Database, requests: list[NewStory]) -> list[Story | Exception | None]:
    """Drafts, limits, numbers, stories and submission times for up to ROUND requests."""
    # Each draft with its author's block and submissions in the day before that submit, in one statement.
    wanted = sorted({(request.draft_id, request.now - DAY) for request in requests})
    drafts = await db.fetchall(
        f"WITH wanted (id, since) AS (VALUES {', '.join(['(CAST(? AS BIGINT), CAST(? AS BIGINT))'] * len(wanted))}) "
        "SELECT d.*, wanted.since, "
        "EXISTS (SELECT 1 FROM blocks b WHERE b.guild_id = d.guild_id AND b.author_key = d.author_key) AS blocked, "
        "(SELECT count(*) FROM submission_times t WHERE t.guild_id = d.guild_id AND t.author_key = d.author_key "
        "AND t.at > wanted.since) AS recent "
        "FROM drafts d JOIN wanted ON wanted.id = d.id",
        [value for pair in wanted for value in pair],
    )
    found = {(row["id"], row["since"]): row for row in drafts}
    used: set[int] = set()
    earlier: dict[tuple[int, str], list[int]] = {}  # accepted in this group, by author: when
    results: list[Story | Exception | None] = []
    accepted: list[tuple[int, NewStory, Row]] = []  # (index in results, request, draft)
    for request in requests:
        draft = found.get((request.draft_id, request.now - DAY))
        if draft is None or request.draft_id in used:  # a second submit of the same draft gets None
            results.append(None)
            continue
        same_author = earlier.setdefault((draft["guild_id"], draft["author_key"]), [])
        recent = draft["recent"] + sum(1 for at in same_author if at > request.now - DAY)
        if request.limit is not None and (draft["blocked"] or recent >= request.limit):
            results.append(SubmissionRefusedError())
            continue
        used.add(request.draft_id)
        same_author.append(request.now)
        accepted.append((len(results), request, draft))
        results.append(None)
    if not accepted:
        return results
    taken = [draft["id"] for _, _, draft in accepted]
    await db.fetchall(f"DELETE FROM drafts WHERE id IN ({_marks(taken)})", taken)
    numbers = await _numbers(db, [draft["guild_id"] for _, _, draft in accepted])
    ids = await _story_ids(db, len(accepted))
    rows = [
        (
            story_id,
            draft["guild_id"],
            number,
            draft["author_key"],
            request.sealed_author if draft["notify"] else None,
            draft["notify"],
            draft["for_reflection"],
            request.text,
            draft["content_warning"],
            request.crisis_level,
            json.dumps(list(request.crisis_signals)),
            request.redacted_summary,
            request.submitted_on,
            "due",
            request.queue_after,
        )
        for (_, request, draft), number, story_id in zip(accepted, numbers, ids, strict=True)
    ]
    # RETURNING gives the rows in no promised order: each is matched by its (server, number).
    made = {
        (row["guild_id"], row["number"]): _story(row)
        for row in await db.fetchall(
            f"INSERT INTO stories ({STORY_COLUMNS}) VALUES {', '.join(['(' + _marks(rows[0]) + ')'] * len(rows))} "
            "RETURNING *",
            [value for row in rows for value in row],
        )
    }
    for (position, _, draft), number in zip(accepted, numbers, strict=True):
        results[position] = made[(draft["guild_id"], number)]
    await db.fetchall(
        f"INSERT INTO submission_times (guild_id, author_key, at) VALUES {', '.join(['(?, ?, ?)'] * len(accepted))}",
        [value for _, request, draft in accepted for value in (draft["guild_id"], draft["author_key"], request.now)],
    )
    return results


async def _story_ids(db: Database, count: int) -> list[int]:
    """`count` new story ids. Buttons and forms name a story by its id, so an id is never given twice (SQLite
    would reuse the highest one after /forgetme deletes it): the highest ever given is kept in bot_meta."""
    [row] = await db.fetchall(
        "INSERT INTO bot_meta (key, value) SELECT 'last_story_id', coalesce(max(id), 0) + ? FROM stories "
        "WHERE true ON CONFLICT (key) DO UPDATE SET value = (SELECT CASE WHEN kept > used THEN kept "
        "ELSE used END + ? FROM (SELECT CAST(bot_meta.value AS BIGINT) AS kept, "
        "(SELECT coalesce(max(id), 0) FROM stories) AS used) AS ids) RETURNING value",
        (count, count),
    )
    last = int(row[0])
    return list(range(last - count + 1, last + 1))


async def _numbers(db: Database, guild_ids: list[int]) -> list[int]:
    """The next story numbers from each server's counter, one per entry, in order: never reused."""
    counts: dict[int, int] = {}
    for guild_id in guild_ids:
        counts[guild_id] = counts.get(guild_id, 0) + 1
    next_number: dict[int, int] = {}
    for guild_id, count in counts.items():
        [row] = await db.fetchall(
            "UPDATE guilds SET last_story_number = last_story_number + ? WHERE guild_id = ? "
            "RETURNING last_story_number",
            (count, guild_id),
        )
        next_number[guild_id] = int(row[0]) - count + 1
    numbers = []
    for guild_id in guild_ids:
        numbers.append(next_number[guild_id])
        next_number[guild_id] += 1
    return numbers


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


# -- reading --------------------------------------------------------------------------------------


async def get(db: Database, story_id: int) -> Story | None:
    row = await db.fetchone("SELECT * FROM stories WHERE id = ?", (story_id,))
    return None if row is None else _story(row)


async def by_number(db: Database, guild_id: int, number: int) -> Story | None:
    row = await db.fetchone("SELECT * FROM stories WHERE guild_id = ? AND number = ?", (guild_id, number))
    return None if row is None else _story(row)


async def by_published_message(db: Database, message_id: int) -> Story | None:
    row = await db.fetchone("SELECT * FROM stories WHERE published_message_id = ?", (message_id,))
    return None if row is None else _story(row)


async def pending(db: Database, guild_id: int, limit: int = 25) -> list[Story]:
    """Urgent first, then oldest: the order moderators should read them in."""
    rows = await db.fetchall(
        "SELECT * FROM stories WHERE guild_id = ? AND status = 'pending' "
        "ORDER BY crisis_level = 'urgent' DESC, id LIMIT ?",
        (guild_id, limit),
    )
    return [_story(row) for row in rows]


async def count_pending(db: Database, guild_id: int) -> int:
    return int(await db.fetchval("SELECT count(*) FROM stories WHERE guild_id = ? AND status = 'pending'", (guild_id,)))


async def by_author(db: Database, author_key: str, guild_id: int | None = None, limit: int = 100) -> list[Story]:
    if guild_id is None:
        rows = await db.fetchall(
            "SELECT * FROM stories WHERE author_key = ? ORDER BY id DESC LIMIT ?", (author_key, limit)
        )
    else:
        rows = await db.fetchall(
            "SELECT * FROM stories WHERE author_key = ? AND guild_id = ? ORDER BY id DESC LIMIT ?",
            (author_key, guild_id, limit),
        )
    return [_story(row) for row in rows]


async def has_support(db: Database, author_key: str, guild_id: int) -> bool:
    """Whether a moderator sent this author support lines for a story here."""
    found = await db.fetchval(
        "SELECT 1 FROM story_replies AS r JOIN stories AS s ON s.id = r.story_id "
        "WHERE s.author_key = ? AND s.guild_id = ? AND r.kind = 'support' LIMIT 1",
        (author_key, guild_id),
    )
    return found is not None


async def replies(db: Database, story_id: int) -> list[Reply]:
    rows = await db.fetchall(
        "SELECT text, created_at, kind FROM story_replies WHERE story_id = ? ORDER BY id", (story_id,)
    )
    return [Reply(row[0], row[1], row[2]) for row in rows]


# -- changing -------------------------------------------------------------------------------------


# Columns a status change may set alongside the status; anything else is a programming error.
_MOVE_COLUMNS = frozenset(
    {
        "acted_by",
        "resolved_at",
        "text",
        "content_warning",
        "reject_reason",
        "publish_state",
        "publish_after",
        "published_channel_id",
        "published_message_id",
    }
)


async def move(db: Database, story_id: int, to: str, sources: Sequence[str], **changes: object) -> Story | None:
    """The one statement that changes a story's status, and only from `sources`.

    Returns the story as it is after the move, or None when it was not in one of `sources` (another
    action won the race). `changes` set other columns in the same statement.
    """
    unknown = set(changes) - _MOVE_COLUMNS
    if unknown:
        raise ValueError(f"not a column a status change sets: {sorted(unknown)}")
    assignments = "".join(f", {column} = ?" for column in changes)
    marks = ", ".join("?" for _ in sources)
    row = await db.fetchone(
        f"UPDATE stories SET status = ?{assignments} WHERE id = ? AND status IN ({marks}) RETURNING *",
        (to, *changes.values(), story_id, *sources),
    )
    return None if row is None else _story(row)


async def repost(db: Database, story_id: int, guild_id: int, at: int) -> Story | None:
    """The one move back to approved: a published story with no known post (the platform never confirmed it),
    found missing by a moderator, is due again. Conditional, so two presses put it back once; None otherwise."""
    row = await db.fetchone(
        "UPDATE stories SET status = 'approved', publish_state = 'due', publish_after = ?, publish_attempts = 0, "
        "publish_claimed_until = NULL, published_channel_id = NULL "
        "WHERE id = ? AND guild_id = ? AND status = 'published' AND published_message_id IS NULL RETURNING *",
        (at, story_id, guild_id),
    )
    return None if row is None else _story(row)


async def add_reply(db: Database, story_id: int, text: str, now: int, kind: str = "reply") -> int:
    return await db.insert(
        "INSERT INTO story_replies (story_id, text, created_at, kind) VALUES (?, ?, ?, ?)", (story_id, text, now, kind)
    )


async def mark_urgent(db: Database, story_id: int) -> Story | None:
    """Only the first of several clicks succeeds, so the role is pinged once."""
    row = await db.fetchone(
        "UPDATE stories SET crisis_level = 'urgent' WHERE id = ? AND status = 'pending' AND crisis_level != 'urgent' "
        "RETURNING *",
        (story_id,),
    )
    return None if row is None else _story(row)


async def mark_reply_delivered(db: Database, reply_id: int) -> None:
    await db.execute("UPDATE story_replies SET delivered = 1 WHERE id = ?", (reply_id,))


async def block(db: Database, guild_id: int, author_key: str, story_number: int, now: int) -> bool:
    changed = await db.execute(
        "INSERT INTO blocks (guild_id, author_key, story_number, blocked_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (guild_id, author_key, story_number, now),
    )
    return changed == 1


async def unblock(db: Database, guild_id: int, story_number: int) -> bool:
    """Lifts the block placed through that story, or the one on that story's author.

    The block keeps its story number, so it can be lifted after the story itself was deleted.
    """
    changed = await db.execute(
        "DELETE FROM blocks WHERE guild_id = ? AND (story_number = ? OR author_key = "
        "(SELECT author_key FROM stories WHERE guild_id = ? AND number = ?))",
        (guild_id, story_number, guild_id, story_number),
    )
    return changed > 0


async def log_action(
    db: Database, guild_id: int, story_number: int, action: str, moderator_id: int | None, now: int
) -> None:
    await db.execute(
        "INSERT INTO mod_log (guild_id, story_number, action, moderator_id, at) VALUES (?, ?, ?, ?, ?)",
        (guild_id, story_number, action, moderator_id, now),
    )


async def recent_log(db: Database, guild_id: int, limit: int = 20) -> list[LogEntry]:
    rows = await db.fetchall(
        "SELECT story_number, action, moderator_id, at FROM mod_log WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
        (guild_id, limit),
    )
    return [LogEntry(*row) for row in rows]


# -- the queue outbox -------------------------------------------------------------------------------


async def due_for_queue(db: Database, now: int, limit: int = 20, scope: Served | None = None) -> list[Story]:
    """Queue posts due now, and claims whose lease ran out, in the scope's servers; the soonest first."""
    rows = await db.fetchall(
        "SELECT * FROM stories WHERE queue_state IN ('due', 'posting') AND queue_after <= ? "
        "AND (queue_state = 'due' OR coalesce(queue_claimed_until, 0) <= ?)"
        f"{condition(scope, 'stories.guild_id')} ORDER BY queue_after LIMIT ?",
        (now, now, limit),
    )
    return [_story(row) for row in rows]


async def next_due(db: Database, scope: Served | None = None) -> int | None:
    """The soonest queue post, publication or expiring lease in the scope (reads the two partial indexes)."""
    within = condition(scope, "stories.guild_id")
    value = await db.fetchval(
        "SELECT min(at) FROM ("
        "SELECT min(CASE WHEN queue_state = 'due' THEN queue_after ELSE queue_claimed_until END) AS at "
        f"FROM stories WHERE queue_state IN ('due', 'posting'){within} UNION ALL "
        "SELECT min(CASE WHEN publish_state = 'due' THEN publish_after ELSE publish_claimed_until END) "
        f"FROM stories WHERE publish_state IN ('due', 'posting'){within}) AS due"
    )
    return None if value is None else int(value)


async def claim_queue(db: Database, story_id: int, now: int, lease: int) -> Story | None:
    """The one worker that makes this queue post (or finishes an interrupted one); None for the others."""
    row = await db.fetchone(
        "UPDATE stories SET queue_state = 'posting', queue_attempts = queue_attempts + 1, queue_claimed_until = ? "
        "WHERE id = (SELECT id FROM stories WHERE id = ? AND queue_after <= ? AND (queue_state = 'due' OR "
        f"(queue_state = 'posting' AND coalesce(queue_claimed_until, 0) <= ?)){dialect.sql(db).skip_locked}) "
        "RETURNING *",
        (now + lease, story_id, now, now),
    )
    return None if row is None else _story(row)


async def queue_posted(db: Database, story_id: int, channel_id: int, message_id: int) -> Story | None:
    """Records the post; returns the story as it is now (it may have been resolved meanwhile).

    The due time goes: it was a few minutes after the story arrived, a time nothing else keeps.
    """
    row = await db.fetchone(
        "UPDATE stories SET queue_state = 'posted', queue_after = NULL, queue_claimed_until = NULL, "
        "queue_channel_id = ?, queue_message_id = ? WHERE id = ? RETURNING *",
        (channel_id, message_id, story_id),
    )
    return None if row is None else _story(row)


async def retry_queue(db: Database, story_id: int, at: int) -> None:
    await db.execute(
        "UPDATE stories SET queue_state = 'due', queue_after = ?, queue_claimed_until = NULL "
        "WHERE id = ? AND queue_state = 'posting'",
        (at, story_id),
    )


async def drop_queue_post(db: Database, story_id: int) -> None:
    """A story resolved before its queue post went out: there is nothing left to post."""
    await db.execute(
        "UPDATE stories SET queue_state = 'posted', queue_after = NULL, queue_claimed_until = NULL WHERE id = ?",
        (story_id,),
    )


async def due_now(db: Database, guild_id: int, now: int) -> int:
    """Queue posts and publications waiting for their random delay in one server become due now."""
    async with db.transaction():
        changed = await db.execute(
            "UPDATE stories SET queue_after = ? WHERE guild_id = ? AND queue_state = 'due' AND queue_after > ?",
            (now, guild_id, now),
        )
        return changed + await db.execute(
            "UPDATE stories SET publish_after = ? WHERE guild_id = ? AND publish_state = 'due' AND publish_after > ?",
            (now, guild_id, now),
        )


# -- publishing -----------------------------------------------------------------------------------


async def due_for_publishing(db: Database, now: int, limit: int = 20, scope: Served | None = None) -> list[Story]:
    rows = await db.fetchall(
        "SELECT * FROM stories WHERE publish_state IN ('due', 'posting') AND publish_after <= ? "
        "AND (publish_state = 'due' OR coalesce(publish_claimed_until, 0) <= ?)"
        f"{condition(scope, 'stories.guild_id')} ORDER BY publish_after LIMIT ?",
        (now, now, limit),
    )
    return [_story(row) for row in rows]


async def claim_publish(db: Database, story_id: int, now: int, lease: int) -> bool:
    """Due, or a claim whose lease ran out (a worker died mid-post); one worker wins."""
    changed = await db.execute(
        "UPDATE stories SET publish_state = 'posting', publish_attempts = publish_attempts + 1, "
        "publish_claimed_until = ? WHERE id = (SELECT id FROM stories WHERE id = ? AND publish_after <= ? AND "
        "(publish_state = 'due' OR (publish_state = 'posting' AND coalesce(publish_claimed_until, 0) <= ?))"
        f"{dialect.sql(db).skip_locked})",
        (now + lease, story_id, now, now),
    )
    return changed == 1


async def retry_publish(db: Database, story_id: int, at: int) -> None:
    await db.execute(
        "UPDATE stories SET publish_state = 'due', publish_after = ?, publish_claimed_until = NULL "
        "WHERE id = ? AND publish_state = 'posting'",
        (at, story_id),
    )


async def block_publish(db: Database, story_id: int) -> bool:
    """True the first time, so moderators are told once per blocked story."""
    changed = await db.execute(
        "UPDATE stories SET publish_state = 'blocked' WHERE id = ? AND publish_state IN ('due', 'posting')", (story_id,)
    )
    return changed == 1


async def unblock_publishing(db: Database, guild_id: int, at: int) -> int:
    """After /setup fixes the stories channel, blocked stories get another go."""
    return await db.execute(
        "UPDATE stories SET publish_state = 'due', publish_after = ? WHERE guild_id = ? AND publish_state = 'blocked' "
        "AND status = 'approved'",
        (at, guild_id),
    )


# -- retention and deletion -------------------------------------------------------------------------


async def purge(db: Database, now: int, day: int = 86_400) -> dict[str, int]:
    """Erase what the privacy statement promises to erase; returns counts (for logs, no content)."""
    # A story's words live on in what quotes them: replies, the reject reason, crisis signals.
    past_window = (
        "resolved_at < ? - (SELECT purge_after_days FROM guilds WHERE guilds.guild_id = stories.guild_id) * ?"
    )
    erased = f"status IN ('rejected', 'withdrawn', 'removed') AND {past_window}"
    # Whether a story's window is still open (pending, or resolved within its server's retention days).
    in_window = (
        "(stories.resolved_at IS NULL OR stories.resolved_at >= ? - "
        "(SELECT purge_after_days FROM guilds WHERE guilds.guild_id = stories.guild_id) * ?)"
    )
    async with db.transaction():
        counts = {}
        for name, sql, params in (
            ("drafts", "DELETE FROM drafts WHERE created_at < ?", (now - day,)),
            # A share left half-way (its draft, if any, went with the drafts above).
            ("conversations", "DELETE FROM share_conversations WHERE updated_at < ?", (now - day,)),
            ("submission_times", "DELETE FROM submission_times WHERE at < ?", (now - day,)),
            (
                "replies",
                f"DELETE FROM story_replies WHERE story_id IN (SELECT id FROM stories WHERE {erased})",
                (now, day),
            ),
            (
                "texts",
                "UPDATE stories SET text = NULL, content_warning = NULL, reject_reason = NULL "
                f"WHERE (text IS NOT NULL OR content_warning IS NOT NULL OR reject_reason IS NOT NULL) AND {erased}",
                (now, day),
            ),
            # Signals quote the text as it arrived, before any moderator's edit: once the story is
            # resolved and its window has passed, nobody needs them, whatever became of the story.
            (
                "crisis_signals",
                f"UPDATE stories SET crisis_signals = '[]' WHERE crisis_signals != '[]' AND status != 'pending' "
                f"AND {past_window}",
                (now, day),
            ),
            # Telegram's outbox records of a story's queue card ("queue-<id>") and post ("story-<id>-<number>"):
            # needed to close or take down every part, so kept while the card is live or the post is up, then
            # for the story's retention window; a story deleted or erased takes them with it.
            (
                "telegram_posts",
                "DELETE FROM telegram_posts WHERE (nonce LIKE 'queue-%' OR nonce LIKE 'story-%') AND NOT EXISTS ("
                "SELECT 1 FROM stories WHERE ("
                "(telegram_posts.nonce = 'queue-' || CAST(stories.id AS TEXT) AND stories.status = 'pending') "
                "OR (telegram_posts.nonce LIKE 'story-' || CAST(stories.id AS TEXT) || '-%' "
                "AND stories.status IN ('approved', 'published'))"
                f") OR ((telegram_posts.nonce = 'queue-' || CAST(stories.id AS TEXT) "
                f"OR telegram_posts.nonce LIKE 'story-' || CAST(stories.id AS TEXT) || '-%') AND {in_window}))",
                (now, day),
            ),
            # A moderator's question nobody answered: useless once its story is resolved (a day's grace, for an
            # answer typed meanwhile), and forgotten after a week in any case (the button asks again).
            (
                "telegram_prompts",
                "DELETE FROM telegram_prompts WHERE created_at < ? OR (created_at < ? AND story_id IN "
                "(SELECT id FROM stories WHERE status != 'pending'))",
                (now - 7 * day, now - day),
            ),
            (
                "sealed_ids",
                "UPDATE stories SET sealed_author = NULL WHERE sealed_author IS NOT NULL AND status != 'pending' "
                "AND resolved_at < ?",
                (now - 30 * day,),
            ),
        ):
            counts[name] = await db.execute(sql, params)
        return counts


async def forget_author(db: Database, author_key: str) -> dict[str, int]:
    """Everything stored under this pseudonym, except blocks servers placed (they hold no text)."""
    async with db.transaction():
        counts = {}
        counts["reflections"] = await db.execute(
            "DELETE FROM community_reflections WHERE (guild_id, story_number) IN "
            "(SELECT guild_id, number FROM stories WHERE author_key = ?)",
            (author_key,),
        )
        for name, sql in (
            ("stories", "DELETE FROM stories WHERE author_key = ?"),
            ("drafts", "DELETE FROM drafts WHERE author_key = ?"),
            ("conversations", "DELETE FROM share_conversations WHERE author_key = ?"),
            ("submission_times", "DELETE FROM submission_times WHERE author_key = ?"),
            ("reflection_history", "DELETE FROM reflection_seen WHERE person_key = ?"),
            # Which Telegram community's link the person came through (the same pseudonym).
            ("community_links", "DELETE FROM telegram_members WHERE person_key = ?"),
        ):
            counts[name] = await db.execute(sql, (author_key,))
        return counts


async def sealed_ids(db: Database) -> list[tuple[int, bytes]]:
    rows = await db.fetchall("SELECT id, sealed_author FROM stories WHERE sealed_author IS NOT NULL")
    return [(row[0], bytes(row[1])) for row in rows]


async def replace_sealed_ids(db: Database, sealed: dict[int, bytes | None]) -> None:
    """Re-sealed (or, unreadable, erased) IDs, all in one transaction."""
    async with db.transaction():
        for story_id, value in sealed.items():
            await db.execute("UPDATE stories SET sealed_author = ? WHERE id = ?", (value, story_id))


async def add_community_reflection(db: Database, story: Story, now_iso: str) -> None:
    await db.execute(
        "INSERT INTO community_reflections (guild_id, story_number, text, content_warning, added_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, story_number) DO UPDATE SET text = excluded.text, "
        "content_warning = excluded.content_warning, added_at = excluded.added_at",
        (story.guild_id, story.number, story.text, story.content_warning, now_iso),
    )


async def remove_community_reflection(db: Database, guild_id: int, story_number: int) -> None:
    await db.execute(
        "DELETE FROM community_reflections WHERE guild_id = ? AND story_number = ?", (guild_id, story_number)
    )
