"""The moderation queue in Discord: queue messages, persistent buttons, /mod, reports, and publishing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import moderation, publishing
from bot.core.moderation import Action, ModerationError
from bot.core.story_text import MAX_LENGTH, MAX_WARNING, StoryTextError
from bot.db import guilds
from bot.db import stories as store
from bot.db.stories import Story
from bot.discord_app import permissions
from bot.discord_app.bot import StairwellBot, app_of
from bot.discord_app.checks import is_moderator, require_moderator
from bot.discord_app.errors import StairwellModal
from bot.discord_app.render import NO_PINGS, embed, respond

log = logging.getLogger(__name__)
LOOP_SECONDS = 60

BUTTONS: tuple[tuple[Action, str, discord.ButtonStyle], ...] = (
    (Action.APPROVE, "Approve", discord.ButtonStyle.success),
    (Action.APPROVE_CW, "Approve with content warning", discord.ButtonStyle.success),
    (Action.EDIT_APPROVE, "Edit & approve", discord.ButtonStyle.primary),
    (Action.REJECT, "Reject", discord.ButtonStyle.danger),
    (Action.REPLY, "Reply to author", discord.ButtonStyle.secondary),
    (Action.BLOCK, "Block author", discord.ButtonStyle.secondary),
)
NOT_A_MODERATOR = "Only this server's Stairwell moderators (the moderator role, or Manage Messages) can do that."


def _text_input(label: str, custom_id: str, **kwargs: Any) -> discord.ui.Label[Any]:
    return discord.ui.Label(text=label, component=discord.ui.TextInput(custom_id=custom_id, **kwargs))


def _value(label: discord.ui.Label[Any]) -> str:
    component = label.component
    assert isinstance(component, discord.ui.TextInput)
    return component.value


# -- the queue message ---------------------------------------------------------------------------------


def queue_view(story: Story) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action, label, style in BUTTONS:
        view.add_item(ModButton(action.value, story.id, label, style))
    return view


async def post_to_queue(bot: StairwellBot, story: Story) -> bool:
    """Posts a pending story for review; False leaves it for the next attempt (it is listed in /mod queue)."""
    settings = await guilds.get(bot.app.db, story.guild_id)
    guild = bot.get_guild(story.guild_id)
    channel = guild.get_channel(settings.moderation_channel_id) if guild and settings.moderation_channel_id else None
    if not isinstance(channel, discord.TextChannel) or not permissions.can_post(channel):
        log.warning("story %d waits: the moderation channel is missing or closed to the bot", story.number)
        return False
    content = None
    mentions = NO_PINGS
    if story.crisis_level == "urgent" and settings.moderator_role_id:
        content = f"<@&{settings.moderator_role_id}> an urgent story needs a moderator."
        mentions = discord.AllowedMentions(
            everyone=False, users=False, roles=[discord.Object(settings.moderator_role_id)]
        )
    try:
        message = await channel.send(
            content=content,
            embed=embed(moderation.queue_card(story)),
            view=queue_view(story),
            allowed_mentions=mentions,
        )
    except discord.HTTPException as error:
        log.warning("story %d waits: posting to the queue failed (%s)", story.number, error.status)
        return False
    await store.set_queue_message(bot.app.db, story.id, channel.id, message.id)
    log.info("story %d queued for review", story.number)
    return True


async def close_queue_message(bot: StairwellBot, story: Story, outcome: str) -> None:
    """Resolved queue messages keep no story text: the outcome, who acted, and no buttons."""
    if story.queue_channel_id is None or story.queue_message_id is None:
        return
    channel = bot.get_channel(story.queue_channel_id)
    if not isinstance(channel, discord.TextChannel):
        return
    closed = discord.Embed(title=f"Story #{story.number}", description=outcome, colour=discord.Colour.dark_grey())
    with contextlib.suppress(discord.HTTPException):
        await channel.get_partial_message(story.queue_message_id).edit(
            content=None, embed=closed, view=None, allowed_mentions=NO_PINGS
        )


async def notify_author(bot: StairwellBot, story: Story, text: str) -> bool:
    """A private DM through the sealed ID; the author stays unknown to everyone else."""
    if story.sealed_author is None:
        return False
    opened = bot.app.identity.unseal(story.sealed_author)
    if opened is None or opened[0] != "discord":
        return False
    try:
        user = await bot.fetch_user(int(opened[1]))
        await user.send(text, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.info("story %d: the author's DMs are closed; the update is in /mystories", story.number)
        return False
    return True


async def tell_moderators(bot: StairwellBot, guild_id: int, text: str) -> None:
    settings = await guilds.get(bot.app.db, guild_id)
    channel = bot.get_channel(settings.moderation_channel_id) if settings.moderation_channel_id else None
    if isinstance(channel, discord.TextChannel) and permissions.can_post(channel):
        with contextlib.suppress(discord.HTTPException):
            await channel.send(text, allowed_mentions=NO_PINGS)


def _who(interaction: discord.Interaction) -> str:
    return interaction.user.mention


async def _after_resolution(interaction: discord.Interaction, story: Story, outcome: str, dm: str | None) -> None:
    bot = interaction.client
    assert isinstance(bot, StairwellBot)
    await close_queue_message(bot, story, outcome)
    if dm and story.notify:
        await notify_author(bot, story, dm)
    await respond(interaction, f"Done — story #{story.number}: {outcome}")


async def _approved(interaction: discord.Interaction, story: Story) -> None:
    server = interaction.guild.name if interaction.guild else "the server"
    await _after_resolution(
        interaction,
        story,
        moderation.outcome_line("approved", _who(interaction)),
        moderation.approved_notice(story, server),
    )


# -- buttons and modals ----------------------------------------------------------------------------------


class ModButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"stairwell:mod:(?P<action>[a-z-]+):(?P<story>\d+)"
):
    """Persistent across restarts: the story lives in the database, the id in the custom_id."""

    def __init__(
        self, action: str, story_id: int, label: str = "", style: discord.ButtonStyle = discord.ButtonStyle.secondary
    ) -> None:
        self.action = action
        self.story_id = story_id
        super().__init__(
            discord.ui.Button(label=label or action, style=style, custom_id=f"stairwell:mod:{action}:{story_id}")
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ModButton:
        style = getattr(item, "style", discord.ButtonStyle.secondary)
        return cls(match["action"], int(match["story"]), getattr(item, "label", None) or "", style)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        """Buttons skip app-command checks, so every click is checked here."""
        if await is_moderator(interaction):
            return True
        await respond(interaction, NOT_A_MODERATOR)
        return False

    async def callback(self, interaction: discord.Interaction) -> None:
        app = app_of(interaction)
        guild_id = interaction.guild_id or 0
        try:
            if self.action == Action.APPROVE:
                story = await moderation.approve(app, guild_id, self.story_id, interaction.user.id)
                await _approved(interaction, story)
            elif self.action in (Action.APPROVE_CW, Action.EDIT_APPROVE):
                story = await moderation.pending_story(app, guild_id, self.story_id)
                await interaction.response.send_modal(ApproveModal(story, edit_text=self.action == Action.EDIT_APPROVE))
            elif self.action == Action.REJECT:
                story = await moderation.pending_story(app, guild_id, self.story_id)
                await interaction.response.send_modal(RejectModal(story))
            elif self.action == Action.REPLY:
                await interaction.response.send_modal(ReplyModal(self.story_id))
            elif self.action == Action.BLOCK:
                view = discord.ui.View(timeout=None)
                view.add_item(
                    ModButton("block-confirm", self.story_id, "Yes, block the author", discord.ButtonStyle.danger)
                )
                await respond(
                    interaction,
                    "Block the author of this story? They won't be able to share again in this server, and a story of "
                    "theirs that is waiting will be rejected. You won't learn who they are, and neither will they be "
                    "told they are blocked. Dismiss this message to cancel.",
                    view=view,
                )
            elif self.action == "block-confirm":
                story = await moderation.block_author(app, guild_id, self.story_id, interaction.user.id)
                await _after_resolution(
                    interaction, story, f"**Author blocked by {_who(interaction)}**; the story was rejected.", None
                )
            elif self.action == "unpublish":
                await unpublish(interaction, self.story_id)
        except ModerationError as error:
            await respond(interaction, str(error))


class ApproveModal(StairwellModal):
    def __init__(self, story: Story, *, edit_text: bool) -> None:
        super().__init__(title=f"{'Edit & approve' if edit_text else 'Approve with content warning'} #{story.number}")
        self.story_id = story.id
        self.edit_text = edit_text
        self.warning = _text_input(
            "Content warning",
            "content_warning",
            max_length=MAX_WARNING,
            required=not edit_text,
            default=story.content_warning or "",
            placeholder="e.g. death of a child",
        )
        if edit_text:
            self.story_text = _text_input(
                "Story",
                "story",
                style=discord.TextStyle.paragraph,
                max_length=MAX_LENGTH,
                default=story.text or "",
            )
            self.add_item(self.story_text)
        self.add_item(self.warning)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction)
        action = Action.EDIT_APPROVE if self.edit_text else Action.APPROVE_CW
        try:
            story = await moderation.approve(
                app_of(interaction),
                interaction.guild_id or 0,
                self.story_id,
                interaction.user.id,
                text=_value(self.story_text) if self.edit_text else None,
                content_warning=_value(self.warning) or None,
                action=action,
            )
        except (ModerationError, StoryTextError) as error:
            await respond(interaction, str(error))
            return
        await _approved(interaction, story)


class RejectModal(StairwellModal):
    def __init__(self, story: Story) -> None:
        super().__init__(title=f"Reject story #{story.number}")
        self.story_id = story.id
        self.reason = _text_input(
            "Reason for the author (optional)",
            "reason",
            style=discord.TextStyle.paragraph,
            max_length=moderation.MAX_REASON,
            required=False,
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction)
        try:
            story = await moderation.reject(
                app_of(interaction), interaction.guild_id or 0, self.story_id, interaction.user.id, _value(self.reason)
            )
        except ModerationError as error:
            await respond(interaction, str(error))
            return
        server = interaction.guild.name if interaction.guild else "the server"
        await _after_resolution(
            interaction,
            story,
            moderation.outcome_line("rejected", _who(interaction), story.reject_reason),
            moderation.rejected_notice(story, server),
        )


class ReplyModal(StairwellModal, title="Reply to the author (anonymously)"):
    def __init__(self, story_id: int) -> None:
        super().__init__()
        self.story_id = story_id
        self.message = _text_input(
            "Your reply",
            "reply",
            style=discord.TextStyle.paragraph,
            max_length=moderation.MAX_REPLY,
            placeholder="They will see it came from 'a moderator', never your name.",
        )
        self.add_item(self.message)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction)
        bot = interaction.client
        assert isinstance(bot, StairwellBot)
        try:
            story, reply_id = await moderation.reply(
                app_of(interaction), interaction.guild_id or 0, self.story_id, interaction.user.id, _value(self.message)
            )
        except (ModerationError, StoryTextError) as error:
            await respond(interaction, str(error))
            return
        server = interaction.guild.name if interaction.guild else "the server"
        delivered = await notify_author(bot, story, moderation.reply_notice(story, server, _value(self.message)))
        if delivered:
            await store.mark_reply_delivered(bot.app.db, reply_id)
        where = "by DM and in their `/mystories`" if delivered else "in their `/mystories` (their DMs are closed)"
        await respond(interaction, f"Your reply to the author of story #{story.number} was delivered {where}.")


async def unpublish(interaction: discord.Interaction, story_id: int) -> None:
    bot = interaction.client
    assert isinstance(bot, StairwellBot)
    story = await store.get(bot.app.db, story_id)
    if story is None or story.guild_id != interaction.guild_id:
        raise ModerationError("That story no longer exists.")
    removed = await _take_down(bot, story.id, None, interaction.user.id)
    if removed is None:
        raise ModerationError(f"Story #{story.number} is not published.")
    await respond(interaction, f"Story #{story.number} was unpublished and its post deleted.")


async def delete_post(bot: StairwellBot, story: Story) -> bool:
    if story.published_channel_id is None or story.published_message_id is None:
        return False
    channel = bot.get_channel(story.published_channel_id)
    if not isinstance(channel, discord.TextChannel):
        return False
    try:
        await channel.get_partial_message(story.published_message_id).delete()
    except discord.NotFound:
        return False
    except discord.HTTPException:
        log.warning("story %d: could not delete its post", story.number)
        return False
    return True


async def _take_down(
    bot: StairwellBot, story_id: int, author_key: str | None, moderator_id: int | None
) -> Story | None:
    from bot.core import stories

    removed = await stories.take_down(bot.app, story_id, author_key, moderator_id)
    if removed is not None:
        await delete_post(bot, removed)
    return removed


# -- the cog ----------------------------------------------------------------------------------------------


class Moderation(commands.Cog):
    mod_group = app_commands.Group(
        name="mod",
        description="Review shared stories (moderators only).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    def __init__(self, bot: StairwellBot) -> None:
        self.bot = bot
        self._loop: asyncio.Task[None] | None = None
        self.report_menu = app_commands.ContextMenu(name="Report to moderators", callback=self.report)
        self.report_menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.report_menu)
        if self.bot.background_tasks:
            self._loop = asyncio.create_task(self._run(), name="stairwell-publisher")

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.report_menu.name, type=self.report_menu.type)
        if self._loop is not None:
            self._loop.cancel()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        if interaction.command is self.report_menu:
            return True
        return await require_moderator(interaction)

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while not self.bot.is_closed():
            try:
                await self.tick()
            except Exception as error:  # the loop must outlive any one failure
                log.error("publisher tick failed: %s", type(error).__name__)
            await asyncio.sleep(LOOP_SECONDS)

    async def tick(self) -> None:
        """Queue what never reached the queue, publish what is due, erase what retention says."""
        for story in await store.without_queue_message(self.bot.app.db):
            await post_to_queue(self.bot, story)
        await self.publish_due()
        counts = await publishing.retention(self.bot.app)
        if any(counts.values()):
            log.info("retention: %s", ", ".join(f"{name} {count}" for name, count in counts.items()))

    async def publish_due(self) -> None:
        for story in await publishing.due(self.bot.app):
            interrupted = story.publish_state == "posting"
            if await publishing.claim(self.bot.app, story):
                await self._publish(story, interrupted)

    async def _publish(self, story: Story, interrupted: bool) -> None:
        app = self.bot.app
        channel_id = await publishing.stories_channel(app, story.guild_id)
        channel = self.bot.get_channel(channel_id) if channel_id else None
        if not isinstance(channel, discord.TextChannel) or not permissions.can_post(channel):
            missing = (
                ", ".join(permissions.missing(channel, "stories"))
                if isinstance(channel, discord.TextChannel)
                else "a stories channel"
            )
            if await publishing.blocked(app, story):
                await tell_moderators(
                    self.bot,
                    story.guild_id,
                    f"Story #{story.number} is approved but I can't publish it: I need {missing}. "
                    "Fix it, then run `/setup channels stories:` again and it will be posted.",
                )
            return
        message = await self._existing_post(channel, story) if interrupted else None
        if message is None:
            try:
                message = await channel.send(embed=embed(publishing.published_card(story)), allowed_mentions=NO_PINGS)
            except discord.Forbidden:
                if await publishing.blocked(app, story):
                    await tell_moderators(
                        self.bot,
                        story.guild_id,
                        f"Story #{story.number} is approved but Discord refused my post in {channel.mention}: "
                        "please check my permissions there, then run `/setup channels stories:` again.",
                    )
                return
            except discord.HTTPException as error:
                delay = await publishing.failed(app, story)
                log.warning("story %d: publishing failed (%s); retrying in %ds", story.number, error.status, delay)
                return
        if not await publishing.posted(app, story, channel.id, message.id):
            with contextlib.suppress(discord.HTTPException):
                await message.delete()
            return
        log.info("story %d published", story.number)
        if permissions.can_thread(channel):
            with contextlib.suppress(discord.HTTPException):
                await message.create_thread(name=f"Support for story #{story.number}", auto_archive_duration=10080)

    async def _existing_post(self, channel: discord.TextChannel, story: Story) -> discord.Message | None:
        """After a crash mid-post, find the post if it went out, so it is never posted twice."""
        marker = publishing.marker(story)
        with contextlib.suppress(discord.HTTPException):
            async for message in channel.history(limit=50):
                if message.author.id == self.bot.user.id and any(  # type: ignore[union-attr]
                    (e.footer.text or "").startswith(marker) for e in message.embeds
                ):
                    return message
        return None

    @mod_group.command(name="queue", description="Stories waiting for review: urgent first, then oldest.")
    async def queue(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id or 0
        waiting = await store.pending(self.bot.app.db, guild_id)
        total = await store.count_pending(self.bot.app.db, guild_id)
        await respond(interaction, moderation.queue_list_card(waiting, total))

    @mod_group.command(name="log", description="Recent moderator actions (story numbers only, never authors).")
    async def mod_log(self, interaction: discord.Interaction) -> None:
        entries = await store.recent_log(self.bot.app.db, interaction.guild_id or 0)
        await respond(interaction, moderation.log_card(entries, lambda user_id: f"<@{user_id}>"))

    @mod_group.command(name="unpublish", description="Remove a published story and delete its post.")
    @app_commands.describe(number="The story's number, e.g. 12 for story #12.")
    async def unpublish_command(self, interaction: discord.Interaction, number: app_commands.Range[int, 1]) -> None:
        story = await store.by_number(self.bot.app.db, interaction.guild_id or 0, number)
        if story is None:
            await respond(interaction, f"There is no story #{number} in this server.")
            return
        try:
            await unpublish(interaction, story.id)
        except ModerationError as error:
            await respond(interaction, str(error))

    @mod_group.command(name="unblock", description="Let the author of a story share again.")
    @app_commands.describe(number="The number of the story the block was placed through.")
    async def unblock(self, interaction: discord.Interaction, number: app_commands.Range[int, 1]) -> None:
        try:
            done = await moderation.unblock_author(self.bot.app, interaction.guild_id or 0, number, interaction.user.id)
        except ModerationError as error:
            await respond(interaction, str(error))
            return
        await respond(
            interaction,
            f"The author of story #{number} can share again."
            if done
            else f"The author of story #{number} is not blocked.",
        )

    async def report(self, interaction: discord.Interaction, message: discord.Message) -> None:
        story = await store.by_published_message(self.bot.app.db, message.id)
        if story is None or story.status != "published" or story.guild_id != interaction.guild_id:
            await respond(
                interaction,
                "Reports work on stories Stairwell published. For anything else, contact this server's moderators.",
            )
            return
        await store.log_action(
            self.bot.app.db,
            story.guild_id,
            story.number,
            "reported by a member",
            None,
            int(self.bot.app.clock.now().timestamp()),
        )
        settings = await guilds.get(self.bot.app.db, story.guild_id)
        channel = self.bot.get_channel(settings.moderation_channel_id) if settings.moderation_channel_id else None
        if not isinstance(channel, discord.TextChannel) or not permissions.can_post(channel):
            await respond(interaction, "I couldn't reach the moderators right now. Please contact them directly.")
            return
        view = discord.ui.View(timeout=None)
        view.add_item(ModButton("unpublish", story.id, "Unpublish", discord.ButtonStyle.danger))
        report = discord.Embed(
            title=f"Story #{story.number} was reported by a member",
            description=f"[Go to the post]({message.jump_url}). The reporter is not recorded.",
            colour=discord.Colour.orange(),
        )
        await channel.send(embed=report, view=view, allowed_mentions=NO_PINGS)
        await respond(interaction, "Thank you — the moderators have been told. Your report is anonymous.")


async def setup(bot: StairwellBot) -> None:
    bot.add_dynamic_items(ModButton)
    await bot.add_cog(Moderation(bot))
