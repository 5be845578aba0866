"""Signal handlers: the parts' handlers, then the digest's generator, always in this order."""

from __future__ import annotations

from digest_content.checks import unsafe_paths
from digest_content.items import LINK_OUTSIDE, NOT_A_FILE
from digest_content.plugin import connect as connect_content
from digest_content.problems import ContentProblems
from digest_incremental.plugin import connect as connect_incremental
from digest_incremental.writer import writer_started
from digest_search.search import ask_for_indexes
from digest_theme.plugin import connect as connect_theme
from pelican import signals

from .generator import DigestGenerator, note_the_moment, wait_for_the_date
from .internals import check_pelican_version

BLOCKING = (LINK_OUTSIDE, NOT_A_FILE)


def refuse_unreadable_files(pelican):
    """Pelican opens every content file to stamp it for its cache, before any reader sees it:
    a named pipe would make the build wait forever, a link to a file outside the content
    folder would be read. Such files stop the build at once, named."""
    problems = [problem for problem in unsafe_paths(pelican.settings) if problem.message in BLOCKING]
    if problems:
        raise ContentProblems(problems)


def get_generators(pelican):
    return DigestGenerator


def connect():
    check_pelican_version()
    connect_content()
    connect_incremental()
    connect_theme()
    signals.initialized.connect(refuse_unreadable_files)
    signals.get_generators.connect(get_generators)
    signals.article_generator_init.connect(note_the_moment)
    signals.article_generator_context.connect(wait_for_the_date)
    writer_started.connect(ask_for_indexes)
