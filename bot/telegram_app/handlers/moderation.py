"""The queue in the moderators' group: the card's buttons, and force-reply prompts for what needs words.

Who may act is checked at every press and every answer (the group's admins, cached briefly, or
TELEGRAM_MODERATORS). A prompt is stored, so an answer sent after a restart still reaches its flow.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.methods import DeleteMessage
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.core import chat_communities
from bot.core.cards import literal
from bot.core.flows import forms, jobs, moderation
from bot.core.flows.choices import choose
from bot.core.flows.moderation import BLOCK_CONFIRM, MISSING
from bot.core.flows.port import Choice, PlatformError, PostRef
from bot.core.flows.results import Actor, Form, FormKind, Reply, Result
from bot.telegram_app.answer import actor, editable, effects, may_moderate, show, toast
from bot.telegram_app.callbacks import Press
from bot.telegram_app.context import Telegram
from bot.telegram_app.render import markup_to_html

log = logging.getLogger(__name__)
GROUPS = F.chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP})
NOT_PRIVATE = F.message.chat.type != ChatType.PRIVATE  # a press outside private chats (the moderators' group)
NOT_A_MODERATOR = (
    "Only the admins of this moderators' group (or the moderators Stairwell is configured with) can do that."
)
NOT_HERE = "That story isn't in this group's queue any more."
ANSWER_BELOW = "Answer in the message below: reply to it."
NONE_WORD = "-"
# Forms that resolve the story: without effects, their answer was refused.
RESOLVING = frozenset({FormKind.APPROVE_CW, FormKind.EDIT_APPROVE, FormKind.REJECT})
UNPUBLISH_USAGE = "Usage: /unpublish 12 takes story #12 down from the publish chat."
TEXT_ONLY = f"Please answer with text (or {NONE_WORD} where none is needed); the question still waits."


async def pressed(query: CallbackQuery, callback_data: Press, tg: Telegram) -> None:
    message = editable(query)
    if message is None or not callback_data.target.isdigit():
        await query.answer(NOT_HERE)
        return
    chat_id, story_id = message.chat.id, int(callback_data.target)
    community = await chat_communities.queue_community(tg.app, chat_id, story_id)
    if community is None:
        await query.answer(NOT_HERE, show_alert=True)
        return
    if not await may_moderate(tg, chat_id, query.from_user.id):
        await query.answer(NOT_A_MODERATOR, show_alert=True)
        return
    person = actor(tg, query.from_user, community, moderator=True)
    result = await choose(tg.app, person, Choice("mod", callback_data.action, story_id, ""))
    reply = result.reply
    if reply.form is not None:
        await query.answer(ANSWER_BELOW)
        await _prompt(tg, chat_id, community.guild_id, reply.form, message.message_id)
    elif reply.choices:
        await query.answer()
        await show(tg, chat_id, reply, reply_to=message.message_id)
    elif callback_data.action == BLOCK_CONFIRM:
        # The confirmation message becomes the outcome, so nobody presses it twice.
        await query.answer()
        await show(tg, chat_id, Reply(reply.text), edit=message)
    elif not await toast(query, reply.text):
        await show(tg, chat_id, reply, reply_to=message.message_id)
    await effects(tg, chat_id, result.effects)
    if callback_data.action != BLOCK_CONFIRM:  # a confirmation is not a card
        await _close_if_stray(tg, chat_id, story_id, message.message_id)


async def missing(query: CallbackQuery, callback_data: Press, tg: Telegram) -> None:
    """"It's missing: post it" on the notice about an unconfirmed story post: checked like every press, then the
    core decides (once, however many presses); a use replaces the notice, so its button goes."""
    message = editable(query)
    communities = await chat_communities.moderated_from(tg.app, message.chat.id) if message else []
    if message is None or not communities or not callback_data.target.isdigit():
        await query.answer(NOT_HERE)
        return
    chat_id, story_id = message.chat.id, int(callback_data.target)
    if not await may_moderate(tg, chat_id, query.from_user.id):
        await query.answer(NOT_A_MODERATOR, show_alert=True)
        return
    # A story deleted meanwhile names no community: the core then answers that there is nothing to post.
    community = await chat_communities.queue_community(tg.app, chat_id, story_id) or communities[0]
    person = actor(tg, query.from_user, community, moderator=True)
    result = await choose(tg.app, person, Choice(MISSING, callback_data.action, story_id, ""))
    if result.reply.replace:
        await query.answer()
        await show(tg, chat_id, result.reply, edit=message)
    elif not await toast(query, result.reply.text):
        await show(tg, chat_id, result.reply, reply_to=message.message_id)
    await effects(tg, chat_id, result.effects)


async def _close_if_stray(tg: Telegram, chat_id: int, story_id: int, message_id: int) -> None:
    """A second card of one story (made again after an error that left the first unknown) closes when pressed
    once the story is resolved, so no copy keeps the text and live buttons."""
    closed = await jobs.closed_queue_post(tg.app, story_id)
    if closed is None:
        return
    recorded, outgoing = closed
    if recorded is not None and message_id in await chat_communities.post_parts(
        tg.app, recorded.channel_id, recorded.message_id
    ):
        return  # the recorded card: its flow's effects closed it
    assert tg.platform is not None
    with contextlib.suppress(PlatformError):
        await tg.platform.edit(PostRef(recorded.guild_id if recorded else 0, chat_id, message_id), outgoing)


async def _prompt(tg: Telegram, chat_id: int, guild_id: int, form: Form, card_id: int) -> None:
    """The form's first field asked as a force reply; what it prefills is sent just before, to copy."""
    assert form.story is not None
    field = forms.fields(form)[0]
    extra: list[int] = []
    if isinstance(field.default, str) and field.default and field.kind is forms.FieldKind.PARAGRAPH:
        sent = await tg.send(chat_id, field.default)
        extra += [part.message_id for part in sent]
    hint = f" Send {NONE_WORD} for none." if not field.required else ""
    if extra:
        hint += " The text above is what it says now: copy it, change it and send it back."
    text = markup_to_html(f"**{forms.title(form)}** — {literal(field.label)}: reply to this message.{hint}")
    placeholder = ForceReply(force_reply=True, input_field_placeholder=field.label[:64])
    prompt = await tg.send_html(chat_id, text, placeholder, reply_to=card_id)
    await chat_communities.add_prompt(
        tg.app, chat_id, prompt.message_id, guild_id, f"{form.kind.value}:{field.key}", form.story.id, tuple(extra)
    )


