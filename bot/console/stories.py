"""Console versions of /share, the author's controls and /mod: one terminal plays member and moderator.

The console has no channels, so what Discord would post elsewhere is printed under a heading:
"[moderation queue]" for what moderators see, "[stories channel]" for published stories and
"[DM to the author]" for private messages.
"""

from __future__ import annotations

from bot.console.shell import CONSOLE_GUILD, CONSOLE_PLATFORM, Invocation, Session, UsageError, command
from bot.core import moderation, publishing, stories, support
from bot.core.moderation import Action, ModerationError
from bot.core.stories import Decision, DraftTextError, ShareOutcome, ShareRefusedError
from bot.core.story_text import StoryTextError
from bot.db import guilds
from bot.db import stories as store
from bot.db.stories import Story

# The console's one moderator. An ID is stored with each action; the log shows the name instead.
MODERATOR_ID = 0
SERVER = "the console server"
MODERATOR = "console moderator"
# Stands in for "this terminal": the console prints instead of posting, so no real channel is needed.
TERMINAL_CHANNEL = 1


def _author_key(session: Session) -> str:
    return session.app.identity.author_key(CONSOLE_PLATFORM, session.user)


def _sealed(session: Session) -> bytes:
    return session.app.identity.seal(CONSOLE_PLATFORM, session.user)


def _yes(answer: str | None, *, default: bool) -> bool:
    word = (answer or "").strip().lower()
    return word.startswith("y") if word else default


def _choose(session: Session, choices: tuple[str, ...]) -> str:
    """Like the preview's buttons; end of input cancels, as dismissing the message would."""
    while True:
        answer = session.ask(" / ".join(choices) + "? ")
        if answer is None:
            return "cancel"
        word = answer.strip().lower()
        if word in choices:
            return word
        session.print(f"Please type {' or '.join(choices)}.")


def _number(args: Invocation, usage: str) -> int:
    text = args.require("number", 0, usage).strip().lstrip("#")
    if not text.isdigit():
        raise UsageError(f"Story numbers are whole numbers, e.g. 12 for story #12. Usage: {usage}")
    return int(text)


async def _story(session: Session, number: int) -> Story | None:
    found = await store.by_number(session.app.db, CONSOLE_GUILD, number)
    if found is None:
        session.print(f"There is no story #{number} in this server.")
    return found


def _to_queue(session: Session, story: Story) -> None:
    session.print("[moderation queue]\n" + moderation.queue_card(story).as_text())


def _dm(session: Session, story: Story, text: str) -> bool:
    """Only authors who asked to be told keep a sealed ID, so only they get a DM, as in Discord."""
    if not story.notify or story.sealed_author is None:
        return False
    session.print(f"[DM to the author] {text}")
    return True


async def _use_terminal_as_channels(session: Session) -> None:
    """Sharing needs a moderation channel (the core refuses without one) and a stories channel to publish in.

    In the console both are this terminal, so on first use placeholder IDs are saved rather than
    bending the core's rule for one adapter. Nothing is printed: there is nothing for the person to do.
    """
    settings = await guilds.get(session.app.db, CONSOLE_GUILD)
    if settings.moderation_channel_id is None:
        await guilds.update(
            session.app.db,
            CONSOLE_GUILD,
            moderation_channel_id=TERMINAL_CHANNEL,
            stories_channel_id=TERMINAL_CHANNEL,
        )


# -- sharing ----------------------------------------------------------------------------------------------


@command("share", "Share your story anonymously; a moderator reads it first.")
async def share(session: Session, _: Invocation) -> None:
    app = session.app
    await _use_terminal_as_channels(session)
    key = _author_key(session)
    try:
        await stories.check_can_share(app, CONSOLE_GUILD, key)
    except ShareRefusedError as refusal:
        session.print(str(refusal))
        return
    text = session.read_block(
        "Your story: what happened, and how it stays with you. Names, dates and places get redacted."
    )
    if text is None:
        session.print("Nothing was shared.")
        return
    warning = session.ask("Content warning (optional, e.g. death of a child; empty for none): ")
    for_reflection = _yes(session.ask("Use it as a daily reflection? [y/N] "), default=False)
    notify = _yes(session.ask("Tell you when it is reviewed? [Y/n] "), default=True)
    choices: tuple[str, ...]
    while True:
        try:
            outcome = await stories.start(
                app,
                CONSOLE_GUILD,
                key,
                _sealed(session),
                text,
                warning,
                for_reflection=for_reflection,
                notify=notify,
            )
        except DraftTextError as error:
            session.print(str(error))
            draft_id, choices = error.draft_id, ("edit", "cancel")
        else:
            if outcome.decision is Decision.QUEUED_URGENT:
                await _show_urgent(session, outcome)
                return
            session.print(stories.preview_card(outcome.screened))
            draft_id, choices = outcome.screened.draft.id, ("submit", "edit", "cancel")
        choice = _choose(session, choices)
        if choice == "submit":
            await _submit(session, draft_id)
            return
        # Editing makes a new draft from the new text, as the Discord form does; cancelling keeps nothing.
        await store.delete_draft(app.db, draft_id)
        new_text = session.read_block("Your story") if choice == "edit" else None
        if new_text is None:
            session.print("Cancelled. Nothing was kept.")
            return
        text = new_text


