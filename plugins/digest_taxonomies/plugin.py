"""Signal handlers: add the taxonomy generator."""

from pelican import signals

from .generator import TaxonomyGenerator


def get_generators(pelican):
    return TaxonomyGenerator


def register():
    signals.get_generators.connect(get_generators)
