"""What the theme needs from Python: text direction, dates, JSON-LD, attribution, the week at a glance."""

from .plugin import register

__all__ = ["register"]
