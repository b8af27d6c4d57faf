"""Any text through /share gets an answer (preview, a kind error, or the crisis reply) and never pings anyone."""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.core import stories
from bot.core.app import Stairwell
from bot.core.stories import Decision, DraftTextError, ShareOutcome
from bot.core.story_text import MAX_LENGTH, MIN_LENGTH
from bot.db import guilds
from bot.db import stories as store
from tests.conftest import SECRET
from tests.discord_app.conftest import configure

# Things people paste, and things someone might try on purpose.
TRICKY = (
    "@everyone",
    "@here",
    "@Everyone",
    "<@&123>",
    "<@456>",
    "<@!456>",
    "<#789>",
    "discord.gg/abc",
    "https://discord.com/invite/xyz-1",
    "dsc.gg/q",
    "```",
    "```py\nprint(1)\n```",
    "||",
    "||spoiler||",
    "**",
    "__",
    "> ",
    "# ",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200b" * 7,
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\r\n",
    "\r",
    "\t",
    " " * 12,
    "\n" * 6,
    "e\u0301",
    "👩‍⚕️",
    "Mrs. Alvarez",
    "555-201-3344",
    "Ward 7B",
    "March 3rd",
    "I want to die",
    "I can't go on",
    "saving up my tablets",
    "we lost him after forty minutes of CPR",
)
URGENT = (
    "I can't do this any more. I have been saving up my patients' leftover morphine and I know how much it would take."
)
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"


def fit(text: str) -> str:
    """Within Discord's own form limits (the client enforces them, so the bot never sees other lengths)."""
    return (text + " " * (MIN_LENGTH - len(text)))[:MAX_LENGTH]


modal_texts = st.one_of(
    st.text(min_size=MIN_LENGTH, max_size=MAX_LENGTH),
    st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", min_size=MIN_LENGTH, max_size=300),
    st.text(alphabet=INVISIBLE, min_size=MIN_LENGTH, max_size=300),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=40)), min_size=1, max_size=80).map("".join).map(fit),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=400).map("".join).map(fit),
    # So the crisis path is always explored, with the same tricks around it.
    st.tuples(st.lists(st.sampled_from(TRICKY), max_size=20), st.lists(st.sampled_from(TRICKY), max_size=20)).map(
        lambda around: fit("".join(around[0]) + URGENT + "".join(around[1]))
    ),
)


def mention_settings(value):
    """Every allowed_mentions object in a request body, however deeply it is nested (interaction callbacks)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "allowed_mentions" and isinstance(inner, dict):
                yield inner
            else:
                yield from mention_settings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from mention_settings(inner)


def labels(response):
    return [button["label"] for row in response.components for button in row["components"]]


@pytest.fixture
async def ready(world):
    await configure(world)
    # Many shares in one test: the daily limit is not what this test is about.
    await guilds.update(world.db, world.guild.id, submissions_per_day=20)
    return world


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=modal_texts, warning=st.one_of(st.just(""), st.sampled_from(TRICKY), st.text(max_size=100)))
async def test_any_text_through_the_form_is_answered_and_pings_nobody(ready, text, warning):
    world = ready
    await world.db.execute("DELETE FROM submission_times")
    errors_before = world.env.error_cursor
    requests_before = len(world.env.http_requests)

    shown = await world.member.slash(world.general, "share")
    assert shown.modal is not None, shown.response and shown.response.content
    values = {"story": text, "content_warning": warning, "for_reflection": False, "notify": True}
    result = await world.member.submit_modal(shown, values)

    assert world.env.errors_since(errors_before) == ()
    assert result.acknowledged and result.ephemeral
    response = result.response
    assert response is not None
    assert "something went wrong" not in (response.content or "")
    titles = [embed.title for embed in response.embeds]
    event(f"answered with {titles or 'a message'}")
    if titles == ["Before you send it"]:
        assert labels(response)[1:] == ["Edit", "Cancel"]
        assert labels(response)[0] in ("Submit", "Submit redacted version")
    elif titles == ["You don't have to carry this alone"]:
        assert "marked so they read it first" in response.content
        assert world.mod_channel.last_message.embeds[0].title.endswith("URGENT: possible crisis, please read first")
    else:
        assert titles == []
        assert response.content.startswith("Your story ")
        assert labels(response) == ["Edit", "Cancel"]

    found = [m for r in world.env.http_requests[requests_before:] for m in mention_settings(r.json)]
    assert found, "every message the bot sent should say who it may ping"
    for allowed in found:
        assert allowed.get("parse") == [], allowed
        assert not allowed.get("users") and allowed.get("replied_user") is not True, allowed
        # The one ping Stairwell makes on purpose: the moderator role, for an urgent story.
        assert [int(role) for role in allowed.get("roles") or []] in ([], [world.mod_role.id]), allowed
    await world.db.execute("DELETE FROM drafts")


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield opened
    await opened.close()


any_text = st.one_of(
    st.text(max_size=MAX_LENGTH + 200),
    st.text(min_size=MAX_LENGTH - 50, max_size=MAX_LENGTH + 50),
    st.text(alphabet=" \n\t\r" + INVISIBLE, max_size=50),
    st.lists(st.sampled_from(TRICKY), max_size=50).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, warning=st.one_of(st.none(), st.text(max_size=150)))
async def test_core_start_gives_an_outcome_or_a_kind_error_for_any_text(app, backend, text, warning):
    try:
        outcome = await stories.start(app, 7, "author", b"sealed", text, warning, for_reflection=False, notify=True)
    except DraftTextError as error:
        draft = await store.get_draft(app.db, error.draft_id)
        # Kept, so the author can edit rather than start again; PostgreSQL text cannot hold NUL, which is dropped.
        kept = text.replace("\x00", "") if backend == "postgresql" else text
        assert draft is not None and draft.text == kept
        assert str(error)
    else:
        assert isinstance(outcome, ShareOutcome)
        if outcome.decision is Decision.QUEUED_URGENT:
            assert outcome.story is not None and outcome.story.status == "pending"
        else:
            assert outcome.story is None
        if outcome.screened.draft.content_warning is not None:
            assert 0 < len(outcome.screened.draft.content_warning) <= 100
    await app.db.execute("DELETE FROM drafts")
