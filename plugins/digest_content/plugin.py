"""Signal handlers: read items with DigestReader, then fail the build on any problem."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from stat import S_ISREG

from pelican import signals
from pelican.generators import PagesGenerator

from .checks import cross_checks, held_back, page_checks, stray_files, unsafe_paths
from .items import article_save_as
from .problems import ContentProblems
from .readahead import read_ahead
from .reader import DigestReader
from .sources import load_registry

log = logging.getLogger(__name__)


def add_reader(readers):
    for extension in DigestReader.file_extensions:
        readers.reader_classes[extension] = DigestReader


def skip_special_files(generator):
    """Pelican's generators and their readers hash every file to key their caches, and reading a
    named pipe would wait forever; such a file goes on to the reader, which reports it."""
    cachers = [cacher for cacher in (generator, generator.readers) if getattr(cacher, "_filestamp_func", None)]
    if cachers:
        # Both stamp files with the hash CHECK_MODIFIED_METHOD names: one memo serves the two.
        stamps = FileStamps(cachers[0]._filestamp_func)
        for cacher in cachers:
            cacher._filestamp_func = stamps


class FileStamps:
    """Pelican's file stamps, each computed once per build rather than four times (two caches,
    each looked up and written); none for what is not a regular file."""

    def __init__(self, stamp):
        self.stamp = stamp  # Pelican's own stamp function
        self.known: dict[str, tuple] = {}  # path -> (inode, size, mtime, stamp)

    def __call__(self, filename):
        try:
            status = os.stat(filename)
        except OSError:
            return ""
        if not S_ISREG(status.st_mode):
            return ""
        seen = (status.st_ino, status.st_size, status.st_mtime_ns)
        known = self.known.get(filename)
        if known is None or known[:3] != seen:
            known = self.known[filename] = (*seen, self.stamp(filename))
        return known[3]


def forget_read_cache(generator):
    """Pelican keeps its content cache in memory after saving it, though nothing reads it again
    in the build: a copy of every item's metadata, let go of here, with the files' stamps."""
    for cacher in (generator, generator.readers):
        if isinstance(getattr(cacher, "_filestamp_func", None), FileStamps):
            cacher._filestamp_func.known.clear()
    cache = getattr(generator.readers, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def _records(contents):
    return [content.digest for content in contents if hasattr(content, "digest")]


def check_items(generator):
    """Validate what only all items together can show; keep the registry for other plugins."""
    settings = generator.settings
    registry, problems = load_registry(settings["PATH"])
    records = _records([*generator.articles, *generator.drafts, *generator.hidden_articles])
    problems += [problem for record in records for problem in record.problems]
    problems += cross_checks(records, registry, lambda record: article_save_as(record, settings))
    problems += stray_files(settings["PATH"], [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]])
    problems += unsafe_paths(settings["PATH"])
    for note in held_back(_records(generator.drafts), datetime.now(UTC)):
        log.warning("%s", note)
    # Drafts (and future-dated items, which Pelican turns into drafts) are never written: Pelican's
    # draft writer would otherwise run on them. The context keeps them for plugins that need to
    # know when a held-back item falls due.
    generator.drafts, generator.drafts_translations = [], []
    generator.context["SOURCE_REGISTRY"] = registry
    generator.context["CONTENT_PROBLEMS"] = problems


def fail_on_problems(generators):
    """Stop the build before anything is written if any content file has a problem."""
    context = generators[0].context
    problems = list(context.get("CONTENT_PROBLEMS", []))
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            records = _records([*generator.pages, *generator.hidden_pages, *generator.draft_pages])
            problems += [problem for record in records for problem in record.problems]
            problems += page_checks(records, generator.settings)
    if problems:
        raise ContentProblems(problems)


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(skip_special_files)
    signals.article_generator_init.connect(read_ahead)
    signals.page_generator_init.connect(skip_special_files)
    signals.static_generator_init.connect(skip_special_files)
    signals.article_generator_finalized.connect(check_items)
    signals.article_generator_finalized.connect(forget_read_cache)
    signals.all_generators_finalized.connect(fail_on_problems)
