"""The writers every page, feed and the sitemap go through.

``DigestWriter`` is the plain one: it renders and writes every page, as Pelican's writer
does, with the digest's stable pagination. It is what ``pelican content`` uses.

``IncrementalWriter`` is what ``tools/digest.py build`` uses (the ``DIGEST_MIRROR`` setting
names the mirror's folder): it writes into the mirror of the site kept in the cache and
skips a page whose fingerprint (what it shows, see ``fingerprints.py``) is the one the
manifest holds, as long as the page's file is the one written then. The mirror's folder is
keyed by everything a fingerprint does not cover (settings, code, packages; see ``key.py``).

Both give the same files for the same inputs, and both keep the list of pages they made,
with the date each page's content last changed, for the sitemap.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .fingerprints import Unknown, describe, hash_text, template_globals
from .pagination import StablePaginator
from .store import Mirror, make_folder, page_entry, read_entry, remove_empty_folders, stamp

# Sent with the writer and the build's context before the writer writes its first page, so
# that a set of files made from pages (``DigestWriter.write_files``) can be asked for before the
# pages are written, and made as soon as they are.
writer_started = signal("digest_writer_started")


@dataclass(eq=False, slots=True)
class FileSet:
    """A set of files made from written pages; see ``DigestWriter.write_files``."""

    folder: str
    make: Callable[[], dict[str, bytes]]
    pages: list[str]
    salt: str
    waiting: set[str]  # the pages not written yet
    key: str | None = None
    made: Future | None = None  # stays None when the set is kept as the last build left it


@dataclass(frozen=True, slots=True)
class WrittenPage:
    path: str  # relative to the output folder: "about/index.html"
    modified: datetime | None = None


def _replace_file(path: str, text: str | bytes | Iterable[str], folders: set[str]) -> None:
    """Write ``text`` (its pieces, in order; or bytes) to ``path`` through a new file, so that an output
    folder linked to the old one keeps it until it is synced. ``folders`` are those known to
    exist: each is made once. Line endings are written as ``text`` has them, on any system."""
    make_folder(os.path.dirname(path), folders)
    pieces = (text,) if isinstance(text, str | bytes) else text
    binary = isinstance(text, bytes)

    def write(target: str) -> None:
        with open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)

    if not os.path.exists(path):
        # Nothing links to it yet: written in place (a build stopped half way is started again).
        write(path)
        return
    temporary = f"{path}.writing"
    write(temporary)
    os.replace(temporary, path)


def _holds(path: str, data: bytes) -> bool:
    """Whether the file ``path`` holds ``data``: most files of a set made again are as they were
    (Pagefind names a page's fragment by what it holds), and are not written again."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _last_change(values: dict) -> datetime | None:
    content = values.get("article") or values.get("page")
    return getattr(content, "modified", None) or getattr(content, "date", None)


def static_outputs(context: dict, settings: dict) -> list[str]:
    """The files Pelican's static generator puts in the output folder: content's and the theme's."""
    names = [static.save_as for static in context.get("staticfiles", [])]
    for folder in settings["THEME_STATIC_PATHS"]:
        root = Path(settings["THEME"], folder)
        names += [
            os.path.join(settings["THEME_STATIC_DIR"], str(path.relative_to(root)))
            for path in root.rglob("*")
            if path.is_file()
        ]
    return names


class DigestWriter(Writer):
    """Renders and writes every page; see the module's description."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.pages: dict[str, WrittenPage] = {}  # every page made, written or left as it was
        self.written: set[str] = set()  # the pages rendered and written by this build
        self.context: dict = {}
        self.folders: set[str] = set()  # output folders known to exist
        self.template_reads: dict = {}  # template name -> the context variables it reads
        self.templates_parsed: dict = {}  # see template_globals
        self.started = False  # whether writer_started was sent
        self.background: ThreadPoolExecutor | None = None  # makes sets of files, one at a time
        self.file_sets: list[FileSet] = []  # asked for and not yet written
        self.awaited: dict[str, list[FileSet]] = {}  # page -> the sets waiting for it

    def write_text(self, name: str, render, shows: dict, maker: str, shared: dict | None = None) -> None:
        """Write what ``render()`` returns to ``name``: the text, or its pieces in order, for a
        file too big to hold whole. ``shows`` are the values the text is made from, ``maker``
        what makes it (a template, a feed format), ``shared`` the context variables it reads:
        all that a writer that skips what has not changed needs to know."""
        self._register(name, _last_change(shows))
        if not self.unchanged(name, maker, shows, shared or {}):
            _replace_file(sanitised_join(self.output_path, name), render(), self.folders)
            self.written.add(name)
        for files in self.awaited.pop(name, ()):
            files.waiting.discard(name)
            if not files.waiting:
                self._start(files)

    def _register(self, name: str, modified: datetime | None = None) -> None:
        if name in self.pages:
            raise RuntimeError(f"two pages would be written to {name}")
        self.pages[name] = WrittenPage(name, modified)

    def unchanged(self, name: str, maker: str, shows: dict, shared: dict) -> bool:
        return False

    def pages_key(self, names) -> str | None:
        """What the pages ``names`` show, as one key; None when that cannot be told (this writer
        does not keep fingerprints), so that what is made from them is always made again."""
        return None

    def write_files(self, folder: str, make, pages: list[str], salt: str = "") -> None:
        """Ask for the files ``make()`` returns, ``{name: bytes}`` under ``folder``, as one set
        made from the pages ``pages`` (and ``salt``, what else it depends on). ``make`` starts as
        soon as every one of the pages is written, in a thread, after the sets started before it,
        while the build writes other pages; ``finish_files`` waits for the sets and writes them.
        A writer that skips what has not changed keeps the last set made from the same pages,
        and a file of a set made again that holds what it held is left as it is. ``make``
        should wait for another process: Python code in the thread would wait for the build's own."""
        files = FileSet(folder, make, list(pages), salt, set(pages) - set(self.pages))
        self.file_sets.append(files)
        for page in files.waiting:
            self.awaited.setdefault(page, []).append(files)
        if not files.waiting:
            self._start(files)

    def _start(self, files: FileSet) -> None:
        key = self.pages_key(files.pages)
        files.key = key and f"{key}|{files.salt}"
        if files.key is not None and self.kept(files.folder, files.key):
            return
        if self.background is None:
            self.background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest-files")
        files.made = self.background.submit(files.make)

    def finish_files(self) -> None:
        """Wait for each set of files asked for (``write_files``) and write it."""
        sets, self.file_sets, self.awaited = self.file_sets, [], {}
        try:
            for files in sets:
                if files.waiting:
                    raise RuntimeError(f"{files.folder} waits for pages never written: {sorted(files.waiting)[:3]}")
                if files.made is not None:
                    self._write_set(files.folder, files.key, files.made.result())
        finally:
            if self.background is not None:
                self.background.shutdown(cancel_futures=True)
                self.background = None

    def _write_set(self, folder: str, key: str | None, files: dict[str, bytes]) -> None:
        for name, data in sorted(files.items()):
            path = folder + name
            self._register(path)
            self.record(path, folder, key)
            target = sanitised_join(self.output_path, path)
            if not _holds(target, data):
                _replace_file(target, data, self.folders)
                self.written.add(path)

    def kept(self, folder: str, key: str) -> bool:
        return False

    def kept_folder(self, name: str, parts: list[str]) -> str | None:
        """A folder kept from one build to the next, for what makes sets of files, holding
        only the subfolders ``parts``; None when nothing is kept (this writer keeps nothing)."""
        return None

    def record(self, name: str, folder: str, key: str | None) -> None:
        """Remember that ``name``, of the set under ``folder``, was made from ``key``."""

    def _page(self, template, context, name, values, relative_urls):
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            relative = path_to_url(get_relative_path(name))
            local["SITEURL"] = local["localsiteurl"] = relative
        local["output_file"] = name
        local.update(values)
        reads = template_globals(template.environment, template.name, self.template_reads, self.templates_parsed)
        # Only what the template reads: Pelican passes every list page all the items it
        # paginates, though the template shows only the page's own.
        shown = {key: value for key, value in values.items() if key in reads}
        shared = {
            variable: context[variable]
            for variable in reads
            if variable in context and variable not in values and context[variable] is not self.settings.get(variable)
        }
        self.write_text(name, lambda: template.render(local), shown, template.name, shared)
        if signals.content_written.receivers and name in self.written:
            signals.content_written.send(sanitised_join(self.output_path, name), context=local)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Pelican's ``Writer.write_file``, with the list pages cut by ``StablePaginator``."""
        if not name:
            return
        self.context = context
        if not self.started:
            self.started = True
            writer_started.send(self, context=context)
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in ("articles", "dates")}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._page(template, context, name, kwargs, relative_urls)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: StablePaginator(name, url, value, self.settings, per_page) for key, value in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).last + 1):
            values = dict(kwargs)
            if number > 1:
                # What only a list's first page shows: later pages must not depend on it.
                values.update(dict.fromkeys(self.settings.get("FIRST_PAGE_ONLY", ())))
            for key, paginator in paginators.items():
                page = paginator.page(number)
                values[f"{key}_paginator"] = paginator
                values[f"{key}_page"] = page
                values[f"{key}_previous_page"] = paginator.newer(page)
                values[f"{key}_next_page"] = paginator.older(page)
            self._page(template, context, page.save_as, values, relative_urls)


