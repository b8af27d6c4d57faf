"""One path for every button, from any adapter: a Choice names its flow, the database holds the rest."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.core.flows import authors, conversation, moderation, reflect, share
from bot.core.flows.port import Choice
from bot.core.flows.results import Actor, Result

# Choices whose flow needs the actor's moderator standing (one read, so only looked up for these).
MODERATOR_KINDS = frozenset({"mod", moderation.MISSING})


async def choose(app: Stairwell, actor: Actor, choice: Choice) -> Result:
    """One path for every button, from any adapter."""
    if choice.kind == "reflect":
        return await reflect.another(app, actor, choice.target)
    if choice.kind == "support":
        return await reflect.support_card(app, actor)
    if choice.kind == "share":
        return await share.open_form(app, actor)
    if choice.kind == "draft":
        return await share.draft_action(app, actor, choice.target, choice.action)
    if choice.kind == conversation.KIND:
        return await conversation.press(app, actor, choice.target, choice.action)
    if choice.kind == "mine":
        if choice.action == "withdraw":
            return await authors.withdraw(app, actor, choice.target)
        return await authors.remove(app, actor, choice.target)
    if choice.kind == moderation.MISSING:
        return await moderation.repost(app, actor, choice.target)
    return await moderation.button(app, actor, choice.target, choice.action)
