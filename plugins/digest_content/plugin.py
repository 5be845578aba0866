"""Signal handlers: read items with DigestReader, then fail the build on any problem."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

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
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_finalized.connect(check_items)
    signals.all_generators_finalized.connect(fail_on_problems)
