"""A flow's Result in the terminal: cards and text printed, forms asked as prompts, choices typed as words."""

from __future__ import annotations

from bot.console.platform import PLATFORM, TERMS
from bot.console.shell import CONSOLE_GUILD, Session
from bot.core.cards import literal
from bot.core.flows import forms
from bot.core.flows.choices import choose
from bot.core.flows.effects import carry_out
from bot.core.flows.forms import FieldKind, FormValue
from bot.core.flows.results import Actor, Form, Result

# The console's one moderator. An ID is stored with each action; the log shows the name instead.
MODERATOR_ID = 0
SERVER = "the console server"
MODERATOR = "console moderator"


def actor(session: Session) -> Actor:
    """The person at the terminal is both member and the server's moderator."""
    identity = session.app.identity
    return Actor(
        platform=PLATFORM,
        user_id=MODERATOR_ID,
        guild_id=CONSOLE_GUILD,
        author_key=identity.author_key(PLATFORM, session.user),
        name=MODERATOR,
        server_name=SERVER,
        is_moderator=True,
        is_admin=True,
        terms=TERMS,
    )


def yes(answer: str | None, *, default: bool) -> bool:
    word = (answer or "").strip().lower()
    return word.startswith("y") if word else default


def ask_form(session: Session, form: Form) -> dict[str, FormValue] | None:
    """Each field as a prompt; None when input ends first (as closing a form would).

    Editing a draft shows its text and asks for the text again; its other answers are kept.
    """
    values: dict[str, FormValue] = {}
    for field in forms.fields(form):
        if form.draft is not None and field.kind is not FieldKind.PARAGRAPH:
            values[field.key] = field.default
            continue
        if field.kind is FieldKind.PARAGRAPH:
            if field.default:
                session.print(f"{field.label} as it is now:\n{literal(str(field.default))}")
            text = session.read_block(field.description or field.label)
            if text is None:
                return None
            values[field.key] = text
        elif field.kind is FieldKind.CHECK:
            hint = "[Y/n]" if field.default else "[y/N]"
            values[field.key] = yes(session.ask(f"{field.label}? {hint} "), default=bool(field.default))
        else:
            values[field.key] = session.ask(f"{field.label}: ") or field.default
    return values


async def deliver(session: Session, result: Result, *, offer_choices: bool = True) -> None:
    """Answer first, then effects (what Discord would post elsewhere is printed under a heading)."""
    reply = result.reply
    app = session.app
    if reply.form is not None:
        values = ask_form(session, reply.form)
        if values is None:
            session.print("Nothing was sent.")
            return
        await deliver(
            session, await forms.submit(app, actor(session), reply.form.kind, forms.target(reply.form), values)
        )
        return
    for card in reply.cards:
        session.print(card)
    if reply.text:
        session.print(reply.text)
    for note in await carry_out(app, session.platform, result.effects):
        session.print(note)
    if offer_choices and reply.choices:
        words = {choice.action: choice for choice in reply.choices}
        picked = _choose(session, tuple(words))
        if picked is not None:
            await deliver(session, await choose(app, actor(session), words[picked]))


def _choose(session: Session, choices: tuple[str, ...]) -> str | None:
    """Like the message's buttons. The console cannot come back to a message, so end of input cancels."""
    while True:
        answer = session.ask(" / ".join(choices) + "? ")
        if answer is None:
            return "cancel" if "cancel" in choices else None
        word = answer.strip().lower()
        if word in choices:
            return word
        session.print(f"Please type {' or '.join(choices)}.")
