"""The stamps Pelican's content caches key each file by: the SHA-1 of its bytes.

Pelican hashes every content file four times per build (two caches, each looked up and
written), reading each file again every time. The build already keeps, from one build to the
next, the SHA-1 of every input file with its inode, size and modification time (see
``inputs_fingerprint``): a file whose inode, size and time are unchanged is not read at all.
What is not a regular file gets no stamp and is never read here (a named pipe would block the
build); the reader reports it.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import ArticlesGenerator

from .output import file_entry, load_state


class FileStamps:
    """A stamp function for Pelican's caches (``_filestamp_func``), shared by a generator and
    its readers. ``known`` maps a path to [inode, size, mtime, sha1], from the last build."""

    def __init__(self, known: dict):
        self.known = known

    def __call__(self, filename: str) -> str:
        entry = file_entry(filename, self.known)
        if entry is None:
            return ""
        self.known[filename] = entry
        return entry[3]


def stamp_files(generator) -> None:
    """generator_init handler: the generator and its readers stamp files with FileStamps. The
    articles' generator, with thousands of files, starts from the last build's hashes."""
    items = isinstance(generator, ArticlesGenerator)
    stamps = FileStamps(load_state(Path(generator.settings["CACHE_PATH"])).get("files", {}) if items else {})
    for cacher in (generator, getattr(generator, "readers", None)):
        if getattr(cacher, "_filestamp_func", None) is not None:
            cacher._filestamp_func = stamps


def forget_read_cache(generator) -> None:
    """Pelican keeps its content cache in memory after saving it, though nothing reads it again
    in the build: a copy of every item's metadata, let go of here, with the files' stamps."""
    for cacher in (generator, generator.readers):
        if isinstance(getattr(cacher, "_filestamp_func", None), FileStamps):
            cacher._filestamp_func.known = {}
    cache = getattr(generator.readers, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()
