"""Where an incremental build keeps its work, and how the output folder is made to match it.

The cache folder (``cache/`` beside the content folder) holds:

- ``build.lock``: one build at a time, whatever its configuration or output folder;
- one folder per configuration key (see ``key.py``): Pelican's content cache, the mirror
  (``site/``, the site as this configuration builds it), the mirror's manifest (the
  fingerprint, inode and change time of every page in it) and the items' addresses at the
  last build (``addresses.py``: an item that moves is said). A build marks the folder while
  it runs: one that stops half way (an error, ``kill -9``) leaves the mark, and the next
  build starts the folder again;
- ``settings/``: for each build command (settings file and content folder), what its
  settings resolved to (see ``key.settings_record``);
- ``outputs/``: for each output folder, the input key of the site put there and the inode,
  size and change time of every file in it. It is deleted before the output folder is
  touched and written once the folder holds exactly the mirror.

Pages reach the output folder as hard links to the mirror, so an edit made by hand in the
output folder also changes the mirror's page. The change time (ctime), which no program can
set back, tells: such a page is rendered again and put back.

A build with nothing to do is one whose input key is the output record's and whose output
folder still holds exactly the recorded files, unchanged.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import hashlib
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

MANIFEST = "manifest.json"
BUILDING = "building"
MIRROR = "site"
TEMPLATES = "templates"
WORK = "work"
OUTPUTS = "outputs"
SETTINGS = "settings"


def write_json(path: Path, data) -> None:
    """Write ``data`` to ``path`` through a temporary name of its own: a reader sees the old
    file or the new, and two writers do not share a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".writing", delete=False) as out:
        out.write(json.dumps(data, sort_keys=True, allow_nan=False))
    os.replace(out.name, path)


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextmanager
def locked(cache: Path):
    """Hold the cache's lock for the whole build; wait, saying so, while another build holds it."""
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "build.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another build of this site is running; waiting for it to finish", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file is written, replaced or edited in place."""
    return [status.st_ino, status.st_size, status.st_ctime_ns]


def page_entry(fingerprint: str | None, page_stamp: list[int]) -> str:
    """A page in the manifest, as one string (a list would take twice the memory, for each of
    tens of thousands of pages): its fingerprint ("-" when it has none) and its ``stamp``."""
    return " ".join([fingerprint or "-", *map(str, page_stamp)])


def read_entry(entry: str) -> tuple[str | None, list[int]]:
    """(fingerprint or None, stamp) of a ``page_entry``."""
    fingerprint, *page_stamp = entry.split(" ")
    return (None if fingerprint == "-" else fingerprint), [int(part) for part in page_stamp]


def scan(root: Path) -> dict[str, list[int]]:
    """Every file under ``root`` (a link counts as a file), by its path relative to it, with its
    ``stamp``; and every empty folder, by its path and a "/"."""
    found = {}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            empty = True
            for entry in entries:
                empty = False
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found[prefix + entry.name] = stamp(entry.stat(follow_symlinks=False))
        if empty and prefix:
            found[prefix] = stamp(os.lstat(folder))
    return found


def remove_empty_folders(root: Path, names) -> None:
    """Remove the folders of ``names`` (paths relative to ``root`` whose files are gone) that are
    now empty, and their parents that are then empty, up to ``root``."""
    for name in sorted(names, key=lambda name: -name.count("/")):
        folder = os.path.dirname(os.path.join(root, name))
        while folder != str(root) and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


class Mirror:
    """One configuration's folder: Pelican's content cache, the templates as Jinja compiled
    them, the site as this configuration builds it, the manifest of the pages in it, and what
    the writer keeps to make sets of files (``work``)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.site = folder / MIRROR
        self.templates = folder / TEMPLATES
        self.work = folder / WORK
        self.manifest_path = folder / MANIFEST
        self.marker = folder / BUILDING

    def open(self) -> Mirror:
        """Start from what the last build of this configuration left, if it finished: a build
        stopped half way (an error, ``kill -9``) may have left any file in the folder half
        written, Pelican's content cache included, so the folder is started again."""
        if self.marker.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        if not self.manifest_path.exists():
            shutil.rmtree(self.site, ignore_errors=True)
        self.site.mkdir(parents=True, exist_ok=True)
        self.templates.mkdir(exist_ok=True)
        self.marker.touch()
        return self

    def finish(self) -> None:
        """The build ended as it should (its site is whole, or it stopped before writing any)."""
        self.marker.unlink(missing_ok=True)

    def manifest(self) -> dict:
        """What the mirror holds, as the last build left it: {"pages": {path: page_entry},
        "static": [path], "valid_until": time or None, "templates": what parsing the templates
        found (see ``fingerprints.template_globals``)}."""
        manifest = read_json(self.manifest_path)
        if not isinstance(manifest, dict) or not {"pages", "static", "valid_until"} <= set(manifest):
            return {"pages": {}, "static": [], "valid_until": None, "templates": {}}
        return {"templates": {}, **manifest}

    def save(self, manifest: dict) -> None:
        write_json(self.manifest_path, manifest)

    @staticmethod
    def files(manifest: dict) -> list[str]:
        return [*manifest["pages"], *manifest["static"]]


