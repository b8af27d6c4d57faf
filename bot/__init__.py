"""Stairwell: peer support for healthcare workers who lose patients."""

__version__ = "0.1.0"
