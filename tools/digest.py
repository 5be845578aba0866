#!/usr/bin/env python3
"""The curator's command line: build, check, serve, and start a new item.

    python tools/digest.py build [--settings publishconf.py] [--output output]
    python tools/digest.py check
    python tools/digest.py new --title "..." --source "Reuters"
    python tools/digest.py import --file saved.html [--url https://...] [--source "..."]
    python tools/digest.py serve [--port 8000]
    python tools/digest.py week [--week 2016-W49]
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
        settings = read_settings(str(ROOT / settings_file), override=overrides)
    except ValueError as error:
        raise SettingsError(
            f"{error} (the content folder is {overrides.get('PATH', 'PATH in ' + settings_file)})"
        ) from None
    except SystemExit as refusal:  # a settings file's own refusal (publishconf.py without SITEURL)
        if isinstance(refusal.code, str):
            raise SettingsError(refusal.code) from None
        raise
    except SyntaxError as error:  # a line of a settings file is not Python
        raise SettingsError(
            f"{os.path.relpath(error.filename or settings_file, ROOT)}:{error.lineno}: {error.msg}; this line of the "
            "settings file is not valid Python: compare it with the lines around it"
        ) from None
    except Exception as error:
        raise _settings_file_failed(error, settings_file) from None
    _check_timezone(settings)
    return settings


def settings_paths(settings_file: str) -> set[Path]:
    """The settings files a command reads: ``settings_file`` and pelicanconf.py, which the
    others import."""
    return {(ROOT / name).resolve() for name in ("pelicanconf.py", settings_file)}


def _settings_file_failed(error: Exception, settings_file: str) -> Exception:
    """A SettingsError naming the line of a settings file where ``error`` arose, as when a
    setting names what is not defined; ``error`` itself if it did not arise in one."""
    import traceback

    read = settings_paths(settings_file)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename).resolve() in read]
    if not frames:
        return error
    where = f"{os.path.relpath(frames[-1].filename, ROOT)}:{frames[-1].lineno}"
    return SettingsError(f"{where}: {type(error).__name__}: {error}; check this line of the settings file")


def _check_timezone(settings: dict) -> None:
    """TIMEZONE must name a time zone (an IANA name such as Europe/Kyiv): items are dated in it."""
    import zoneinfo

    zone = settings.get("TIMEZONE")
    try:
        ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        import difflib

        close = difflib.get_close_matches(str(zone), zoneinfo.available_timezones(), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use an IANA name such as Europe/Kyiv or UTC"
        raise SettingsError(f"TIMEZONE = {zone!r} is not the name of a time zone; {hint}") from None


def build(settings_file: str, output: str | None = None, content: str | None = None, given: dict | None = None) -> int:
    """Build the site (see plugins/digest_incremental/build.py); return an exit code. ``given``
    are settings that override the settings file's (the preview server's feed address)."""
    code = [*sorted(settings_paths(settings_file)), Path(__file__).resolve()]
    # What the settings resolve to is kept per command, beside the content's cache.
    command = json.dumps([str(ROOT / settings_file), content and str(Path(content).resolve()), given], sort_keys=True)
    folder = Path(content).resolve().parent if content else ROOT
    record = store.settings_record_path(folder / "cache", command)
    try:
        return build_site(
            lambda overrides=None: load_settings(settings_file, {**(given or {}), **(overrides or {})}, content),
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


def new_item(settings_file: str, title: str, source: str, url: str | None, content: str | None = None) -> Path:
    """Write a new draft item with today's date; return its path (see digest_content/drafts.py).
    An unknown source, or a story already in the digest, is refused before anything is written."""
    from digest_content.drafts import Draft, write_draft
    from digest_content.importing import clean_url
    from digest_content.sources import load_registry

    settings = load_settings(settings_file, content=content)
    registry, _ = load_registry(settings["PATH"])
    url = url and clean_url(url)
    refuse_a_known_story(settings, url)
    known = registry.require(source, url)
    return write_draft(Draft(title=title, source=known.name, url=url), settings, _now(settings))


def refuse_a_known_story(settings, url: str | None) -> None:
    """Raise ImportProblem when an item of the digest already links to the story at ``url``."""
    from conflict_digest.model import find_story
    from digest_content.importing import ImportProblem

    if url and (other := find_story(settings, url)):
        raise ImportProblem(f"this story is already in the digest: {other}: source.url; update that item")


def _now(settings) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).replace(microsecond=0)


def import_item(
    settings_file: str,
    file: str | None,
    url: str | None,
    source: str | None,
    content: str | None = None,
    title: str | None = None,
) -> tuple[Path, list[str]]:
    """Write a draft item from a saved page or text (``file``), or from the page at ``url``
    (fetched only when no file is given; else the address of a page that does not state its
    own); return its path and what was found, line by line. ``title`` is the item's title,
    instead of the page's headline (a channel's post may start with the channel's name).
    A story already in the digest, or a page whose source is unsure, is refused (ImportProblem)."""
    import dataclasses

    from digest_content import importing
    from digest_content.drafts import write_draft
    from digest_content.sources import load_registry

    if file:
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise importing.ImportProblem(f"{file}: {error.strerror}") from None
    elif url:
        raw = importing.fetch(url)
    else:
        raise importing.ImportProblem("say what to import: FILE=saved.html, FILE=notes.txt or URL=https://...")
    if importing.looks_like_html(raw):
        page = importing.read_html(raw, url)
    else:
        try:
            page = importing.read_text(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise importing.ImportProblem(f"{file} is neither an HTML page nor UTF-8 text") from None
    page.url = page.url or url  # the page's own canonical address first
    if not page.headline and not page.lines:
        raise importing.ImportProblem(f"{file or url} holds no article: is it the story's page?")
    settings = load_settings(settings_file, content=content)
    refuse_a_known_story(settings, page.url)
    registry, _ = load_registry(settings["PATH"])
    draft, found = importing.to_draft(page, registry, source)
    if title and title.strip():
        draft = dataclasses.replace(draft, title=" ".join(title.split()))
    path = write_draft(draft, settings, _now(settings))
    shown = {
        "source": f"{draft.source} (by {found.how})",
        "address": draft.url or "not found: FILL IN source.url",
        "headline": draft.headline,
        "published": draft.published and draft.published.isoformat(),
        "byline": draft.byline,
        "via": ", ".join(f"{name} ({role})" for name, role in draft.via),
        "quote": draft.quote,
        "language": draft.lang,
    }
    return path, [f"  {name}: {value}" for name, value in shown.items() if value]


def serve(
    settings_file: str, port: int, output: str | None = None, content: str | None = None, drafts: bool = False
) -> None:
    """Build, serve the output folder on localhost, and rebuild whenever a file changes. The
    feeds' addresses are those of this server, port included. Each build runs in a process of
    its own, so that a change to the plugins' code is built with the new code."""
    import functools
    import http.server
    import queue
    import subprocess
    import threading

    from watchfiles import watch

    settings = load_settings(settings_file, content=content)
    folder = Path(output or settings["OUTPUT_PATH"]).resolve()
    command = [sys.executable, __file__, "build", "--settings", settings_file, "--output", str(folder)]
    command += [*(["--content", content] if content else []), "--feed-domain", f"http://127.0.0.1:{port}"]
    command += ["--drafts"] if drafts else []
    # The port is taken before the build: a port in use is said before the output folder changes.
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise ServeError(
            f"port {port} cannot be used ({error.strerror}); serve on another: PORT={port + 1} make serve"
        ) from None
    subprocess.run(command)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {folder} at http://127.0.0.1:{port}/ ; rebuilding on change, Ctrl-C to stop", flush=True)
    # The settings files are watched through their folder: an editor saves a file by putting a
    # new one in its place, which a watch of the file itself stops seeing after the first time.
    settings_files = settings_paths(settings_file)
    changed = queue.Queue()

    def follow(paths, **options) -> None:
        for _ in watch(*paths, **options):
            changed.put(None)

    for paths, options in (
        ([settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"]], {}),
        ({path.parent for path in settings_files}, {"recursive": False, "watch_filter": _one_of(settings_files)}),
    ):
        threading.Thread(target=follow, args=(paths,), kwargs=options, daemon=True).start()
    try:
        while True:
            changed.get()
            while not changed.empty():  # changes seen together, built once
                changed.get_nowait()
            subprocess.run(command)
    except KeyboardInterrupt:
        server.shutdown()


def _one_of(paths: set[Path]):
    """A watch filter that keeps the changes to ``paths``."""
    return lambda change, path: Path(path).resolve() in paths


class ServeError(Exception):
    """The preview server cannot start; the message says why and what to do."""


def draft_settings(settings_file: str, content: str | None) -> dict:
    """Settings that write drafts at the address they will have once published (Pelican's
    DRAFT_URL and DRAFT_SAVE_AS): a preview, refused for a site with a public address."""
    settings = load_settings(settings_file, content=content)
    if (settings.get("SITEURL") or "").startswith(("http://", "https://")):
        raise SettingsError(
            f"{settings_file} builds the public site (SITEURL={settings['SITEURL']}); drafts are only previewed"
        )
    return {
        "DRAFT_URL": settings["ARTICLE_URL"],
        "DRAFT_SAVE_AS": settings["ARTICLE_SAVE_AS"],
        "DRAFT_LANG_URL": settings["ARTICLE_LANG_URL"],
        "DRAFT_LANG_SAVE_AS": settings["ARTICLE_LANG_SAVE_AS"],
    }


def linkcheck(settings_file: str, content: str | None, timeout: float, at_once: int) -> int:
    """Ask for every published item's original and archived copy; report the dead ones."""
    from conflict_digest.model import check_content
    from digest_content.links import dead_originals, links_of

    digest = check_content(load_settings(settings_file, content=content), dt.datetime.now(dt.UTC))
    dead = dead_originals(digest.items, timeout, at_once)
    for problem in dead:
        print(problem)
    print(f"{len(dead)} of {len(links_of(digest.items))} links need a look.", file=sys.stderr)
    return 1 if dead else 0


def week(settings_file: str, name: str | None, content: str | None) -> int:
    """Print a week's edition as Markdown (see digest_weeks/newsletter.py); the content must be
    valid, as for a build."""
    from urllib.parse import urlsplit

    from conflict_digest.model import check_content
    from digest_content.problems import count_line
    from digest_feeds.feeds import site_root
    from digest_weeks.newsletter import NoEdition, newsletter

    settings = load_settings(settings_file, content=content)
    now = dt.datetime.now(dt.UTC)
    digest = check_content(settings, now)
    if digest.problems:
        for problem in digest.problems:
            print(problem, file=sys.stderr)
        print(
            f"{count_line(digest.problems)} Fix them first: an item with a problem is in no edition.", file=sys.stderr
        )
        return 1
    try:
        print(newsletter(digest, name, settings, now), end="")
    except NoEdition as error:
        print(f"make week: {error}", file=sys.stderr)
        return 1
    root = site_root(settings)
    if urlsplit(root).hostname in ("127.0.0.1", "localhost"):
        print(
            f"make week: the links lead to {root}/, the preview on this computer; for a newsletter, give the "
            "site's public address: SITEURL=https://... make week",
            file=sys.stderr,
        )
    return 0


class PublishError(Exception):
    """``make github`` cannot publish: said in one line."""


def github(settings_file: str, output: str, remote: str, branch: str, cname: str | None, content: str | None) -> int:
    """Build the site for its public address, commit it to ``branch`` with ghp-import and push
    it to ``remote``. Refused before anything is built, in one line each: no git repository or
    remote, a branch that is not one or that holds the digest's sources (its files would be
    replaced by the site's), a custom domain that is not SITEURL's whole address, or a custom
    domain given without CNAME (GitHub Pages would drop it). A working tree with changes not
    committed is said: the site is built from them."""
    import subprocess

    from ghp_import import GhpError, ghp_import

    try:
        settings = load_settings(settings_file, content=content)
    except SettingsError as error:
        raise PublishError(f"settings: {error}") from None
    siteurl = settings["SITEURL"]
    _check_domain(siteurl, cname)

    def git(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *arguments], capture_output=True, text=True)

    if git("rev-parse", "--git-dir").returncode != 0:
        raise PublishError(
            f"{os.getcwd()} is not in a git repository: make github publishes through git (git init, then add a remote)"
        )
    named = not any(mark in remote for mark in "/:@")
    if named and git("remote", "get-url", remote).returncode != 0:
        raise PublishError(
            f"this repository has no git remote '{remote}'; add it (git remote add {remote} <address>) "
            "or name another with GITHUB_REMOTE=..."
        )
    if git("check-ref-format", "--branch", branch).returncode != 0:
        raise PublishError(f"'{branch}' is not a valid branch name; name another with GITHUB_PAGES_BRANCH=...")
    checked_out = git("symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    sources = [
        ref for ref in (branch, f"{remote}/{branch}") if git("cat-file", "-e", f"{ref}:pelicanconf.py").returncode == 0
    ]
    if branch == checked_out or sources:
        raise PublishError(
            f"the {branch} branch holds the digest's sources (pelicanconf.py); publishing replaces a branch's files "
            "with the site: name another with GITHUB_PAGES_BRANCH=... (gh-pages by default)"
        )
    # Changes to what git tracks, and content files it does not track yet (a new item).
    added = git("ls-files", "--others", "--exclude-standard", "--", settings["PATH"])
    changed = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    changed = changed or (added.returncode == 0 and added.stdout.strip())
    if siteurl.startswith("http://"):
        print(
            f"make github: SITEURL={siteurl} is not https://: once GitHub Pages serves the domain over https "
            "(Enforce HTTPS), browsers refuse the site's http:// stylesheets and search; publish with https:// then",
            file=sys.stderr,
        )
    if changed:
        print("make github: the working tree has changes not committed; the site is built from them", file=sys.stderr)
    code = build(settings_file, output, content)
    if code:
        return code
    source = git("rev-parse", "--short", "HEAD").stdout.strip()
    message = (
        f"Publish the digest from {source}" + (" with changes not committed" if changed else "")
        if source
        else "Publish the digest"
    )
    try:
        ghp_import(output, mesg=message, branch=branch, nojekyll=True, cname=cname, push=False)
    except GhpError as error:
        raise PublishError(f"committing {output} to the {branch} branch failed: {error}") from None
    pushed = subprocess.run(["git", "push", "--force", remote, branch], capture_output=True, text=True)
    if pushed.returncode != 0:
        said = [line for line in pushed.stderr.splitlines() if line.strip()]
        raise PublishError(f"pushing {branch} to {remote} failed: {said[0] if said else 'git push failed'}")
    print(f"published {output} to the {branch} branch of {remote}")
    return 0


def _check_domain(siteurl: str, cname: str | None) -> None:
    """A custom domain (CNAME) is a host name, SITEURL's, served from its root: GitHub Pages serves
    it at https://<domain>/. A SITEURL at the root of a custom domain needs it, or publishing
    drops it; one with a path is a project site under the owner's domain, which needs none."""
    from urllib.parse import urlsplit

    address = urlsplit(siteurl)
    if cname is None:
        at_root = not address.path.strip("/")
        if address.hostname and not address.hostname.endswith(".github.io") and at_root:
            raise PublishError(
                f"SITEURL={siteurl} is on a custom domain: give it as CNAME too, or GitHub Pages drops the domain, "
                f"e.g. SITEURL={siteurl} CNAME={address.hostname} make github"
            )
        return
    domain = cname.strip().lower()
    if domain.endswith(".github.io"):
        raise PublishError(
            f"CNAME={cname} is GitHub's own address, not a custom domain: leave CNAME out, e.g. "
            f"SITEURL=https://{domain} make github"
        )
    if "/" in domain or ":" in domain:
        raise PublishError(f"CNAME={cname} is not a host name: give the domain alone, e.g. CNAME=digest.example.org")
    if domain != address.hostname:
        raise PublishError(
            f"CNAME={cname} is not the host of SITEURL={siteurl}; give the custom domain to both, "
            f"e.g. SITEURL=https://{domain} CNAME={domain} make github"
        )
    if address.path.strip("/") or address.port:
        raise PublishError(
            f"SITEURL={siteurl} has a path or a port, but a custom domain is served from its root: "
            f"SITEURL=https://{domain} CNAME={domain} make github"
        )


def write_schemas(folder: Path) -> None:

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
    build_parser.add_argument("--feed-domain", help="the address feeds start with (default: FEED_DOMAIN)")
    build_parser.add_argument("--drafts", action="store_true", help="preview drafts at their address (never published)")
    commands.add_parser("check", parents=[common], help="validate the content without building")
    new_parser = commands.add_parser("new", parents=[common], help="start a new item from the template")
    new_parser.add_argument("--title", required=True)
    new_parser.add_argument("--source", required=True, help="a name from content/sources.yaml")
    new_parser.add_argument("--url", help="the story's address (default: a placeholder to fill in)")
    import_parser = commands.add_parser(
        "import", parents=[common], help="start a draft item from a saved page, copied text or an address"
    )
    import_parser.add_argument("--file", help="a page saved from a browser (.html) or text copied from one")
    import_parser.add_argument("--url", help="the story's address: fetched when no --file is given")
    import_parser.add_argument("--source", help="the source, a name from content/sources.yaml (default: found)")
    import_parser.add_argument("--title", help="the item's title (default: the page's headline)")
    serve_parser = commands.add_parser(
        "serve", parents=[common], help="build, serve on localhost and rebuild on change"
    )
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--output", help="output folder (default: OUTPUT_PATH)")
    serve_parser.add_argument("--drafts", action="store_true", help="preview drafts at their address")
    links_parser = commands.add_parser(
        "linkcheck", parents=[common], help="report published items whose original is gone and not archived"
    )
    links_parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer")
    links_parser.add_argument("--at-once", type=int, default=4, help="how many addresses are asked at once")
    github_parser = commands.add_parser(
        "github", parents=[common], help="build for the public address and push it to a gh-pages branch"
    )
    github_parser.add_argument("--output", default="output", help="output folder")
    github_parser.add_argument("--remote", default="origin")
    github_parser.add_argument("--branch", default="gh-pages")
    github_parser.add_argument("--cname", help="custom domain, written to CNAME; must be SITEURL's host")
    github_parser.add_argument("--drafts", action="store_true", help=argparse.SUPPRESS)  # refused: never published
    week_parser = commands.add_parser("week", parents=[common], help="print a week's edition as Markdown")
    week_parser.add_argument("--week", help="the ISO week, e.g. 2016-W49 (default: the last complete week)")
    schema_parser = commands.add_parser("schema", parents=[common], help="write the JSON Schemas for editors")
    schema_parser.add_argument("--folder", default=str(ROOT / "schema"))
    args = parser.parse_args(argv)
    # Paths on the command line are the curator's, from where the command was given.
    for name in ("content", "output", "folder", "file"):
        if getattr(args, name, None):
            setattr(args, name, str(Path(getattr(args, name)).resolve()))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    if args.command == "build":
        given = {"FEED_DOMAIN": args.feed_domain} if args.feed_domain else {}
        if args.drafts:
            try:
                given.update(draft_settings(args.settings, args.content))
            except SettingsError as error:
                print(f"drafts: {error}", file=sys.stderr)
                return 2
        return build(args.settings, args.output, args.content, given or None)
    if args.command == "check":
        from digest_content.problems import count_line

        problems = check(args.settings, args.content)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(count_line(problems) if problems else "content OK", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "new":
        from digest_content.importing import ImportProblem
        from digest_content.sources import UnknownSource

        try:
            path = new_item(args.settings, args.title, args.source, args.url, args.content)
        except (FileExistsError, ImportProblem, UnknownSource) as error:
            print(error, file=sys.stderr)
            return 1
        print(f"created {os.path.relpath(path)} (a draft: write what says FILL IN, then set status: published)")
        return 0
    if args.command == "import":
        from digest_content.importing import ImportProblem
        from digest_content.problems import printable
        from digest_content.sources import UnknownSource

        def shown(text) -> str:
            """What the page gave, line by line, as a terminal cannot take for its own commands."""
            return "\n".join(printable(line, 2000) for line in str(text).split("\n"))

        try:
            path, found = import_item(args.settings, args.file, args.url, args.source, args.content, args.title)
        except (FileExistsError, ImportProblem, UnknownSource) as error:
            print(shown(f"make import: {error}"), file=sys.stderr)
            return 1
        print(f"created {os.path.relpath(path)}, a draft: check what was found, write what says FILL IN,")
        print("then set status: published. Found:")
        print(shown("\n".join(found)))
        return 0
    if args.command == "linkcheck":
        return linkcheck(args.settings, args.content, args.timeout, args.at_once)
    if args.command == "github":
        if args.drafts:
            print(f"drafts: {args.settings} builds the public site; drafts are only previewed", file=sys.stderr)
            return 2
        try:
            return github(args.settings, args.output, args.remote, args.branch, args.cname, args.content)
        except PublishError as error:
            print(f"make github: {error}", file=sys.stderr)
            return 1
    if args.command == "week":
        return week(args.settings, args.week, args.content)
    if args.command == "serve":
        try:
            serve(args.settings, args.port, args.output, args.content, args.drafts)
        except ServeError as error:
            print(f"make serve: {error}", file=sys.stderr)
            return 1
        return 0
    write_schemas(Path(args.folder))
    return 0


def run(argv=None) -> int:
    """``main``, with a failure nobody foresaw said in one line, not as a traceback
    (``DIGEST_DEBUG=1`` shows it)."""
    try:
        return main(argv)
    except SettingsError as error:  # a command that does not say them itself (check, week, new)
        print(f"settings: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a curator gets a message, not a traceback
        if os.environ.get("DIGEST_DEBUG"):
            raise
        print(
            f"{type(error).__name__}: {error}; this is a bug in the digest, please report it "
            "(DIGEST_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(run())
