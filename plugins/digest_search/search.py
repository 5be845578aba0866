"""Search: the /search/ page, and Pagefind's index of the item pages, built with the site.

Pagefind reads the item pages as they were written: what it indexes is marked in the item
template (``data-pagefind-body`` on the item; its sources, countries and tags as filters). Its
index and its scripts are files of the site, under ``pagefind/``, so a search loads nothing
from elsewhere; only the search page loads them.

The index is made again only when an item page changed: its files are one set, kept while
the item pages show what they showed (``DigestWriter.write_files``). The same pages give the
same files (``stable_index.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .stable_index import stable

FOLDER = "pagefind/"
SEARCH_URL = "search/"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_pages(site: str, pages: list[str], language: str) -> dict[str, bytes]:
    """Pagefind's files for the item ``pages`` (paths in the folder ``site``), by name. Items in
    every language go into one index, in the site's ``language``: Pagefind would otherwise make
    an index a language, and a search would look in the search page's own only."""
    with tempfile.TemporaryDirectory(prefix="digest-search-") as work:
        # Only the item pages, linked into a folder of their own: Pagefind reads nothing else.
        pages_folder = Path(work, "site")
        for page in pages:
            target = pages_folder / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(os.path.join(site, page), target)
            except OSError:  # another file system
                shutil.copyfile(os.path.join(site, page), target)
        output = Path(work, "index")
        run = subprocess.run(
            [
                *(sys.executable, "-m", "pagefind", "--site", str(pages_folder), "--output-path", str(output)),
                *("--force-language", language.split("-")[0], "--silent"),
            ],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the items: {run.stderr.strip() or run.stdout.strip()}")
        files = {path.relative_to(output).as_posix(): path.read_bytes() for path in output.rglob("*") if path.is_file()}
        return stable(files)


def write_search(writer, digest, context, get_template, settings) -> None:
    """The search page, then the index of every published item's page."""
    writer.write_file(
        SEARCH_URL + "index.html",
        get_template("search"),
        context,
        relative_urls=settings["RELATIVE_URLS"],
        url=SEARCH_URL,
    )
    pages = [item.save_as for item in digest.items]
    language = settings["DEFAULT_LANG"]
    writer.write_files(FOLDER, writer.pages_key(pages), lambda: index_pages(writer.output_path, pages, language))
