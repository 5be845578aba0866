"""Signal handlers: add the feed generator."""

from pelican import signals

from .generator import FeedGenerator


def get_generators(pelican):
    return FeedGenerator


def register():
    signals.get_generators.connect(get_generators)
