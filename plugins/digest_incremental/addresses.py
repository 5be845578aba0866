"""Items, stories and sources whose address changed since the last build of the same configuration.

An item's address is made from its date and its slug, and the slug from its title when the
front matter gives none: a headline corrected, or a date, moves the item. Links to it,
bookmarks and feed readers (the entry's id holds the same date and slug) know it at the old
address, so the curator is told, with the way to keep it. A story's page and feeds are at its
slug in stories.yaml, a source's at its name in sources.yaml: a slug or a name changed moves
them, and a story or source without published items has none; readers who follow it by its
feed are left with a feed that stops. Only a build
made with the build command remembers addresses (in its configuration's cache folder,
``DIGEST_MIRROR``).
"""

from __future__ import annotations

from pathlib import Path

from digest_content.problems import Problem
from digest_stories.stories import STORIES
from digest_taxonomies.taxonomy import SOURCES

from .store import read_json, write_json

ADDRESSES = "addresses.json"


def _remembered(settings, kind: str) -> dict:
    folder = settings.get("DIGEST_MIRROR")
    remembered = (read_json(Path(folder) / ADDRESSES) if folder else None) or {}
    kept = remembered.get(kind) if isinstance(remembered, dict) else None
    return kept if isinstance(kept, dict) else {}


def moved_items(settings, items, read) -> list[Problem]:
    """What ``items`` (published, with their ``digest`` record) had another address at the last
    build of this configuration, and the items published then whose file is gone, said as
    notes. ``read``: the records of every item file read (drafts, items with problems). A file
    renamed is the same item when it links to the same original story."""
    before = _remembered(settings, "items")
    published = {item.digest.path: item for item in items}
    by_story = {item.digest.story_url: item for item in items if item.digest.story_url}
    pages = {item.url for item in items}
    files, stories = {record.path for record in read}, {record.story_url for record in read}
    notes = []
    for path, old in sorted(before.items()):
        if not isinstance(old, dict) or not isinstance(old.get("url"), str):
            continue
        item = published.get(path) or (by_story.get(old.get("story")) if path not in files else None)
        if item is not None and old["url"] != item.url:
            notes.append(_moved(settings, item, old))
        # Gone: no file of that name or of that story is read (a draft, an item with a mistake
        # or held back is said as such), and no item has the page now.
        elif item is None and path not in files and old.get("story") not in stories and old["url"] not in pages:
            notes.append(
                Problem(
                    path,
                    1,
                    "file",
                    f"is gone, and the item's page with it (/{old['url']}): links, bookmarks and feed readers know "
                    "it there. If it was published by mistake, nothing else is needed; if it was wrong, restore the "
                    "file and add a correction under updates: instead",
                )
            )
    return notes


def _moved(settings, item, old: dict) -> Problem:
    record = item.digest
    renamed = old.get("slug") != item.slug
    where = "date" if not renamed else "slug" if record.meta.slug is not None else "title"
    # The slug that keeps the old address, when the slug alone moved it (a corrected headline).
    kept = renamed and settings["ARTICLE_URL"].format(date=item.date, slug=old.get("slug")) == old["url"]
    keep = f"; to keep it, add slug: {old['slug']}" if kept and record.meta.slug is None else ""
    return Problem(
        record.path,
        record.line(where),
        where,
        f"the item's address changes from /{old['url']} to /{item.url}: links, bookmarks and feed "
        f"readers know it at the old one{keep}",
    )


def moved_lists(settings, digest) -> list[Problem]:
    """The stories and sources that had a page at the last build of this configuration and have
    none now, said as notes: moved to another address (a story of the same title, or the source
    the old name is now an alias of, has a page it did not have), or gone."""
    stories, registry = digest.story_list, digest.registry
    story_titled = {story.title.casefold(): story.slug for story in stories.stories}
    source_page = {term.details.name: term.slug for term in digest.terms[SOURCES.name]}

    def story_now(title: str) -> str | None:
        return story_titled.get(title.casefold())

    def source_now(name: str) -> str | None:
        source = registry.resolve(name)
        return source and source_page.get(source.name)

    notes = []
    for slug, title, new in _gone(settings, STORIES, digest.stories, story_now):
        line = stories.line_of(new or slug)
        keep = f"keep slug: {slug} (and story: {slug} in its items)"
        notes.append(_said(STORIES, stories.path, (line, "slug"), title, (slug, new), keep))
    for slug, name, new in _gone(settings, SOURCES, digest.terms[SOURCES.name], source_now):
        line = registry.line(name) if registry.resolve(name) else None
        notes.append(_said(SOURCES, registry.path, (line, "name"), name, (slug, new), f"give it slug: {slug}"))
    return notes


def _gone(settings, taxonomy, terms, now_at):
    """(slug, name, the slug it moved to or None) of each term of ``taxonomy`` that had a page
    at the last build and has none among ``terms``; ``now_at(name)`` is the slug of the page the
    term of that name would have now, if any."""
    before = _remembered(settings, taxonomy.name)
    pages = {term.slug for term in terms}
    for slug, name in sorted(before.items()):
        if slug not in pages and isinstance(name, str):
            new = now_at(name)
            yield slug, name, new if new in pages and new not in before else None


def _said(taxonomy, path: str, entry: tuple, name: str, slugs: tuple, keep: str) -> Problem:
    """The note on a story or a source whose page moved (``slugs``: the old one and the new), or
    is gone (the new one None); ``entry``: the line and field of its entry in ``path``, the line
    None when the file has none."""
    (line, field), (old, new) = entry, slugs
    noun = taxonomy.singular.lower()
    if new is not None:
        change, advice = (
            f"moves from /{taxonomy.term_path(old)} to /{taxonomy.term_path(new)}",
            f"; to keep them, {keep}",
        )
    else:
        change = f"has no page any more (/{taxonomy.term_path(old)})"
        advice = "; none of its items is published" if line else f"; it is not in {path} any more"
    return Problem(
        path,
        line or 1,
        field if line else taxonomy.name,
        f"the {noun} '{name}' {change}: links, bookmarks and readers of its feeds know its page and feeds at the "
        f"old address{advice}",
    )


def remember_addresses(settings, digest) -> None:
    """Keep the addresses of the digest's items and the slugs of its stories' and sources' pages
    for the next build of this configuration: called once the site is written, so that a build
    that fails says the move again the next time."""
    folder = settings.get("DIGEST_MIRROR")
    if folder:
        addresses = {
            "items": {
                item.digest.path: {"url": item.url, "slug": item.slug, "story": item.digest.story_url}
                for item in digest.items
            },
            STORIES.name: {story.slug: story.name for story in digest.stories},
            SOURCES.name: {term.slug: term.details.name for term in digest.terms[SOURCES.name]},
        }
        write_json(Path(folder) / ADDRESSES, addresses)
