"""Console versions of /share, the author's controls and /mod, over the core's flows.

The console has no channels, so what Discord would post elsewhere is printed under a heading:
"[moderation queue]" for what moderators see, "[stories channel]" for published stories and
"[DM to the author]" for private messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.console.answer import MODERATOR, actor, deliver, yes
from bot.console.platform import TERMS
from bot.console.render import card_markup
from bot.console.shell import CONSOLE_GUILD, Invocation, Session, UsageError, command
from bot.core.app import Stairwell
from bot.core.cards import literal
from bot.core.flows import authors, jobs, moderation, setup, share
from bot.core.flows.results import Actor, Result, private
from bot.core.moderation import Action, queue_card

StoryFlow = Callable[[Stairwell, Actor, int], Awaitable[Result]]


def _number(args: Invocation, usage: str) -> int:
    text = args.require("number", 0, usage).strip().lstrip("#")
    if not text.isdigit():
        raise UsageError(f"Story numbers are whole numbers, e.g. 12 for story #12. Usage: {usage}")
    return int(text)


async def _story_id(session: Session, number: int) -> int | None:
    found = await moderation.story_by_number(session.app, CONSOLE_GUILD, number)
    if found is None:
        session.print(f"There is no story #{number} in this server.")
        return None
    return found.id


async def _on_story(session: Session, args: Invocation, usage: str, flow: StoryFlow) -> None:
    """A command that names one story by its number and runs one flow on it."""
    story_id = await _story_id(session, _number(args, usage))
    if story_id is not None:
        await deliver(session, await flow(session.app, actor(session), story_id))


# -- sharing ----------------------------------------------------------------------------------------------


@command("share", "Share your story anonymously; a moderator reads it first.")
async def share_(session: Session, _: Invocation) -> None:
    await setup.use_one_channel(session.app, CONSOLE_GUILD)
    await deliver(session, await share.open_form(session.app, actor(session)))


# -- the author's controls ----------------------------------------------------------------------------------


@command("mystories", "Your shared stories: status, moderators' replies.")
async def mystories(session: Session, _: Invocation) -> None:
    result = await authors.my_stories(session.app, actor(session))
    await deliver(session, result, offer_choices=False)
    if result.reply.choices:
        session.print("Withdraw a waiting story with /withdraw <number>; remove a published one with /remove <number>.")


@command("withdraw", "Withdraw your story that is waiting: /withdraw <number>")
async def withdraw(session: Session, args: Invocation) -> None:
    await _on_story(session, args, "/withdraw <number>", authors.withdraw)


@command("remove", "Remove your published story: /remove <number>")
async def remove(session: Session, args: Invocation) -> None:
    await _on_story(session, args, "/remove <number>", authors.remove)


@command("forgetme", "Delete everything Stairwell holds about you, in every server.")
async def forgetme(session: Session, _: Invocation) -> None:
    session.print(authors.forget_warning(TERMS))
    if (session.ask("Type DELETE to confirm: ") or "").strip() != "DELETE":
        session.print("Nothing was deleted.")
        return
    await deliver(session, await authors.forget(session.app, actor(session)))


# -- moderation --------------------------------------------------------------------------------------------


@command("mod queue", "Stories waiting for review, urgent first, each shown in full.")
async def mod_queue(session: Session, _: Invocation) -> None:
    await deliver(session, await moderation.queue(session.app, actor(session)))
    for story in await moderation.waiting(session.app, CONSOLE_GUILD):
        # The moderation channel is this terminal, so the stories are reviewed here.
        session.print("[moderation queue]\n" + card_markup(queue_card(story)))


@command("mod log", "Recent moderator actions (story numbers only).")
async def mod_log(session: Session, _: Invocation) -> None:
    await deliver(session, await moderation.log(session.app, actor(session), lambda _moderator: MODERATOR))


@command("mod approve", "Approve a story: /mod approve <number> [cw:content warning]")
async def mod_approve(session: Session, args: Invocation) -> None:
    story_id = await _story_id(session, _number(args, "/mod approve <number> [cw:content warning]"))
    if story_id is None:
        return
    warning = args.get("cw")
    action = Action.APPROVE_CW if warning else Action.APPROVE
    result = await moderation.approve(session.app, actor(session), story_id, content_warning=warning, action=action)
    await deliver(session, result)


@command("mod edit", "Edit a story's text, then approve it: /mod edit <number> [cw:content warning]")
async def mod_edit(session: Session, args: Invocation) -> None:
    story_id = await _story_id(session, _number(args, "/mod edit <number> [cw:content warning]"))
    if story_id is None:
        return
    opened = await moderation.button(session.app, actor(session), story_id, Action.EDIT_APPROVE)
    story = opened.reply.form.story if opened.reply.form else None
    if story is None:
        await deliver(session, opened)
        return
    session.print(f"Story #{story.number} as it is now:\n{literal(story.text or '')}")
    text = session.read_block("The text to publish (redact anything that could identify someone)")
    if text is None:
        session.print(f"Nothing was changed; story #{story.number} is still waiting.")
        return
    result = await moderation.approve(
        session.app, actor(session), story.id, text=text, content_warning=args.get("cw"), action=Action.EDIT_APPROVE
    )
    await deliver(session, result)


@command("mod reject", "Reject a story: /mod reject <number> [reason] (no reason on the line: asked next)")
async def mod_reject(session: Session, args: Invocation) -> None:
    story_id = await _story_id(session, _number(args, "/mod reject <number> [reason]"))
    if story_id is None:
        return
    reason = " ".join(args.words[1:]) or args.get("reason")
    if reason is None:
        reason = session.ask("Reason for the author (optional, empty for none): ")
    await deliver(session, await moderation.reject(session.app, actor(session), story_id, reason))


@command("mod reply", "Reply to a story's author: /mod reply <number> [text] (no text: type it next, end with '.')")
async def mod_reply(session: Session, args: Invocation) -> None:
    story_id = await _story_id(session, _number(args, "/mod reply <number> [text]"))
    if story_id is None:
        return
    text = " ".join(args.words[1:]) or args.get("text") or session.read_block("Your reply (they see 'a moderator')")
    result: Result = (
        await moderation.reply(session.app, actor(session), story_id, text) if text else private("The reply is empty.")
    )
    await deliver(session, result)


@command("mod block", "Block a story's author from sharing here: /mod block <number>")
async def mod_block(session: Session, args: Invocation) -> None:
    number = _number(args, "/mod block <number>")
    story_id = await _story_id(session, number)
    if story_id is None:
        return
    question = moderation.BLOCK_QUESTION.format(community=TERMS.community)
    session.print(question.replace("Dismiss this message to cancel.", "").strip())
    if not yes(session.ask("Block the author? [y/N] "), default=False):
        session.print("Not blocked.")
        return
    await deliver(session, await moderation.block(session.app, actor(session), story_id))


@command("mod support", "Send a story's author the crisis lines and a warm note: /mod support <number>")
async def mod_support(session: Session, args: Invocation) -> None:
    await _on_story(session, args, "/mod support <number>", moderation.send_support)


@command("mod urgent", "Move a waiting story to the top and tell the moderators: /mod urgent <number>")
async def mod_urgent(session: Session, args: Invocation) -> None:
    await _on_story(session, args, "/mod urgent <number>", moderation.mark_urgent)


@command("mod unblock", "Let a story's author share again: /mod unblock <number>")
async def mod_unblock(session: Session, args: Invocation) -> None:
    number = _number(args, "/mod unblock <number>")
    await deliver(session, await moderation.unblock(session.app, actor(session), number))


@command("mod unpublish", "Remove a published story: /mod unpublish <number>")
async def mod_unpublish(session: Session, args: Invocation) -> None:
    number = _number(args, "/mod unpublish <number>")
    await deliver(session, await moderation.unpublish_number(session.app, actor(session), number))


# -- background work -----------------------------------------------------------------------------------------


async def publish_due(session: Session) -> int:
    """What is due in the console server; the console loop calls it after each command.

    Other servers' stories are left alone: the console may share its database with the Discord bot.
    """
    return await jobs.publish_due(session.app, session.platform, guild_id=CONSOLE_GUILD)


@command("tick", "Run the background jobs now, skipping the queue and publication delays (a console shortcut).")
async def tick(session: Session, _: Invocation) -> None:
    app = session.app
    await jobs.skip_delays(app, CONSOLE_GUILD)
    await jobs.queue_due(app, session.platform, guild_id=CONSOLE_GUILD)
    published = await jobs.publish_due(app, session.platform, guild_id=CONSOLE_GUILD)
    await jobs.retention(app)
    if published:
        session.print(
            f"(/tick skipped the publication delay for {published} stor{'y' if published == 1 else 'ies'}; "
            "in a server it is a random few minutes, so the time says nothing about who approved it.)"
        )
    else:
        session.print("Nothing is due to be published.")
