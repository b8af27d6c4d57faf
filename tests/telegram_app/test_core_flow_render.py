"""The core flows Telegram will call render through Telegram's HTML renderer with no raw mark left over."""

import re

import pytest

from bot.core.app import Stairwell
from bot.core.cards import literal
from bot.core.flows import info, reflect, resources
from bot.core.flows.results import Actor, Result
from bot.core.terms import Terms
from bot.telegram_app.render import card_messages, markup_to_html
from tests.conftest import SECRET

RAW_MARKS = re.compile(r"\*\*|\|\||`|^> ", re.MULTILINE)


@pytest.fixture
async def app(db_path, content, clock):
    opened = await Stairwell.open(db_path, SECRET, content=content, clock=clock)
    yield opened
    await opened.close()


def rendered(result: Result) -> str:
    parts = [markup_to_html(result.reply.text)] if result.reply.text else []
    for card in result.reply.cards:
        parts += card_messages(card)
    return "\n".join(parts)


async def test_info_reflect_and_resources_leave_no_raw_marks_on_telegram(app):
    person = Actor("telegram", 1, None, app.identity.author_key("telegram", 1), b"", "someone", terms=Terms())
    results = [
        await info.about(app, person),
        await info.privacy(app, person),
        await info.help_(app, person, [("reflect", "A reflection."), ("resources", "Support lines.")]),
        await reflect.reflect(app, person, None),
        await reflect.reflect(app, person, "no such theme"),
        await reflect.support_card(app, person),
        await resources.resources(app, person, "GB", "ems"),
        await resources.resources(app, person, None, "pilots"),
    ]
    for result in results:
        html = rendered(result)
        assert html and not RAW_MARKS.search(re.sub(r"<[^>]+>", "", html)), html


def test_typed_marks_survive_as_typed():
    assert markup_to_html(f"**Added** {literal('a **b** || c')}") == "<b>Added</b> a **b** || c"
