"""Build speed: URLs computed once per item."""

from .plugin import register

__all__ = ["register"]
