"""Items and stories whose address changed since the last build of the same configuration.

An item's address is made from its date and its slug, and the slug from its title when the
front matter gives none: a headline corrected, or a date, moves the item. Links to it,
bookmarks and feed readers (the entry's id holds the same date and slug) know it at the old
address, so the curator is told, with the way to keep it. A story's page and feeds are at its
slug in stories.yaml: a slug changed moves them, and a story without published items has
none; readers who follow the story by its feed are left with a feed that stops. Only a build
made with the build command remembers addresses (in its configuration's cache folder,
``DIGEST_MIRROR``).
"""

from __future__ import annotations

from pathlib import Path

from digest_content.problems import Problem
from digest_content.stories import StoryList
from digest_stories.stories import STORIES

from .store import read_json, write_json

ADDRESSES = "addresses.json"


def _remembered(settings, kind: str) -> dict:
    folder = settings.get("DIGEST_MIRROR")
    remembered = (read_json(Path(folder) / ADDRESSES) if folder else None) or {}
    kept = remembered.get(kind) if isinstance(remembered, dict) else None
    return kept if isinstance(kept, dict) else {}


def moved_items(settings, items) -> list[Problem]:
    """What ``items`` (published, with their ``digest`` record) had another address at the last
    build of this configuration, said as notes."""
    before = _remembered(settings, "items")
    notes = []
    for item in sorted(items, key=lambda item: item.digest.path):
        old = before.get(item.digest.path)
        if not isinstance(old, dict) or old.get("url") in (None, item.url):
            continue
        record = item.digest
        renamed = old.get("slug") != item.slug
        where = "date" if not renamed else "slug" if record.meta.slug is not None else "title"
        # The slug that keeps the old address, when the slug alone moved it (a corrected headline).
        kept = renamed and settings["ARTICLE_URL"].format(date=item.date, slug=old.get("slug")) == old["url"]
        keep = f"; to keep it, add slug: {old['slug']}" if kept and record.meta.slug is None else ""
        notes.append(
            Problem(
                record.path,
                record.line(where),
                where,
                f"the item's address changes from /{old['url']} to /{item.url}: links, bookmarks and feed "
                f"readers know it at the old one{keep}",
            )
        )
    return notes


def moved_stories(settings, stories, story_list: StoryList) -> list[Problem]:
    """The stories that had a page at the last build of this configuration and have none now
    (``stories``: those with published items), said as notes: moved to another slug (a story of
    the same title has a page it did not have), or gone."""
    before = _remembered(settings, "stories")
    now = {story.slug: story for story in stories}
    notes = []
    for slug, title in sorted(before.items()):
        if slug in now or not isinstance(title, str):
            continue
        old = f"/{STORIES.term_path(slug)}"
        moved_to = [
            story for story in stories if story.name.casefold() == title.casefold() and story.slug not in before
        ]
        if moved_to:
            new = moved_to[0].slug
            line, why = story_list.line_of(new), f"moves from {old} to /{STORIES.term_path(new)}"
            keep = f"; to keep them, keep slug: {slug} (and story: {slug} in its items)"
        else:
            line = story_list.line_of(slug)
            why = f"has no page any more ({old})"
            keep = "; none of its items is published" if line else f"; it is not in {story_list.path} any more"
        notes.append(
            Problem(
                story_list.path,
                line or 1,
                "slug",
                f"the story '{title}' {why}: links, bookmarks and readers of its feeds know its page and feeds "
                f"at the old address{keep}",
            )
        )
    return notes


def remember_addresses(settings, items, stories) -> None:
    """Keep the addresses of ``items`` and the slugs of ``stories`` for the next build of this
    configuration: called once the site is written, so that a build that fails says the move
    again the next time."""
    folder = settings.get("DIGEST_MIRROR")
    if folder:
        addresses = {
            "items": {item.digest.path: {"url": item.url, "slug": item.slug} for item in items},
            "stories": {story.slug: story.name for story in stories},
        }
        write_json(Path(folder) / ADDRESSES, addresses)
