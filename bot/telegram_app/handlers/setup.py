"""/setup in groups: a community group is bound by its admins to a private moderators' group and a chat for posts.

1. `/setup` in the community group gives a one-hour pairing code.
2. `/setup CODE` in the moderators' group binds it: the sender must be an admin of both groups.
3. `/setup publish here|@channel|off` in the community group picks where approved stories and daily posts go.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import LEAVE_TRANSITION, ChatMemberUpdatedFilter, Command, CommandObject
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner, ChatMemberUpdated, Message

from bot.core import chat_communities, timezones
from bot.core.cards import Card, Tone, literal
from bot.core.chat_communities import Community
from bot.core.flows import daily as daily_flow
from bot.core.flows import setup as setup_flow
from bot.core.flows.results import Reply, Result
from bot.core.flows.setup import Channel
from bot.core.server_setup import SetupError
from bot.telegram_app.answer import actor, private
from bot.telegram_app.context import Telegram

log = logging.getLogger(__name__)
GROUPS = F.chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP})

NO_PUBLISH_CHAT = "Choose where posts go first (/setup publish here or @channel), then set the daily reflection's time."
ANONYMOUS_ADMIN = (
    "I can't tell which admin you are while you post anonymously. Turn off “Remain anonymous” in your admin "
    "rights for a moment, run /setup, then turn it back on."
)


async def _status(tg: Telegram, community: Community) -> Card:
    publish = None
    if community.publish_chat_id == community.group_chat_id:
        publish = "this group"
    elif community.publish_chat_id is not None:
        publish = "a channel (set with /setup publish)"
    link = chat_communities.deep_link(tg.username, community.code)
    return chat_communities.status_card(community, link, publish)


async def _announce(tg: Telegram, community: Community) -> None:
    """The community group shows its members' link once it is ready; a failure is told to the moderators."""
    try:
        await tg.send(community.group_chat_id, await _status(tg, community))
    except TelegramAPIError as error:
        await tg.notices.report(community.guild_id, community.group_chat_id, "the community group", error)
    else:
        await tg.notices.working(community.group_chat_id)


async def migrated(message: Message, tg: Telegram) -> None:
    """Telegram moved the group to a supergroup with a new id: the community stays the same."""
    assert message.migrate_to_chat_id is not None
    await chat_communities.group_migrated(tg.app, message.chat.id, message.migrate_to_chat_id)
    tg.admins.forget(message.chat.id)
    log.info("telegram group migrated to a supergroup")


async def setup(message: Message, command: CommandObject, tg: Telegram) -> None:
    if message.from_user is None or message.sender_chat is not None:
        await tg.send(message.chat.id, ANONYMOUS_ADMIN)
        return
    words = (command.args or "").split()
    try:
        if not words or words[0].casefold() == "moderators":
            await _begin(message, tg, fresh=bool(words))
        elif words[0].casefold() == "publish":
            await _publish(message, tg, words[1:])
        elif words[0].casefold() == "daily":
            await _daily(message, tg, words[1:])
        else:
            await _bind(message, tg, words[0])
    except SetupError as error:
        await tg.send(message.chat.id, str(error))


async def _require_admin(message: Message, tg: Telegram, chat_id: int, what: str) -> None:
    assert message.from_user is not None
    try:
        admin = await tg.admins.is_admin(chat_id, message.from_user.id)
    except TelegramAPIError:
        admin = False
    if not admin:
        raise SetupError(f"Only an admin of {what} can do this.")


async def _begin(message: Message, tg: Telegram, *, fresh: bool) -> None:
    await _require_admin(message, tg, message.chat.id, "this group")
    moderated = await chat_communities.moderated_from(tg.app, message.chat.id)
    if moderated:
        names = ", ".join(literal(community.title) for community in moderated)
        await tg.send(
            message.chat.id,
            Card(
                title="This is a moderators' group",
                body=f"Stories waiting for review from **{names}** come here. Run /setup in the community group "
                "itself to see its link or change where stories are posted.",
                tone=Tone.OK,
            ),
        )
        return
    community = await chat_communities.by_group(tg.app, message.chat.id)
    if community is not None and community.moderators_chat_id is not None and not fresh:
        status = await _status(tg, community)
        footer = "To move moderation to another group: /setup moderators (gives a new code)."
        await tg.send(message.chat.id, Card(status.title, status.body, status.fields, footer, status.tone))
        return
    title = message.chat.title or "this group"
    community = await chat_communities.begin(tg.app, message.chat.id, title)
    await tg.send(message.chat.id, chat_communities.pairing_card(community))


async def _bind(message: Message, tg: Telegram, code: str) -> None:
    community = await chat_communities.pairing_target(tg.app, code)
    await _require_admin(message, tg, message.chat.id, "this group")
    await _require_admin(message, tg, community.group_chat_id, f"“{community.title}”")
    bound = await chat_communities.bind_moderators(
        tg.app, community, code, message.chat.id, public=message.chat.username is not None
    )
    await tg.send(
        message.chat.id,
        Card(
            title="This is now the moderators' group",
            body=f"Stories waiting for review from **{literal(bound.title)}** will come here, with buttons. "
            "Keep this group private: only its admins can act on a story, and nobody here learns who wrote it.",
            tone=Tone.OK,
        ),
    )
    log.info("telegram moderators' group bound")
    await _announce(tg, bound)


