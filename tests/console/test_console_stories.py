"""The console's sharing and moderation flows, scripted: one terminal plays member and moderator."""

import io
from datetime import timedelta

import pytest

from bot.console.main import run_session
from bot.console.render import plain
from bot.console.shell import CONSOLE_GUILD
from bot.core import moderation, stories
from bot.core.app import Stairwell
from bot.db import guilds
from bot.db import stories as store
from tests.conftest import NO_QUEUE_DELAY, SECRET
from tests.samples import IDENTIFIERS, STORY, URGENT, WITH_IDS


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock, timing=NO_QUEUE_DELAY)
    yield opened
    await opened.close()


async def run(app, *lines: str) -> str:
    out = io.StringIO()
    await run_session(app, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


def share_lines(text: str, *, warning: str = "", reflection: str = "", notify: str = "", choice: str = "submit"):
    """/share, the story block, the content warning, the two yes/no answers, then the preview's choice."""
    return ["/share", *text.split("\n"), ".", warning, reflection, notify, choice]


async def test_share_preview_submit_queue_approve_then_tick_publishes(app, clock):
    shared = await run(app, *share_lines(STORY))

    assert shared.index("== Before you send it ==") < shared.index("(story #1)") < shared.index("[moderation queue]")
    queue_section = shared[shared.index("[moderation queue]") :]
    assert queue_section.startswith("[moderation queue]\n== Story #1 ==\n" + STORY)
    assert "-- Screening\n" in queue_section and "URGENT" not in queue_section
    assert "isn't set up" not in shared  # the console's placeholder channels are silent
    settings = await guilds.get(app.db, CONSOLE_GUILD)
    assert (settings.moderation_channel_id, settings.stories_channel_id) == (1, 1)
    story = await store.by_number(app.db, CONSOLE_GUILD, 1)
    assert (story.status, story.text, story.notify) == ("pending", STORY, True)
    assert await app.db.fetchval("SELECT count(*) FROM drafts") == 0

    approved = await run(app, "/mod queue", "/mod approve 1")

    assert "== Moderation queue — 1 waiting ==" in approved
    assert "Done — story #1: Approved by console moderator. It will be published" in approved
    assert "[DM to the author] Your story #1 in the console server was approved" in approved
    assert "[stories channel]" not in approved  # delayed: publication time must not reveal who was online
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).status == "approved"

    published = await run(app, "/tick", "/tick")  # /tick skips the delay, and says so

    assert published.count("[stories channel]") == 1
    assert published.startswith(
        "[stories channel]\n== Shared anonymously by a member of this community ==\n" + STORY + "\n(Story #1 · "
    )
    assert "/tick skipped the publication delay for 1 story" in published
    assert published.rstrip().endswith("Nothing is due to be published.")
    story = await store.by_number(app.db, CONSOLE_GUILD, 1)
    assert (story.status, story.publish_state) == ("published", "posted")

    logged = await run(app, "/mod log")
    assert "#1 · approve · console moderator" in logged


async def test_any_command_publishes_what_is_due(app, clock):
    await run(app, *share_lines(STORY), "/mod approve 1")
    clock.set(clock.now() + timedelta(minutes=15))

    output = await run(app, "/about")

    assert output.index("== About Stairwell ==") < output.index("[stories channel]")
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).status == "published"


async def test_identifiers_are_redacted_before_the_queue(app):
    output = await run(app, *share_lines(WITH_IDS))

    assert "I found details that could identify someone" in output
    for identifier in IDENTIFIERS:
        assert identifier not in output
        assert identifier not in (await store.by_number(app.db, CONSOLE_GUILD, 1)).text
    queue_section = output[output.index("[moderation queue]") :]
    assert "[name]" in queue_section
    assert "-- Identifiers redacted\n" in queue_section and "phone" in queue_section


async def test_crisis_text_prints_the_crisis_card_first_and_queues_as_urgent(app):
    output = await run(app, "/setup region GB", *share_lines(URGENT, choice=""))

    crisis = output.index("== You don't have to carry this alone ==")
    assert crisis < output.index("marked so they read it first") < output.index("[moderation queue]")
    assert "Samaritans" in output and "999" in output
    assert "Before you send it" not in output  # no preview: it went straight to a human
    assert "[moderation queue]\n== Story #1 — URGENT" in output
    story = await store.by_number(app.db, CONSOLE_GUILD, 1)
    assert (story.crisis_level, story.status) == ("urgent", "pending")


