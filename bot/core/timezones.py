"""IANA time zone names: validation and suggestions for autocomplete."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def all_zones() -> tuple[str, ...]:
    # Legacy aliases ("US/Eastern", "Etc/GMT+5") confuse more than they help.
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return (*zones, "UTC")


def normalize(name: str) -> str | None:
    """The canonical spelling of a zone name typed in any case, or None when it is not a zone."""
    wanted = name.strip().replace(" ", "_").casefold()
    if not wanted:
        return None
    for zone in all_zones():
        if zone.casefold() == wanted:
            ZoneInfo(zone)
            return zone
    return None


def suggest(query: str, limit: int = 25) -> list[str]:
    """Prefix matches on the whole name or the city part first, then substring matches."""
    wanted = query.strip().replace(" ", "_").casefold()
    if not wanted:
        return list(all_zones()[:limit])
    prefix = [
        z for z in all_zones() if z.casefold().startswith(wanted) or z.rsplit("/", 1)[-1].casefold().startswith(wanted)
    ]
    rest = [z for z in all_zones() if wanted in z.casefold() and z not in prefix]
    return (prefix + rest)[:limit]
