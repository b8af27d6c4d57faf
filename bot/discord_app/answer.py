"""From an interaction to a flow's Actor, and from a flow's Result back to Discord: answer first, then effects."""

from __future__ import annotations

import discord

from bot.core.flows.effects import carry_out
from bot.core.flows.results import Actor, Result
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import is_moderator
from bot.discord_app.errors import NotAllowed
from bot.discord_app.platform import PLATFORM, TERMS
from bot.discord_app.render import NO_PINGS, embed, respond


async def actor(interaction: discord.Interaction, *, moderator: bool = False) -> Actor:
    """`moderator=True` checks the moderator role (one read); other flows never need it."""
    app = app_of(interaction)
    user = interaction.user
    allowed = False
    if moderator:
        try:
            allowed = await is_moderator(interaction)
        except NotAllowed:
            allowed = False
    return Actor(
        platform=PLATFORM,
        user_id=user.id,
        guild_id=interaction.guild_id,
        author_key=app.identity.author_key(PLATFORM, user.id),
        name=user.mention,
        server_name=interaction.guild.name if interaction.guild else "the server",
        is_moderator=allowed,
        is_admin=isinstance(user, discord.Member) and user.guild_permissions.manage_guild,
        locale=str(interaction.locale),
        terms=TERMS,
    )


async def deliver(interaction: discord.Interaction, result: Result) -> None:
    """The reply goes out before any other call to Discord; effects and follow-up notes come after."""
    from bot.discord_app.buttons import view_for
    from bot.discord_app.forms import modal_for

    reply = result.reply
    view = view_for(reply.choices) if reply.choices else None
    embeds = [embed(card) for card in reply.cards]
    if reply.form is not None and not interaction.response.is_done():
        await interaction.response.send_modal(modal_for(interaction, reply.form))
    elif reply.replace and interaction.type is discord.InteractionType.component and not interaction.response.is_done():
        await interaction.response.edit_message(content=reply.text, embeds=embeds, view=view, allowed_mentions=NO_PINGS)
    else:
        await respond(interaction, reply.text, embeds=embeds, view=view)
    if not result.effects:
        return
    bot = interaction.client
    assert isinstance(bot, StairwellBot)
    for note in await carry_out(bot.app, bot.platform, result.effects):
        await interaction.followup.send(note, ephemeral=True, allowed_mentions=NO_PINGS)
