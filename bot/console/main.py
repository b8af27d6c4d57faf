"""Entry point of `stairwell console`."""

from __future__ import annotations

import sys
from typing import TextIO

import bot.console.daily  # noqa: F401  (importing registers the /daily console commands)
from bot.console import commands
from bot.console.shell import CONSOLE_GUILD, Session, run_line
from bot.console.stories import publish_due  # importing also registers the story commands
from bot.core.app import Stairwell
from bot.core.flows import jobs

BANNER = "Stairwell console — the bot without Discord. Type /help for commands, /quit to leave."


def enable_line_editing() -> None:
    """Importing readline gives `input` line editing and history (arrows, Ctrl-R) where the platform has it.

    History stays in memory for the session and is never written to disk: it holds what people typed.
    """
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    readline.set_history_length(500)


async def run_session(app: Stairwell, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    """Interactive at a terminal; otherwise reads commands line by line and stops at end of input."""
    commands.register()
    await jobs.retention(app)  # the console keeps the privacy statement's promises too
    interactive = stdin.isatty()
    read_line = None
    if interactive and stdin is sys.stdin and out is sys.stdout:
        enable_line_editing()
        read_line = input
    session = Session(app, out, (line.rstrip("\n") for line in stdin), interactive=interactive, read_line=read_line)
    if interactive:
        session.print(BANNER)
    while True:
        line = session.ask("stairwell> ")
        if line is None or not await run_line(session, line):
            break
        await jobs.queue_due(app, session.platform, guild_id=CONSOLE_GUILD)
        await publish_due(session)
