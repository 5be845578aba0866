"""The input key: everything that can change what a build writes, reduced to two hashes.

The configuration key covers what every page depends on: the settings as resolved (values
read from the environment, such as ``SITEURL``, included), the code that builds the site
(theme, plugins, settings files, the build command), the installed version of every
distribution in the environment and the Python version. It names the folder in the cache
that holds Pelican's content cache and the mirror of the site built with that configuration,
so nothing made with another configuration is ever reused.

The input key adds every content file, by the SHA-1 of its bytes: every file is read on
every build (a few hundredths of a second at 10,000 items), so an edit that keeps the size
and the modification time is seen like any other.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
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


def config_key(settings: dict, code_files) -> str:
    """What every page depends on; see the module's description."""
    resolved = stable_repr({name: value for name, value in settings.items() if name.isupper()})
    return _digest(resolved, _files_text(hash_files(code_files)), "\n".join(distributions()), sys.version)[:16]


def input_key(config: str, content_hashes: dict[str, str]) -> str:
    """The configuration and every content file: the same key, the same site."""
    return _digest(config, _files_text(content_hashes))
