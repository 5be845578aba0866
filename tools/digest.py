#!/usr/bin/env python3
"""The curator's command line: build, check, serve, and start a new item.

    python tools/digest.py build [--settings publishconf.py] [--output output]
    python tools/digest.py check
    python tools/digest.py new --title "..." --source "Reuters"
    python tools/digest.py serve [--port 8000]
    python tools/digest.py schema

A build writes into a mirror of the site in the cache folder and copies what changed to
the output folder only when it succeeded, so a failed build leaves the last good site
exactly as it was. Pages whose inputs did not change are neither rendered nor written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from digest_incremental import api as incremental  # noqa: E402

if TYPE_CHECKING:
    from digest_content.problems import Problem

log = logging.getLogger("digest")


class _ErrorLog(logging.Handler):
    """Keeps Pelican's error messages: any of them fails the build."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def load_settings(settings_file: str, overrides: dict | None = None, content: str | None = None) -> dict:
    """Pelican settings, with PATH pointing at ``content`` when given."""
    from pelican.settings import read_settings

    os.chdir(ROOT)
    overrides = dict(overrides or {})
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    return read_settings(str(ROOT / settings_file), override=overrides)


def _cache_key(settings: dict) -> str:
    """Cached reads depend on the settings and on the reader's code as well as on the file."""
    digest = hashlib.sha256()
    for name in (
        "TIMEZONE",
        "DEFAULT_LANG",
        "SLUG_REGEX_SUBSTITUTIONS",
        "PATH",
        "PAGE_PATHS",
        "ARTICLE_PATHS",
        "SITEURL",
    ):
        digest.update(repr((name, settings.get(name))).encode())
    for source in sorted((ROOT / "plugins" / "digest_content").glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def build(settings_file: str, output: str | None = None, content: str | None = None) -> int:
    """Build the site into the mirror in the cache, then copy what changed to the output folder.

    Returns an exit code. The output folder is touched only after a successful build.
    """
    started = time.perf_counter()
    settings = load_settings(settings_file, content=content)
    cache = _cache_folder(settings)
    with incremental.locked(cache):
        return _build(settings_file, settings, cache, Path(output or settings["OUTPUT_PATH"]).resolve(), started)


def _build(settings_file: str, settings: dict, cache: Path, final: Path, started: float) -> int:
    from digest_content.problems import ContentProblems
    from pelican import Pelican

    mirror = incremental.mirror_of(cache)
    state = incremental.load_state(cache)
    inputs, files = _inputs(settings, settings_file, state.get("files", {}))
    if (
        final.is_dir()
        and state.get("inputs") == inputs
        and state.get("output") == str(final)
        and time.time() < state.get("valid_until", float("inf"))
    ):
        print(f"nothing changed; {final} is up to date ({time.perf_counter() - started:.1f} s)")
        return 0
    settings = load_settings(
        settings_file,
        {"OUTPUT_PATH": str(mirror), "CACHE_PATH": str(cache), "DELETE_OUTPUT_DIRECTORY": False},
        settings["PATH"],
    )
    errors = _ErrorLog()
    pelican_log = logging.getLogger("pelican")
    pelican_log.addHandler(errors)
    # The curator reads the digest's own problem list; Pelican's warnings would only repeat it.
    pelican_log.setLevel(logging.DEBUG if os.environ.get("DIGEST_DEBUG") else logging.ERROR)
    try:
        Pelican(settings).run()
    except ContentProblems as failure:
        return _report(failure.problems, final)
    except Exception as error:  # noqa: BLE001 - every failure must reach the curator as a message
        incremental.forget_state(cache)
        if os.environ.get("DIGEST_DEBUG"):
            raise
        print(f"build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print("(run with DIGEST_DEBUG=1 for the details)", file=sys.stderr)
        return _report([], final, code=2)
    finally:
        pelican_log.removeHandler(errors)
    if errors.messages:
        incremental.forget_state(cache)
        for message in errors.messages:
            print(f"error: {message}", file=sys.stderr)
        return _report([], final)
    manifest = incremental.load_manifest(settings)
    if final.is_dir() and state.get("output") == str(final):
        copied, removed = incremental.sync_changes(
            mirror, final, manifest["rendered"], manifest["static"], manifest["removed"]
        )
    else:
        copied, removed = incremental.sync_tree(mirror, final, manifest["pages"])
    incremental.save_state(
        cache,
        {
            "inputs": inputs,
            "files": files,
            "output": str(final),
            "valid_until": manifest.get("valid_until", float("inf")),
        },
    )
    incremental.prune(cache)
    print(
        f"built {final} in {time.perf_counter() - started:.1f} s: "
        f"{len(manifest['rendered'])} of {len(manifest['pages'])} pages rendered, "
        f"{copied} files updated, {removed} removed"
    )
    return 0


def _cache_folder(settings: dict) -> Path:
    """The content cache, the mirror and the manifest of one content folder with one configuration."""
    return Path(settings["PATH"]).resolve().parent / "cache" / _cache_key(settings)


def _inputs(settings: dict, settings_file: str, known_files: dict) -> tuple[str, dict]:
    """Everything a build reads: content, theme, plugins, settings files and resolved settings.
    ``known_files`` holds the files' hashes from the last build (see inputs_fingerprint)."""
    folders = [settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"]]
    files = incremental.input_files(*(ROOT / folder for folder in folders))
    files += [ROOT / "pelicanconf.py", ROOT / settings_file, Path(__file__)]
    return incremental.inputs_fingerprint(files, incremental.stable_repr(settings), known_files)


def _report(problems, final: Path, code: int = 1) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    files = len({problem.path for problem in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {files} file(s).", file=sys.stderr)
    print(f"The build failed; {final} was left as it was.", file=sys.stderr)
    return code


def check(settings_file: str, content: str | None = None) -> list[Problem]:
    """Validate every item, page and sources.yaml without building."""
    from digest_content import items as content_items
    from digest_content.checks import cross_checks, held_back, page_checks, stray_files, unsafe_paths
    from digest_content.sources import load_registry

    settings = load_settings(settings_file, content=content)
    root = settings["PATH"]
    zone = ZoneInfo(settings["TIMEZONE"])
    registry, problems = load_registry(root)
    records, pages = [], []
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    for folder in folders:
        for path in sorted(Path(root, folder).rglob("*.md")):
            if path.name.startswith(".") or path.is_dir():
                continue
            record = content_items.read(str(path), root, settings, zone)
            problems += record.problems
            (pages if content_items.is_page(str(path), root, settings) else records).append(record)
    problems += cross_checks(records, registry, lambda record: content_items.article_save_as(record, settings))
    problems += page_checks(pages, settings)
    problems += stray_files(root, folders)
    problems += unsafe_paths(root)
    for note in held_back(records, dt.datetime.now(dt.UTC)):
        log.warning("%s", note)
    return sorted(set(problems))


def new_item(settings_file: str, title: str, source: str, url: str, content: str | None = None) -> Path:
    """Write a new item with today's date and the required fields; return its path."""
    from digest_content.items import slug_for

    settings = load_settings(settings_file, content=content)
    now = dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).replace(microsecond=0)
    slug = slug_for(title, settings) or "item"
    folder = Path(settings["PATH"], settings["ARTICLE_PATHS"][0], f"{now:%Y}", f"{now:%m}")
    path = folder / f"{now:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    # A JSON string is a valid YAML double-quoted string, whatever quotes or colons it holds.
    path.write_text(
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {now.isoformat()}\n"
        "summary: >-\n"
        "  In your own words, at most 600 characters: what happened, who says so.\n"
        "source:\n"
        f"  name: {json.dumps(source, ensure_ascii=False)}\n"
        f"  url: {json.dumps(url, ensure_ascii=False)}\n"
        "tags: []\n"
        "countries: []\n"
        "status: draft\n"
        "---\n",
        encoding="utf-8",
    )
    return path


def serve(settings_file: str, port: int) -> None:
    """Build, serve the output folder on localhost, and rebuild whenever a file changes."""
    import functools
    import http.server
    import threading

    from watchfiles import watch

    settings = load_settings(settings_file)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    build(settings_file)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {output} at http://127.0.0.1:{port}/ ; rebuilding on change, Ctrl-C to stop")
    watched = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / settings_file]
    try:
        for _ in watch(*watched):
            build(settings_file)
    except KeyboardInterrupt:
        server.shutdown()


def write_schemas(folder: Path) -> None:
    import json

    from digest_content.schema import json_schemas

    folder.mkdir(exist_ok=True)
    for name, schema in json_schemas().items():
        (folder / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    common.add_argument("--content", help="content folder (default: PATH from the settings)")
    parser = argparse.ArgumentParser(prog="digest", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", parents=[common], help="build the site")
    build_parser.add_argument("--output", help="output folder (default: OUTPUT_PATH)")
    commands.add_parser("check", parents=[common], help="validate the content without building")
    new_parser = commands.add_parser("new", parents=[common], help="start a new item from the template")
    new_parser.add_argument("--title", required=True)
    new_parser.add_argument("--source", required=True, help="a name from content/sources.yaml")
    new_parser.add_argument("--url", default="https://example.org/replace-with-the-story-url")
    serve_parser = commands.add_parser(
        "serve", parents=[common], help="build, serve on localhost and rebuild on change"
    )
    serve_parser.add_argument("--port", type=int, default=8000)
    schema_parser = commands.add_parser("schema", parents=[common], help="write the JSON Schemas for editors")
    schema_parser.add_argument("--folder", default=str(ROOT / "schema"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    if args.command == "build":
        return build(args.settings, args.output, args.content)
    if args.command == "check":
        problems = check(args.settings, args.content)
        for problem in problems:
            print(problem, file=sys.stderr)
        files = len({problem.path for problem in problems})
        print(f"{len(problems)} problem(s) in {files} file(s)." if problems else "content OK", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "new":
        try:
            path = new_item(args.settings, args.title, args.source, args.url, args.content)
        except FileExistsError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"created {os.path.relpath(path)} (status: draft; set status: published when ready)")
        return 0
    if args.command == "serve":
        serve(args.settings, args.port)
        return 0
    write_schemas(Path(args.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
