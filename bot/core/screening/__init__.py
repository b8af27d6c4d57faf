"""Screens for what users write: crisis language and patient identifiers."""

from __future__ import annotations


def warm() -> None:
    """Build both screens' patterns and word lists and read the crisis model (a few hundred milliseconds in
    all), so that start-up does not wait for them and the first share does not either. Run it in a thread."""
    from bot.core.screening import identifiers, risk

    risk.model()
    identifiers.find_identifiers("Mrs Smith, 07700 900123, 3 March.")
