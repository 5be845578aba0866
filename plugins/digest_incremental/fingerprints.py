"""What a page shows, reduced to a fingerprint: same fingerprint, same page.

A page is rendered from its template, the site-wide context (the pages in the navigation,
the digest's taxonomies and feeds) and the values the generator passes for that page: an
item, a term, a slice of a list. ``describe`` turns those values into text that changes
whenever anything a template can show of them changes; values it does not know raise
``Unknown``, and such a page is always rendered. Settings, theme, code and packages are not
described: each configuration has a mirror of its own (see ``key.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime

from jinja2 import meta
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pydantic import BaseModel


class Unknown(Exception):
    """A value whose rendering cannot be predicted from a fingerprint."""


def hash_text(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _link(content) -> str:
    """An item as a link to it shows it: title, address and language (the link's direction)."""
    return "" if content is None else f"{content.title}|{content.url}|{content.lang}"


def content_key(content, memo: dict) -> str:
    """An item or page: its source text, its URL, its terms, its neighbours, its place in its
    story and its related items (as links: a page whose related items did not change is not
    rendered again when one of them is, or when the digest grows)."""
    key = memo.get(id(content))
    if key is None:
        record = getattr(content, "digest", None)
        source = getattr(record, "source_hash", None)
        if not source:
            raise Unknown(content)
        facts = record.facts  # None for a standalone page
        parts = [
            source,
            content.url,
            content.lang,
            getattr(content, "status", ""),
            _terms_of(content, memo),
            _link(facts.newer_item if facts else None),
            _link(facts.older_item if facts else None),
            # Described once per item, here: not worth remembering on its own.
            describe(facts.attribution if facts else None, {}, term_link),
            _story_place(facts),
            "\t".join(_link(item) for item in facts.related) if facts else "",
        ]
        key = memo[id(content)] = hash_text("\n".join(parts))
    return key


def _story_place(facts) -> str:
    """An item's story as its page shows it: the story as a link, "part 3 of 7", and the
    items before and after it in the story."""
    story = facts.story if facts else None
    if story is None:
        return ""
    place = f"{story.name}|{story.url}|{facts.story_part}/{story.count}"
    return f"{place}|{_link(facts.story_earlier)}|{_link(facts.story_later)}"


def _terms_of(item, memo: dict) -> str:
    """An item's terms by name and link (hashed); their counts belong to the term pages."""
    key = ("terms", id(item))
    if key not in memo:
        facts = item.digest.facts
        terms = facts.terms if facts else {}
        memo[key] = hash_text(
            ";".join(f"{name}:{term.name}|{term.url}" for name, members in sorted(terms.items()) for term in members)
        )
    return memo[key]


def term_key(term, memo: dict) -> str:
    """A term as its own pages show it: name, count, details, and the other terms of its
    items (a term page shows which countries, tags and sources its items share)."""

    def compute() -> str:
        details = term.details.model_dump_json() if isinstance(term.details, BaseModel) else repr(term.details)
        neighbours = hash_text("\n".join(_terms_of(item, memo) for item in term.items))
        return f"{term.taxonomy.name}|{term.slug}|{term.name}|{term.count}|{term.url}|{details}|{neighbours}"

    return _remembered(term, "term", memo, compute)


def term_link(term, memo: dict) -> str:
    """A term as a link to it shows it: by name and address."""
    return f"{term.name}|{term.url}"


def describe(value, memo: dict, term=term_key) -> str:
    """Text that changes whenever what a template can show of ``value`` changes.

    ``term`` describes the terms met on the way: in full where a page lists them with
    their counts, by ``term_link`` where it only links to them.
    """
    if value is None or isinstance(value, (str, int, float, bool, date, datetime)):
        return repr(value)
    if isinstance(value, Content):
        return content_key(value, memo)
    if hasattr(value, "taxonomy") and hasattr(value, "items"):
        return term(value, memo)
    if hasattr(value, "__fingerprint__"):
        return value.__fingerprint__(lambda member: describe(member, memo, term))
    if isinstance(value, (list, tuple)):
        # The same lists (all items, a term's items) reach many pages: describe each once.
        return _remembered(
            value, term, memo, lambda: hash_text(",".join(describe(member, memo, term) for member in value))
        )
    if isinstance(value, dict):
        return "{" + ",".join(f"{key!r}:{describe(member, memo, term)}" for key, member in sorted(value.items())) + "}"
    if isinstance(value, URLWrapper):
        return f"{value}|{value.url}"
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if dataclasses.is_dataclass(value):
        fields = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        return _remembered(value, term, memo, lambda: f"{type(value).__name__}{describe(fields, memo, term)}")
    raise Unknown(value)


def _remembered(value, term, memo: dict, compute) -> str:
    """``compute()``, once per object. The memo keeps the object alive, so that its id is not
    reused by another object during the build."""
    key = (id(value), term)
    if key not in memo:
        memo[key] = (value, compute())
    return memo[key][1]


def template_globals(environment, name: str, found: dict) -> frozenset[str]:
    """The context variables a template reads, itself or through what it extends, includes or imports."""
    if name not in found:
        found[name] = frozenset()  # a template that includes itself ends here
        source = environment.loader.get_source(environment, name)[0]
        tree = environment.parse(source)
        names = set(meta.find_undeclared_variables(tree))
        for other in meta.find_referenced_templates(tree):
            if other:
                names |= template_globals(environment, other, found)
        found[name] = frozenset(names)
    return found[name]
