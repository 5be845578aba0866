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
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from digest_incremental import store  # noqa: E402
from digest_incremental.build import build_site  # noqa: E402

if TYPE_CHECKING:
    from digest_content.problems import Problem

log = logging.getLogger("digest")


class SettingsError(Exception):
    """The settings cannot be read: a missing settings file or content folder."""


def load_settings(settings_file: str, overrides: dict | None = None, content: str | None = None) -> dict:
    """Pelican settings, with PATH pointing at ``content`` when given."""
    from pelican.settings import read_settings

    os.chdir(ROOT)
    overrides = dict(overrides or {})
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if not (ROOT / settings_file).is_file():
        raise SettingsError(f"{settings_file} is not a settings file")
    try:
        return read_settings(str(ROOT / settings_file), override=overrides)
    except ValueError as error:
        raise SettingsError(
            f"{error} (the content folder is {overrides.get('PATH', 'PATH in ' + settings_file)})"
        ) from None


def build(settings_file: str, output: str | None = None, content: str | None = None) -> int:
    """Build the site (see plugins/digest_incremental/build.py); return an exit code."""
    code = [ROOT / "pelicanconf.py", ROOT / settings_file, Path(__file__).resolve()]
    # What the settings resolve to is kept per command, beside the content's cache.
    command = json.dumps([str(ROOT / settings_file), content and str(Path(content).resolve())])
    folder = Path(content).resolve().parent if content else ROOT
    record = store.settings_record_path(folder / "cache", command)
    try:
        return build_site(
            lambda overrides=None: load_settings(settings_file, overrides, content),
            code,
            output and Path(output),
            record,
        )
    except SettingsError as error:
        print(f"settings: {error}", file=sys.stderr)
        return 2


def check(settings_file: str, content: str | None = None) -> list[Problem]:
    """Validate every item, page and sources.yaml without building: the same model as the build."""
    from conflict_digest.model import check_content

    digest = check_content(load_settings(settings_file, content=content), dt.datetime.now(dt.UTC))
    for note in digest.held_back:
        log.warning("%s", note)
    return list(digest.problems)


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
