"""What goes into a feed entry, and the feeds themselves, written with real serializers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

from feedgenerator import Atom1Feed, Rss201rev2Feed
from markupsafe import Markup

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
DEV_SITE_ROOT = "http://127.0.0.1:8000"


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


def site_root(settings) -> str:
    """Absolute URL of the site root, which feeds need: SITEURL when publishing, else FEED_DOMAIN."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return (settings.get("FEED_DOMAIN") or DEV_SITE_ROOT).rstrip("/")


def absolute(root: str, path: str) -> str:
    return f"{root}/{path}"


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


class _Atom(Atom1Feed):
    """Atom with a rel="related" link to the original story."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("link", "", {"rel": "related", "href": item["original_url"]})


def _add_entries(feed, items, root, settings):
    for item in items:
        feed.add_item(
            title=item.title,
            link=absolute(root, item.url),
            description=entry_html(item),
            author_name=item.source.name,
            pubdate=item.date,
            updateddate=getattr(item, "modified", None) or item.date,
            unique_id=entry_id(item, settings),
            unique_id_is_permalink=False,
            categories=[term.name for term in item.terms.get("tags", [])],
            original_url=item.source.url,
        )


def xml_feed(kind: str, title: str, page_path: str, feed_path: str, items, settings) -> str:
    root = site_root(settings)
    feed_class = Rss201rev2Feed if kind == "rss" else _Atom
    feed = feed_class(
        title=title,
        link=absolute(root, page_path),
        feed_url=absolute(root, feed_path),
        description=settings["SITEDESCRIPTION"],
        language=settings["DEFAULT_LANG"],
        author_name=settings["AUTHOR"],
        feed_guid=absolute(root, feed_path),
    )
    _add_entries(feed, items, root, settings)
    return feed.writeString("utf-8")


def json_feed(title: str, page_path: str, feed_path: str, items, settings) -> str:
    root = site_root(settings)
    entries = []
    for item in items:
        entry = {
            "id": entry_id(item, settings),
            "url": absolute(root, item.url),
            "external_url": item.source.url,
            "title": item.title,
            "summary": item.summary_text,
            "content_html": entry_html(item),
            "date_published": item.date.isoformat(),
            "authors": [{"name": item.source.name}],
            "tags": [term.name for term in item.terms.get("tags", [])],
            "language": item.lang,
        }
        if getattr(item, "modified", None):
            entry["date_modified"] = item.modified.isoformat()
        entries.append(entry)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": absolute(root, page_path),
        "feed_url": absolute(root, feed_path),
        "description": settings["SITEDESCRIPTION"],
        "language": settings["DEFAULT_LANG"],
        "authors": [{"name": settings["AUTHOR"]}],
        "items": entries,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def opml(title: str, groups, settings) -> str:
    """An OPML 2.0 list of every feed: groups are (heading, [(text, page_path, FeedLink)])."""
    root = site_root(settings)
    document = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(document, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(document, "body")
    for heading, feeds in groups:
        group = ElementTree.SubElement(body, "outline", text=heading, title=heading)
        for text, page_path, link in feeds:
            ElementTree.SubElement(
                group,
                "outline",
                type="rss",
                version={"rss": "RSS2", "atom": "ATOM", "json": "JSONFEED"}[link.kind],
                text=text,
                title=text,
                xmlUrl=absolute(root, link.path),
                htmlUrl=absolute(root, page_path),
            )
    ElementTree.indent(document)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(document, encoding="unicode") + "\n"
