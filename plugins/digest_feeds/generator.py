"""The site's feeds, a pair of feeds per source, tag, country and story, and the OPML list."""

from __future__ import annotations

from digest_content.schema import Story
from digest_weeks.isoweek import WEEKS_URL

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


def _channel(settings, title: str, page_path: str, link: FeedLink, description: str | None = None) -> Channel:
    root = site_root(settings)
    return Channel(
        title=title,
        page_url=f"{root}/{page_path}",
        feed_url=f"{root}/{link.path}",
        description=description or settings["SITEDESCRIPTION"],
        language=settings["DEFAULT_LANG"],
        author=settings["CURATORS"],
    )


def write_feeds(writer, digest, settings) -> None:
    """Every feed of ``digest`` and the OPML list of them, through ``writer``."""
    sitename = settings["SITENAME"]
    entries = Entries(settings)

    def write(link: FeedLink, channel: Channel, items) -> None:
        writer.write_text(
            link.path,
            lambda: FEED_WRITERS[link.kind](channel, items, entries),
            {"channel": channel, "items": items},
            f"feed:{link.kind}",
        )

    latest = list(digest.items[: settings.get("FEED_MAX_ITEMS") or SITE_FEED_ITEMS])
    for link in digest.site_feeds:
        write(link, _channel(settings, sitename, "", link), latest)
    groups = {}
    with_feeds = [terms for name, terms in digest.terms.items() if digest.taxonomies[name].has_feeds]
    for terms in [*with_feeds, digest.stories]:
        for term in terms:
            title = term_title(sitename, term)
            # A story's feed says what the story is, when stories.yaml does.
            description = term.details.summary if isinstance(term.details, Story) else None
            for link in term.feeds:
                write(link, _channel(settings, title, term.url, link, description), term.items[:TERM_FEED_ITEMS])
                groups.setdefault(term.taxonomy.title, []).append(
                    (f"{term.name} ({KIND_LABELS[link.kind]})", term.url, link)
                )
    whole = [(link.title, "", link) for link in digest.site_feeds]
    weekly = [(link.title, WEEKS_URL, link) for link in digest.weeks.feeds]
    listing = [(sitename, whole), ("Weekly editions", weekly), *groups.items()]
    writer.write_text(
        OPML_PATH, lambda: opml(f"{sitename}: all feeds", listing, site_root(settings)), {"groups": listing}, "opml"
    )
