"""Checks across items: sources that exist, unique URLs, unique stories."""

from __future__ import annotations

import os
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from .items import ReadResult
from .problems import Problem, did_you_mean
from .sources import Registry


def unknown_sources(results: list[ReadResult], registry: Registry) -> list[Problem]:
    problems = []
    names = registry.names()
    for result in results:
        meta = result.meta
        named = [(("source", "name"), meta.source.name)]
        named += [(("via", index, "name"), via.name) for index, via in enumerate(meta.via)]
        for field_path, name in named:
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


def normalised_url(url: str) -> str:
    """The same story URL however it was pasted: case of host, fragment, trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", parts.netloc.lower().removeprefix("www."), path, parts.query, ""))


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
        *unknown_sources(items, registry),
        *duplicates(
            [r for r in items if r.meta.status == "published"],
            url_of,
            _slug_field,
            "another item has the same date and slug, so both would be written to the same page; "
            "change slug: in one of them. The other is at",
        ),
        *duplicates(
            items,
            lambda r: normalised_url(r.meta.source.url),
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
