"""Writes the site's feeds, a pair of feeds per source, tag and country, and the OPML list."""

from __future__ import annotations

from pelican.generators import Generator

from .feeds import FEED_WRITERS, Channel, Entries, FeedLink, opml, site_root

SITE_FEEDS = (("rss", "feeds/rss.xml"), ("atom", "feeds/atom.xml"), ("json", "feeds/feed.json"))
TERM_FEEDS = (("rss", "rss.xml"), ("atom", "atom.xml"))
OPML_PATH = "feeds/feeds.opml"
KIND_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
SITE_FEED_ITEMS = 50
TERM_FEED_ITEMS = 20


def term_title(sitename: str, term) -> str:
    return f"{sitename}: {term.taxonomy.singular} {term.name}"


def site_feed_links(sitename: str) -> list[FeedLink]:
    return [FeedLink(kind, path, f"{sitename} ({KIND_LABELS[kind]})") for kind, path in SITE_FEEDS]


def term_feed_links(sitename: str, term) -> list[FeedLink]:
    title = term_title(sitename, term)
    return [FeedLink(kind, term.url + name, f"{title} ({KIND_LABELS[kind]})") for kind, name in TERM_FEEDS]


class FeedGenerator(Generator):
    """Adds feed links to the context in generate_context, writes the feeds in generate_output."""

    def generate_context(self):
        sitename = self.settings["SITENAME"]
        self.context["SITE_FEEDS"] = site_feed_links(sitename)
        self.feed_terms = []
        for name, terms in self.context.get("TERMS", {}).items():
            if not self.context["TAXONOMIES"][name].has_feeds:
                continue
            for term in terms:
                term.feeds = term_feed_links(sitename, term)
                self.feed_terms.append(term)

    def _channel(self, title: str, page_path: str, link: FeedLink) -> Channel:
        root = site_root(self.settings)
        return Channel(
            title=title,
            page_url=f"{root}/{page_path}",
            feed_url=f"{root}/{link.path}",
            description=self.settings["SITEDESCRIPTION"],
            language=self.settings["DEFAULT_LANG"],
            author=self.settings["CURATORS"],
        )

    def generate_output(self, writer):
        settings = self.settings
        sitename = settings["SITENAME"]
        entries = Entries(settings)

        def write(link: FeedLink, channel: Channel, items) -> None:
            fingerprint = writer.fingerprint(
                self.context, f"feed:{link.kind}", link.path, {"channel": channel, "items": items}
            )
            writer.write_text(link.path, lambda: FEED_WRITERS[link.kind](channel, items, entries), fingerprint)

        latest = self.context["articles"][: settings.get("FEED_MAX_ITEMS") or SITE_FEED_ITEMS]
        for link in self.context["SITE_FEEDS"]:
            write(link, self._channel(sitename, "", link), latest)
        groups = {}
        for term in self.feed_terms:
            title = term_title(sitename, term)
            for link in term.feeds:
                write(link, self._channel(title, term.url, link), term.items[:TERM_FEED_ITEMS])
                groups.setdefault(term.taxonomy.title, []).append(
                    (f"{term.name} ({KIND_LABELS[link.kind]})", term.url, link)
                )
        whole = [(link.title, "", link) for link in self.context["SITE_FEEDS"]]
        listing = [(sitename, whole), *groups.items()]
        writer.write_text(
            OPML_PATH,
            lambda: opml(f"{sitename}: all feeds", listing, site_root(settings)),
            writer.fingerprint(self.context, "opml", OPML_PATH, {"groups": listing}),
        )
