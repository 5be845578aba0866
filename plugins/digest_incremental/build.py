"""The incremental build, start to end: what ``make html`` and ``make publish`` run.

1. Work out the input key (``key.py``): the settings are resolved (which needs Pelican) only
   when what they read may have changed. Under the cache's lock, if the output folder holds,
   untouched, the site of that key, stop: nothing changed.
2. Build with Pelican into the mirror of this configuration (``store.Mirror``), through the
   incremental writer, which renders only the pages whose fingerprint changed.
3. Make the output folder hold exactly the mirror, and record it (``store.sync``).

A build that fails leaves the output folder as it was and reports why, one line per problem.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from . import key, store


class _ErrorLog(logging.Handler):
    """Keeps Pelican's error messages: any of them fails the build."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(load_settings, code_files, output: Path | None, record: Path) -> int:
    """Build and return an exit code. ``load_settings(overrides)`` gives the resolved settings;
    ``code_files`` are the settings files and scripts the build runs, besides theme and
    plugins; ``record`` is where what the settings resolved to is kept for this command."""
    started = time.perf_counter()
    known = store.read_json(record)
    if not key.settings_unchanged(known):
        # The settings may resolve otherwise: resolved, keyed and recorded again.
        packages = key.package_folders()
        with key.noting_the_environment() as environment:
            settings = load_settings()
        roots = [settings["THEME"], *settings["PLUGIN_PATHS"], *map(str, code_files)]
        code = key.hash_files(key.input_files(*roots))
        config = key.config_key(settings, code)
        known = key.settings_record(settings, environment, packages, roots, code, config)
        store.write_json(record, known)
    cache = Path(known["PATH"]).resolve().parent / "cache"
    final = Path(output or known["OUTPUT_PATH"]).resolve()
    refused = _unsafe_output(final, [Path(known["PATH"]), cache, *map(Path, code_files)])
    if refused:
        print(refused, file=sys.stderr)
        return 2
    with store.locked(cache):
        inputs = key.input_key(known["config"], key.hash_files(key.input_files(known["PATH"])))
        if store.is_up_to_date(cache, final, inputs, time.time()):
            print(f"nothing changed; {final} is up to date ({time.perf_counter() - started:.1f} s)")
            return 0
        mirror = store.Mirror(cache / known["config"]).open()
        failed = _run_pelican(load_settings, mirror, final)
        if failed is not None:
            return failed
        manifest, output_record = mirror.manifest(), store.output_record_path(cache, final)
        refused = _foreign_output(final, mirror.files(manifest), output_record)
        if refused:
            print(refused, file=sys.stderr)
            return 2
        put, removed = store.sync(mirror, final, output_record, inputs)
        pages = len(manifest["pages"])
        store.prune(cache)
    print(
        f"built {final} in {time.perf_counter() - started:.1f} s: {pages} pages, {put} files updated, {removed} removed"
    )
    return 0


def _unsafe_output(final: Path, kept: list[Path]) -> str | None:
    """Why the folder ``final`` cannot be the output folder, if it cannot: the build makes it
    hold the site and nothing else, so it must not hold the content, the cache, the settings
    or a git repository."""
    for path in kept:
        path = path.resolve()
        if path == final or final in path.parents:
            return f"{final} cannot be the output folder: it holds {path}, which the build would delete"
    if (final / ".git").exists():
        return f"{final} cannot be the output folder: it holds a git repository, which the build would delete"
    return None


def _foreign_output(final: Path, site: list[str], output_record: Path) -> str | None:
    """Why the build will not make ``final`` hold the site, if it will not: the folder holds
    files and the digest never built into it (no record of it, and none of the names at its top
    are the site's), as when ``--output`` names a folder of one's own documents."""
    if output_record.exists() or not final.is_dir():
        return None
    present = sorted(entry.name for entry in final.iterdir())
    if not present or {name.split("/")[0] for name in site} & set(present):
        return None
    shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
    return (
        f"{final} holds files the digest did not make ({shown}); a build makes its output folder hold the site "
        "and nothing else, so it would delete them: build into a new or empty folder, or empty this one"
    )


def _run_pelican(load_settings, mirror: store.Mirror, final: Path) -> int | None:
    """Build into ``mirror``; None when it succeeded, else the exit code, the failure reported."""
    from digest_content.problems import ContentProblems
    from jinja2 import FileSystemBytecodeCache
    from pelican import Pelican

    settings = load_settings(
        {
            "OUTPUT_PATH": str(mirror.site),
            "CACHE_PATH": str(mirror.folder),
            "DELETE_OUTPUT_DIRECTORY": False,
            "DIGEST_MIRROR": str(mirror.folder),
        }
    )
    # Each template compiled once for this configuration, not at every build; Jinja compiles a
    # template again when its source is not the one it compiled.
    bytecode = FileSystemBytecodeCache(str(mirror.templates))
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": bytecode}
    errors = _ErrorLog()
    pelican_log = logging.getLogger("pelican")
    pelican_log.addHandler(errors)
    # The curator reads the digest's own problem list; Pelican's warnings would only repeat it.
    pelican_log.setLevel(logging.DEBUG if os.environ.get("DIGEST_DEBUG") else logging.ERROR)
    try:
        Pelican(settings).run()
    except ContentProblems as failure:
        mirror.finish()  # stopped before writing anything: the mirror is as the last build left it
        return report(failure.problems, final)
    except Exception as error:  # noqa: BLE001 - every failure must reach the curator as a message
        if os.environ.get("DIGEST_DEBUG"):
            raise
        print(f"build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print("(run with DIGEST_DEBUG=1 for the details)", file=sys.stderr)
        return report([], final, code=2)
    finally:
        pelican_log.removeHandler(errors)
        pelican_log.setLevel(logging.NOTSET)
    if errors.messages:
        for message in errors.messages:
            print(f"error: {message}", file=sys.stderr)
        return report([], final)
    mirror.finish()
    return None


def report(problems, final: Path, code: int = 1) -> int:
    from digest_content.problems import count_line

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(count_line(problems), file=sys.stderr)
    print(f"The build failed; {final} was left as it was.", file=sys.stderr)
    return code
