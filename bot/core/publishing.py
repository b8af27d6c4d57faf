"""Publishing approved stories exactly once: record the intent, post, record the message."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal, spoiler
from bot.core.story_states import Status, sources
from bot.db import guilds
from bot.db import stories as store
from bot.db.stories import Story

RETRY_DELAYS = (60, 300, 900, 3600)  # seconds after a Discord error, then hourly
ATTRIBUTION = "Shared anonymously by a member of this community"
FOOTER = "Have a story of your own? /share · Need support? /resources"


def published_card(story: Story) -> Card:
    """Content warning as a header, the story behind a spoiler when there is one."""
    text = story.text or ""
    body = f"**Content warning:** {literal(story.content_warning)}\n{spoiler(text)}" if story.content_warning else text
    return Card(title=ATTRIBUTION, body=body, footer=f"Story #{story.number} · {FOOTER}", tone=Tone.WARM)


def marker(story: Story) -> str:
    """How a posted message is recognised after a crash, to avoid posting it twice."""
    return f"Story #{story.number} · {FOOTER}"


# How long a worker holds a post it is making; after that another may finish it (looking first).
LEASE = 120


async def due(app: Stairwell) -> list[Story]:
    return await store.due_for_publishing(app.db, int(app.clock.now().timestamp()), scope=app.scope)


async def claim(app: Stairwell, story: Story) -> bool:
    """One worker wins; a story found in 'posting' was interrupted mid-post and is looked for first."""
    return await store.claim_publish(app.db, story.id, int(app.clock.now().timestamp()), LEASE)


async def stories_channel(app: Stairwell, guild_id: int) -> int | None:
    return (await guilds.get(app.db, guild_id)).stories_channel_id


async def posted(app: Stairwell, story: Story, channel_id: int, message_id: int | None) -> bool:
    """False when the story was removed while it was being posted: the adapter deletes the post.
    No `message_id`: the platform never confirmed the post, so a moderator may find it missing and repost it."""
    published = await store.move(
        app.db,
        story.id,
        Status.PUBLISHED,
        sources(Status.PUBLISHED),
        publish_state="posted",
        published_channel_id=channel_id,
        published_message_id=message_id,
    )
    return published is not None


async def failed(app: Stairwell, story: Story) -> int:
    """Retry later after a passing Discord error; returns the delay chosen."""
    delay = RETRY_DELAYS[min(story.publish_attempts, len(RETRY_DELAYS) - 1)]
    await store.retry_publish(app.db, story.id, int(app.clock.now().timestamp()) + delay)
    return delay


async def blocked(app: Stairwell, story: Story) -> bool:
    """Parks the story until the channel is fixed; True the first time, so moderators are told once."""
    return await store.block_publish(app.db, story.id)


async def resume_blocked(app: Stairwell, guild_id: int) -> int:
    resumed = await store.unblock_publishing(app.db, guild_id, int(app.clock.now().timestamp()))
    app.wake()
    return resumed


async def retention(app: Stairwell) -> dict[str, int]:
    return await store.purge(app.db, int(app.clock.now().timestamp()))
