"""/share, /mystories and /forgetme: telling a story anonymously, and keeping control of it."""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import stories
from bot.core.stories import Decision, DraftTextError, ShareOutcome, ShareRefusedError
from bot.core.story_text import MAX_LENGTH, MAX_WARNING
from bot.db import stories as store
from bot.db.stories import Draft
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.cogs.moderation import close_queue_message, delete_post, post_to_queue
from bot.discord_app.crisis import crisis_embed
from bot.discord_app.errors import StairwellModal
from bot.discord_app.render import embed, respond

log = logging.getLogger(__name__)
PLATFORM = "discord"


def author_key(interaction: discord.Interaction) -> str:
    return app_of(interaction).identity.author_key(PLATFORM, interaction.user.id)


def sealed(interaction: discord.Interaction) -> bytes:
    return app_of(interaction).identity.seal(PLATFORM, interaction.user.id)


# Each bot run marks its forms, so a form opened before a restart is recognised and still accepted.
FORM_PREFIX = "stairwell:share-form:"


class ShareModal(StairwellModal, title="Share your story"):
    """Reopened prefilled for edits, so nothing the author wrote is ever lost."""

    def __init__(self, run_id: str, draft: Draft | None = None) -> None:
        replaces = draft.id if draft else None
        super().__init__(timeout=None, custom_id=f"{FORM_PREFIX}{run_id}:{replaces or 0}:{secrets.token_hex(4)}")
        self.replaces = replaces
        self.story: discord.ui.Label[ShareModal] = discord.ui.Label(
            text="Your story",
            description="What happened, and how it stays with you. Names, dates and places get redacted.",
            component=discord.ui.TextInput(
                custom_id="story",
                style=discord.TextStyle.paragraph,
                min_length=20,
                max_length=MAX_LENGTH,
                default=draft.text if draft else None,
            ),
        )
        self.warning: discord.ui.Label[ShareModal] = discord.ui.Label(
            text="Content warning (optional)",
            description="e.g. death of a child, suicide. Readers see it before the story.",
            component=discord.ui.TextInput(
                custom_id="content_warning",
                max_length=MAX_WARNING,
                required=False,
                default=draft.content_warning if draft else None,
            ),
        )
        self.for_reflection: discord.ui.Label[ShareModal] = discord.ui.Label(
            text="May be used as a daily reflection",
            description="Anonymously, in this server's daily post. Off unless you tick it.",
            component=discord.ui.Checkbox(custom_id="for_reflection", default=draft.for_reflection if draft else False),
        )
        self.notify: discord.ui.Label[ShareModal] = discord.ui.Label(
            text="Tell me privately when it is reviewed",
            component=discord.ui.Checkbox(custom_id="notify", default=draft.notify if draft else True),
        )
        for item in (self.story, self.warning, self.for_reflection, self.notify):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        story_input, warning_input = self.story.component, self.warning.component
        reflection_box, notify_box = self.for_reflection.component, self.notify.component
        assert isinstance(story_input, discord.ui.TextInput) and isinstance(warning_input, discord.ui.TextInput)
        assert isinstance(reflection_box, discord.ui.Checkbox) and isinstance(notify_box, discord.ui.Checkbox)
        await receive_story(
            interaction,
            self.replaces,
            story_input.value,
            warning_input.value or None,
            for_reflection=reflection_box.value,
            notify=notify_box.value,
        )


async def receive_story(
    interaction: discord.Interaction,
    replaces: int | None,
    text: str,
    warning: str | None,
    *,
    for_reflection: bool,
    notify: bool,
) -> None:
    app = app_of(interaction)
    key = author_key(interaction)
    if replaces is not None and await stories.draft_for(app, replaces, key) is not None:
        await store.delete_draft(app.db, replaces)
    try:
        outcome = await stories.start(
            app,
            interaction.guild_id or 0,
            key,
            sealed(interaction),
            text,
            warning,
            for_reflection=for_reflection,
            notify=notify,
        )
    except DraftTextError as error:
        await respond(interaction, str(error), view=draft_view(error.draft_id, can_submit=False))
        return
    await show_outcome(interaction, outcome)


def _submitted_values(components: list[Any]) -> dict[str, Any]:
    """custom_id → value from a raw modal submission, whatever the nesting (labels, rows)."""
    values: dict[str, Any] = {}
    for component in components:
        if not isinstance(component, dict):
            continue
        if "custom_id" in component and "value" in component:
            values[component["custom_id"]] = component["value"]
        for key in ("component", "components"):
            inner = component.get(key)
            values.update(_submitted_values(inner if isinstance(inner, list) else [inner]))
    return values


