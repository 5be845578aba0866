"""Writes the site's feeds, a pair of feeds per source, tag and country, and the OPML list."""

from __future__ import annotations

import os

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .feeds import FeedLink, json_feed, opml, xml_feed

SITE_FEEDS = (("rss", "feeds/rss.xml"), ("atom", "feeds/atom.xml"), ("json", "feeds/feed.json"))
TERM_FEEDS = (("rss", "rss.xml"), ("atom", "atom.xml"))
OPML_PATH = "feeds/feeds.opml"
KIND_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


def site_feed_links(sitename: str) -> list[FeedLink]:
    return [FeedLink(kind, path, f"{sitename} ({KIND_LABELS[kind]})") for kind, path in SITE_FEEDS]


def term_feed_links(sitename: str, term) -> list[FeedLink]:
    title = f"{sitename}: {term.taxonomy.singular} {term.name}"
    return [FeedLink(kind, term.url + name, f"{title} ({KIND_LABELS[kind]})") for kind, name in TERM_FEEDS]


class FeedGenerator(Generator):
    """Adds feed links to the context in generate_context, writes the feeds in generate_output."""

    def generate_context(self):
        sitename = self.settings["SITENAME"]
        self.context["SITE_FEEDS"] = site_feed_links(sitename)
        self.term_feeds = []
        for name, terms in self.context.get("TERMS", {}).items():
            if not self.context["TAXONOMIES"][name].has_feeds:
                continue
            for term in terms:
                term.feeds = term_feed_links(sitename, term)
                self.term_feeds.append(term)

    def _write(self, path: str, text: str) -> None:
        target = sanitised_join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)

    def generate_output(self, writer):
        settings = self.settings
        limit = settings.get("FEED_MAX_ITEMS") or 50
        latest = self.context["articles"][:limit]
        sitename = settings["SITENAME"]
        for link in self.context["SITE_FEEDS"]:
            if link.kind == "json":
                self._write(link.path, json_feed(sitename, "", link.path, latest, settings))
            else:
                self._write(link.path, xml_feed(link.kind, sitename, "", link.path, latest, settings))
        groups = {}
        for term in self.term_feeds:
            title = f"{sitename}: {term.taxonomy.singular} {term.name}"
            for link in term.feeds:
                self._write(link.path, xml_feed(link.kind, title, term.url, link.path, term.items[:limit], settings))
                groups.setdefault(term.taxonomy.title, []).append(
                    (f"{term.name} ({KIND_LABELS[link.kind]})", term.url, link)
                )
        whole = [(link.title, "", link) for link in self.context["SITE_FEEDS"]]
        self._write(OPML_PATH, opml(f"{sitename}: all feeds", [(sitename, whole), *groups.items()], settings))
