"""Search: the /search/ page, and Pagefind's index of the item pages, built with the site.

Pagefind reads the item pages as they were written: what it indexes is marked in the item
template (``data-pagefind-body`` on the item; its sources, countries and tags as filters). Its
index and its scripts are files of the site, under ``pagefind/``, so a search loads nothing
from elsewhere; only the search page loads them.

There is an index a year, ``pagefind/<year>/``, which the search page merges into one search:
an item added or edited makes its own year's index again, not all of them, and each index is
made while the others are kept (``DigestWriter.write_files``). The indexes are made by a
worker process, one after another, each as soon as its year's item pages are written, while
the build writes the other pages. The newest year's
folder also holds Pagefind's interface, which the search page loads. The same pages give the
same files (``stable_index.py``).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .stable_index import UnknownPagefind, stable

FOLDER = "pagefind/"
SEARCH_URL = "search/"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_pages(site: str, pages: list[str], language: str, interface: bool, kept: str | None) -> dict[str, bytes]:
    """Pagefind's files for the item ``pages`` (paths in the folder ``site``), by name, with its
    interface's files or without them. ``kept`` is a folder where the pages are linked for
    Pagefind, kept for the next index of the same year; None for a temporary one. The files are
    made by a worker process (this module run on its own), so that a build can write other
    pages meanwhile: it only waits for the worker."""
    request = {"site": site, "pages": pages, "language": language, "interface": interface, "kept": kept}
    request["pagefind"] = _pagefind()
    plugins = str(Path(__file__).resolve().parent.parent)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [plugins, os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, "-S", "-m", "digest_search.search"],
        input=json.dumps(request).encode(),
        capture_output=True,
        env=environment,
    )
    if run.returncode != 0:
        raise SearchIndexError(run.stderr.decode(errors="replace").strip())
    return pickle.loads(run.stdout)  # noqa: S301 - written by the worker just run


def _index(
    site: str, pages: list[str], language: str, interface: bool, kept: str | None, pagefind: str
) -> dict[str, bytes]:
    """``index_pages``, in the worker. Items in every language go into one index, in the site's
    ``language``: Pagefind would otherwise make an index a language, and a search would look in
    the search page's own only."""
    with (
        tempfile.TemporaryDirectory(prefix="digest-search-") as work,
        tempfile.TemporaryDirectory(prefix="digest-search-", dir=_memory_folder(len(pages))) as made,
    ):
        pages_folder = kept or os.path.join(work, "site")
        link_pages(site, pages, pages_folder)
        output = Path(made, "index")
        try:
            run = subprocess.run(
                [
                    *(pagefind, "--site", pages_folder, "--output-path", str(output)),
                    *("--force-language", language.split("-")[0], "--silent"),
                ],
                capture_output=True,
                text=True,
            )
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not be run: {error}") from error
        if run.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the items: {run.stderr.strip() or run.stdout.strip()}")
        files = {path.relative_to(output).as_posix(): path for path in output.rglob("*") if path.is_file()}
        return stable({name: path.read_bytes() for name, path in files.items() if interface or name not in INTERFACE})


# Room asked of the memory folder for each page indexed: Pagefind writes about 6 KB a page here.
ROOM_PER_PAGE = 32 * 1024


def _memory_folder(pages: int) -> str | None:
    """A folder in memory (``/dev/shm``) for Pagefind's files when it has room for them, else
    None (the system's temporary folder). The files are read back at once and deleted: on a disk
    file system (ext4), creating and deleting a year's 800 files made every file the build
    created after them slower to create (the kernel looks past recently deleted inodes)."""
    folder = "/dev/shm"  # noqa: S108 - a private folder is made in it, removed after use
    try:
        room = os.statvfs(folder)
    except OSError:
        return None
    enough = room.f_bavail * room.f_frsize >= ROOM_PER_PAGE * pages + 8 * 2**20
    return folder if enough and os.access(folder, os.W_OK | os.X_OK) else None


def link_pages(site: str, pages: list[str], folder: str) -> None:
    """Make ``folder`` hold the ``pages`` of ``site`` and nothing else, each a hard link to the
    page (a copy on another file system), for Pagefind, which reads nothing else. What the
    folder already holds right is left as it is: a page the build has not written again since
    is the same file. Whatever a stopped build left in the folder, it is put right here."""
    wanted = set(pages)
    for root, _, names in os.walk(folder, topdown=False):
        for name in names:
            path = os.path.join(root, name)
            if os.path.relpath(path, folder).replace(os.sep, "/") not in wanted:
                os.unlink(path)
        if root != folder and not os.listdir(root):
            os.rmdir(root)
    for page in pages:
        source, target = os.path.join(site, page), os.path.join(folder, page)
        try:
            if os.path.samefile(source, target):
                continue
        except OSError:  # not linked yet
            pass
        os.makedirs(os.path.dirname(target), exist_ok=True)
        linking = target + ".linking"
        try:
            os.link(source, linking)
        except OSError:  # another file system
            shutil.copyfile(source, linking)
        os.replace(linking, target)


def _pagefind() -> str:
    """Pagefind's binary, as the ``pagefind`` package finds it (``pagefind_bin``, or the
    ``PAGEFIND_BINARY_PATH`` environment variable): run directly, not through a Python process."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("Pagefind's binary is not installed: pip install -r requirements.txt")
    return str(binary)


# Pagefind's interface, kept in the newest year's folder only: the search page loads it there.
INTERFACE = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-highlight.js",
    }
)


def pages_by_year(items) -> dict[str, list[str]]:
    """The item pages of each year, newest year first (``items`` are newest first)."""
    years: dict[str, list[str]] = {}
    for item in items:
        years.setdefault(f"{item.date:%Y}", []).append(item.save_as)
    return years


def write_search(writer, context, get_template, settings) -> None:
    """Write the search page."""
    folders = [f"{FOLDER}{year}/" for year in pages_by_year(context["DIGEST"].items)]
    writer.write_file(
        SEARCH_URL + "index.html",
        get_template("search"),
        context,
        relative_urls=settings["RELATIVE_URLS"],
        url=SEARCH_URL,
        search_folders=folders,
    )


def ask_for_indexes(writer, context) -> None:
    """Ask ``writer`` for each year's index of the published items' pages, made as soon as the
    year's pages are written (newest year first, as Pelican writes them), while the build
    writes the others. Connected to ``writer_started``."""
    years = pages_by_year(context["DIGEST"].items)
    language, kept = writer.settings["DEFAULT_LANG"], writer.kept_folder("search", list(years))
    for number, (year, pages) in enumerate(years.items()):
        interface = number == 0  # the newest year's folder holds the interface the search page loads
        linked = kept and os.path.join(kept, year)
        writer.write_files(
            f"{FOLDER}{year}/",
            lambda pages=pages, interface=interface, linked=linked: index_pages(
                writer.output_path, pages, language, interface, linked
            ),
            pages,
            salt=str(interface),
        )


if __name__ == "__main__":
    # The worker of ``index_pages``: the request as JSON on stdin, the files pickled on stdout.
    try:
        made = _index(**json.load(sys.stdin))
    except (SearchIndexError, UnknownPagefind) as error:
        sys.exit(str(error))
    sys.stdout.buffer.write(pickle.dumps(made))