async def test_reject_with_reason_shows_in_mystories(app):
    await run(app, *share_lines(STORY))

    output = await run(app, "/mod reject 1 It names a colleague; please share it without that.", "/mystories")

    assert "Done — story #1: Rejected by console moderator. Reason given to the author: It names" in output
    assert (
        "[DM to the author] Your story #1 in the console server won't be published. The moderators said: It names"
        in output
    )
    mine = output[output.index("== Your stories ==") :]
    assert "not published" in mine and "Moderator's reason: It names a colleague" in mine
    story = await store.by_number(app.db, CONSOLE_GUILD, 1)
    assert (story.status, story.reject_reason) == ("rejected", "It names a colleague; please share it without that.")


async def test_reject_asks_for_the_reason_when_the_line_has_none(app):
    await run(app, *share_lines(STORY))

    await run(app, "/mod reject 1", "It's too close to a case in the news.")

    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).reject_reason == "It's too close to a case in the news."


async def test_forgetme_deletes_rows(app, clock):
    await run(app, *share_lines(STORY, reflection="y"), "/mod approve 1", *share_lines(STORY + " Again."))
    clock.set(clock.now() + timedelta(minutes=15))
    await run(app, "/reflect")
    assert await app.db.fetchval("SELECT count(*) FROM community_reflections") == 1

    kept = await run(app, "/forgetme", "no")
    assert "Nothing was deleted." in kept
    assert await app.db.fetchval("SELECT count(*) FROM stories") == 2

    output = await run(app, "/forgetme", "DELETE")

    assert "[moderation queue]\n== Story #2 ==\nDeleted at its author's request." in output
    assert (
        plain(
            stories.forget_summary(
                {"stories": 2, "drafts": 0, "reflection_history": 1, "reflections": 1},
                1,
                where="the stories channel",
                community="server",
            )
        )
        in output
    )
    assert "I deleted 2 stories (1 published post removed from the stories channel)" in output
    for table in ("stories", "drafts", "reflection_seen", "submission_times", "story_replies", "community_reflections"):
        assert await app.db.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_edit_replaces_the_draft_and_unusable_text_can_be_edited_or_cancelled(app):
    output = await run(app, *share_lines("Too short.", choice="edit"), *STORY.split("\n"), ".", "submit")

    assert "Your story is very short" in output
    assert "(story #1)" in output
    assert await app.db.fetchval("SELECT count(*) FROM drafts") == 0
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).text == STORY

    cancelled = await run(app, *share_lines(STORY, choice="cancel"))

    assert "Cancelled. Nothing was kept." in cancelled
    assert await app.db.fetchval("SELECT count(*) FROM drafts") == 0
    assert await app.db.fetchval("SELECT count(*) FROM stories") == 1


async def test_reply_is_shown_as_a_dm_and_in_mystories(app):
    await run(app, *share_lines(STORY))

    output = await run(app, "/mod reply 1 Thank you for writing this. How are you doing today?", "/mystories")

    assert (
        "[DM to the author] A moderator in the console server replied about your story #1:\n\n"
        "Thank you for writing this."
        in output
    )
    assert "was sent and is in their /mystories" in output
    assert "Moderator replied: Thank you for writing this. How are you doing today?" in output
    assert await app.db.fetchval("SELECT delivered FROM story_replies") == 1


async def test_withdraw_remove_and_moderator_errors(app, clock):
    await run(app, *share_lines(STORY), *share_lines(STORY + " Another night."), "/mod approve 2")
    clock.set(clock.now() + timedelta(minutes=15))

    output = await run(
        app, "/withdraw 1", "/withdraw 1", "/remove 2", "/mod approve 1", "/mod approve 9", "/mod edit x"
    )

    assert "Withdrawn. Its text will be erased within 7 days." in output
    assert "[moderation queue]\n== Story #1 ==\nWithdrawn by its author." in output
    assert "That story is no longer waiting, so it can't be withdrawn." in output
    assert "Removed from the server." in output
    assert "Story #1 was already handled: withdrawn by its author." in output
    assert "There is no story #9 in this server." in output
    assert "Story numbers are whole numbers" in output
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).status == "withdrawn"
    assert (await store.by_number(app.db, CONSOLE_GUILD, 2)).status == "removed"


