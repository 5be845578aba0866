"""Each item's URL and output path, computed once instead of at every link to it.

Pelican formats ``url`` and ``save_as`` from the settings each time they are read, and
every list page, feed and neighbour link reads them again. The date and slug that they
depend on do not change after an item is read, so the first answer is kept.
"""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Article, Page

_CACHED_CLASSES: dict[type, type] = {}


def _with_cached_urls(cls: type) -> type:
    if cls not in _CACHED_CLASSES:
        _CACHED_CLASSES[cls] = type(
            cls.__name__,
            (cls,),
            {
                "url": cached_property(cls.url.fget),
                "save_as": cached_property(cls.save_as.fget),
                "__module__": cls.__module__,
            },
        )
    return _CACHED_CLASSES[cls]


def cache_urls(content) -> None:
    """content_object_init handler: give articles and pages cached url/save_as."""
    if type(content) in (Article, Page):
        content.__class__ = _with_cached_urls(type(content))
