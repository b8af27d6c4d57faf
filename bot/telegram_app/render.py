"""Card → Telegram HTML: exactly the cards' marks become tags, everything else is escaped, no @mention notifies.

Telegram's HTML mode knows <b>, <code>, <tg-spoiler> and <blockquote>; every other character is text once
`&`, `<` and `>` are escaped. Backslash escapes (`literal()` in the core) keep user text's marks as text.
"""

from __future__ import annotations

import html
import re

from bot.core.cards import Card

MESSAGE_LIMIT = 4096  # characters of text after entities are parsed
WORD_JOINER = "\u2060"

_TOKEN = re.compile(r"\\([\\*`|>_~])|\*\*|\|\||`([^`\n]+)`|\n|^> ", re.MULTILINE)
# A Telegram username is 4–32 letters, digits and underscores; "@" before one notifies that person.
_MENTION = re.compile(r"@(?=[A-Za-z0-9_]{3})")
_TAG_FOR_MARK = {"**": "b", "||": "tg-spoiler"}


def neutralise_mentions(text: str) -> str:
    """`@name` stays readable but is no longer a mention (a word joiner splits it)."""
    return _MENTION.sub("@" + WORD_JOINER, text)


def _text(raw: str) -> str:
    return html.escape(neutralise_mentions(raw), quote=False)


class _Writer:
    """Keeps tags properly nested: closing one closes those opened inside it and opens them again after."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[str] = []

    def toggle(self, tag: str) -> None:
        if tag in self.open:
            self.close(tag)
        else:
            self.out.append(f"<{tag}>")
            self.open.append(tag)

    def close(self, tag: str) -> None:
        reopen = []
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break
            reopen.append(top)
        for again in reversed(reopen):
            self.out.append(f"<{again}>")
            self.open.append(again)

    def finish(self) -> str:
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def markup_to_html(markup: str) -> str:
    writer = _Writer()
    position = 0
    for match in _TOKEN.finditer(markup):
        writer.out.append(_text(markup[position : match.start()]))
        position = match.end()
        token = match.group(0)
        if match.group(1) is not None:
            writer.out.append(_text(match.group(1)))
        elif match.group(2) is not None:
            writer.out.append(f"<code>{html.escape(match.group(2), quote=False)}</code>")
        elif token == "\n":
            if "blockquote" in writer.open and not markup.startswith("> ", position):
                writer.close("blockquote")
            writer.out.append("\n")
        elif token == "> ":
            if "blockquote" not in writer.open:
                writer.toggle("blockquote")
        else:
            writer.toggle(_TAG_FOR_MARK[token])
    writer.out.append(_text(markup[position:]))
    return writer.finish()


def visible_length(rendered: str) -> int:
    """What Telegram counts against its limit: the text without tags, entities decoded."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", rendered)))


def _fitted(markup: str, limit: int = MESSAGE_LIMIT - 200) -> str:
    """Rendered, cut in the markup (never inside a tag) when too long for one message with its heading."""
    rendered = markup_to_html(markup)
    while visible_length(rendered) > limit and markup:
        markup = markup[: max(0, len(markup) - (visible_length(rendered) - limit) - 1)].rstrip("\\") + "…"
        rendered = markup_to_html(markup)
    return rendered


def _open_marks(markup: str) -> list[str]:
    """The marks (** and ||) still open at the end of `markup`, in the order they were opened."""
    open_marks: list[str] = []
    for match in _TOKEN.finditer(markup):
        token = match.group(0)
        if token in _TAG_FOR_MARK:
            if token in open_marks:
                open_marks.remove(token)
            else:
                open_marks.append(token)
    return open_marks


def _pieces(markup: str, limit: int = MESSAGE_LIMIT - 200) -> list[str]:
    """A body too long for one message, split between words (never clipped: a story is read whole);
    a mark open at a split is closed there and opened again in the next piece, so a spoiler stays hidden."""
    pieces = []
    rest = markup
    while visible_length(markup_to_html(rest)) > limit:
        cut = min(len(rest), limit)
        while cut > 1 and visible_length(markup_to_html(rest[:cut])) > limit:
            cut -= max(1, visible_length(markup_to_html(rest[:cut])) - limit)
        space = max(rest.rfind("\n", 0, cut), rest.rfind(" ", 0, cut))
        if space > cut // 2:
            cut = space
        while cut > 1 and rest[cut - 1] == "\\":  # never between a backslash and the mark it escapes
            cut -= 1
        head, rest = rest[:cut], rest[cut:].lstrip(" ")
        pieces.append(head)
        rest = "".join(_open_marks(head)) + rest
    return [*pieces, rest]


def card_messages(card: Card) -> list[str]:
    """One message if it fits, else the card split between its parts; each part is valid HTML on its own."""
    # (text, may share a message with the part before): a body split mid-sentence continues in a new message.
    parts = [(f"<b>{_text(card.title)}</b>", True)]
    if card.body:
        parts += [(markup_to_html(piece), index == 0) for index, piece in enumerate(_pieces(card.body))]
    parts += [(f"<b>{_fitted(name, 256)}</b>\n{_fitted(value)}", True) for name, value in card.fields]
    if card.footer:
        parts.append((f"<i>{_fitted(card.footer, 1000)}</i>", True))
    messages: list[str] = []
    for part, joins in parts:
        if joins and messages and visible_length(messages[-1]) + 2 + visible_length(part) <= MESSAGE_LIMIT:
            messages[-1] += "\n\n" + part
        else:
            messages.append(part)
    return messages


def plain(text: str) -> str:
    """A line of the bot's own words, or anything a person typed, as HTML text with no formatting at all."""
    return _text(text)


def visible_text(markup: str) -> str:
    """The bot's words as Telegram would show them without formatting (a button's toast takes no HTML)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup_to_html(markup)))
