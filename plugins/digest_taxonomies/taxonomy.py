"""Taxonomies hold terms, terms hold items: sources, tags, countries and months.

Everything here is plain computation over items, so a test can call it without a site.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from digest_content.items import slug_for
from digest_content.problems import Problem
from digest_content.schema import SOURCE_KINDS, country_name


@dataclass(frozen=True)
class Taxonomy:
    """One way of grouping items, with its URLs (relative to the site root)."""

    name: str  # "tags"
    title: str  # "Tags"
    singular: str  # "Tag"
    index_url: str  # "tags/"
    term_url: str  # "tags/{slug}/"
    has_feeds: bool = True

    def term_path(self, slug: str) -> str:
        return self.term_url.format(slug=slug)


SOURCES = Taxonomy("sources", "Sources", "Source", "sources/", "sources/{slug}/")
TAGS = Taxonomy("tags", "Tags", "Tag", "tags/", "tags/{slug}/")
COUNTRIES = Taxonomy("countries", "Countries", "Country", "countries/", "countries/{slug}/")
MONTHS = Taxonomy("months", "Archives", "Month", "archives/", "{slug}/", has_feeds=False)
TAXONOMIES = (SOURCES, TAGS, COUNTRIES, MONTHS)


@dataclass(eq=False)
class Term:
    """One source, tag, country or month, and the items filed under it, newest first."""

    taxonomy: Taxonomy
    slug: str
    name: str
    items: list = field(default_factory=list)
    details: object = None  # the Source entry for a source, the date for a month
    roles: dict = field(default_factory=dict)  # item -> how the source took part
    per_month: tuple = ()  # (first day of the month, items) over the term's span, oldest first
    older: Term | None = None  # for a month: the months with items before and after it
    newer: Term | None = None

    @property
    def url(self) -> str:
        return self.taxonomy.term_path(self.slug)

    @property
    def count(self) -> int:
        return len(self.items)

    def add(self, item, role: str | None = None) -> None:
        if not self.items or self.items[-1] is not item:
            self.items.append(item)
        if role and item not in self.roles:
            self.roles[item] = role


@dataclass(slots=True, eq=False)
class ItemFacts:
    """What the digest knows of one published item beyond its file, kept on its record
    (``item.digest.facts``): its terms by taxonomy name, the source term it is filed under as
    publisher, its newer and older neighbours, its attribution chain, its place in its
    developing story (the story's term, its part counted from 1, the items before and after
    it there) and its related items."""

    terms: dict = field(default_factory=dict)
    source_term: Term | None = None
    newer_item: object = None
    older_item: object = None
    attribution: list = field(default_factory=list)
    story: Term | None = None
    story_part: int = 0
    story_earlier: object = None
    story_later: object = None
    related: tuple = ()


def facts_of(item) -> ItemFacts:
    return item.digest.facts


def _line(item, *path) -> int:
    return item.digest.line(*path)


def group_sources(items, registry, settings) -> tuple[list[Term], list[Problem]]:
    """A term per registry source that has items, as publisher or in the attribution chain."""
    terms: dict[str, Term] = {}
    problems = []
    for source in registry.sources:
        slug = source.slug or slug_for(source.name, settings)
        if slug in terms:
            problems.append(
                Problem(
                    registry.path,
                    registry.line(source.name),
                    "name",
                    f"'{source.name}' and '{terms[slug].name}' give the same page address sources/{slug}/; rename one",
                )
            )
            continue
        terms[slug] = Term(SOURCES, slug, source.name, details=source)
    by_source = {id(term.details): term for term in terms.values()}
    for item in items:
        named = [(item.source.name, "source")] + [(via.name, via.role) for via in getattr(item, "via", [])]
        item_terms = []
        for name, role in named:
            source = registry.resolve(name)
            term = by_source.get(id(source)) if source else None
            if term is None:
                continue
            term.add(item, role)
            if term not in item_terms:
                item_terms.append(term)
        facts_of(item).source_term = item_terms[0] if item_terms else None
        facts_of(item).terms["sources"] = item_terms
    return [term for term in terms.values() if term.items], problems


def _letters(name: str) -> str:
    """A tag's letters and digits, whatever their case and accents, or "" when all its letters
    are Latin: tags in Latin letters that slug alike are spellings of one tag ("Aleppo",
    "aleppo", "Łódź", "Lodz"); in other scripts, the slug's transliteration may join two words
    ("حلب", Aleppo, and "حلبا", Halba, are both hlb)."""
    if all(unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha()):
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if ch.isalnum())


def group_tags(items, settings) -> tuple[list[Term], list[Problem]]:
    """Tags that slug the same ("Aleppo", "aleppo") are one term, named by its commonest spelling.
    Two tags of other letters that would share a page (a transliteration makes "حلب" and
    "حلبا" both hlb) are a problem: one page would show the other's name."""
    terms: dict[str, Term] = {}
    spellings: dict[str, Counter] = {}
    # A few hundred tags over tens of thousands of items: each slugged, and its letters found, once.
    slugs: dict[str, tuple[str, str]] = {}
    first: dict[str, tuple[str, str, str]] = {}  # slug -> letters, name and file of its first tag
    problems = []
    for item in items:
        item_terms = []
        for index, name in enumerate(getattr(item, "tag_names", [])):
            known_tag = slugs.get(name)
            if known_tag is None:
                known_tag = slugs[name] = (slug_for(name, settings), _letters(name))
            slug, letters = known_tag
            if not slug:
                problems.append(
                    Problem(
                        item.digest.path,
                        _line(item, "tags", index),
                        f"tags[{index}]",
                        f"'{name}' gives no usable page address; use letters or digits",
                    )
                )
                continue
            known, known_name, known_path = first.setdefault(slug, (letters, name, item.digest.path))
            if letters != known:
                problems.append(
                    Problem(
                        item.digest.path,
                        _line(item, "tags", index),
                        f"tags[{index}]",
                        f"'{name}' and the tag '{known_name}' ({known_path}) would share one page, /{TAGS.term_path(slug)}; "
                        "spell one of them otherwise (in Latin letters, say)",
                    )
                )
                continue
            term = terms.setdefault(slug, Term(TAGS, slug, name))
            spellings.setdefault(slug, Counter())[name] += 1
            term.add(item)
            if term not in item_terms:
                item_terms.append(term)
        facts_of(item).terms["tags"] = item_terms
    for slug, term in terms.items():
        # Ties go to the spelling that sorts first, which prefers capitals: "Aleppo" over "aleppo".
        term.name = min(spellings[slug].items(), key=lambda spelling: (-spelling[1], spelling[0]))[0]
    return sorted(terms.values(), key=lambda term: term.name.casefold()), problems


