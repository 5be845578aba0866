"""Signal handlers for build speed."""

from pelican import signals

from .urls import cache_urls


def register():
    signals.content_object_init.connect(cache_urls)
