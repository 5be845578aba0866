"""Build speed: URLs computed once per item, and only changed pages rendered and written."""

from .plugin import register

__all__ = ["register"]
