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
    build of this configuration, said as notes; the addresses of this build are remembered."""
    folder = settings.get("DIGEST_MIRROR")
    if not folder:
        return []
    record = Path(folder) / ADDRESSES
    before = read_json(record) or {}
    records = {item.digest.path: item.digest for item in items}
    now = {item.digest.path: {"url": item.url, "slug": item.slug} for item in items}
    notes = []
    for path, address in sorted(now.items()):
        old = before.get(path)
        if not isinstance(old, dict) or old.get("url") in (None, address["url"]):
            continue
        record_of, renamed = records[path], old.get("slug") != address["slug"]
        if not renamed:
            where, keep = "date", ""
        elif record_of.meta.slug is None:  # made from the title
            where, keep = "title", f"; to keep it, add slug: {old['slug']}"
        else:
            where, keep = "slug", ""
        notes.append(
            Problem(
                path,
                record_of.line(where),
                where,
                f"the item's address changes from /{old['url']} to /{address['url']}: links, bookmarks and feed "
                f"readers know it at the old one{keep}",
            )
        )
    write_json(record, now)
    return notes