async def _show_urgent(session: Session, outcome: ShareOutcome) -> None:
    """The crisis card comes first, before anything else is said."""
    app = session.app
    directory = app.content.directory
    region = (await guilds.get(app.db, CONSOLE_GUILD)).region
    country = support.pick_country(directory, None, region, None)
    session.print(support.crisis_card(directory.crisis_card(country), lead=stories.URGENT_LEAD))
    story = outcome.story
    assert story is not None
    redacted = (
        f" Details that could identify someone were replaced ({story.redacted_summary})."
        if story.redacted_summary
        else ""
    )
    session.print(
        "Your story was kept and passed to the moderators, marked so they read it first."
        f"{redacted} You can withdraw it with `/mystories`."
    )
    _to_queue(session, story)


async def _submit(session: Session, draft_id: int) -> None:
    app = session.app
    try:
        await stories.check_can_share(app, CONSOLE_GUILD, _author_key(session))
    except ShareRefusedError as refusal:
        # Unlike a Discord message, the console cannot come back to this draft, so it is not kept.
        await store.delete_draft(app.db, draft_id)
        session.print(str(refusal))
        return
    story = await stories.submit(app, draft_id, _sealed(session))
    if story is None:
        session.print("This story was already sent. `/mystories` shows it.")
        return
    session.print(stories.queued_text(story))
    _to_queue(session, story)


# -- the author's controls ----------------------------------------------------------------------------------


@command("mystories", "Your shared stories: status, moderators' replies.")
async def mystories(session: Session, _: Invocation) -> None:
    card, actionable = await stories.my_stories(session.app, CONSOLE_GUILD, _author_key(session))
    session.print(card)
    if actionable:
        session.print("Withdraw a waiting story with /withdraw <number>; remove a published one with /remove <number>.")


