"""What goes into a feed entry, and the feeds themselves, written with real serializers.

RSS and Atom are written by feedgenerator, JSON Feed with json and the OPML list with
ElementTree. An item appears in many feeds (the site's, its sources', tags' and country's),
so what an entry says is worked out once per build and every feed that lists it reuses it.
Nothing in a feed depends on the current time: the same items give the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from io import StringIO
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from digest_theme.presentation import long_date, publisher_name, text_direction
from feedgenerator import Atom1Feed, Rss201rev2Feed, SimplerXMLGenerator, rfc2822_date, rfc3339_date
from markupsafe import Markup

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
DEV_SITE_ROOT = "http://127.0.0.1:8000"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# Characters XML 1.0 cannot hold even escaped; a YAML escape such as "\b" puts one in a title.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def xml_text(text: str) -> str:
    """``text`` without the characters no XML feed can carry."""
    return NOT_XML.sub("", text)


def id_authority(settings) -> str:
    """The name in the tag: URIs of entries: ``FEED_ID_AUTHORITY``, else the site's host. Set,
    it keeps every id when the site moves to another address."""
    return settings.get("FEED_ID_AUTHORITY") or urlsplit(site_root(settings)).hostname


def entry_id(item, settings) -> str:
    """A tag: URI (RFC 4151) that stays the same when the item is edited (and when the site
    moves, with ``FEED_ID_AUTHORITY`` set)."""
    return f"tag:{id_authority(settings)},{item.date:%Y-%m-%d}:{item.slug}"


def entry_html(item, language: str) -> str:
    """The curator's summary, the original story's link and attribution, the claims, and the
    corrections and updates: a reader who follows a story by feed sees what changed. An item in
    another language than the feed's (``language``) says its own, and its direction, on its own
    text (summary, claims, notes): the labels around it are in the feed's language, and said so,
    for readers that take the entry's language (Atom's ``xml:lang``) for all of it."""
    foreign = item.lang.casefold() != language.casefold()

    def own(text, element: str = "span") -> Markup:
        if not foreign:
            return Markup("{}").format(text)
        return Markup('<{0} lang="{1}" dir="{2}">{3}</{0}>').format(
            Markup(element), item.lang, text_direction(item.lang), text
        )

    # Named as the item's page names them: "Middle East Eye (from Reuters, citing RIA Novosti)".
    publisher, *behind = item.digest.facts.attribution
    attribution = publisher.name
    if behind:
        attribution += " (" + ", ".join(f"{link.connector} {link.name}".strip() for link in behind) + ")"
    summary = own(item.summary_text, "p") if foreign else Markup("<p>{}</p>").format(item.summary_text)
    html = summary + Markup('<p>Read the original at <a href="{}"><bdi>{}</bdi></a></p>').format(
        item.source.url, attribution
    )
    claims = getattr(item, "claims", [])
    if claims:
        rows = Markup("").join(
            Markup("<li><strong>{}</strong>: {}</li>").format(
                claim.status.capitalize(), own(f"{claim.text} ({claim.by})" if claim.by else claim.text)
            )
            for claim in claims
        )
        html += Markup("<p>Claims:</p><ul>{}</ul>").format(rows)
    updates = getattr(item, "updates", [])
    if updates:
        rows = Markup("").join(
            Markup("<li><strong>{}</strong>, {}: {}</li>").format(
                update.kind.capitalize(), long_date(update.date), own(update.note)
            )
            for update in updates
        )
        html += Markup("<p>Corrections and updates:</p><ul>{}</ul>").format(rows)
    if foreign:
        html = Markup('<div lang="{}" dir="{}">{}</div>').format(language, text_direction(language), html)
    return str(html)


@dataclass
class Entry:
    """One item as every feed lists it; then the item feedgenerator's add_item made of it and the
    element each kind of feed wrote for it, the same in every feed that lists the item."""

    id: str
    url: str  # absolute
    title: str
    html: str
    author: str
    original_url: str  # the story at its source, which is the entry's author
    categories: tuple[str, ...]
    published: datetime
    updated: datetime
    lang: str | None = None  # the entry's language, when it is not the feed's
    feed_item: dict | None = field(default=None, compare=False, repr=False)
    elements: dict[type, str] = field(default_factory=dict, compare=False, repr=False)

    def add_item_arguments(self) -> dict:
        """Keyword arguments of feedgenerator's add_item."""
        return {
            "title": self.title,
            "link": self.url,
            "description": self.html,
            "author_name": self.author,
            "pubdate": self.published,
            "updateddate": self.updated,
            "unique_id": self.id,
            # A tag: URI is not a URL, so the RSS guid must say so or strict validators reject it.
            "unique_id_is_permalink": False,
            "categories": self.categories,
            "entry": self,
        }


class Entries:
    """Each item's entry, worked out once per build however many feeds list the item."""

    def __init__(self, settings):
        self.settings = settings
        self.root = site_root(settings)
        self._entries: dict[int, tuple[object, Entry]] = {}

    def url(self, path: str) -> str:
        return f"{self.root}/{path}"

    def get(self, item) -> Entry:
        known = self._entries.get(id(item))
        if known is None or known[0] is not item:
            known = self._entries[id(item)] = (item, self._entry(item))
        return known[1]

    def _entry(self, item) -> Entry:
        return Entry(
            id=entry_id(item, self.settings),
            url=self.url(item.url),
            title=xml_text(item.title),
            html=xml_text(entry_html(item, self.settings["DEFAULT_LANG"])),
            author=xml_text(publisher_name(item)),
            original_url=item.source.url,
            categories=tuple(xml_text(term.name) for term in item.digest.facts.terms.get("tags", [])),
            published=item.date,
            updated=getattr(item, "modified", None) or item.date,
            lang=item.lang if item.lang.casefold() != self.settings["DEFAULT_LANG"].casefold() else None,
        )

    def json(self, item) -> dict:
        entry = self.get(item)
        json_item = {
            "id": entry.id,
            "url": entry.url,
            "external_url": entry.original_url,
            "title": entry.title,
            "summary": item.summary_text,
            "content_html": entry.html,
            "date_published": entry.published.isoformat(),
            "authors": [{"name": entry.author}],
            "tags": list(entry.categories),
            "language": item.lang,
        }
        if getattr(item, "modified", None):
            json_item["date_modified"] = entry.updated.isoformat()
        return json_item


