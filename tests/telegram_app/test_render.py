import re

from bot.core.cards import Card, literal
from bot.core.info import about_card
from bot.core.terms import Terms
from bot.telegram_app.render import MESSAGE_LIMIT, card_messages, markup_to_html, neutralise_mentions, visible_length

WJ = "\u2060"


def test_the_cards_marks_become_tags_and_nothing_else():
    html = markup_to_html("**bold** `code` ||hidden|| <i>&amp;</i>\n> a quote\n> more\nafter")
    assert html == (
        "<b>bold</b> <code>code</code> <tg-spoiler>hidden</tg-spoiler> &lt;i&gt;&amp;amp;&lt;/i&gt;\n"
        "<blockquote>a quote\nmore</blockquote>\nafter"
    )


def test_typed_text_cannot_format_or_break_out():
    typed = "**loud** ||x|| `y` > z </b><a href='https://evil'>tap</a> \\*"
    html = markup_to_html(f"**Story:** {literal(typed)}")
    assert html == (
        "<b>Story:</b> **loud** ||x|| `y` &gt; z &lt;/b&gt;&lt;a href='https://evil'&gt;tap&lt;/a&gt; \\*"
    )


def test_mentions_do_not_notify_but_stay_readable():
    assert neutralise_mentions("thanks @dr_jones and @al, mail a@b.org") == (
        f"thanks @{WJ}dr_jones and @al, mail a@b.org"
    )
    assert markup_to_html("`/setup publish @channel` @channel") == f"<code>/setup publish @channel</code> @{WJ}channel"


def test_tags_stay_nested_when_marks_overlap():
    assert markup_to_html("**a ||b** c||") == "<b>a <tg-spoiler>b</tg-spoiler></b><tg-spoiler> c</tg-spoiler>"
    assert markup_to_html("**never closed") == "<b>never closed</b>"


def test_a_long_card_is_split_into_valid_messages():
    body = "**" + "word " * 1500 + "**"
    fields = tuple((f"Field {n}", "x" * 1500) for n in range(4))
    messages = card_messages(Card(title="Long", body=body, fields=fields, footer="end"))
    assert len(messages) > 1
    for message in messages:
        assert visible_length(message) <= MESSAGE_LIMIT
        assert message.count("<b>") == message.count("</b>")
    assert messages[0].startswith("<b>Long</b>") and messages[-1].endswith("<i>end</i>")


def test_the_about_card_fits_one_message():
    assert len(card_messages(about_card(Terms()))) == 1


def test_a_long_story_is_split_never_clipped_and_its_spoiler_stays_closed():
    story = " ".join(f"w{n}" for n in range(1400))  # about 7,300 characters
    messages = card_messages(Card(title="Story #1", body=f"**Content warning:** loss\n||{story}||", footer="end"))

    assert len(messages) >= 2
    shown = " ".join(re.sub(r"<[^>]+>", "", message) for message in messages)
    assert all(f"w{n} " in shown or shown.endswith(f"w{n}") or f"w{n}\n" in shown for n in range(1400))
    assert "…" not in shown
    for message in messages:
        assert visible_length(message) <= MESSAGE_LIMIT
        assert message.count("<tg-spoiler>") == message.count("</tg-spoiler>")
    assert all("<tg-spoiler>w" in message for message in messages[1:-1] or messages[1:])
