"""Sources, tags, countries and monthly archives: index pages and paginated term pages."""

from .plugin import register

__all__ = ["register"]
