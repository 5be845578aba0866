"""The registry of sources: content/sources.yaml, loaded and checked."""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .items import channel_path, same_host
from .listings import content_file, is_unread, name_key, read_entries
from .problems import Problem
from .schema import Source

SOURCES_FILE = "sources.yaml"


class UnknownSource(Exception):
    """A curator named a source (``make new``, ``make import SOURCE=``) that sources.yaml does not hold."""


@dataclass
class Registry:
    """Every source, findable by its name or any alias, whatever the case."""

    sources: list[Source] = field(default_factory=list)
    by_name: dict[str, Source] = field(default_factory=dict)
    path: str = "content/sources.yaml"
    line_of: dict[str, int] = field(default_factory=dict)  # name or alias, as name_key makes it -> line
    # Names and aliases of the entries sources.yaml holds but that have problems (by ``name_key``:
    # as written, field, line); None when the file could not be read: an item naming one is not
    # told it is missing.
    unread: dict[str, list[tuple[str, str, int]]] | None = field(default_factory=dict)
    # Each source by the host of its address, with the parts of its path: every item's address is
    # looked up in it on every build.
    by_host: dict[str, list[tuple[Source, list[str]]]] = field(default_factory=dict)

    @classmethod
    def of(cls, *sources: Source) -> Registry:
        registry = cls()
        for source in sources:
            registry.add(source)
        return registry

    def add(self, source: Source, line: int = 1) -> list[tuple[int, str, int]]:
        """Make ``source`` findable by its name and aliases, from ``line`` of sources.yaml;
        return (position, name, line) for each name a source already has (this one, or one
        before it): position 0 is the name, 1 the first alias."""
        self.sources.append(source)
        self.by_host.setdefault(host_of(str(source.url)), []).append((source, path_parts(str(source.url))))
        taken = []
        for position, name in enumerate((source.name, *source.aliases)):
            key = name_key(name)
            if key in self.by_name:
                taken.append((position, name, self.line_of[key]))
                continue
            self.by_name[key] = source
            self.line_of[key] = line
        return taken

    def resolve(self, name: str) -> Source | None:
        return self.by_name.get(name_key(name))

    def line(self, name: str) -> int:
        """The line of sources.yaml of the entry named ``name`` (1 if there is none)."""
        return self.line_of.get(name_key(name), 1)

    def is_unknown(self, name: str) -> bool:
        """Whether no entry of sources.yaml, right or with problems, is ``name``."""
        return self.resolve(name) is None and not is_unread(name, self.unread)

    def require(self, name: str, url: str | None = None) -> Source:
        """The source a curator named; UnknownSource, with suggestions, if it is not registered."""
        known = self.resolve(name)
        if known is None:
            suggestions = self.suggest(name, url)
            hint = f"; did you mean {' or '.join(repr(found) for found in suggestions)}?" if suggestions else ""
            raise UnknownSource(f"'{name}' is not in {self.path}{hint} (add it there first if it is new)")
        return known

    def names(self) -> list[str]:
        return [name for source in self.sources for name in (source.name, *source.aliases)]

    def at_host(self, url: str | None) -> str | None:
        """The registered source whose site holds ``url``: the one at its host, or a domain above
        it (``news.bbc.co.uk`` is BBC News at ``bbc.co.uk``); where several share a host (channels
        at ``t.me/rybar`` and ``t.me/kpszsu``), the one under whose address ``url`` is. Nearest
        first (``nearness``); of sources at the same address, the first. A host that several
        sources share, with ``url`` under none of their addresses, is no source's."""
        host = host_of(url) if url else ""
        if not host:
            return None
        labels, parts = host.split("."), path_parts(url)
        # At the host, or a domain above it: the sites whose host ends the address's.
        on_host = [found for start in range(len(labels)) for found in self.by_host.get(".".join(labels[start:]), ())]
        within = [(source, own) for source, own in on_host if parts[: len(own)] == own]
        if within:
            return max(within, key=lambda found: nearness(str(found[0].url)))[0].name
        return on_host[0][0].name if len(on_host) == 1 else None

    def address_of(self, name: str) -> str:
        """The registered source's address as people write it: ``t.me/rybar``, ``unocha.org``."""
        url = str(self.by_name[name_key(name)].url)
        return "/".join([host_of(url), *(part for part in urlsplit(url).path.split("/") if part)])

    def suggest(self, name: str, url: str | None = None, limit: int = 4) -> list[str]:
        """The sources a curator may have meant by ``name``, by their registered names, best
        first: the source at the story's ``url``; then those sharing words with ``name`` in a
        name or alias (a word few sources have, such as "UN", counts more than "News"); then
        those spelt alike."""
        spellings = {source.name: [source.name, *source.aliases] for source in self.sources}
        sources_with = Counter(word for names in spellings.values() for word in {w for n in names for w in _words(n)})
        words = set(_words(name))
        close = set(difflib.get_close_matches(name.casefold(), [n.casefold() for n in self.names()], n=3, cutoff=0.6))
        at_host = self.at_host(url)
        scores = {}
        for source in self.sources:
            names = spellings[source.name]
            shared = words & {word for spelling in names for word in _words(spelling)}
            score = sum(1 / sources_with[word] for word in shared)
            score += 0.5 if any(spelling.casefold() in close for spelling in names) else 0
            score += 100 if source.name == at_host else 0
            if score:
                scores[source.name] = score
        return sorted(scores, key=lambda found: -scores[found])[:limit]


