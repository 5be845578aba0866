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

# The values that hold a page's own item or page, as Pelican's generators name them.
OWN_CONTENT = frozenset({"article", "page"})


class Unknown(Exception):
    """A value whose rendering cannot be predicted from a fingerprint."""


def hash_text(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _link(content, memo: dict) -> str:
    """An item as a link to it shows it: title, address and language (the link's direction).
    Remembered: an item is linked from its neighbours' pages and those it is related to."""
    if content is None:
        return ""
    key = ("link", id(content))
    if key not in memo:
        memo[key] = f"{content.title}|{content.url}|{content.lang}"
    return memo[key]


def content_key(content, memo: dict) -> str:
    """An item or page as any page shows it: its source text, its URL, its terms and its
    attribution chain."""
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
            # Described once per item, here: not worth remembering on its own.
            describe(facts.attribution if facts else None, {}, term_link),
        ]
        key = memo[id(content)] = hash_text("\n".join(parts))
    return key


def page_key(content, memo: dict) -> str:
    """An item or page as its own page shows it: as any page does (``content_key``), with its
    newer and older neighbours, its place in its story and its related items, as links. Lists
    and feeds show none of these, so a new item that changes the related items of another
    renders that item's page again, not every list and feed that holds it; and a page whose
    related items did not change is not rendered again when the digest grows."""
    facts = getattr(getattr(content, "digest", None), "facts", None)
    if facts is None:
        return content_key(content, memo)
    links = [_link(facts.newer_item, memo), _link(facts.older_item, memo), _story_place(facts, memo)]
    links += [_link(item, memo) for item in facts.related]
    return hash_text("\n".join([content_key(content, memo), *links]))


def _story_place(facts, memo: dict) -> str:
    """An item's story as its page shows it: the story as a link, "part 3 of 7", and the
    items before and after it in the story."""
    story = facts.story if facts else None
    if story is None:
        return ""
    place = f"{story.name}|{story.url}|{facts.story_part}/{story.count}"
    return f"{place}|{_link(facts.story_earlier, memo)}|{_link(facts.story_later, memo)}"


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
        # A month links the months before and after it.
        months = "|".join(term_link(other, memo) if other else "" for other in (term.older, term.newer))
        return f"{term.taxonomy.name}|{term.slug}|{term.name}|{term.count}|{term.url}|{details}|{neighbours}|{months}"

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
        return (
            "{" + ",".join(f"{key!r}:{_member(key, member, memo, term)}" for key, member in sorted(value.items())) + "}"
        )
    if isinstance(value, URLWrapper):
        return f"{value}|{value.url}"
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if dataclasses.is_dataclass(value):
        fields = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        return _remembered(value, term, memo, lambda: f"{type(value).__name__}{describe(fields, memo, term)}")
    raise Unknown(value)


def _member(key, member, memo: dict, term) -> str:
    """A value a page is given: its own item or page (``article``, ``page``, as Pelican names
    them) as its own page shows it, anything else as any page does."""
    if key in OWN_CONTENT and isinstance(member, Content):
        return page_key(member, memo)
    return describe(member, memo, term)


def _remembered(value, term, memo: dict, compute) -> str:
    """``compute()``, once per object. The memo keeps the object alive, so that its id is not
    reused by another object during the build."""
    key = (id(value), term)
    if key not in memo:
        memo[key] = (value, compute())
    return memo[key][1]


def template_globals(environment, name: str, found: dict, parsed: dict) -> frozenset[str]:
    """The context variables a template reads, itself or through what it extends, includes or
    imports. ``parsed`` holds, by template name, what parsing a template found: its source's
    hash, the variables it reads itself and the templates it names. It can be kept from one
    build to the next: a template whose source changed is parsed again."""
    if name not in found:
        found[name] = frozenset()  # a template that includes itself ends here
        source = environment.loader.get_source(environment, name)[0]
        source_hash = hash_text(source)
        if parsed.get(name, [None])[0] != source_hash:
            tree = environment.parse(source)
            others = [other for other in meta.find_referenced_templates(tree) if other]
            parsed[name] = [source_hash, sorted(meta.find_undeclared_variables(tree)), others]
        _, names, others = parsed[name]
        found[name] = frozenset(names).union(*(template_globals(environment, other, found, parsed) for other in others))
    return found[name]
