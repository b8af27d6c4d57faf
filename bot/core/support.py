"""Pointing people to help: /resources and the crisis card, for any adapter."""

from __future__ import annotations

from bot.core.app import Stairwell
from bot.core.cards import Card, Tone
from bot.core.resources import CrisisCard, Directory, Resource
from bot.db import guilds, local_resources
from bot.db.connection import Database
from bot.db.local_resources import LocalResource

MAX_LOCAL = 5
AUDIENCE_LABELS = {
    "everyone": "Everyone",
    "physicians": "Physicians",
    "nurses": "Nurses",
    "ems": "EMS and paramedics",
    "students": "Students",
    "all-healthcare": "All healthcare workers",
}


SUPPORT_LEAD = (
    "Whatever you are carrying right now, you don't have to carry it alone. These lines are free and confidential."
)


class ResourceInputError(Exception):
    """What an admin typed for a local resource cannot be used; the message says why."""


def pick_country(directory: Directory, asked: str | None, region: str | None, locale: str | None) -> str | None:
    """The person's choice, else the server's region, else their app language, else international."""
    if asked:
        return directory.normalize_country(asked)
    return region or directory.country_from_locale(locale)


def _resource_field(resource: Resource) -> tuple[str, str]:
    lines = [resource.description, *resource.contact_lines()]
    if resource.hours:
        lines.append(f"Hours: {resource.hours}")
    return resource.name, "\n".join(lines)


def _local_field(resource: LocalResource) -> tuple[str, str]:
    lines = [line for line in (resource.description, resource.contact) if line]
    if resource.hours:
        lines.append(f"Hours: {resource.hours}")
    return f"{resource.name} (this server)", "\n".join(lines)


def resources_card(
    directory: Directory,
    country: str | None,
    audience: str | None,
    local: list[LocalResource],
    unknown_country: str | None = None,
) -> Card:
    """Local support first (admins added it for their people), then national lines, then a directory."""
    card = directory.crisis_card(country)
    title = "Support lines — " + ("international" if country is None else directory.countries[country])
    if audience and audience != "everyone":
        title += f" — for {AUDIENCE_LABELS[audience].lower()}"
    intro = []
    if unknown_country:
        intro.append(
            f"I don't have lines for “{unknown_country[:60]}” yet, so here are international directories "
            "that list services in every country."
        )
    intro.append(f"**{card.emergency}**")
    shipped = directory.for_country(country, audience)
    fields = [_local_field(resource) for resource in local]
    fields += [_resource_field(resource) for resource in shipped]
    checked = min(resource.verified for resource in shipped)
    return Card(
        title=title,
        body="\n".join(intro),
        fields=tuple(fields[:25]),
        footer=f"Stairwell is peer support, not a crisis service. Lines last checked {checked:%B %Y}.",
        tone=Tone.WARM,
    )


def crisis_card(crisis: CrisisCard, *, lead: str) -> Card:
    """The short card for someone who may be at risk: warm words, a few lines, one directory."""
    return Card(title="You don't have to carry this alone", body=f"{lead}\n\n{crisis.as_text()}", tone=Tone.URGENT)


async def resources_for(
    app: Stairwell, guild_id: int | None, country: str | None, audience: str | None, locale: str | None
) -> Card:
    """/resources on any platform: `guild_id` is the community the person is in, if any."""
    directory = app.content.directory
    region = (await guilds.get(app.db, guild_id)).region if guild_id is not None else None
    chosen = pick_country(directory, country, region, locale)
    local = await local_resources.list_for(app.db, guild_id) if guild_id is not None else []
    unknown = country if country and chosen is None else None
    return resources_card(directory, chosen, audience, local, unknown)


async def crisis_for(app: Stairwell, guild_id: int | None, locale: str | None, lead: str = SUPPORT_LEAD) -> Card:
    """The crisis card for the person's country: the community's region, else their language."""
    directory = app.content.directory
    region = (await guilds.get(app.db, guild_id)).region if guild_id is not None else None
    return crisis_card(directory.crisis_card(pick_country(directory, None, region, locale)), lead=lead)


async def add_local(
    db: Database, guild_id: int, name: str, contact: str, hours: str | None, description: str | None
) -> int:
    name, contact = name.strip(), contact.strip()
    if not name or not contact:
        raise ResourceInputError("A local resource needs a name and a way to reach it (phone, link or email).")
    if len(await local_resources.list_for(db, guild_id)) >= MAX_LOCAL:
        raise ResourceInputError(f"This server already has {MAX_LOCAL} local resources; remove one first.")
    return await local_resources.add(
        db, guild_id, name, contact, (hours or "").strip() or None, (description or "").strip() or None
    )
