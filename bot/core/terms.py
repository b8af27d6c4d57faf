"""The few words the core's text borrows from a platform, supplied by each adapter.

The core never names a platform itself: what the admin right is called, what an account's id is called,
where a member's language comes from. An adapter passes its own `Terms` on the Actor (or to a card);
the neutral default reads correctly anywhere, so a missing one never says "Discord" on Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Terms:
    # What a person's account is called ("Discord account"), and its number ("Discord ID").
    account: str = "account"
    account_id: str = "account ID"
    # The right that lets someone change the server's settings ("Manage Server").
    admin_right: str = "the right to manage this server"
    # The right that makes someone a moderator without the moderator role ("Manage Messages").
    moderator_right: str = "the right to manage messages"
    # Where a member's language comes from, when no country is chosen ("Discord language").
    language: str = "app language"
    # Where published posts are, as the member knows it ("the stories channel").
    stories_place: str = "the stories channel"
    # The place approved stories are posted in, as its moderators know it (parked-story notices).
    publish_place: str = "the stories channel"
    # Said after a moderator role is saved: how members of the role get to see the moderators' commands.
    moderator_role_hint: str = ""
    # What the platform itself learns, whatever Stairwell does (the end of /privacy).
    platform_sees: str = "The platform itself sees who uses which command, as with any bot."
    # How the moderation log names a moderator, where it is not their account id (Telegram: a pseudonym).
    moderator_logged_as: str = ""
    # The commands the core's replies point to, as this platform spells them.
    setup_places: str = "`/setup channels`"  # where an admin chooses the moderation and stories places
    unpublish_command: str = "`/mod unpublish {number}`"
    queue_place: str = "`/mod queue`"  # where waiting stories are listed, urgent first
    daily_resume: str = "`/daily resume`"
    stories_setup: str = "`/setup channels stories:`"  # choosing the stories place again resumes parked stories
    daily_setup: str = "`/daily setup`"
    settings_command: str = "`/setup show`"  # every setting, and what the bot lacks where
    # What a community is called here ("server"), as in "this server", "every server".
    community: str = "server"
    # Where an admin sets the time zone the daily post keeps.
    timezone_setup: str = "`/setup timezone`"
    # Why a post may be missing though it was sent: the platform did not confirm it (Telegram after a 5xx).
    unconfirmed_post: str = "the platform did not confirm the post, and I have no way to check"
    # What this platform keeps beyond the rest, one more line of /privacy's "About you" (Telegram: the community).
    also_kept: str = ""
