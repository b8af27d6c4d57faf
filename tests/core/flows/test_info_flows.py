"""The flows behind /reflect, /resources, /about, /privacy and /help, as any adapter calls them."""

import pytest

from bot.core import info, reflections
from bot.core.app import Stairwell
from bot.core.flows import choices, reflect, resources
from bot.core.flows import info as info_flows
from bot.core.flows.effects import carry_out
from bot.core.flows.port import Choice
from bot.core.flows.results import Actor
from bot.core.terms import Terms
from bot.db import reflections as history
from tests.conftest import SECRET

NO_PLATFORM = None  # writing the reflection history asks nothing of the platform


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield opened
    await opened.close()


def person(app: Stairwell, guild_id: int | None = 5) -> Actor:
    return Actor(
        platform="test",
        user_id=7,
        guild_id=guild_id,
        author_key=app.identity.author_key("test", 7),
        name="someone",
    )


async def test_another_keeps_the_theme_through_its_button(app):
    pool = {r.id for r in app.content.library.reflections("young-patient")}
    first = await reflect.reflect(app, person(app), "The young patient")
    another = first.reply.choices[0]
    assert [c.label for c in first.reply.choices] == ["Another", "Share my own story", "Support"]
    assert reflections.theme_of(app, another.target) == "young-patient"

    await carry_out(app, NO_PLATFORM, first.effects)
    seen = set()
    for _ in range(len(pool) - 1):
        result = await choices.choose(app, person(app), another)
        assert result.reply.replace
        seen.add(result.reply.cards[0].body)
        # The card is written down as seen after it is shown: an effect, carried out like every adapter does.
        before = len(await history.seen(app.db, person(app).author_key))
        await carry_out(app, NO_PLATFORM, result.effects)
        assert len(await history.seen(app.db, person(app).author_key)) == before + 1
    assert len(seen) == len(pool) - 1


async def test_reflect_outside_a_server_offers_no_share_and_an_unknown_theme_is_explained(app):
    result = await reflect.reflect(app, person(app, guild_id=None), None)
    assert [c.label for c in result.reply.choices] == ["Another", "Support"]
    assert reflections.theme_of(app, 0) is None and reflections.theme_of(app, 999) is None

    unknown = await reflect.reflect(app, person(app), "cheerful things")
    assert unknown.reply.cards == () and "The themes are:" in (unknown.reply.text or "")


async def test_support_choice_gives_the_crisis_card(app):
    result = await choices.choose(app, person(app), Choice("support", "card", 0, "Support"))
    assert "emergency number" in result.reply.cards[0].body
    assert "/resources" in (result.reply.text or "")


async def test_resources_refuses_an_unknown_audience_and_names_the_known_ones(app):
    refused = await resources.resources(app, person(app), None, "pilots")
    assert "pilots" in (refused.reply.text or "") and "ems" in (refused.reply.text or "")
    shown = await resources.resources(app, person(app), "GB", "ems")
    assert shown.reply.cards[0].title.startswith("Support lines — United Kingdom")


async def test_about_and_privacy_use_the_platforms_words_and_never_name_another(app):
    discord = Terms(account="Discord account", account_id="Discord ID", platform_sees="Discord itself sees it.")
    text = card_text(info.privacy_card(discord))
    assert "Discord ID, encrypted" in text and "a given Discord account" in text

    neutral = await info_flows.privacy(app, person(app))
    about = await info_flows.about(app, person(app))
    neutral_text = card_text(neutral.reply.cards[0]) + card_text(about.reply.cards[0])
    assert "Discord" not in neutral_text and "Telegram" not in neutral_text


async def test_help_lists_what_the_adapter_gives(app):
    result = await info_flows.help_(app, person(app), [("reflect", "A reflection."), ("about", "What it is.")])
    assert result.reply.cards[0].body.splitlines()[:2] == ["/reflect — A reflection.", "/about — What it is."]


def card_text(card) -> str:
    return "\n".join([card.title, card.body, *(f"{n}\n{v}" for n, v in card.fields), card.footer or ""])


async def test_setup_flows_refuse_without_the_admin_right_in_the_platforms_words(app):
    from dataclasses import replace

    from bot.core.flows import setup

    member = replace(person(app), terms=Terms(admin_right="Manage Server"))
    for result in (
        await setup.timezone(app, member, "Europe/London"),
        await setup.region(app, member, "GB"),
        await setup.add_resource(app, member, "A", "B", None, None),
        await setup.sharing(app, member, enabled=False, per_day=None, purge_days=None),
        await setup.channels(app, member, {}),
    ):
        assert result.reply.text == "Only people with **Manage Server** can change Stairwell's settings."
    admin = replace(member, is_admin=True)
    assert "Europe/London" in ((await setup.timezone(app, admin, "Europe/London")).reply.text or "")
