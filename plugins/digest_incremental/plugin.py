"""Signal handlers for build speed."""

from pelican import signals

from .urls import cache_urls
from .writer import IncrementalWriter


def get_writer(pelican):
    return IncrementalWriter


def register():
    signals.content_object_init.connect(cache_urls)
    signals.get_writer.connect(get_writer)
