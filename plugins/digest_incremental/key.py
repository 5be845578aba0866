"""The input key: everything that can change what a build writes, reduced to two hashes.

The configuration key covers what every page depends on: the settings as resolved (values
read from the environment, such as ``SITEURL``, included), the locale, the code that builds the site
(theme, plugins, settings files, the build command), the installed version of every
distribution in the environment and the Python version. It names the folder in the cache
that holds Pelican's content cache and the mirror of the site built with that configuration,
so nothing made with another configuration is ever reused.

The input key adds every content file, by the SHA-1 of its bytes: every file is read on
every build (a few hundredths of a second at 10,000 items), so an edit that keeps the size
and the modification time is seen like any other.
"""

from __future__ import annotations

import contextlib
import hashlib
import locale
import os
import sys
from collections.abc import MutableMapping
from stat import S_ISREG


def input_files(*roots) -> list[str]:
    """The files under ``roots`` (or the roots themselves, when files), bytecode caches left out."""
    found = []
    for root in map(str, roots):
        if os.path.isfile(root):
            found.append(root)
            continue
        for folder, folders, names in os.walk(root):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            found += (os.path.join(folder, name) for name in names)
    return sorted(found)


def hash_files(paths) -> dict[str, str]:
    """The SHA-1 of each regular file's bytes; what is not a regular file (a pipe, a broken
    link) is left out, never opened: the content checks report it."""
    hashes = {}
    for path in paths:
        try:
            if not S_ISREG(os.stat(path).st_mode):
                continue
            with open(path, "rb") as handle:
                hashes[path] = hashlib.sha1(handle.read()).hexdigest()
        except OSError:
            continue  # unreadable: the reader reports it, and the key still changes when it is fixed
    return hashes


def distributions() -> list[str]:
    """``name==version`` of every distribution installed where the build runs."""
    from importlib import metadata  # not needed, nor imported, by a build with nothing to do

    found = {(dist.metadata["Name"] or "").lower(): dist.version for dist in metadata.distributions()}
    return sorted(f"{name}=={version}" for name, version in found.items())


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


def _digest(*parts: str) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _files_text(hashes: dict[str, str]) -> str:
    return "\n".join(f"{path}\t{sha}" for path, sha in sorted(hashes.items()))


def config_key(settings: dict, code_hashes: dict[str, str]) -> str:
    """What every page depends on; see the module's description. ``code_hashes`` are those of
    the code files (``hash_files``)."""
    resolved = stable_repr({name: value for name, value in settings.items() if name.isupper()})
    where = locale.setlocale(locale.LC_ALL)  # as Pelican set it from the environment
    return _digest(resolved, _files_text(code_hashes), "\n".join(distributions()), sys.version, where)[:16]


def package_folders() -> list[list]:
    """Each folder Python imports from, with its modification time: installing, upgrading or
    removing a distribution adds or removes an entry in its folder, which changes the time."""
    stamps = []
    for folder in sys.path:
        with contextlib.suppress(OSError):
            stamps.append([folder, os.stat(folder or ".").st_mtime_ns])
    return stamps


class ReadEnvironment(MutableMapping):
    """``os.environ`` as settings files see it while they are read, noting each variable read."""

    def __init__(self, environment):
        self.environment, self.read = environment, {}

    def __getitem__(self, name):
        self.read[name] = self.environment.get(name)
        return self.environment[name]

    def __contains__(self, name):
        self.read[name] = self.environment.get(name)
        return name in self.environment

    def __setitem__(self, name, value):
        self.environment[name] = value

    def __delitem__(self, name):
        del self.environment[name]

    def __iter__(self):
        return iter(self.environment)

    def __len__(self):
        return len(self.environment)

    def copy(self):
        return {name: self[name] for name in self.environment}


@contextlib.contextmanager
def noting_the_environment():
    """Within: ``os.environ`` notes what is read (yielded as a dict: name -> value or None)."""
    # Swapped, not cleared: os.getenv and the settings files read os.environ at call time.
    environment, os.environ = os.environ, ReadEnvironment(os.environ)  # noqa: B003
    try:
        yield os.environ.read
    finally:
        os.environ = environment  # noqa: B003


# Pelican sets the locale from these (month names in dates depend on it); Python's os.environ
# is not asked, so they are recorded whatever the settings files read.
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_TIME", "LC_CTYPE", "LC_MESSAGES")


def settings_record(
    settings: dict, environment: dict, packages: list, code_roots: list[str], code_hashes: dict, config: str
) -> dict:
    """What resolving the settings read and gave, so that a build can tell, without Pelican,
    that they would resolve the same (see ``settings_unchanged``). ``packages`` are the
    ``package_folders()`` before the settings were read (a settings file may add to them)."""
    return {
        "environment": {**{name: os.environ.get(name) for name in LOCALE_VARIABLES}, **environment},
        "python": sys.version,
        "packages": packages,
        "code_roots": code_roots,
        "code": code_hashes,
        "config": config,
        "PATH": str(settings["PATH"]),
        "OUTPUT_PATH": str(settings["OUTPUT_PATH"]),
    }


def settings_unchanged(record) -> bool:
    """Whether the settings would resolve as they did when ``record`` was made: the same
    variables of the environment, Python, installed packages, settings files and code. A record
    that is not one (cut short, or of another form) is not."""
    try:
        return (
            all(os.environ.get(name) == value for name, value in record["environment"].items())
            and record["python"] == sys.version
            and record["packages"] == package_folders()
            and hash_files(input_files(*record["code_roots"])) == record["code"]
            and all(isinstance(record[name], str) for name in ("config", "PATH", "OUTPUT_PATH"))
        )
    except (KeyError, TypeError, AttributeError):
        return False


def input_key(config: str, content_hashes: dict[str, str]) -> str:
    """The configuration and every content file: the same key, the same site."""
    return _digest(config, _files_text(content_hashes))
