"""Screens for what users write: crisis language and patient identifiers."""
