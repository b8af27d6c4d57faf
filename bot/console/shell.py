"""Reads slash-style commands from a terminal or a script and prints the core's replies."""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from bot.console.platform import ConsolePlatform
from bot.console.render import card_markup, parts
from bot.core.app import Stairwell
from bot.core.cards import Card

CONSOLE_GUILD = 1
CONSOLE_PLATFORM = "console"
SPOILER_WARNING = "[content warning — press Enter to show]"
SPOILER_SCRIPTED = "[content warning — hidden text follows]"
SPOILER_END = "[end of hidden text]"


class UsageError(Exception):
    """The typed command is incomplete; the message shows how to write it."""


@dataclass
class Invocation:
    """What was typed: positional words and `name:value` options, as in Discord's command bar."""

    words: list[str]
    options: dict[str, str] = field(default_factory=dict)

    def get(self, name: str, position: int | None = None) -> str | None:
        if name in self.options:
            return self.options[name]
        if position is not None and position < len(self.words):
            return self.words[position]
        return None

    def require(self, name: str, position: int | None, usage: str) -> str:
        value = self.get(name, position)
        if value is None or not value.strip():
            raise UsageError(f"Usage: {usage}")
        return value


@dataclass
class Session:
    app: Stairwell
    out: TextIO
    lines: Iterator[str]
    user: str = "local"
    interactive: bool = False
    # At a terminal, `input` (with readline's line editing and history) reads each line instead of `lines`.
    read_line: Callable[[str], str] | None = None
    platform: ConsolePlatform = field(init=False)

    def __post_init__(self) -> None:
        self.platform = ConsolePlatform(self)

    def print(self, reply: str | Card) -> None:
        """The core's markup (a card, or a line) as plain text; hidden text waits for Enter at a terminal.

        A script cannot press Enter, so there the hidden text follows its warning at once, marked off.
        """
        markup = card_markup(reply) if isinstance(reply, Card) else reply
        shown: list[str] = []
        for part in parts(markup):
            if not part.hidden:
                shown.append(part.text)
                continue
            before = "".join(shown).rstrip(" ")
            shown.clear()
            if self.interactive:
                self.out.write(before + ("" if before.endswith("\n") or not before else "\n"))
                self.ask(SPOILER_WARNING + " ")
                before = ""
            else:
                before += ("" if before.endswith("\n") or not before else "\n") + SPOILER_SCRIPTED + "\n"
            self.out.write(before + part.text.strip("\n") + "\n" + SPOILER_END + "\n")
        self.out.write("".join(shown).strip("\n").rstrip() + "\n\n")
        self.out.flush()

    def ask(self, prompt: str) -> str | None:
        """One more line of input (a modal's field, a button choice); None at end of input."""
        if self.read_line is not None:
            try:
                return self.read_line(prompt)
            except EOFError:
                return None
        if self.interactive:
            self.out.write(prompt)
            self.out.flush()
        try:
            return next(self.lines)
        except StopIteration:
            return None

    def read_block(self, prompt: str) -> str | None:
        """Multi-line text ended by a line holding only '.', like a modal's paragraph field."""
        if self.interactive:
            self.out.write(f"{prompt} (end with a line containing only '.')\n")
        collected: list[str] = []
        while True:
            line = self.ask("")
            if line is None:
                return "\n".join(collected) if collected else None
            if line.strip() == ".":
                return "\n".join(collected)
            collected.append(line)


Handler = Callable[[Session, Invocation], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    handler: Handler


REGISTRY: dict[str, Command] = {}


def command(name: str, summary: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        REGISTRY[name] = Command(name, summary, handler)
        return handler

    return register


def parse(line: str) -> tuple[Command, Invocation] | None:
    """Longest command name first, so `/setup show` wins over a hypothetical `/setup`."""
    try:
        tokens = shlex.split(line.strip().lstrip("/"))
    except ValueError as error:
        raise UsageError(f"Could not read that line: {error}.") from error
    for length in range(min(3, len(tokens)), 0, -1):
        name = " ".join(tokens[:length]).lower()
        if name in REGISTRY:
            words: list[str] = []
            options: dict[str, str] = {}
            for token in tokens[length:]:
                key, sep, value = token.partition(":")
                if sep and key.replace("-", "").isalpha() and key.islower():
                    options[key] = value
                else:
                    words.append(token)
            return REGISTRY[name], Invocation(words, options)
    return None


async def run_line(session: Session, line: str) -> bool:
    """Handle one line; False when the session should end."""
    text = line.strip()
    if not text or text.startswith("#"):
        return True
    if text in ("/quit", "/exit", "quit", "exit"):
        return False
    if not text.startswith("/"):
        session.print("Commands start with '/'. Type /help to see them.")
        return True
    try:
        parsed = parse(text)
        if parsed is None:
            session.print(f"Unknown command {text.split()[0]!r}. Type /help to see the commands.")
            return True
        found, invocation = parsed
        await found.handler(session, invocation)
    except UsageError as error:
        session.print(str(error))
    return True
