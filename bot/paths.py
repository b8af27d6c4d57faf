"""Where the shipped data lives, both in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def migrations_dir() -> Path:
    return _data_dir("migrations")


def content_dir() -> Path:
    return _data_dir("content")


def seeds_dir() -> Path | None:
    """The seed articles sit beside the checkout for developers and CI only; users never have them."""
    candidate = _PACKAGE.parent.parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None
