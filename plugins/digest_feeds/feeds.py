"""What goes into a feed entry, and the feeds themselves, written with real serializers.

An item appears in many feeds (the site's, its sources', tags' and country's), so each
entry is serialized once per format and every feed that lists it reuses that text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from markupsafe import Markup

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
DEV_SITE_ROOT = "http://127.0.0.1:8000"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
ENTRIES_MARKER = "digest-entries"


@dataclass(frozen=True)
class FeedLink:
    """A feed as pages link it: <link rel="alternate" type=mime title=title href=SITEURL/path>."""

    kind: str  # rss | atom | json
    path: str  # relative to the site root, e.g. "tags/aleppo/rss.xml"
    title: str

    @property
    def mime(self) -> str:
        return {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}[
            self.kind
        ]


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself."""

    title: str
    page_url: str  # absolute
    feed_url: str  # absolute
    description: str
    language: str
    author: str


def site_root(settings) -> str:
    """Absolute URL of the site root, which feeds need: SITEURL when publishing, else FEED_DOMAIN."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return (settings.get("FEED_DOMAIN") or DEV_SITE_ROOT).rstrip("/")


def entry_id(item, settings) -> str:
    """A tag: URI (RFC 4151) that stays the same when the item is edited or the site moves."""
    authority = settings.get("FEED_ID_AUTHORITY") or urlsplit(site_root(settings)).hostname
    return f"tag:{authority},{item.date:%Y-%m-%d}:{item.slug}"


def entry_html(item) -> str:
    """The curator's summary, the original story's link and attribution, and the claims."""
    attribution = item.source.name
    if getattr(item, "via", None):
        attribution += " (" + ", ".join(f"{via.role}: {via.name}" for via in item.via) + ")"
    html = Markup('<p>{}</p><p>Read the original at <a href="{}">{}</a></p>').format(
        item.summary_text, item.source.url, attribution
    )
    claims = getattr(item, "claims", [])
    if claims:
        rows = Markup("").join(
            Markup("<li><strong>{}</strong>: {}{}</li>").format(
                claim.status.capitalize(), claim.text, f" ({claim.by})" if claim.by else ""
            )
            for claim in claims
        )
        html += Markup("<p>Claims:</p><ul>{}</ul>").format(rows)
    return str(html)


def _tags(item) -> list[str]:
    return [term.name for term in item.terms.get("tags", [])]


def _text(parent, tag: str, text: str, **attributes) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = text
    return element


class Entries:
    """Each item's entry in every format, serialized once per build."""

    def __init__(self, settings):
        self.settings = settings
        self.root = site_root(settings)
        self._cache: dict[tuple[str, int], str] = {}

    def url(self, path: str) -> str:
        return f"{self.root}/{path}"

    def get(self, kind: str, item) -> str:
        key = (kind, id(item))
        if key not in self._cache:
            self._cache[key] = getattr(self, f"_{kind}")(item)
        return self._cache[key]

    def _rss(self, item) -> str:
        entry = Element("item")
        _text(entry, "title", item.title)
        _text(entry, "link", self.url(item.url))
        _text(entry, "description", entry_html(item))
        _text(entry, "dc:creator", item.source.name)
        _text(entry, "pubDate", format_datetime(item.date))
        # Not a URL, so it must say so: validators reject a bare non-URL guid.
        _text(entry, "guid", entry_id(item, self.settings), isPermaLink="false")
        for tag in _tags(item):
            _text(entry, "category", tag)
        return tostring(entry, encoding="unicode")

    def _atom(self, item) -> str:
        entry = Element("entry")
        _text(entry, "id", entry_id(item, self.settings))
        _text(entry, "title", item.title)
        _text(entry, "published", item.date.isoformat())
        _text(entry, "updated", (getattr(item, "modified", None) or item.date).isoformat())
        SubElement(entry, "link", rel="alternate", type="text/html", href=self.url(item.url))
        SubElement(entry, "link", rel="related", href=item.source.url, title=item.source.name)
        author = SubElement(entry, "author")
        _text(author, "name", item.source.name)
        _text(entry, "summary", entry_html(item), type="html")
        for tag in _tags(item):
            SubElement(entry, "category", term=tag)
        return tostring(entry, encoding="unicode")

    def json(self, item) -> dict:
        entry = {
            "id": entry_id(item, self.settings),
            "url": self.url(item.url),
            "external_url": item.source.url,
            "title": item.title,
            "summary": item.summary_text,
            "content_html": entry_html(item),
            "date_published": item.date.isoformat(),
            "authors": [{"name": item.source.name}],
            "tags": _tags(item),
            "language": item.lang,
        }
        if getattr(item, "modified", None):
            entry["date_modified"] = item.modified.isoformat()
        return entry


def _with_entries(root: Element, parent: Element, entries: list[str]) -> str:
    """Serialize ``root`` with the already serialized ``entries`` as the last children of ``parent``."""
    SubElement(parent, ENTRIES_MARKER)
    head, tail = tostring(root, encoding="unicode").split(f"<{ENTRIES_MARKER} />")
    return XML_DECLARATION + head + "".join(entries) + tail + "\n"


def _latest(items) -> str:
    return max((getattr(item, "modified", None) or item.date) for item in items)


def rss_feed(channel: Channel, items, entries: Entries) -> str:
    rss = Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    element = SubElement(rss, "channel")
    _text(element, "title", channel.title)
    _text(element, "link", channel.page_url)
    _text(element, "description", channel.description)
    SubElement(element, "atom:link", rel="self", type="application/rss+xml", href=channel.feed_url)
    _text(element, "language", channel.language)
    if items:
        _text(element, "lastBuildDate", format_datetime(_latest(items)))
    return _with_entries(rss, element, [entries.get("rss", item) for item in items])


def atom_feed(channel: Channel, items, entries: Entries) -> str:
    feed = Element("feed", {"xmlns": ATOM_NS, "xml:lang": channel.language})
    _text(feed, "id", channel.feed_url)
    _text(feed, "title", channel.title)
    _text(feed, "subtitle", channel.description)
    if items:
        _text(feed, "updated", _latest(items).isoformat())
    SubElement(feed, "link", rel="self", type="application/atom+xml", href=channel.feed_url)
    SubElement(feed, "link", rel="alternate", type="text/html", href=channel.page_url)
    author = SubElement(feed, "author")
    _text(author, "name", channel.author)
    return _with_entries(feed, feed, [entries.get("atom", item) for item in items])


def json_feed(channel: Channel, items, entries: Entries) -> str:
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.page_url,
        "feed_url": channel.feed_url,
        "description": channel.description,
        "language": channel.language,
        "authors": [{"name": channel.author}],
        "items": [entries.json(item) for item in items],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


FEED_WRITERS = {"rss": rss_feed, "atom": atom_feed, "json": json_feed}


def opml(title: str, groups, root: str) -> str:
    """An OPML 2.0 list of every feed: groups are (heading, [(text, page_path, FeedLink)])."""
    document = Element("opml", version="2.0")
    head = SubElement(document, "head")
    _text(head, "title", title)
    body = SubElement(document, "body")
    for heading, feeds in groups:
        group = SubElement(body, "outline", text=heading, title=heading)
        for text, page_path, link in feeds:
            SubElement(
                group,
                "outline",
                type="rss",
                version={"rss": "RSS2", "atom": "ATOM", "json": "JSONFEED"}[link.kind],
                text=text,
                title=text,
                xmlUrl=f"{root}/{link.path}",
                htmlUrl=f"{root}/{page_path}",
            )
    indent(document)
    return XML_DECLARATION + tostring(document, encoding="unicode") + "\n"