class DigestFeed:
    """What the digest's RSS and Atom feeds share: their dates come from their items, and each
    entry's element is written once per build and copied into every feed that lists the entry."""

    item_element: str

    def add_entry(self, entry: Entry) -> None:
        """add_item, called once per entry: the item it makes is the same in every feed."""
        if entry.feed_item is None:
            self.add_item(**entry.add_item_arguments())
            entry.feed_item = self.items[-1]
        else:
            self.items.append(entry.feed_item)

    def latest_post_date(self):
        # Never the current time, as feedgenerator's is for a feed without items.
        return max((item["updateddate"] or item["pubdate"] for item in self.items), default=None)

    def write_items(self, handler):
        for item in self.items:
            elements = item["entry"].elements
            if type(self) not in elements:
                elements[type(self)] = self._element(item)
            # XMLGenerator writes ignorable whitespace as it is: the one way to hand it written XML.
            handler.ignorableWhitespace(elements[type(self)])

    def _element(self, item) -> str:
        written = StringIO()
        handler = SimplerXMLGenerator(written, "utf-8", short_empty_elements=True)
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)
        return written.getvalue()


class DigestRssFeed(DigestFeed, Rss201rev2Feed):
    """RSS 2.0 with a typed atom:link to itself. Items are feedgenerator's own: title, link,
    description, dc:creator, pubDate, guid (isPermaLink="false") and categories."""

    item_element = "item"

    def add_root_elements(self, handler):
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.addQuickElement("description", self.feed["description"])
        handler.addQuickElement(
            "atom:link", None, {"rel": "self", "type": "application/rss+xml", "href": self.feed["feed_url"]}
        )
        handler.addQuickElement("language", self.feed["language"])
        latest = self.latest_post_date()
        if latest is not None:
            handler.addQuickElement("lastBuildDate", rfc2822_date(latest))


class DigestAtomFeed(DigestFeed, Atom1Feed):
    """Atom with typed links, the curators as the feed's author, and each story's original as a related link."""

    item_element = "entry"

    def item_attributes(self, item):
        lang = item["entry"].lang
        return {"xml:lang": lang} if lang else {}

    def add_root_elements(self, handler):
        handler.addQuickElement("id", self.feed["id"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("subtitle", self.feed["description"])
        latest = self.latest_post_date()
        if latest is not None:
            handler.addQuickElement("updated", rfc3339_date(latest))
        handler.addQuickElement(
            "link", "", {"rel": "self", "type": "application/atom+xml", "href": self.feed["feed_url"]}
        )
        handler.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": self.feed["link"]})
        self._author(handler, self.feed["author_name"])

    def add_item_elements(self, handler, item):
        entry = item["entry"]
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": item["link"]})
        handler.addQuickElement("link", "", {"rel": "related", "href": entry.original_url, "title": entry.author})
        self._author(handler, item["author_name"])
        handler.addQuickElement("summary", item["description"], {"type": "html"})
        for category in item["categories"]:
            handler.addQuickElement("category", "", {"term": category})

    @staticmethod
    def _author(handler, name: str) -> None:
        handler.startElement("author", {})
        handler.addQuickElement("name", name)
        handler.endElement("author")


def written(feed_class, channel: Channel, entries, **extra) -> str:
    """The feed of ``channel`` with ``entries`` (each an ``Entry``), as text; ``extra`` are
    what ``feed_class`` takes beyond the channel."""
    feed = feed_class(
        title=xml_text(channel.title),
        link=channel.page_url,
        description=xml_text(channel.description),
        language=channel.language,
        author_name=xml_text(channel.author),
        feed_url=channel.feed_url,
        feed_guid=channel.feed_url,
        **extra,
    )
    for entry in entries:
        feed.add_entry(entry)
    return feed.writeString("utf-8") + "\n"


def _written(feed_class, channel: Channel, items, entries: Entries) -> str:
    return written(feed_class, channel, (entries.get(item) for item in items))


def rss_feed(channel: Channel, items, entries: Entries) -> str:
    return _written(DigestRssFeed, channel, items, entries)


def atom_feed(channel: Channel, items, entries: Entries) -> str:
    return _written(DigestAtomFeed, channel, items, entries)


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


def _text(parent, tag: str, text: str, **attributes) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = text
    return element


def opml(title: str, groups, root: str) -> str:
    """An OPML 2.0 list of every feed: groups are (heading, [(text, page_path, FeedLink)])."""
    document = Element("opml", version="2.0")
    head = SubElement(document, "head")
    _text(head, "title", xml_text(title))
    body = SubElement(document, "body")
    for heading, feeds in groups:
        group = SubElement(body, "outline", text=xml_text(heading), title=xml_text(heading))
        for text, page_path, link in feeds:
            label = xml_text(text)
            SubElement(
                group,
                "outline",
                type="rss",
                version={"rss": "RSS2", "atom": "ATOM", "json": "JSONFEED"}[link.kind],
                text=label,
                title=label,
                xmlUrl=f"{root}/{link.path}",
                htmlUrl=f"{root}/{page_path}",
            )
    indent(document)
    return XML_DECLARATION + tostring(document, encoding="unicode") + "\n"
