"""Signal handlers: read items with DigestReader, then fail the build on any problem."""

from __future__ import annotations

from pelican import signals

from .checks import cross_checks, stray_files
from .items import article_save_as
from .problems import ContentProblems
from .reader import DigestReader
from .sources import load_registry


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
    generator.context["SOURCE_REGISTRY"] = registry
    generator.context["CONTENT_PROBLEMS"] = problems


def fail_on_problems(generators):
    """Stop the build before anything is written if any content file has a problem."""
    context = generators[0].context
    problems = list(context.get("CONTENT_PROBLEMS", []))
    for generator in generators:
        for attribute in ("pages", "hidden_pages", "draft_pages"):
            problems += [p for record in _records(getattr(generator, attribute, [])) for p in record.problems]
    if problems:
        raise ContentProblems(problems)


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(check_items)
    signals.all_generators_finalized.connect(fail_on_problems)
