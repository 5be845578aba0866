"""Every detail of Pelican that the digest relies on and that Pelican does not document.

Each is written for the Pelican version below and has a test of its own in
``tests/test_pelican_internals.py``. The plugin checks the version when it registers: with
another Pelican the build stops, rather than building a wrong site, until each detail here
has been checked against it and ``PELICAN_VERSION`` updated.
"""

from __future__ import annotations

import os
from functools import partial

import pelican

PELICAN_VERSION = "4.12"


def check_pelican_version(version: str = pelican.__version__) -> None:
    if version.split(".")[:2] != PELICAN_VERSION.split("."):
        raise RuntimeError(
            f"the digest's plugins were written for Pelican {PELICAN_VERSION}, and this is Pelican {version}: "
            f"check each detail in plugins/conflict_digest/internals.py against it (tests/test_pelican_internals.py), "
            f"then update PELICAN_VERSION, or install pelican=={PELICAN_VERSION}.* (requirements.txt)"
        )


def cached_paths(readers) -> set[str]:
    """The files Pelican's content cache holds (``Readers._cache``, keyed by absolute path):
    those need not be read ahead."""
    return set(getattr(readers, "_cache", None) or ())


def release_read_cache(readers) -> None:
    """Pelican keeps its content cache in memory once saved, though nothing reads it again in
    the build: a second copy of every item, let go of here."""
    cache = getattr(readers, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def keep_urls(content) -> None:
    """Work out a content's ``url`` and ``save_as`` once. Pelican formats them from the settings
    at every read, and every list, feed and neighbour link reads them; the date and slug they
    depend on do not change once read. ``Content.get_url_setting`` answers with an
    ``override_url`` or ``override_save_as`` attribute when there is one (it is how Pelican
    applies ``url:`` and ``save_as:`` metadata)."""
    content.override_url = content.url
    content.override_save_as = content.save_as


def keep_relative_path(content) -> None:
    """content_object_init: Pelican works out a content's path relative to the content folder
    when the content is made (``relative_source_path``), then again, with two ``abspath`` and a
    ``relpath``, each time it formats its ``url`` or ``save_as``. The kept one is answered instead."""
    content.get_relative_source_path = partial(_relative_path, content.relative_source_path, content)


def _relative_path(kept: str, content, source_path=None):
    return kept if not source_path else type(content).get_relative_source_path(content, source_path)


def stamp_each_file_once(generator) -> None:
    """article_generator_init, page_generator_init: Pelican works out a content file's stamp
    (with ``CHECK_MODIFIED_METHOD = "sha256"``, the hash of the whole file) three times a build:
    the generator's cache (``CachingGenerator``, empty when the reader keeps the cache) asks for
    it before and after reading the file, the reader's cache once more. The generator and its
    readers are given one ``FileStampDataCacher._filestamp_func`` here, which reads a file once
    a build and answers with the same stamp after."""
    stamps: dict[str, object] = {}
    for cacher in (generator, generator.readers):
        stamp_of = getattr(cacher, "_filestamp_func", None)
        if stamp_of is not None:
            cacher._filestamp_func = partial(_stamp_once, stamps, stamp_of)


def _stamp_once(stamps: dict, stamp_of, path: str):
    key = os.path.normpath(path)  # the generator's can read "content/./one.md"
    if key not in stamps:
        stamps[key] = stamp_of(path)
    return stamps[key]


def run_each_build_within(pelican, hold) -> None:
    """initialized: Pelican's ``run`` (called once by ``pelican content``, once per change by its
    autoreload) made to run within ``hold()``, a context manager, whether it ends or fails:
    Pelican sends no signal when a run fails."""
    run = pelican.run

    def held_run(*arguments, **options):
        with hold():
            return run(*arguments, **options)

    pelican.run = held_run
