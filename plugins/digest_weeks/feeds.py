"""The weekly feeds: one entry an edition whose week is over, the whole edition in it, for
feed readers and RSS-to-email. Written by the digest's feedgenerator classes; dates come
from the editions, never from the clock."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from digest_content.reader import rooted_links
from digest_feeds.feeds import DigestAtomFeed, DigestRssFeed, Entry, entry_html, id_authority, written, xml_text
from feedgenerator import rfc3339_date
from markupsafe import Markup

FEED_EDITIONS = 10  # the newest weeks a feed carries
NO_COUNTRY = "No country named"
# In sanitised HTML every attribute is double-quoted.
_LINK = re.compile(r'(\s(?:href|src|cite)=")([^"]*)(")')


def edition_title(edition) -> str:
    title = f"The week of {edition.week.dates}"
    return f"{title}: {edition.note.title}" if edition.note else title


def absolute_links(html: str, root: str, page_url: str) -> str:
    """Links of a note as a feed reader needs them: from the site root, then from the page."""
    rooted = rooted_links(html, root)
    return _LINK.sub(lambda match: match[1] + urljoin(page_url, match[2]) + match[3], rooted)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def counts_text(edition) -> str:
    """8 items from 5 sources in 3 countries; 12 claims."""
    if not edition.items:
        return "no items"
    items, sources = plural(len(edition.items), "item"), plural(len(edition.sources), "source")
    countries = plural(len(edition.countries), "country", "countries")
    return f"{items} from {sources} in {countries}; {plural(edition.claim_count, 'claim')}"


def edition_html(edition, root: str, language: str) -> str:
    """The whole edition: its counts, the note, and every item with its summary, links and claims."""
    page_url = f"{root}/{edition.url}"
    html = Markup('<p><a href="{}">Week {} of {}</a>: {}.</p>').format(
        page_url, edition.week.number, edition.week.year, counts_text(edition)
    )
    if edition.note:
        html += Markup("<h2>{}</h2>").format(edition.note.title)
        html += Markup(absolute_links(str(edition.note.html), root, page_url))
    if edition.sources:
        named = ", ".join(f"{term.name} ({count})" for term, count in edition.sources)
        html += Markup("<p>Published by: {}</p>").format(named)
    if edition.claims:
        standing = ", ".join(f"{count} {status}" for status, count in edition.claims)
        html += Markup("<p>Claims: {}</p>").format(standing)
    for group in edition.groups:
        name = group.country.name if group.country else NO_COUNTRY
        html += Markup("<h2>{} ({})</h2>").format(name, len(group.items))
        for item in group.items:
            html += Markup('<h3><a href="{}/{}">{}</a></h3>').format(root, item.url, item.title)
            html += Markup(entry_html(item, language))
    return str(html)


def edition_entry(edition, root: str, settings) -> Entry:
    return Entry(
        id=f"tag:{id_authority(settings)},{edition.week.start:%Y-%m-%d}:{edition.url.rstrip('/')}",
        url=f"{root}/{edition.url}",
        title=xml_text(edition_title(edition)),
        html=xml_text(edition_html(edition, root, settings["DEFAULT_LANG"])),
        author=xml_text(settings["CURATORS"]),
        original_url="",
        categories=(),
        published=edition.ends_at,
        updated=edition.updated,
    )


class EditionAtomFeed(DigestAtomFeed):
    """Atom: the edition is the entry's content; there is no original story to link to."""

    def latest_post_date(self):
        # Before the first week is over the feed has no entry to be dated by, and Atom requires
        # a date: it is as new as the week in progress.
        return super().latest_post_date() or self.feed["since"]

    def add_item_elements(self, handler, item):
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": item["link"]})
        self._author(handler, item["author_name"])
        handler.addQuickElement("content", item["description"], {"type": "html"})


# In RSS the edition is the item's description, where RSS-to-email services look for it.
FEED_CLASSES = {"rss": DigestRssFeed, "atom": EditionAtomFeed}


def edition_feed(kind: str, channel, entries, since) -> str:
    """The weekly feed of ``kind`` with ``entries``; ``since`` is when the newest edition's week started."""
    return written(FEED_CLASSES[kind], channel, entries, since=since)
