"""Reading many content files at once, one process per core.

On a first build (or after `make clean`) every item has to be parsed, validated and
rendered from Markdown: the longest part of such a build. The files are read ahead by
forked worker processes and handed to the reader, which reads any file they did not.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from conflict_digest.internals import cached_paths
from conflict_digest.internals import release_read_cache as release

log = logging.getLogger(__name__)

READ_AHEAD_FROM = 200  # fewer files than this are read sooner by the build's own process (a setting)
CHUNK = 64  # files a worker reads per round trip

_worker: dict = {}  # in a worker: the build's settings and how to read, inherited when forked


def _start(settings: dict, read) -> None:
    _worker.update(settings=settings, read=read)


def _read(paths: list[str]) -> list:
    return [_worker["read"](path, _worker["settings"]) for path in paths]


class ReadAhead:
    """Files being read by worker processes, handed out one by one as the reader asks for them.
    ``read(path, settings)`` reads one file, in a worker."""

    def __init__(self, read):
        self.read = read
        self._chunks: dict[str, tuple[Future, int]] = {}  # path -> (its chunk's future, place in it)
        self._failed = False

    def start(self, settings: dict, paths: list[str], processes: int) -> None:
        pool = ProcessPoolExecutor(processes, get_context("fork"), initializer=_start, initargs=(settings, self.read))
        for first in range(0, len(paths), CHUNK):
            chunk = paths[first : first + CHUNK]
            future = pool.submit(_read, chunk)
            self._chunks.update((path, (future, place)) for place, path in enumerate(chunk))
        pool.shutdown(wait=False)  # the workers stop once every chunk is read

    def take(self, path: str):
        """What ``read`` gave for ``path`` if it was read ahead (waiting for it if need be), else None."""
        future, place = self._chunks.pop(path, (None, 0))
        if future is None or self._failed:
            return None
        try:
            return future.result()[place]
        except (BrokenProcessPool, OSError) as error:
            # The reader reads what is missing itself, and reports the file that stopped a worker.
            log.warning("reading items in parallel stopped (%s); reading the rest one by one", error)
            self._failed = True
            return None


def read_ahead(generator) -> None:
    """Start reading, spread over the cores, the items Pelican's content cache does not hold:
    on a first build all of them, otherwise those it has never seen (an edited file is read
    by the reader itself). They are read in the order Pelican will ask for them."""
    reader = generator.readers.readers.get("md")
    processes = os.cpu_count() or 1
    if reader is None or processes < 2 or not hasattr(os, "fork"):
        return
    settings = generator.settings
    known = cached_paths(generator.readers)
    paths = [
        path
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        # As Pelican's reader will name it: the generator's path is absolute, and the names normal.
        if (path := os.path.join(generator.path, name)).endswith(".md") and path not in known
    ]
    if len(paths) >= settings.get("READ_AHEAD_FROM", READ_AHEAD_FROM):
        log.debug("reading %d items of %s ahead in %d processes", len(paths), generator.path, processes)
        reader.ahead.start(settings, paths, processes)


def release_read_cache(generator) -> None:
    """article_generator_finalized: Pelican's content cache is saved; its copy in memory goes."""
    release(generator.readers)
