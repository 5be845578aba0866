"""Checks across items: sources that exist, unique URLs, unique stories."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from datetime import datetime

from .items import LINK_OUTSIDE, NOT_A_FILE, ReadResult
from .problems import Problem, did_you_mean
from .schema import Item
from .sources import Registry


def unknown_sources(results: list[ReadResult], registry: Registry) -> list[Problem]:
    problems = []
    names = registry.names()
    for result in results:
        for field_path, name in result.source_names:
            if registry.resolve(name) is None:
                field = _field(field_path)
                problems.append(
                    Problem(
                        result.path,
                        result.line(*field_path),
                        field,
                        f"'{name}' is not in content/sources.yaml{did_you_mean(name, names)}; add it there or fix the name",
                    )
                )
    return problems


def _field(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def duplicates(results: list[ReadResult], key, field_of, explain: str) -> list[Problem]:
    """Report every file whose ``key(result)`` is shared with another file.

    ``field_of(result)`` names the field to point at in that file.
    """
    groups = defaultdict(list)
    for result in results:
        groups[key(result)].append(result)
    problems = []
    for group in groups.values():
        if len(group) < 2:
            continue
        for result in group:
            others = ", ".join(f"{o.path}:{o.line(*field_of(o))}" for o in group if o is not result)
            field_path = field_of(result)
            problems.append(Problem(result.path, result.line(*field_path), _field(field_path), f"{explain} {others}"))
    return problems


def _slug_field(result: ReadResult):
    """The slug when it is written out, else the title it comes from."""
    return ("slug",) if ("slug",) in result.lines else ("title",)


def cross_checks(results: list[ReadResult], registry: Registry, url_of) -> list[Problem]:
    """All checks that need every item at once; ``url_of(result)`` gives its page URL."""
    items = [result for result in results if result.meta is not None]
    return [
        *unknown_sources(results, registry),
        *duplicates(
            [r for r in items if r.meta.status == "published"],
            url_of,
            _slug_field,
            "another item has the same date and slug, so both would be written to the same page; "
            "change slug: in one of them. The other is at",
        ),
        *duplicates(
            items,
            lambda r: r.story_url,
            lambda r: ("source", "url"),
            "another item already links to this story; update that item instead. It is at",
        ),
    ]


def stray_files(content_root: str, folders) -> list[Problem]:
    """Files in the content folders that no reader will pick up: they would vanish silently."""
    problems = []
    for folder in folders:
        for directory, _, names in os.walk(os.path.join(content_root, folder)):
            for name in names:
                if name.startswith(".") or name.endswith(".md"):
                    continue
                path = os.path.relpath(os.path.join(directory, name), os.path.dirname(os.path.abspath(content_root)))
                problems.append(Problem(path, 1, "file", "is not read: content files must end in .md; rename it"))
    return problems


# Top-level folders of the built site: a page with one of these slugs would overwrite them.
SITE_FOLDERS = frozenset(
    {
        "archives",
        "claims",
        "countries",
        "data",
        "feeds",
        "page",
        "pagefind",
        "search",
        "sources",
        "stories",
        "tags",
        "theme",
        "weeks",
    }
)
_YEAR = re.compile(r"^\d{4}$")


def page_checks(results: list[ReadResult], settings) -> list[Problem]:
    """Pages whose address is taken by another page or by the site itself."""
    pages = [result for result in results if result.meta is not None and result.meta.status != "draft"]
    reserved = SITE_FOLDERS | {path.strip("/").split("/")[0] for path in settings.get("STATIC_PATHS", [])}
    problems = []
    for result in pages:
        slug = result.slug
        if slug in reserved or _YEAR.match(slug):
            field_path = _slug_field(result)
            problems.append(
                Problem(
                    result.path,
                    result.line(*field_path),
                    "slug",
                    f"'{slug}' is the address of part of the site (/{slug}/); choose another slug for the page",
                )
            )
    problems += duplicates(
        pages,
        lambda result: result.slug,
        _slug_field,
        "another page has the same slug, so both would be written to the same address; change slug: in one. "
        "The other is at",
    )
    return problems


def held_back(results: list[ReadResult], now: datetime) -> list[Problem]:
    """Published items dated in the future: the build leaves them out until their date."""
    return [
        Problem(
            result.path,
            result.line("date"),
            "date",
            f"{result.meta.date.isoformat()} is in the future, so the item is held back; "
            "it appears in the first build after that time",
        )
        for result in results
        if isinstance(result.meta, Item) and result.meta.status == "published" and result.meta.date > now
    ]


# Characters and names that Windows cannot check out; trailing dots and spaces are dropped there.
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]|[. ]$')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def unsafe_paths(content_root: str) -> list[Problem]:
    """Files under content/ that are links to elsewhere, or that some computers cannot hold."""
    root = os.path.realpath(content_root)
    problems = []
    by_folded_name = defaultdict(list)
    # Top-down, each folder's entries in listing order, without recursion (however deep the tree).
    pending = [(content_root, os.path.basename(os.path.abspath(content_root)))]
    while pending:
        directory, shown_directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = [entry for entry in listing if not entry.name.startswith(".")]
        except OSError:
            continue  # a folder that cannot be listed: its files are reported as they are read
        folders = []
        for entry in entries:
            shown = os.path.join(shown_directory, entry.name)
            by_folded_name[shown.casefold()].append(shown)
            if entry.is_symlink():
                if os.path.commonpath([os.path.realpath(entry.path), root]) != root:
                    problems.append(Problem(shown, 1, "file", LINK_OUTSIDE))
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, shown))
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(shown, 1, "file", NOT_A_FILE))
            if _WINDOWS_FORBIDDEN.search(entry.name) or _WINDOWS_RESERVED.match(entry.name):
                problems.append(
                    Problem(
                        shown,
                        1,
                        "file",
                        'has a name that Windows cannot hold (a reserved name, one of < > : " \\ | ? *, or a '
                        "trailing dot or space); rename it",
                    )
                )
        pending += reversed(folders)
    for names in by_folded_name.values():
        for name in names if len(names) > 1 else []:
            others = ", ".join(sorted(other for other in names if other != name))
            problems.append(
                Problem(
                    name,
                    1,
                    "file",
                    f"differs from {others} only in upper and lower case; Windows and macOS keep only one, "
                    "so rename one of them",
                )
            )
    return problems