async def answered(message: Message, tg: Telegram) -> None:
    """A reply to one of the bot's messages in a group: a prompt's answer, if it is one."""
    assert message.reply_to_message is not None
    chat_id = message.chat.id
    prompt = await chat_communities.take_prompt(tg.app, chat_id, message.reply_to_message.message_id)
    if prompt is None or message.from_user is None:
        return
    refusal = None
    if not await may_moderate(tg, chat_id, message.from_user.id):
        refusal = NOT_A_MODERATOR
    elif message.text is None:
        refusal = TEXT_ONLY
    if refusal is not None:  # the prompt still waits for a usable answer
        await chat_communities.put_back_prompt(tg.app, prompt)
        await tg.send_html(chat_id, markup_to_html(refusal), reply_to=message.message_id)
        return
    community = await chat_communities.by_guild(tg.app, prompt.guild_id)
    person: Actor = actor(tg, message.from_user, community, moderator=True)
    kind, _, key = prompt.form.partition(":")
    words = (message.text or "").strip()
    value = None if words == NONE_WORD else words
    form = FormKind(kind)
    result: Result = await forms.submit(tg.app, person, form, prompt.story_id, {key: value})
    await show(tg, chat_id, result.reply, reply_to=message.message_id)
    if form in RESOLVING and not result.effects and await jobs.closed_queue_post(tg.app, prompt.story_id) is None:
        # Refused (too long, say) while the story still waits: the same prompt takes a corrected answer.
        await chat_communities.put_back_prompt(tg.app, prompt)
        return
    for message_id in (*prompt.extra_ids, prompt.message_id):  # the prompt, and any story text it offered
        with contextlib.suppress(TelegramAPIError):
            await tg.sender.call(chat_id, DeleteMessage(chat_id=chat_id, message_id=message_id))
    await effects(tg, chat_id, result.effects)


async def unpublish(message: Message, command: CommandObject, tg: Telegram) -> None:
    """/unpublish N in the moderators' group: takes a published story down (there is no report menu on Telegram)."""
    if message.from_user is None:
        return
    number = (command.args or "").strip().lstrip("#")
    communities = await chat_communities.moderated_from(tg.app, message.chat.id)
    if not communities:
        return
    if not number.isdigit():
        await tg.send(message.chat.id, UNPUBLISH_USAGE)
        return
    if not await may_moderate(tg, message.chat.id, message.from_user.id):
        await tg.send(message.chat.id, NOT_A_MODERATOR)
        return
    # A group that moderates several communities: the number is looked for in each, newest binding last.
    result: Result | None = None
    for community in communities:
        person = actor(tg, message.from_user, community, moderator=True)
        result = await moderation.unpublish_number(tg.app, person, int(number))
        if result.effects:
            break
    assert result is not None
    await show(tg, message.chat.id, result.reply, reply_to=message.message_id)
    await effects(tg, message.chat.id, result.effects)


def router() -> Router:
    moderation_router = Router(name="moderation")
    moderation_router.callback_query.register(pressed, Press.filter(F.kind == "mod"), NOT_PRIVATE)
    moderation_router.callback_query.register(missing, Press.filter(F.kind == MISSING), NOT_PRIVATE)
    moderation_router.message.register(answered, GROUPS, F.reply_to_message, ~F.text.startswith("/"))
    moderation_router.message.register(unpublish, GROUPS, Command("unpublish"))
    return moderation_router