def settings_record_path(cache: Path, command: str) -> Path:
    return cache / SETTINGS / f"{hashlib.sha1(command.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"


def output_record_path(cache: Path, output: Path) -> Path:
    name = hashlib.sha1(str(output.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache / OUTPUTS / f"{name}.json"


def is_up_to_date(cache: Path, output: Path, key: str, now: float) -> bool:
    """Whether ``output`` holds, untouched, the site of the input key ``key``."""
    record = read_json(output_record_path(cache, output))
    if not isinstance(record, dict) or record.get("key") != key or "files" not in record:
        return False
    if record.get("valid_until") is not None and now >= record["valid_until"]:
        return False  # a held-back item is due
    return output.is_dir() and scan(output) == record["files"]


def _same(source: str, destination: str, have: list[int] | None, page: list[int] | None) -> bool:
    """Whether the destination (its ``stamp``, None when missing) is the source. ``page`` is the
    source's stamp when it is a page of the mirror's manifest: a page is the same only as a link
    to the mirror's file (linking it again costs less than comparing it at every build). Other
    files are copies, the same when they hold the same bytes."""
    if have is None:
        return False
    if page is not None:
        return have[0] == page[0]
    status = os.stat(source)
    return have[1] == status.st_size and filecmp.cmp(source, destination, shallow=False)


def _put(source: str, destination: str, link: bool, exists: bool, folders: set[str]) -> None:
    """Put ``source`` at ``destination``; a reader never sees half a file. Pages are hard-linked
    (the writer replaces a page rather than rewriting it); other files, which Pelican may rewrite
    in place, are copied. What replaces a file goes through a temporary name. ``folders`` are
    the folders known to exist: each is made once."""
    make_folder(os.path.dirname(destination), folders)
    if os.path.isdir(destination) and not os.path.islink(destination):
        shutil.rmtree(destination)  # a folder made by hand where the site has a file
        exists = False
    if link and not exists:
        with contextlib.suppress(OSError):
            os.link(source, destination)  # a whole file, in one step
            return
    temporary = destination + ".copying"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    try:
        if not link:
            raise OSError
        os.link(source, temporary)
    except OSError:
        shutil.copy2(source, temporary)
    os.replace(temporary, destination)


def make_folder(folder: str, folders: set[str]) -> None:
    """Make ``folder`` and its parents, unless it is one of ``folders``, those known to exist
    (each is made once per build or sync); a file made by hand where the site has a folder goes."""
    if folder in folders:
        return
    folders.add(folder)
    try:
        os.makedirs(folder, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parent = folder
        while parent and not os.path.isdir(parent):
            if os.path.lexists(parent):
                os.unlink(parent)
                break
            parent = os.path.dirname(parent)
        os.makedirs(folder, exist_ok=True)


def sync(mirror: Mirror, output: Path, record: Path, key: str) -> tuple[int, int]:
    """Make ``output`` hold exactly the mirror's files, then record it; return (put, removed).
    The record is deleted first: a sync that is stopped half way is done again by the next build."""
    record.unlink(missing_ok=True)
    manifest = mirror.manifest()
    output.mkdir(parents=True, exist_ok=True)
    present = scan(output)
    # What the mirror does not have goes first (leftovers of a stopped sync among it).
    extra = [name for name in present if name not in manifest["pages"] and name not in manifest["static"]]
    for relative in extra:
        del present[relative]
        path = os.path.join(output, relative)
        if relative.endswith("/"):
            with contextlib.suppress(OSError):
                os.rmdir(path)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
    remove_empty_folders(output, [name.rstrip("/") for name in extra])
    files, linked, put, folders = {}, [], 0, set()
    for relative in mirror.files(manifest):
        origin, destination = os.path.join(mirror.site, relative), os.path.join(output, relative)
        have = present.pop(relative, None)
        entry = manifest["pages"].get(relative)
        page_stamp = read_entry(entry)[1] if entry is not None else None
        if not _same(origin, destination, have, page_stamp):
            _put(origin, destination, entry is not None, have is not None, folders)
            put += 1
            have = stamp(os.stat(destination))
            if entry is not None:
                linked.append(relative)
        files[relative] = have
    # A new link changes the change time of the mirror's page too.
    for relative in linked:
        fingerprint = read_entry(manifest["pages"][relative])[0]
        manifest["pages"][relative] = page_entry(fingerprint, stamp(os.stat(os.path.join(mirror.site, relative))))
    mirror.save(manifest)
    write_json(record, {"key": key, "files": files, "valid_until": manifest["valid_until"]})
    return put, len(extra)


def prune(cache: Path, keep: int = 4) -> None:
    """Delete the folders of all but the ``keep`` configurations built most recently, so that
    the cache does not grow with every change of code or settings."""
    folders = [folder for folder in cache.iterdir() if folder.is_dir() and folder.name not in (OUTPUTS, SETTINGS)]
    folders.sort(key=lambda folder: (folder / MANIFEST).stat().st_mtime if (folder / MANIFEST).exists() else 0)
    for folder in folders[: max(0, len(folders) - keep)]:
        (folder / BUILDING).touch()  # half deleted, it is started again if it is ever used
        shutil.rmtree(folder, ignore_errors=True)