async def _publish(message: Message, tg: Telegram, words: list[str]) -> None:
    await _require_admin(message, tg, message.chat.id, "this group")
    community = await chat_communities.by_group(tg.app, message.chat.id)
    if community is None:
        raise SetupError("Run /setup here first: this group is not a Stairwell community yet.")
    target = words[0] if words else ""
    if target.casefold() == "off":
        await chat_communities.set_publish_chat(tg.app, community, None)
        await tg.send(message.chat.id, "Saved: approved stories and daily reflections are not posted anywhere.")
        return
    if target.casefold() == "here":
        await chat_communities.set_publish_chat(tg.app, community, message.chat.id)
        await tg.send(message.chat.id, "Saved: approved stories and daily reflections will be posted in this group.")
        return
    if not target:
        raise SetupError(
            "Usage: /setup publish here (this group), /setup publish @channel (a channel where I am an admin "
            "with Post messages) or /setup publish off."
        )
    chat_id = await _channel(message, tg, target)
    await chat_communities.set_publish_chat(tg.app, community, chat_id)
    await tg.send(message.chat.id, "Saved: approved stories and daily reflections will be posted in the channel.")


DAILY_USAGE = (
    "Usage: /setup daily 09:00 (every day), /setup daily 18:30 weekdays Europe/London (with the community's "
    "time zone, an IANA name), /setup daily off to pause it, /setup daily on to start it again."
)


async def _daily(message: Message, tg: Telegram, words: list[str]) -> None:
    """/setup daily TIME [daily|weekdays] [Area/City] | off | on: the core's daily flows, in the publish chat."""
    assert message.from_user is not None
    await _require_admin(message, tg, message.chat.id, "this group")
    community = await chat_communities.by_group(tg.app, message.chat.id)
    if community is None:
        raise SetupError("Run /setup here first: this group is not a Stairwell community yet.")
    if not words:
        raise SetupError(DAILY_USAGE)
    # An admin of the community group may change its settings and its daily post.
    person = actor(tg, message.from_user, community, moderator=True, admin=True)
    first = words[0].casefold()
    if first == "off":
        result = await daily_flow.pause(tg.app, person)
    elif first == "on":
        result = await daily_flow.resume(tg.app, person)
    elif community.publish_chat_id is None:
        raise SetupError(NO_PUBLISH_CHAT)
    else:
        days = next((word for word in words[1:] if word.casefold() in daily_flow.DAYS), "daily")
        zone = next((word for word in words[1:] if word.casefold() not in daily_flow.DAYS), None)
        said: list[str] = []
        if zone is not None:
            zoned = await setup_flow.timezone(tg.app, person, zone)
            if timezones.normalize(zone) is None:  # not a zone: say why, and change nothing
                await private(tg, person, message.chat.id, zoned)
                return
            said.append(zoned.reply.text or "")
        # Telegram has no reply threads: the publish chat is a plain chat the bot may post in.
        chat = Channel(community.publish_chat_id, "the publish chat")
        result = await daily_flow.setup(tg.app, person, chat, words[0], days.casefold())
        result = Result(Reply("\n".join([*said, result.reply.text or ""])), result.effects)
    await private(tg, person, message.chat.id, result)


async def _channel(message: Message, tg: Telegram, target: str) -> int:
    """A channel where both the admin and I are admins, and I may post."""
    assert message.from_user is not None
    handle: int | str = int(target) if target.lstrip("-").isdigit() else "@" + target.lstrip("@")
    cant_see = SetupError(
        f"I can't see {handle}. Add me to the channel as an admin with “Post messages”, then run "
        "this again (for a private channel, use its numeric id, e.g. -1001234567890)."
    )
    try:
        chat = await tg.sender.bot.get_chat(handle)
        tg.admins.forget(chat.id)
        admins = await tg.admins.of(chat.id)
    except TelegramAPIError:
        raise cant_see from None
    if chat.type != ChatType.CHANNEL:
        raise SetupError("That is not a channel. To post in this group, use /setup publish here.")
    me = admins.get(tg.sender.bot.id)
    if not isinstance(me, ChatMemberOwner | ChatMemberAdministrator) or not (
        isinstance(me, ChatMemberOwner) or me.can_post_messages
    ):
        raise SetupError("I am in the channel but may not post: give me the “Post messages” admin right.")
    if message.from_user.id not in admins:
        raise SetupError("Only an admin of that channel can choose it.")
    return chat.id


async def removed(event: ChatMemberUpdated, tg: Telegram) -> None:
    """Removed from a community's group: everything stored for it goes, as when the bot leaves a Discord server."""
    tg.admins.forget(event.chat.id)
    if await chat_communities.removed(tg.app, event.chat.id):
        log.info("telegram community removed with its data")


def router() -> Router:
    setup_router = Router(name="setup")
    setup_router.my_chat_member.register(removed, ChatMemberUpdatedFilter(member_status_changed=LEAVE_TRANSITION))
    setup_router.message.register(migrated, GROUPS, F.migrate_to_chat_id)
    setup_router.message.register(setup, GROUPS, Command("setup"))
    return setup_router
