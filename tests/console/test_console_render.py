"""The console shows the cards' markup as plain text: no marks, spoilers behind a warning, typed marks as typed."""

import io

from bot.console.answer import actor
from bot.console.render import Part, parts, plain
from bot.console.shell import SPOILER_WARNING, Session
from bot.core import reflections
from bot.core.app import Stairwell
from bot.core.cards import literal
from bot.core.flows import info
from tests.conftest import SECRET


def test_marks_disappear_and_escaped_marks_show_as_typed():
    typed = "I **was** `sure` || it > was *fine*_ok~ \\o/"
    markup = f"**Story:** `/share` {literal(typed)}\n> a quote\n||hidden||after"

    assert parts(markup) == [
        Part(f"Story: /share {typed}\n│ a quote\n"),
        Part("hidden", hidden=True),
        Part("after"),
    ]
    assert plain("||never closed") == "never closed"
    assert parts("||never closed") == [Part("never closed", hidden=True)]


async def session_output(db_path, content, *, interactive: bool, answers: list[str]) -> tuple[str, list[str]]:
    app = await Stairwell.open(db_path, SECRET, content=content)
    prompts: list[str] = []

    def read_line(prompt: str) -> str:
        prompts.append(prompt)
        return answers.pop(0) if answers else ""

    out = io.StringIO()
    try:
        session = Session(app, out, iter(()), interactive=interactive, read_line=read_line if interactive else None)
        testimony = next(r for r in app.content.library.reflections() if r.testimony.content_warning)
        session.print(reflections.reflection_card(testimony))
    finally:
        await app.close()
    return out.getvalue(), prompts


async def test_a_spoiler_waits_for_enter_at_a_terminal(db_path, content):
    output, prompts = await session_output(db_path, content, interactive=True, answers=[""])

    assert prompts == [SPOILER_WARNING + " "]
    assert "Content warning:" in output and "**" not in output and "||" not in output
    before, _ = output.split("[end of hidden text]")
    assert "“" in before  # the quote, shown once Enter was pressed


async def test_a_script_sees_the_hidden_text_marked_off(db_path, content):
    output, prompts = await session_output(db_path, content, interactive=False, answers=[])

    assert prompts == []
    assert "[content warning — hidden text follows]\n“" in output
    assert "[end of hidden text]" in output


async def test_about_and_privacy_say_console_words(db_path, content):
    app = await Stairwell.open(db_path, SECRET, content=content)
    out = io.StringIO()
    try:
        session = Session(app, out, iter(()))
        for flow in (info.about, info.privacy):
            result = await flow(app, actor(session))
            for card in result.reply.cards:
                session.print(card)
    finally:
        await app.close()
    text = out.getvalue()
    assert "Discord" not in text and "Telegram" not in text
    assert "console user name" in text
    assert "**" not in text and "`" not in text


def test_cards_without_marks_print_unchanged():
    assert plain("== Title ==\nplain words (and a | bar)") == "== Title ==\nplain words (and a | bar)"
