"""Items whose address changed since the last build of the same configuration.

An item's address is made from its date and its slug, and the slug from its title when the
front matter gives none: a headline corrected, or a date, moves the item. Links to it,
bookmarks and feed readers (the entry's id holds the same date and slug) know it at the old
address, so the curator is told, with the way to keep it. Only a build made with the build
command remembers addresses (in its configuration's cache folder, ``DIGEST_MIRROR``).
"""

from __future__ import annotations

from pathlib import Path

from digest_content.problems import Problem

from .store import read_json, write_json

ADDRESSES = "addresses.json"


def moved_items(settings, items) -> list[Problem]:
    """What ``items`` (published, with their ``digest`` record) had another address at the last
    build of this configuration, said as notes."""
    folder = settings.get("DIGEST_MIRROR")
    before = (read_json(Path(folder) / ADDRESSES) if folder else None) or {}
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


def remember_addresses(settings, items) -> None:
    """Keep the addresses of ``items`` for the next build of this configuration: called once the
    site is written, so that a build that fails says the move again the next time."""
    folder = settings.get("DIGEST_MIRROR")
    if folder:
        write_json(Path(folder) / ADDRESSES, {item.digest.path: {"url": item.url, "slug": item.slug} for item in items})