async def show_outcome(interaction: discord.Interaction, outcome: ShareOutcome) -> None:
    bot = interaction.client
    assert isinstance(bot, StairwellBot)
    if outcome.decision is Decision.QUEUED_URGENT:
        # The crisis card comes first, before anything else is said.
        crisis = await crisis_embed(interaction, stories.URGENT_LEAD)
        story = outcome.story
        assert story is not None
        await post_to_queue(bot, story)
        note = (
            "Your story was kept and passed to the moderators, marked so they read it first."
            + (
                f" Details that could identify someone were replaced ({story.redacted_summary})."
                if story.redacted_summary
                else ""
            )
            + " You can withdraw it with `/mystories`."
        )
        await respond(interaction, note, embeds=[crisis])
        return
    await respond(
        interaction,
        embeds=[embed(stories.preview_card(outcome.screened))],
        view=draft_view(outcome.screened.draft.id, can_submit=True, redacted=bool(outcome.screened.identifiers)),
    )


def _run_id(interaction: discord.Interaction) -> str:
    cog = interaction.client.get_cog("Share") if isinstance(interaction.client, StairwellBot) else None
    return cog.run_id if isinstance(cog, Share) else "0"


def draft_view(draft_id: int, *, can_submit: bool, redacted: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    if can_submit:
        view.add_item(
            DraftButton(
                "submit", draft_id, "Submit redacted version" if redacted else "Submit", discord.ButtonStyle.success
            )
        )
    view.add_item(DraftButton("edit", draft_id, "Edit", discord.ButtonStyle.primary))
    view.add_item(DraftButton("cancel", draft_id, "Cancel", discord.ButtonStyle.secondary))
    return view


class DraftButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"stairwell:draft:(?P<action>submit|edit|cancel):(?P<draft>\d+)",
):
    """The preview's choices; they work after a restart because the draft is in the database."""

    def __init__(
        self, action: str, draft_id: int, label: str = "", style: discord.ButtonStyle = discord.ButtonStyle.secondary
    ) -> None:
        self.action = action
        self.draft_id = draft_id
        super().__init__(
            discord.ui.Button(
                label=label or action.title(), style=style, custom_id=f"stairwell:draft:{action}:{draft_id}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DraftButton:
        style = getattr(item, "style", discord.ButtonStyle.secondary)
        return cls(match["action"], int(match["draft"]), getattr(item, "label", None) or "", style)

    async def callback(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        key = author_key(interaction)
        draft = await stories.draft_for(app, self.draft_id, key)
        if draft is None:
            await interaction.response.edit_message(
                content=(
                    "This draft is no longer here: it was already sent or cancelled. "
                    "`/mystories` shows what you have sent."
                ),
                embed=None,
                view=None,
            )
            return
        if self.action == "edit":
            await interaction.response.send_modal(ShareModal(_run_id(interaction), draft))
        elif self.action == "cancel":
            await store.delete_draft(app.db, draft.id)
            await interaction.response.edit_message(content="Cancelled. Nothing was kept.", embed=None, view=None)
        else:
            await self._submit(interaction, draft)

    async def _submit(self, interaction: discord.Interaction, draft: Draft) -> None:
        bot = interaction.client
        assert isinstance(bot, StairwellBot)
        try:
            await stories.check_can_share(bot.app, draft.guild_id, draft.author_key)
        except ShareRefusedError as refusal:
            await interaction.response.edit_message(content=str(refusal), embed=None, view=None)
            return
        story = await stories.submit(bot.app, draft.id, sealed(interaction))
        if story is None:
            await interaction.response.edit_message(
                content="This story was already sent. `/mystories` shows it.", embed=None, view=None
            )
            return
        await interaction.response.edit_message(content=stories.queued_text(story), embed=None, view=None)
        await post_to_queue(bot, story)


class MineButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"stairwell:mine:(?P<action>withdraw|remove):(?P<story>\d+)",
):
    """An author's own controls; the core checks the story is theirs by pseudonym."""

    def __init__(self, action: str, story_id: int, label: str = "") -> None:
        self.action = action
        self.story_id = story_id
        super().__init__(
            discord.ui.Button(
                label=label or action.title(),
                style=discord.ButtonStyle.secondary,
                custom_id=f"stairwell:mine:{action}:{story_id}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MineButton:
        return cls(match["action"], int(match["story"]), getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        assert isinstance(bot, StairwellBot)
        key = author_key(interaction)
        if self.action == "withdraw":
            story = await stories.withdraw(bot.app, self.story_id, key)
            if story is not None:
                await close_queue_message(bot, story, "**Withdrawn by its author.**")
            done = (
                "Withdrawn. Its text will be erased within 7 days."
                if story
                else "That story is no longer waiting, so it can't be withdrawn."
            )
        else:
            story = await stories.take_down(bot.app, self.story_id, key, None)
            if story is not None:
                await delete_post(bot, story)
            done = "Removed from the server." if story else "That story isn't published any more."
        await respond(interaction, done)


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:forgetme"):
    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Yes, delete everything", style=discord.ButtonStyle.danger, custom_id="stairwell:forgetme"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ForgetButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        assert isinstance(bot, StairwellBot)
        await interaction.response.defer(ephemeral=True, thinking=True)
        found, counts = await stories.forget(bot.app, author_key(interaction))
        posts = 0
        for story in found:
            if await delete_post(bot, story):
                posts += 1
            if story.status == "pending":
                await close_queue_message(bot, story, "**Deleted at its author's request.**")
        log.info("an author used /forgetme: %d stories deleted", len(found))
        await respond(interaction, stories.forget_summary(counts, posts))


async def open_share(interaction: discord.Interaction) -> None:
    """Shared by /share and the "Share my own story" button: refuse before the form, never after it."""
    if interaction.guild_id is None:
        await respond(interaction, "Stories are shared inside a server, where its moderators can read them first.")
        return
    try:
        await stories.check_can_share(app_of(interaction), interaction.guild_id, author_key(interaction))
    except ShareRefusedError as refusal:
        await respond(interaction, str(refusal))
        return
    await interaction.response.send_modal(ShareModal(_run_id(interaction)))


class ShareButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:share"):
    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Share my own story", style=discord.ButtonStyle.secondary, custom_id="stairwell:share"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ShareButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        await open_share(interaction)


class Share(commands.Cog):
    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot
        self.run_id = secrets.token_hex(4)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A story form opened before a restart has no live modal object: read its fields directly."""
        if interaction.type is not discord.InteractionType.modal_submit or interaction.data is None:
            return
        custom_id = str(interaction.data.get("custom_id", ""))
        if not custom_id.startswith(FORM_PREFIX) or custom_id.startswith(f"{FORM_PREFIX}{self.run_id}:"):
            return
        components = interaction.data.get("components", [])
        values = _submitted_values(components if isinstance(components, list) else [])
        replaces = custom_id.removeprefix(FORM_PREFIX).split(":")[1]
        await receive_story(
            interaction,
            int(replaces) or None if replaces.isdigit() else None,
            str(values.get("story", "")),
            str(values.get("content_warning") or "") or None,
            for_reflection=bool(values.get("for_reflection", False)),
            notify=bool(values.get("notify", True)),
        )

    @app_commands.command(
        name="share", description="Tell what happened to you, anonymously. A moderator reads it first."
    )
    @app_commands.guild_only()
    async def share(self, interaction: discord.Interaction) -> None:
        await open_share(interaction)

    @app_commands.command(
        name="mystories", description="Your shared stories: status, moderators' replies, withdraw or remove."
    )
    @app_commands.guild_only()
    async def mystories(self, interaction: discord.Interaction) -> None:
        card, actionable = await stories.my_stories(self.bot.app, interaction.guild_id or 0, author_key(interaction))
        view = discord.ui.View(timeout=None)
        for story in actionable[:20]:
            if story.status == "pending":
                view.add_item(MineButton("withdraw", story.id, f"Withdraw #{story.number}"))
            else:
                view.add_item(MineButton("remove", story.id, f"Remove #{story.number}"))
        await respond(interaction, card, view=view if actionable else None)

    @app_commands.command(name="forgetme", description="Delete everything Stairwell holds about you, in every server.")
    async def forgetme(self, interaction: discord.Interaction) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(ForgetButton())
        await respond(
            interaction,
            "This deletes, in every server: your stories (published posts too), unsent drafts, moderators' replies, "
            "your reflection history and the encrypted IDs kept to contact you. It can't be undone. Dismiss this "
            "message to keep everything.",
            view=view,
        )


async def setup(bot: StairwellBot) -> None:
    bot.add_dynamic_items(DraftButton, MineButton, ForgetButton, ShareButton)
    await bot.add_cog(Share(bot))
