"""What Stairwell says about itself: /about and /privacy, shared by every adapter."""

from __future__ import annotations

from bot.core.cards import Card, Tone
from bot.core.terms import Terms

INTRO = (
    "Stairwell is peer support for healthcare workers — doctors, nurses, EMTs, paramedics and "
    'students — who lose patients. Its name comes from a doctor who said they had "cried in '
    'stairwells and hallways" between patients.'
)
PEER_SUPPORT = (
    "Peer support, not a crisis or medical service",
    "Stairwell and its moderators are peers, not clinicians or counsellors, and nobody watches "
    "it around the clock. It cannot send help.",
)
URGENT_HELP = (
    "Urgent help",
    "If you might act on thoughts of ending your life, call your local emergency number now, or "
    "use `/resources` for a crisis line in your country. You deserve support today.",
)

def what_you_can_do(terms: Terms) -> str:
    return (
    "**What you can do here**\n"
    "• `/reflect` — a clinician's own words and a question to sit with, just for you.\n"
    "• `/share` — tell what happened to you, anonymously. A moderator reads it before anything is posted.\n"
    "• `/resources` — crisis lines and support lines for clinicians in your country.\n"
    f"• A daily reflection in this {terms.community}, at the {terms.community}'s local time."
    )


def about_card(terms: Terms) -> Card:
    """/about: the same words on every platform that offers sharing (`terms` names the platform's parts)."""
    return Card(
        title="About Stairwell",
        body=INTRO + "\n\n" + what_you_can_do(terms),
        fields=(
            PEER_SUPPORT,
            (
                "How anonymity works",
                f"Stories are stored under a keyed pseudonym, never your name or {terms.account_id}. Moderators see "
                "the story, never who wrote it. Possible patient identifiers are found and offered for redaction "
                "before anyone reads it. See `/privacy` for the details.",
            ),
            URGENT_HELP,
        ),
        footer="Stairwell is open source. Be gentle with each other.",
        tone=Tone.WARM,
    )


def privacy_card(terms: Terms) -> Card:
    """/privacy, field by field as the database keeps it (the README's privacy section says the same)."""
    logged_as = terms.moderator_logged_as or f"the moderator's {terms.account_id}"
    place = terms.community
    return Card(
        title="What Stairwell stores, and how to delete it",
        body=(
            f"Stairwell keeps as little as it can, and never your name or username. Your {terms.account_id} is "
            "turned into a keyed pseudonym (an HMAC with this installation's secret key) before anything is stored."
        ),
        fields=(
            (
                "About you",
                "• Your pseudonym, with which reflections you have seen and when (so `/reflect` does not repeat), "
                "and when you shared in the last day (for the daily limit).\n"
                "• Drafts: what you typed, before redaction, with your choices, until you submit or cancel (a day "
                "at most).\n"
                "• For each story you share: its number, its text as you approved it (redacted), content warning, "
                "your two choices, status, screening results (the crisis level; signals quote a sentence, "
                "redacted; counts of identifiers replaced), the day (not the time) it arrived, when it was "
                "resolved, a moderator's reason and replies, and where its posts are; while it waits for the "
                "moderators, when its queue post is due (a few minutes after it arrived, erased once it is made).\n"
                "• Only if you asked to hear the outcome, and for at most 30 days after the story is resolved: "
                f"your {terms.account_id}, encrypted (it holds no time), so the bot can tell you the outcome or "
                "pass on a reply."
                + (f"\n• {terms.also_kept}" if terms.also_kept else ""),
            ),
            (
                "How long",
                "Rejected, withdrawn and removed stories lose their text, content warning, reason and replies "
                f"after 7 days (each {place} can change this); every resolved story loses its screening signals then "
                "too. Published stories stay until you or a moderator remove them. Reflection history stays until "
                f"you use `/forgetme`. A {place}'s settings, log and blocks stay until Stairwell leaves it.",
            ),
            (
                "Who can see it",
                f"Moderators of the {place} see the (redacted) story, screening results and story number — never "
                f"who wrote it, not even a stable tag. Published stories are public in the {place}. Moderator "
                f"actions are logged with {logged_as} and the story number only. Logs never hold IDs, names or "
                "anything you wrote.",
            ),
            (
                "Deleting it",
                "`/mystories` lets you withdraw a queued story or remove a published one. `/forgetme` deletes "
                f"everything about you in every {place}: stories, posts, drafts, replies, reflection history and the "
                f"encrypted IDs. Only a block a {place}'s moderators placed is kept (it holds your pseudonym, no text "
                f"and no ID). When Stairwell leaves a {place}, everything stored for that {place} is deleted.",
            ),
            (
                "The limits",
                "Someone holding both the database and the secret key could check whether a given "
                f"{terms.account} wrote a story, and read the encrypted IDs of authors whose stories are "
                f"still within their 30 days. {terms.platform_sees}",
            ),
        ),
        tone=Tone.CALM,
    )