async def test_edit_and_approve_with_a_content_warning(app, clock):
    await run(app, *share_lines(STORY))

    output = await run(app, '/mod edit 1 cw:"death of a young patient"', "A shorter version of the story, edited.", ".")
    clock.set(clock.now() + timedelta(minutes=15))
    published = await run(app, "/tick")

    assert "Story #1 as it is now:\n" + STORY in output
    assert "Approved by console moderator" in output
    assert (
        "Content warning: death of a young patient\n[content warning — hidden text follows]\n"
        "A shorter version of the story, edited.\n[end of hidden text]"
    ) in published
    assert "#1 · edit · console moderator" in await run(app, "/mod log")


async def test_block_then_share_again_gets_the_neutral_message_until_unblocked(app):
    await run(app, *share_lines(STORY))

    output = await run(app, "/mod block 1", "y", "/share", "/mod unblock 1", "/mod unblock 1")

    assert "Author blocked by console moderator; the story was rejected." in output
    assert plain(stories.NOT_NOW.format(community="server")) in output
    assert "The author of story #1 can share again." in output
    assert "The author of story #1 is not blocked." in output
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).status == "rejected"


async def test_unpublish_and_other_servers_stories_are_left_to_discord(app, clock):
    await run(app, *share_lines(STORY), "/mod approve 1")
    # A Discord server's approved story in the same database: the console must not "publish" it.
    other = await stories.start(app, 42, "someone", b"sealed", STORY, None, for_reflection=False, notify=False)
    queued = await stories.submit(app, other.screened.draft.id, b"sealed")
    await moderation.approve(app, 42, queued.id, 7)
    clock.set(clock.now() + timedelta(minutes=15))

    output = await run(app, "/tick", "/mod unpublish 1", "/mod unpublish 1")

    assert output.count("== Shared anonymously by a member of this community ==") == 1
    assert "Story #1 was unpublished and its post deleted." in output
    assert "Story #1 is not published." in output
    assert (await store.get(app.db, queued.id)).publish_state == "due"
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).status == "removed"


async def test_every_setup_subcommand_answers_and_sharing_settings_are_saved(app):
    output = await run(
        app,
        "/setup channels",
        "/setup moderator-role",
        "/setup sharing enabled:off per-day:5 purge-days:30",
        "/setup sharing per-day:99",
        "/setup sharing per-day:x",
        "/share",
    )

    assert "Unknown command" not in output
    assert "every channel is this terminal" in output
    assert "you are both the member and the server's moderator" in output
    assert "Saved: sharing is off, up to 5 per person a day, rejected or withdrawn text erased after 30 days." in output
    assert "The daily limit is a whole number from 1 to 20." in output
    assert "per-day is a whole number." in output
    assert "Story sharing isn't set up" in output  # sharing off: refused before the form
    settings = await guilds.get(app.db, CONSOLE_GUILD)
    assert (settings.sharing_enabled, settings.submissions_per_day, settings.purge_after_days) == (False, 5, 30)


async def test_retention_runs_in_the_console(app, clock):
    await run(app, *share_lines(STORY), "/withdraw 1")
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).text == STORY
    clock.set(clock.now() + timedelta(days=8))

    await run(app, "/about")

    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).text is None


async def test_send_support_and_mark_urgent_in_the_console(app):
    await run(app, *share_lines(STORY))

    output = await run(app, "/mod support 1", "/mod urgent 1", "/mod urgent 1")

    assert "[DM to the author] A moderator in the console server read your story #1" in output
    assert "== You don't have to carry this alone ==" in output
    assert "Story #1 is marked urgent" in output and "already marked urgent" in output
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).crisis_level == "urgent"


async def test_the_time_a_queue_post_was_due_is_erased_once_it_is_made(app):
    await run(app, *share_lines(STORY))

    story = await store.by_number(app.db, CONSOLE_GUILD, 1)
    assert story.queue_state == "posted" and story.queue_message_id is not None
    assert story.queue_after is None  # it was a few minutes after the story arrived


async def test_edit_shows_the_text_before_asking_for_the_new_one(app):
    again = "A new version of the story, written again."
    output = await run(app, *share_lines(STORY, choice="edit"), again, ".", "", "", "", "submit")

    assert "Your story as it is now:\n" + STORY in output
    assert output.index("Your story as it is now:") > output.index("== Before you send it ==")
    assert (await store.by_number(app.db, CONSOLE_GUILD, 1)).text == again
