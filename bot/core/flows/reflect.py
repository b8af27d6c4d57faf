"""/reflect and its buttons, and the Support button's crisis card: private, for the person asking."""

from __future__ import annotations

from bot.core import reflections, support
from bot.core.app import Stairwell
from bot.core.flows.port import Choice, ChoiceStyle
from bot.core.flows.results import Actor, RememberReflection, Reply, Result, private
from bot.core.reflections import UnknownThemeError

MORE_LINES = "More lines, including ones for clinicians: `/resources`."


def reflect_choices(app: Stairwell, theme: str | None, *, offer_share: bool) -> tuple[Choice, ...]:
    """Another (same theme), Share my own story (where sharing is offered), Support."""
    another = Choice("reflect", "another", reflections.theme_number(app, theme), "Another")
    share = (Choice("share", "open", 0, "Share my own story"),) if offer_share else ()
    return (another, *share, Choice("support", "card", 0, "Support", ChoiceStyle.PRIMARY))


async def reflect(app: Stairwell, actor: Actor, theme: str | None, *, offer_share: bool = True) -> Result:
    """A reflection the person has not seen (in the theme, if one is named); `offer_share` off where sharing
    is not available to them (outside a server, or a platform without it yet)."""
    try:
        theme_id = reflections.resolve_theme(app, theme)
    except UnknownThemeError as error:
        return private(str(error))
    chosen = await reflections.pick(app, actor.author_key, theme_id)
    choices = reflect_choices(app, theme_id, offer_share=offer_share and actor.guild_id is not None)
    card = reflections.reflection_card(chosen)
    return Result(Reply(cards=(card,), choices=choices), (RememberReflection(actor.author_key, chosen.id),))


async def another(app: Stairwell, actor: Actor, theme_number: int, *, offer_share: bool = True) -> Result:
    """The Another button: the next one in the same theme, replacing the card the button was on."""
    theme_id = reflections.theme_of(app, theme_number)
    chosen = await reflections.pick(app, actor.author_key, theme_id)
    choices = reflect_choices(app, theme_id, offer_share=offer_share and actor.guild_id is not None)
    card = reflections.reflection_card(chosen)
    return Result(
        Reply(cards=(card,), choices=choices, replace=True), (RememberReflection(actor.author_key, chosen.id),)
    )


async def support_card(app: Stairwell, actor: Actor) -> Result:
    """The Support button: the crisis card for the person's country, at once."""
    card = await support.crisis_for(app, actor.guild_id, actor.locale, support.SUPPORT_LEAD)
    return Result(Reply(MORE_LINES, cards=(card,)))
