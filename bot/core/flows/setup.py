"""Server setup: /setup channels, moderator-role, timezone, region, sharing, resource add/remove/list, show.

The rules live here; the adapter only says what it sees (a `Channel`: what the bot lacks there, whether
everyone can read it), since only it can ask the platform. Every flow checks the admin right itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.core import server_setup, support
from bot.core.app import Stairwell
from bot.core.cards import Card, Tone, literal
from bot.core.flows.port import Place
from bot.core.flows.results import Actor, Reply, Result, ResumePublishing, private
from bot.core.server_setup import SetupError
from bot.core.support import ResourceInputError
from bot.core.terms import Terms
from bot.db import guilds, local_resources
from bot.db.guilds import GuildSettings
from bot.db.local_resources import LocalResource

MAX_PER_DAY = 20
MAX_PURGE_DAYS = 90
# An adapter with one place for everything (the console) gives every place this channel.
ONE_CHANNEL = 1
# What each place is called in /setup channels and in the settings card.
PURPOSES = {Place.QUEUE: "moderation", Place.STORIES: "stories", Place.DAILY: "daily"}
NO_LOCAL = "This server has no local resources yet. Add one with `/setup resource add`."


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel as the adapter sees it. `label` is how to show it (a mention); `missing` names, in the
    platform's words, what the bot lacks there for its purpose; `public` when everyone can read it."""

    id: int
    label: str
    missing: tuple[str, ...] = ()
    can_post: bool = True
    can_thread: bool = True
    public: bool = False


class ServerView(Protocol):
    """What the adapter can look up in a server right now (channels and roles are the platform's)."""

    def channel(self, channel_id: int, place: Place) -> Channel | None: ...

    def role(self, role_id: int) -> str | None: ...


def _refusal(actor: Actor) -> Result | None:
    if actor.guild_id is None:
        return private("Setup works inside a server.")
    if not actor.is_admin:
        return private(f"Only people with **{actor.terms.admin_right}** can change Stairwell's settings.")
    return None


async def use_one_channel(app: Stairwell, guild_id: int) -> None:
    """Sharing needs a moderation channel (the core refuses without one) and a stories channel.

    Where the adapter has only one place, both are it; saved once, silently, rather than bending
    the core's rule for one adapter.
    """
    settings = await guilds.get(app.db, guild_id)
    if settings.moderation_channel_id is None:
        await guilds.update(
            app.db,
            guild_id,
            moderation_channel_id=ONE_CHANNEL,
            stories_channel_id=ONE_CHANNEL,
            daily_channel_id=settings.daily_channel_id or ONE_CHANNEL,
        )


async def channels(app: Stairwell, actor: Actor, chosen: Mapping[Place, Channel]) -> Result:
    """Checked before anything is saved: the bot must be able to work there, and the queue must be private."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    if not chosen:
        return private("Pick at least one channel: `moderation`, `stories` or `daily`.")
    problems = []
    for place, channel in chosen.items():
        if channel.missing:
            problems.append(
                f"I can't work in {channel.label} for {PURPOSES[place]}: I am missing {', '.join(channel.missing)}."
            )
        if place is Place.QUEUE and channel.public:
            problems.append(
                f"{channel.label} is visible to everyone. Stories waiting for review must stay private: "
                "choose a channel only moderators can see."
            )
    if problems:
        return private("Nothing was changed.\n" + "\n".join(problems))
    await guilds.update(
        app.db, actor.guild_id, **{f"{PURPOSES[place]}_channel_id": channel.id for place, channel in chosen.items()}
    )
    done = ", ".join(f"{PURPOSES[place]} → {channel.label}" for place, channel in chosen.items())
    # Stories parked for a missing stories channel go out now, after the answer.
    resume = (ResumePublishing(actor.guild_id),) if Place.STORIES in chosen else ()
    return Result(Reply(f"Saved: {done}."), resume)


async def moderator_role(app: Stairwell, actor: Actor, role_id: int, label: str, *, everyone: bool) -> Result:
    """`everyone` when the role is the one every member has: it would make every member a moderator."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    if everyone:
        return private(
            "The role every member has can't be the moderator role: choose a role given to a few trusted people."
        )
    await guilds.update(app.db, actor.guild_id, moderator_role_id=role_id)
    hint = f" {actor.terms.moderator_role_hint}" if actor.terms.moderator_role_hint else ""
    return private(f"Saved: members of {label} are Stairwell moderators here.{hint}")


async def timezone(app: Stairwell, actor: Actor, name: str) -> Result:
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    try:
        zone = await server_setup.set_timezone(app.db, actor.guild_id, name)
    except SetupError as error:
        return private(str(error))
    return private(f"Saved: this {actor.terms.community}'s time zone is **{zone}**.")


async def region(app: Stairwell, actor: Actor, country: str) -> Result:
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    try:
        name = await server_setup.set_region(app.db, app.content.directory, actor.guild_id, country)
    except SetupError as error:
        return private(str(error))
    return private(f"Saved: `/resources` shows lines for **{name}** first.")


