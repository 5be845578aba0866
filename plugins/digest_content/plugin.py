"""Signal handlers: read items and pages with DigestReader, reading ahead in worker processes."""

from __future__ import annotations

from conflict_digest.internals import keep_relative_path, stamp_each_file_once
from pelican import signals
from pelican.readers import BaseReader
from pelican.urlwrappers import Category

from .readahead import read_ahead, release_read_cache
from .reader import DigestReader


def add_reader(readers):
    """Items and pages are read by DigestReader alone. A file that Pelican's own readers would
    take (.markdown, .rst, .html) is reported as not read (``checks.stray_files``), not made
    into a page the digest knows nothing of. Pelican's reader of static files (images) stays."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is not BaseReader:
            del readers.reader_classes[extension]
    for extension in DigestReader.file_extensions:
        readers.reader_classes[extension] = DigestReader


def give_drafts_a_category(generator) -> None:
    """article_generator_pretaxonomy: Pelican's draft writer reads every draft's category,
    though drafts are never written (DRAFT_SAVE_AS is empty), and with no category pages
    (CATEGORY_SAVE_AS is empty) its readers give items none. Drafts get Pelican's default one.
    (Not in the reader's metadata: Pelican caches that, and a category holds the settings,
    which cannot be pickled.)"""
    for draft in [*generator.drafts, *generator.drafts_translations]:
        if not hasattr(draft, "category"):
            draft.category = Category(generator.settings["DEFAULT_CATEGORY"], generator.settings)


def connect():
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(give_drafts_a_category)
    signals.content_object_init.connect(keep_relative_path)
    signals.article_generator_init.connect(stamp_each_file_once)
    signals.page_generator_init.connect(stamp_each_file_once)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_finalized.connect(release_read_cache)
