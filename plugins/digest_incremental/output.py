"""Publishing the mirror to the output folder, and telling when nothing needs building.

The site is built into a mirror kept in the cache folder; only a successful build is
copied to the output folder, file by file, where something changed. A failed build
therefore never touches the output folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG

STATE = "state.json"
MANIFEST = "manifest.json"


def inputs_fingerprint(files: list, settings_text: str, known: dict) -> tuple[str, dict]:
    """Every input file by path and content, and the settings; with the files' hashes.
    What is not a regular file (a broken link, a pipe) is left out.

    ``known`` maps a path to [inode, size, mtime, sha1] from the last build: a file whose
    inode, size and mtime are the same is not read again.
    """
    digest = hashlib.sha1(settings_text.encode())
    hashes = {}
    for path in sorted(map(str, files)):
        entry = file_entry(path, known)
        if entry is None:
            continue
        hashes[path] = entry
        digest.update(f"{path}\0{entry[3]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest(), hashes


def file_entry(path: str, known: dict) -> list | None:
    """[inode, size, mtime, sha1] of the file at ``path``: the entry in ``known`` if its inode,
    size and mtime are the same, else read from the file. None for what is not a regular file
    (missing, a broken link, a pipe), which is never read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(status.st_mode):
        return None
    stamp = [status.st_ino, status.st_size, status.st_mtime_ns]
    entry = known.get(path)
    if entry is None or entry[:3] != stamp:
        with open(path, "rb") as handle:
            entry = [*stamp, hashlib.sha1(handle.read()).hexdigest()]
    return entry


def stable_repr(value) -> str:
    """repr without memory addresses, which change from one run to the next."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{key!r}:{stable_repr(member)}" for key, member in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        members = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return "[" + ",".join(stable_repr(member) for member in members) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def manifest_path(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / MANIFEST


def load_manifest(settings) -> dict:
    """{"pages": {output path: fingerprint or None}, "static": [output paths]} of the last build."""
    try:
        return json.loads(manifest_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"pages": {}, "static": []}


def input_files(*roots: Path) -> list[str]:
    """The files under ``roots``, Python's bytecode caches left out."""
    found = []
    for root in roots:
        for folder, folders, names in os.walk(root):
            folders[:] = [name for name in folders if name != "__pycache__"]
            found += (os.path.join(folder, name) for name in names)
    return found


@contextmanager
def locked(cache: Path):
    """One build at a time per cache folder: two at once would write the same mirror."""
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load_state(cache: Path) -> dict:
    try:
        return json.loads((cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_state(cache: Path, state: dict) -> None:
    (cache / STATE).write_text(json.dumps(state), encoding="utf-8")


def prune(cache: Path, keep: int = 4) -> None:
    """Delete the caches of other configurations (older settings or code) but the ``keep``
    most recently built, so that the cache folder does not grow with every change of code."""
    siblings = [folder for folder in cache.parent.iterdir() if folder.is_dir() and folder != cache]
    siblings.sort(key=lambda folder: (folder / STATE).stat().st_mtime if (folder / STATE).exists() else 0)
    for folder in siblings[: max(0, len(siblings) - (keep - 1))]:
        try:
            with open(folder / "build.lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # not while another build uses it
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def forget_state(cache: Path) -> None:
    """After a failed build the mirror may be half new: the next build starts it again."""
    for name in (STATE, MANIFEST):
        (cache / name).unlink(missing_ok=True)
    shutil.rmtree(mirror_of(cache), ignore_errors=True)


def mirror_of(cache: Path) -> Path:
    """The folder the site is built in. Without a manifest nothing in it can be trusted (it
    is gone after a failed build), so it is emptied and every page is rendered again."""
    mirror = cache / "site"
    if not (cache / MANIFEST).exists():
        shutil.rmtree(mirror, ignore_errors=True)
    return mirror


def _names(root: Path) -> list[str]:
    """Every file under ``root``, relative to it."""
    prefix = len(os.path.join(root, ""))
    return [os.path.join(folder, name)[prefix:] for folder, _, names in os.walk(root) for name in names]


def _same(source: str, destination: str, have: os.stat_result | None) -> bool:
    """Whether the destination (``have`` is its stat, None if it is missing) holds the source's bytes."""
    if have is None:
        return False
    stat = os.stat(source)
    if have.st_size != stat.st_size:
        return False
    if have.st_ino == stat.st_ino or have.st_mtime_ns == stat.st_mtime_ns:
        return True
    # Rewritten with the same bytes (a theme file copied again) is unchanged too.
    return filecmp.cmp(source, destination, shallow=False)


def make_folder_of(path: str, folders: set) -> None:
    """Make the folder ``path`` goes in, unless it is one of ``folders``, those known to exist
    (one build's or one copy's): each is made once."""
    folder = os.path.dirname(path)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)


def put_file(source: str, destination: str, link: bool, folders: set) -> None:
    """Put ``source`` at ``destination``; a reader never sees half a file. Pages are hard-linked:
    the writer replaces a page with a new file rather than rewriting it, so the link never
    changes under the reader. Other files are copied, through a temporary name.
    ``folders`` are the folders known to exist (see ``make_folder_of``)."""
    make_folder_of(destination, folders)
    if link:
        try:
            os.link(source, destination)  # a new name for a whole file: nothing half-written to see
            return
        except FileExistsError:
            pass
        except OSError:
            link = False  # another filesystem: copy instead
    temporary = destination + ".copying"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    if link:
        os.link(source, temporary)
    else:
        shutil.copy2(source, temporary)
    os.replace(temporary, destination)


def _stat(path: str) -> os.stat_result | None:
    """The stat of ``path``, or None if there is nothing there to stat."""
    try:
        return os.stat(path)
    except OSError:
        return None


def sync_changes(source: Path, target: Path, pages, others, removed) -> tuple[int, int]:
    """Put the files the build says changed (``pages`` it wrote, ``others`` it may have) into
    ``target`` and delete those it removed; return how many were put and removed."""
    put, folders = 0, set()
    for relative, link in [*((page, True) for page in pages), *((other, False) for other in others)]:
        origin, destination = os.path.join(source, relative), os.path.join(target, relative)
        if not _same(origin, destination, _stat(destination)):
            put_file(origin, destination, link, folders)
            put += 1
    for relative in removed:
        (target / relative).unlink(missing_ok=True)
        parent = (target / relative).parent
        while parent != target and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return put, len(removed)


def sync_tree(source: Path, target: Path, pages) -> tuple[int, int]:
    """Make ``target`` hold exactly the files of ``source``; return (put, removed).

    ``pages`` are the files the writer made, which may be hard-linked (see ``put_file``).
    """
    present = {name: os.stat(os.path.join(target, name)) for name in _names(target)} if target.exists() else {}
    pages, folders = set(pages), set()
    put = 0
    for relative in _names(source):
        origin, destination = os.path.join(source, relative), os.path.join(target, relative)
        if not _same(origin, destination, present.pop(relative, None)):
            put_file(origin, destination, relative in pages, folders)
            put += 1
    for relative in present:  # what is left is not in the source
        os.unlink(os.path.join(target, relative))
    if present:
        remove_empty_folders(target)
    return put, len(present)


def remove_empty_folders(root: Path) -> None:
    for directory, _, _ in os.walk(root, topdown=False):
        if Path(directory) != root and not os.listdir(directory):
            os.rmdir(directory)