@command("withdraw", "Withdraw your story that is waiting: /withdraw <number>")
async def withdraw(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/withdraw <number>"))
    if found is None:
        return
    story = await stories.withdraw(session.app, found.id, _author_key(session))
    if story is None:
        session.print("That story is no longer waiting, so it can't be withdrawn.")
        return
    session.print("Withdrawn. Its text will be erased within 7 days.")
    session.print(f"[moderation queue]\nStory #{story.number}: withdrawn by its author.")


@command("remove", "Remove your published story: /remove <number>")
async def remove(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/remove <number>"))
    if found is None:
        return
    story = await stories.take_down(session.app, found.id, _author_key(session), None)
    session.print("Removed from the server." if story else "That story isn't published any more.")


@command("forgetme", "Delete everything Stairwell holds about you, in every server.")
async def forgetme(session: Session, _: Invocation) -> None:
    session.print(
        "This deletes, in every server: your stories (published ones too), unsent drafts, moderators' replies, "
        "your reflection history and the encrypted IDs kept to contact you. It can't be undone."
    )
    if (session.ask("Type DELETE to confirm: ") or "").strip() != "DELETE":
        session.print("Nothing was deleted.")
        return
    found, counts = await stories.forget(session.app, _author_key(session))
    for story in found:
        if story.status == "pending":
            session.print(f"[moderation queue]\nStory #{story.number}: deleted at its author's request.")
    posts = sum(1 for story in found if story.status == "published")
    session.print(stories.forget_summary(counts, posts, where="the stories channel"))


# -- moderation --------------------------------------------------------------------------------------------


@command("mod queue", "Stories waiting for review, urgent first, each shown in full.")
async def mod_queue(session: Session, _: Invocation) -> None:
    db = session.app.db
    waiting = await store.pending(db, CONSOLE_GUILD)
    session.print(moderation.queue_list_card(waiting, await store.count_pending(db, CONSOLE_GUILD)))
    for story in waiting:  # the moderation channel is this terminal, so the stories are reviewed here
        _to_queue(session, story)


@command("mod log", "Recent moderator actions (story numbers only).")
async def mod_log(session: Session, _: Invocation) -> None:
    entries = await store.recent_log(session.app.db, CONSOLE_GUILD)
    session.print(moderation.log_card(entries, lambda _moderator: MODERATOR))


async def _approve(session: Session, story_id: int, *, text: str | None, warning: str | None, action: Action) -> None:
    try:
        story = await moderation.approve(
            session.app, CONSOLE_GUILD, story_id, MODERATOR_ID, text=text, content_warning=warning, action=action
        )
    except (ModerationError, StoryTextError) as error:
        session.print(str(error))
        return
    session.print(
        f"Story #{story.number} approved by {MODERATOR}. "
        "It will be published in a few minutes; /tick publishes anything due."
    )
    _dm(session, story, moderation.approved_notice(story, SERVER))


@command("mod approve", "Approve a story: /mod approve <number> [cw:content warning]")
async def mod_approve(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod approve <number> [cw:content warning]"))
    if found is None:
        return
    warning = args.get("cw")
    action = Action.APPROVE_CW if warning else Action.APPROVE
    await _approve(session, found.id, text=None, warning=warning, action=action)


@command("mod edit", "Edit a story's text, then approve it: /mod edit <number> [cw:content warning]")
async def mod_edit(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod edit <number> [cw:content warning]"))
    if found is None:
        return
    try:
        story = await moderation.pending_story(session.app, CONSOLE_GUILD, found.id)
    except ModerationError as error:
        session.print(str(error))
        return
    session.print(f"Story #{story.number} as it is now:\n{story.text or ''}")
    text = session.read_block("The text to publish (redact anything that could identify someone)")
    if text is None:
        session.print(f"Nothing was changed; story #{story.number} is still waiting.")
        return
    await _approve(session, story.id, text=text, warning=args.get("cw"), action=Action.EDIT_APPROVE)


@command("mod reject", "Reject a story: /mod reject <number> [reason] (no reason on the line: asked next)")
async def mod_reject(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod reject <number> [reason]"))
    if found is None:
        return
    reason = " ".join(args.words[1:]) or args.get("reason")
    if reason is None:
        reason = session.ask("Reason for the author (optional, empty for none): ")
    try:
        story = await moderation.reject(session.app, CONSOLE_GUILD, found.id, MODERATOR_ID, reason)
    except ModerationError as error:
        session.print(str(error))
        return
    session.print(
        f"Done — story #{story.number}: " + moderation.outcome_line("rejected", MODERATOR, story.reject_reason)
    )
    _dm(session, story, moderation.rejected_notice(story, SERVER))


@command("mod reply", "Reply to a story's author: /mod reply <number> [text] (no text: type it next, end with '.')")
async def mod_reply(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod reply <number> [text]"))
    if found is None:
        return
    text = " ".join(args.words[1:]) or args.get("text") or session.read_block("Your reply (they see 'a moderator')")
    if not text:
        session.print("The reply is empty.")
        return
    try:
        story, reply_id = await moderation.reply(session.app, CONSOLE_GUILD, found.id, MODERATOR_ID, text)
    except (ModerationError, StoryTextError) as error:
        session.print(str(error))
        return
    delivered = _dm(session, story, moderation.reply_notice(story, SERVER, text))
    if delivered:
        await store.mark_reply_delivered(session.app.db, reply_id)
    where = "by DM and in their `/mystories`" if delivered else "in their `/mystories` (they chose no messages)"
    session.print(f"Your reply to the author of story #{story.number} was delivered {where}.")


@command("mod block", "Block a story's author from sharing here: /mod block <number>")
async def mod_block(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod block <number>"))
    if found is None:
        return
    session.print(
        f"Block the author of story #{found.number}? They won't be able to share again in this server, and a story "
        "of theirs that is waiting will be rejected. You won't learn who they are."
    )
    if not _yes(session.ask("Block the author? [y/N] "), default=False):
        session.print("Not blocked.")
        return
    try:
        story = await moderation.block_author(session.app, CONSOLE_GUILD, found.id, MODERATOR_ID)
    except ModerationError as error:
        session.print(str(error))
        return
    session.print(f"Done — story #{story.number}: author blocked by {MODERATOR}; the story was rejected.")


@command("mod unblock", "Let a story's author share again: /mod unblock <number>")
async def mod_unblock(session: Session, args: Invocation) -> None:
    number = _number(args, "/mod unblock <number>")
    try:
        done = await moderation.unblock_author(session.app, CONSOLE_GUILD, number, MODERATOR_ID)
    except ModerationError as error:
        session.print(str(error))
        return
    session.print(
        f"The author of story #{number} can share again." if done else f"The author of story #{number} is not blocked."
    )


@command("mod unpublish", "Remove a published story: /mod unpublish <number>")
async def mod_unpublish(session: Session, args: Invocation) -> None:
    found = await _story(session, _number(args, "/mod unpublish <number>"))
    if found is None:
        return
    removed = await stories.take_down(session.app, found.id, None, MODERATOR_ID)
    session.print(f"Story #{found.number} was unpublished." if removed else f"Story #{found.number} is not published.")


# -- publishing ---------------------------------------------------------------------------------------------


async def publish_due(session: Session) -> int:
    """Print the console server's stories whose delay has passed; the console loop calls it after each command.

    The console never waits, so a story approved now appears on a later command. Other servers'
    stories are left alone: the console may share its database with the Discord bot, which posts them.
    """
    app = session.app
    published = 0
    for story in await publishing.due(app):
        if story.guild_id != CONSOLE_GUILD or not await publishing.claim(app, story):
            continue
        # Recorded before printing: a printed story cannot be taken back if it was removed meanwhile.
        if await publishing.posted(app, story, 0, 0):
            session.print("[stories channel]\n" + publishing.published_card(story).as_text())
            published += 1
    return published


@command("tick", "Publish approved stories whose few-minute delay has passed.")
async def tick(session: Session, _: Invocation) -> None:
    if not await publish_due(session):
        session.print("Nothing is due to be published.")