def _files_fingerprint(folder: str, key: str) -> str:
    """The fingerprint of each file of the set under ``folder`` made from ``key``."""
    return hash_text(f"files|{folder}|{key}")


class IncrementalWriter(DigestWriter):
    """Skips the pages whose fingerprint has not changed; see the module's description."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.mirror = Mirror(Path(settings["DIGEST_MIRROR"]))
        self.previous = self.mirror.manifest()
        self.templates_parsed = dict(self.previous["templates"])
        self.fingerprints: dict[str, str | None] = {}
        self.memo: dict = {}
        signals.finalized.connect(self.save_manifest)

    def fingerprint(self, maker: str, name: str, shows: dict, shared: dict) -> str | None:
        """What the page ``name`` made by ``maker`` shows, hashed; None when that cannot be told."""
        try:
            text = f"{maker}|{name}|{describe(shows, self.memo)}|{self._describe_shared(shared)}"
        except Unknown:
            return None
        return hash_text(text)

    def _describe_shared(self, shared: dict) -> str:
        """``describe(shared)``, once per set of context variables: thousands of pages read the
        same ones (the navigation's pages, the feeds), which live as long as the build."""
        key = ("shared", *((variable, id(value)) for variable, value in sorted(shared.items())))
        if key not in self.memo:
            self.memo[key] = (list(shared.values()), describe(shared, self.memo))
        return self.memo[key][1]

    def pages_key(self, names) -> str | None:
        fingerprints = [self.fingerprints.get(name) for name in names]
        return None if None in fingerprints else hash_text("\n".join(fingerprints))

    def kept(self, folder: str, key: str) -> bool:
        """Whether the last build made the files under ``folder`` from ``key`` and they are as it
        left them; if so, they are this build's too."""
        fingerprint = _files_fingerprint(folder, key)
        names = [name for name in self.previous["pages"] if name.startswith(folder)]
        if not all(self._as_left(name, fingerprint) for name in names):
            return False
        for name in names:
            self._register(name)
            self.fingerprints[name] = fingerprint
        return bool(names)

    def kept_folder(self, name: str, parts: list[str]) -> str | None:
        """In the mirror's folder: a build stopped half way starts it again (see ``Mirror.open``)."""
        folder = self.mirror.work / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in {entry.name for entry in folder.iterdir()} - set(parts):
            shutil.rmtree(folder / stale, ignore_errors=True)
        return str(folder)

    def record(self, name: str, folder: str, key: str | None) -> None:
        self.fingerprints[name] = None if key is None else _files_fingerprint(folder, key)

    def unchanged(self, name: str, maker: str, shows: dict, shared: dict) -> bool:
        fingerprint = self.fingerprint(maker, name, shows, shared)
        self.fingerprints[name] = fingerprint
        return fingerprint is not None and self._as_left(name, fingerprint)

    def _as_left(self, name: str, fingerprint: str) -> bool:
        """Whether the last build made ``name`` with ``fingerprint`` and its file is as it left it."""
        entry = self.previous["pages"].get(name)
        if entry is None:
            return False
        known, page_stamp = read_entry(entry)
        if known != fingerprint:
            return False
        try:
            return stamp(os.stat(os.path.join(self.output_path, name))) == page_stamp
        except OSError:
            return False

    def save_manifest(self, pelican=None) -> None:
        """At the end of a build: delete from the mirror what the last build made and this one
        did not, and record what this one made."""
        signals.finalized.disconnect(self.save_manifest)
        static = static_outputs(self.context, self.settings)
        stale = set(self.mirror.files(self.previous)) - {*self.pages, *static}
        for name in stale:
            Path(self.output_path, name).unlink(missing_ok=True)
        remove_empty_folders(Path(self.output_path), stale)
        pages = {}
        for name, fingerprint in self.fingerprints.items():
            status = os.stat(os.path.join(self.output_path, name))
            pages[name] = page_entry(fingerprint, stamp(status))
        digest = self.context.get("DIGEST")
        valid_until = getattr(digest, "valid_until", None)
        self.mirror.save(
            {"pages": pages, "static": static, "valid_until": valid_until, "templates": self.templates_parsed}
        )
