"""Front matter reader: Markdown items and pages with validated YAML front matter."""

from .plugin import register

__all__ = ["register"]
