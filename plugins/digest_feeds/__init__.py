"""RSS 2.0, Atom and JSON Feed 1.1 for the site; RSS and Atom per source, tag and country; OPML."""

from .plugin import register

__all__ = ["register"]
