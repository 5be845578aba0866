"""Signal handlers: read items and pages with DigestReader, reading ahead in worker processes."""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article
from pelican.urlwrappers import Category

from .readahead import read_ahead, release_read_cache
from .reader import DigestReader


def add_reader(readers):
    for extension in DigestReader.file_extensions:
        readers.reader_classes[extension] = DigestReader


def give_a_category(content) -> None:
    """content_object_init: Pelican's draft writer reads every draft's category, though drafts
    are never written (DRAFT_SAVE_AS is empty), and with no category pages (CATEGORY_SAVE_AS is
    empty) its readers give items none. Each item gets Pelican's default category, which no
    page shows. (Not in the reader's metadata: Pelican caches that, and a category holds the
    settings, which cannot be pickled.)"""
    if isinstance(content, Article) and not hasattr(content, "category"):
        content.category = Category(content.settings["DEFAULT_CATEGORY"], content.settings)


def connect():
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(give_a_category)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_finalized.connect(release_read_cache)