# Words that say nothing about which source is meant.
_COMMON_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "le", "du", "des", "el", "news"})


def _words(name: str) -> list[str]:
    return [word for word in re.findall(r"\w+", name.casefold()) if len(word) > 1 and word not in _COMMON_WORDS]


def at_site(url: str, site: str, by_host: bool = False) -> bool:
    """Whether ``url`` is at the address ``site``: on its host or a site under it, and under its
    path when it has one (a channel at ``t.me/rybar``), unless ``by_host``."""
    host, own = host_of(url), host_of(site)
    if not host or not (host == own or host.endswith("." + own)):
        return False
    within = path_parts(site)
    return by_host or path_parts(url)[: len(within)] == within


def nearness(site: str) -> tuple[int, int]:
    """How closely the address ``site`` holds what is under it: a longer host first
    (``news.example.com`` before ``example.com/news``), then a longer path."""
    return len(host_of(site)), len(path_parts(site))


def path_parts(url: str) -> list[str]:
    """The parts of the path of ``url``, whatever their case (``t.me/Rybar`` is ``t.me/rybar``),
    as the page's own address has them (``t.me/s/rybar/1`` is ``t.me/rybar/1``)."""
    return [
        part.casefold() for part in channel_path(host_of(url), [part for part in urlsplit(url).path.split("/") if part])
    ]


def host_of(url: str) -> str:
    return same_host((urlsplit(url).hostname or "").removeprefix("www."))


def load_registry(content_root: str) -> tuple[Registry, list[Problem]]:
    full_path, display_path = content_file(content_root, SOURCES_FILE)
    registry = Registry()
    if not os.path.exists(full_path):
        registry.unread = None  # what the items name is not told missing one by one
        return registry, [Problem(display_path, 1, "file", "is missing; list your sources there (see README)")]
    entries, problems, registry.unread = read_entries(
        content_root, SOURCES_FILE, Source, "sources", "name", names=("name", "aliases")
    )
    registry.path = display_path
    if not entries and not problems:
        problems.append(Problem(display_path, 1, "file", "lists no source; list your sources there (see README)"))
    taken = []  # (name, field, line, line of the source that has it)
    for index, source, line in entries:
        for position, name, other_line in registry.add(source, line):
            field = "name" if position == 0 else f"aliases[{position - 1}]"
            taken.append((name, f"sources[{index}].{field}", line, other_line))
    # Entries with other problems are named too: a name two sources share is said at once.
    for key, written in (registry.unread or {}).items():
        first = registry.line_of.get(key)
        for name, where, line in written if first else written[1:]:
            taken.append((name, where, line, first or written[0][2]))
    for name, where, line, other_line in taken:
        message = (
            f"'{name}' is this source's name or one of its aliases already; keep it once"
            if other_line == line
            else f"'{name}' is already the name or an alias of the source on line {other_line}; "
            "a name or alias may belong to one source only"
        )
        problems.append(Problem(display_path, line, where, message))
    return registry, problems
