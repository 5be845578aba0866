"""sitemap.xml and robots.txt at the site root, for search engines."""

from .plugin import register

__all__ = ["register"]