async def sharing(
    app: Stairwell, actor: Actor, *, enabled: bool | None, per_day: int | None, purge_days: int | None
) -> Result:
    """/setup sharing: on or off, the per-person daily limit, how long resolved text is kept."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    values: dict[str, object] = {}
    if enabled is not None:
        values["sharing_enabled"] = int(enabled)
    if per_day is not None:
        if not 1 <= per_day <= MAX_PER_DAY:
            return private(f"The daily limit is a whole number from 1 to {MAX_PER_DAY}.")
        values["submissions_per_day"] = per_day
    if purge_days is not None:
        if not 1 <= purge_days <= MAX_PURGE_DAYS:
            return private(f"Retention is a whole number of days from 1 to {MAX_PURGE_DAYS}.")
        values["purge_after_days"] = purge_days
    if not values:
        return private(
            "Give at least one setting: sharing on or off, the daily limit per person, or the retention days."
        )
    await guilds.update(app.db, actor.guild_id, **values)
    settings = await guilds.get(app.db, actor.guild_id)
    return private(
        f"Saved: sharing is {'on' if settings.sharing_enabled else 'off'}, up to {settings.submissions_per_day} "
        f"per person a day, rejected or withdrawn text erased after {settings.purge_after_days} days."
    )


async def add_resource(
    app: Stairwell, actor: Actor, name: str, contact: str, hours: str | None, description: str | None
) -> Result:
    """The server's own support (a peer-support team, an EAP), shown first in /resources."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    try:
        await support.add_local(app.db, actor.guild_id, name, contact, hours, description)
    except ResourceInputError as error:
        return private(str(error))
    return private(f"Added **{literal(name.strip())}**. It now shows first in `/resources` here.")


async def resource_names(app: Stairwell, guild_id: int | None, typed: str) -> list[tuple[str, int]]:
    """(name, id) of this server's local resources whose name contains `typed`, for suggestions."""
    if guild_id is None:
        return []
    wanted = typed.casefold()
    return [(r.name, r.id) for r in await local_resources.list_for(app.db, guild_id) if wanted in r.name.casefold()]


async def remove_resource(app: Stairwell, actor: Actor, resource: str) -> Result:
    """`resource` is an id (from suggestions) or a name, as typed."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    found = await local_resources.list_for(app.db, actor.guild_id)
    wanted = resource.strip()
    match = next((r for r in found if str(r.id) == wanted or r.name.casefold() == wanted.casefold()), None)
    removed = await local_resources.remove(app.db, actor.guild_id, match.id) if match else None
    if removed is None:
        return private("I couldn't find that local resource. `/setup resource list` shows them.")
    return private(f"Removed **{literal(removed)}** from this server's resources.")


async def list_resources(app: Stairwell, actor: Actor) -> Result:
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    found = await local_resources.list_for(app.db, actor.guild_id)
    if not found:
        return private(NO_LOCAL)
    card = Card(
        title="Local support in this server",
        body=f"Shown first in `/resources`, at most {support.MAX_LOCAL}.",
        fields=tuple(
            (
                literal(r.name),
                "\n".join(
                    literal(part) for part in (r.contact, r.hours and f"Hours: {r.hours}", r.description) if part
                ),
            )
            for r in found
        ),
        footer="Remove one with /setup resource remove.",
        tone=Tone.CALM,
    )
    return Result(Reply(cards=(card,)))


def _resource_lines(resource: LocalResource) -> str:
    hours = f"Hours: {resource.hours}" if resource.hours else None
    return "\n".join(literal(part) for part in (resource.contact, hours, resource.description) if part)


async def show(app: Stairwell, actor: Actor, view: ServerView) -> Result:
    """/setup show: every setting, and what the bot lacks in each channel (the adapter looks)."""
    if (refused := _refusal(actor)) is not None:
        return refused
    assert actor.guild_id is not None
    settings = await guilds.get(app.db, actor.guild_id)
    found: dict[Place, Channel | None] = {}
    for place, purpose in PURPOSES.items():
        channel_id = getattr(settings, f"{purpose}_channel_id")
        found[place] = view.channel(channel_id, place) if channel_id is not None else None
    role = view.role(settings.moderator_role_id) if settings.moderator_role_id is not None else None
    region_name = app.content.directory.countries.get(settings.region or "")
    return Result(Reply(cards=(settings_card(settings, found, role, region_name, actor.terms),)))


def settings_card(
    settings: GuildSettings,
    channels: Mapping[Place, Channel | None],
    role: str | None,
    region_name: str | None,
    terms: Terms,
) -> Card:
    """`channels` as the adapter found them (None: set but gone); `role` the moderator role's label."""

    def channel_line(label: str, place: Place, channel_id: int | None) -> str:
        if channel_id is None:
            return f"**{label}:** not set"
        channel = channels.get(place)
        if channel is None:
            return f"**{label}:** a deleted channel\n  ⚠ Choose another with `/setup channels`"
        missing = list(channel.missing) + (
            ["privacy (everyone can see this channel)"] if place is Place.QUEUE and channel.public else []
        )
        return f"**{label}:** {channel.label}" + (f"\n  ⚠ I am missing: {', '.join(missing)}" if missing else " ✓")

    lines = [
        channel_line("Moderation channel", Place.QUEUE, settings.moderation_channel_id),
        channel_line("Stories channel", Place.STORIES, settings.stories_channel_id),
        channel_line("Daily reflection channel", Place.DAILY, settings.daily_channel_id),
        "**Moderator role:** "
        + (
            (role or "a deleted role")
            if settings.moderator_role_id is not None
            else f"not set ({terms.moderator_right} is used)"
        ),
        f"**Time zone:** {settings.timezone}",
        f"**Region for resources:** {region_name or f'not set (each member’s {terms.language}, else international)'}",
        f"**Story sharing:** {'on' if settings.sharing_enabled else 'off'} · {settings.submissions_per_day} per person "
        f"a day · rejected/withdrawn text erased after {settings.purge_after_days} days",
    ]
    any_problem = any("⚠" in line for line in lines)
    return Card(
        title="Stairwell settings for this server",
        body="\n".join(lines),
        footer="Fix missing permissions in the channel's settings, then run /setup show again."
        if any_problem
        else "Change any of these with the other /setup commands.",
        tone=Tone.NOTICE if any_problem else Tone.OK,
    )
