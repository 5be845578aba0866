"""Each item's URL and output path, computed once instead of at every link to it.

Pelican formats ``url`` and ``save_as`` from the settings each time they are read, and
every list page, feed and neighbour link reads them again. The date and slug that they
depend on do not change after an item is read, so the first answer is kept. Formatting
them asks for the item's path relative to the content folder, which Pelican works out
again each time though it keeps it as ``relative_source_path``.
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
                "get_relative_source_path": _own_path_kept(cls.get_relative_source_path),
                "__module__": cls.__module__,
            },
        )
    return _CACHED_CLASSES[cls]


def _own_path_kept(get_relative_source_path):
    def relative_source_path(self, source_path=None):
        if not source_path and "relative_source_path" in self.__dict__:
            return self.relative_source_path
        return get_relative_source_path(self, source_path)

    return relative_source_path


def cache_urls(content) -> None:
    """content_object_init handler: give articles and pages cached url/save_as."""
    if type(content) in (Article, Page):
        content.__class__ = _with_cached_urls(type(content))