def group_countries(items) -> list[Term]:
    terms: dict[str, Term] = {}
    for item in items:
        item_terms = []
        for code in getattr(item, "countries", []):
            term = terms.setdefault(code, Term(COUNTRIES, code.lower(), country_name(code), details=code))
            term.add(item)
            item_terms.append(term)
        facts_of(item).terms["countries"] = item_terms
    return sorted(terms.values(), key=lambda term: term.name)


def group_months(items) -> list[Term]:
    terms: dict[str, Term] = {}
    for item in items:
        slug = f"{item.date:%Y/%m}"
        month = datetime(item.date.year, item.date.month, 1)
        term = terms.setdefault(slug, Term(MONTHS, slug, f"{month:%B %Y}", details=month))
        term.add(item)
        facts_of(item).terms["months"] = [term]
    months = sorted(terms.values(), key=lambda term: term.slug, reverse=True)
    for newer, older in pairwise(months):
        newer.older, older.newer = older, newer
    return months


def items_per_month(items) -> tuple[tuple[date, int], ...]:
    """(first day of the month, number of items) for every month from the oldest item's to the
    newest's, months without items included, oldest first; () for no items."""
    return per_month([item.date for item in items])


def per_month(dates, span: tuple[date, date] | None = None) -> tuple[tuple[date, int], ...]:
    """(first day of the month, how many of ``dates`` fall in it) for every month of ``span``
    (first and last month), by default from the oldest date's month to the newest's."""
    counts = Counter(date(moment.year, moment.month, 1) for moment in dates)
    if not counts and span is None:
        return ()
    month, last = span or (min(counts), max(counts))
    months = []
    while month <= last:
        months.append((month, counts[month]))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(months)


def sources_by_kind(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """Source terms grouped by kind, in the order kinds are listed in the schema."""
    groups = {kind: [] for kind in SOURCE_KINDS}
    for term in sorted(terms, key=lambda term: term.name.casefold()):
        groups[term.details.kind].append(term)
    return [(kind, members) for kind, members in groups.items() if members]


def link_neighbours(items) -> None:
    """Give each item its older and newer neighbour (items are newest first)."""
    for index, item in enumerate(items):
        facts = facts_of(item)
        facts.newer_item = items[index - 1] if index > 0 else None
        facts.older_item = items[index + 1] if index + 1 < len(items) else None


def build_taxonomies(items, registry, settings) -> tuple[dict[str, list[Term]], list[Problem]]:
    """Every taxonomy's terms, keyed by taxonomy name, and the problems found on the way."""
    for item in items:
        item.digest.facts = ItemFacts()
    sources, source_problems = group_sources(items, registry, settings)
    tags, tag_problems = group_tags(items, settings)
    link_neighbours(items)
    terms = {"sources": sources, "tags": tags, "countries": group_countries(items), "months": group_months(items)}
    for members in terms.values():
        for term in members:
            term.per_month = items_per_month(term.items)
    return terms, source_problems + tag_problems
