"""The privacy statement lists what the code keeps, field by field: a new column fails here until it is described."""

import re
from pathlib import Path

from bot.core.info import privacy_card
from bot.core.terms import Terms
from bot.db.migrate import open_database

# Every stored column, and the words in the README's privacy section that describe it.
DESCRIBED = {
    "blocks": {
        "guild_id": "Per server",
        "author_key": "author's pseudonym",
        "story_number": "story number it was placed through",
        "blocked_at": "placed through, when",
    },
    "bot_meta": {"key": "hash of the command list", "value": "hash of the command list"},
    "community_reflections": {
        "guild_id": "Per server",
        "story_number": "approved for the daily rotation",
        "text": "the\n  text and content warning of stories approved",
        "content_warning": "text and content warning of stories approved",
        "added_at": "when they joined it",
    },
    "daily_extra_posts": {
        "id": "requests for an extra post",
        "guild_id": "Per server",
        "local_date": "the day, whether it went out",
        "claimed_until": "a post in flight",
        "attempts": "a post in flight",
        "done": "whether it went out",
    },
    "daily_rotation": {
        "guild_id": "Per server",
        "item_key": "which\n  reflections are used",
        "position": "rotation",
        "used": "reflections are used",
        "last_used": "and when",
    },
    "daily_schedules": {
        "guild_id": "Per server",
        "local_time": "daily schedule (time",
        "days": "days",
        "paused": "paused or skipping",
        "skip_next": "paused or skipping",
        "next_run": "the next run",
        "claimed_for": "a post in flight",
        "last_posted_date": "the last day posted",
        "blocked_reason": "why posting is blocked",
        "low_stock_notified": "rotation",
        "claimed_until": "a post in flight",
        "claim_attempts": "a post in flight",
    },
    "drafts": {
        "id": "drafts",
        "guild_id": "drafts",
        "author_key": "Under it",
        "text": "the text as you typed it",
        "content_warning": "with your choices",
        "for_reflection": "with your choices",
        "notify": "with your choices",
        "created_at": "when it was written",
    },
    "guilds": {
        "guild_id": "Per server",
        "moderation_channel_id": "channels",
        "stories_channel_id": "channels",
        "daily_channel_id": "channels",
        "moderator_role_id": "moderator role",
        "timezone": "time zone",
        "region": "region",
        "sharing_enabled": "sharing on/off",
        "created_at": "when it was first set up",
        "submissions_per_day": "stories per person per day",
        "purge_after_days": "retention days",
        "last_story_number": "the last story number given",
        "platform": "which platform the server is on",
    },
    "local_resources": {
        "id": "local\n  resources",
        "guild_id": "Per server",
        "name": "name, contact, hours, description",
        "contact": "contact",
        "hours": "hours",
        "description": "description",
        "created_at": "when added",
    },
    "mod_log": {
        "id": "moderation log",
        "guild_id": "Per server",
        "story_number": "story number, action",
        "action": "action",
        "moderator_id": "the moderator's platform ID",
        "at": "the moderator's platform ID, when",
    },
    "reflection_seen": {
        "person_key": "a pseudonym",
        "reflection_id": "which reflections you have seen",
        "seen_at": "seen and when",
    },
    "stories": {
        "id": "Stories",
        "guild_id": "Stories",
        "number": "the number",
        "author_key": "your pseudonym",
        "sealed_author": "Your Discord ID, encrypted",
        "notify": "your two choices",
        "for_reflection": "your two choices",
        "text": "the text as you approved it",
        "content_warning": "the content\n  warning",
        "crisis_level": "the crisis level",
        "crisis_signals": "and signals",
        "redacted_summary": "the identifier\n  counts",
        "status": "the status",
        "submitted_on": "the day it arrived",
        "resolved_at": "the time it was resolved",
        "reject_reason": "a reject reason",
        "acted_by": "the acting moderator's ID",
        "queue_channel_id": "message IDs of its queue and published posts",
        "queue_message_id": "message IDs of its queue",
        "publish_state": "its state",
        "publish_after": "for publishing, when it is due",
        "publish_attempts": "the number of attempts",
        "published_channel_id": "published posts",
        "published_message_id": "published posts",
        "queue_state": "While its queue post waits",
        "queue_after": "erased once\n  the post is made",
        "queue_claimed_until": "a lease while a post",
        "queue_attempts": "the number of attempts",
        "publish_claimed_until": "a lease while a post",
    },
    "story_replies": {
        "id": "moderators' replies",
        "story_id": "moderators' replies",
        "text": "(text, time,\n  delivered or not)",
        "created_at": "time",
        "delivered": "delivered or not",
        "kind": "replies and Send support notes",
    },
    "share_conversations": {
        "id": "a `/share` conversation",
        "author_key": "the pseudonym also records",
        "guild_id": "which community it is for",
        "step": "its step",
        "draft_id": "the draft it builds",
        "replaces": "the draft being edited",
        "updated_at": "when it last moved",
    },
    "submission_times": {"guild_id": "the times you\n  shared", "author_key": "Under it", "at": "kept one day"},
    "telegram_posts": {
        "nonce": "the bot's own posts",
        "guild_id": "On Telegram also",
        "chat_id": "group and channel ids",
        "marker": "its title and footer",
        "message_id": "the message ids of the bot's own posts",
        "message_ids": "the message ids of the bot's own posts",
        "created_at": "when it was made",
    },
    "telegram_prompts": {
        "chat_id": "the force-reply prompts",
        "message_id": "the force-reply prompts",
        "guild_id": "On Telegram also",
        "form": "which story and which question",
        "story_id": "which story and which question",
        "extra_ids": "the story text offered to copy",
        "created_at": "when it was asked",
    },
    "telegram_communities": {
        "guild_id": "On Telegram also",
        "group_chat_id": "group and channel ids",
        "title": "the group's title",
        "code": "the members' link",
        "pairing_code": "a one-hour setup code",
        "pairing_expires": "a one-hour setup code",
    },
    "telegram_members": {
        "person_key": "which community's link you came through",
        "guild_id": "which community's link you came through",
    },
    "telegram_notices": {
        "guild_id": "On Telegram also",
        "chat_id": "which chats could not be reached",
        "problem": "for the one-time\n  notice",
    },
}


def privacy_section() -> str:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    return re.sub(r"\s+", " ", readme[readme.index("## Privacy") : readme.index("## Architecture")])


async def test_every_stored_column_is_described_in_the_privacy_statement(tmp_path):
    db = await open_database(str(tmp_path / "schema.sqlite3"))
    try:
        tables = [row[0] for row in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")]
        stored = {t: {c[1] for c in await db.fetchall(f"PRAGMA table_info({t})")} for t in tables}
    finally:
        await db.close()
    stored.pop("sqlite_sequence", None)

    assert {t: set(c) for t, c in DESCRIBED.items()} == stored
    section = privacy_section()
    for table, columns in DESCRIBED.items():
        for column, words in columns.items():
            said = re.sub(r"\s+", " ", words)
            assert said in section, f"{table}.{column}: README does not say {said!r}"


def test_privacy_command_names_what_the_readme_names():
    card = privacy_card(Terms())
    text = re.sub(r"\s+", " ", " ".join(value for _, value in card.fields))
    for words in (
        "before redaction",
        "the day (not the time) it arrived",
        "when its queue post is due",
        "30 days",
        "7 days",
        "screening signals",
        "holds no time",
        "replies",
        "/forgetme",
        "pseudonym",
    ):
        assert words in text, words
