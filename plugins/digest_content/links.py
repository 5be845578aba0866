"""Whether the originals that published items link to are still there.

Each published item's ``source.url`` and ``archive_url`` are asked for over HTTP, a few at a
time, each with a time limit; redirects are followed. An original that is gone (an error
status, no answer in time, no connection) and has no ``archive_url`` is what a curator has to
act on: it is reported as ``path:line: source.url: <status>``.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .problems import Problem

USER_AGENT = "Mozilla/5.0 (compatible; conflict-digest link check)"


@dataclass(frozen=True)
class Link:
    path: str  # the item's file, as problems name it
    line: int
    field: str  # "source.url" or "archive_url"
    url: str


def status_of(url: str, timeout: float) -> str | None:
    """None when ``url`` answers (after redirects) with a success; else what went wrong:
    the HTTP status, "no answer in 10 s", or the connection's error."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"{error.code} {error.reason}".strip()
        except TimeoutError:
            return f"no answer in {timeout:g} s"
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                return f"no answer in {timeout:g} s"
            return f"cannot connect ({error.reason})"
        except OSError as error:
            return f"cannot connect ({error})"
    return None


def links_of(items) -> list[Link]:
    """The originals and archived copies of published items (objects with a ``digest`` record)."""
    links = []
    for item in items:
        record = item.digest
        links.append(Link(record.path, record.line("source", "url"), "source.url", str(item.source.url)))
        if getattr(item, "archive_url", None):
            links.append(Link(record.path, record.line("archive_url"), "archive_url", str(item.archive_url)))
    return links


def dead_originals(items, timeout: float = 10.0, at_once: int = 4) -> list[Problem]:
    """``path:line: source.url: <status>`` for each item whose original is gone and that has no
    archived copy, and for each archived copy that is gone too."""
    links = links_of(items)
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        statuses = dict(zip(links, pool.map(lambda link: status_of(link.url, timeout), links), strict=True))
    archived = {link.path for link, status in statuses.items() if link.field == "archive_url" and status is None}
    return sorted(
        Problem(link.path, link.line, link.field, status)
        for link, status in statuses.items()
        if status is not None and not (link.field == "source.url" and link.path in archived)
    )
