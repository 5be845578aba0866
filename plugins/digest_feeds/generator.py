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


# The one feed of a set that the OPML list subscribes to: a reader importing it gets each once.
OPML_KIND = "atom"


def term_title(sitename: str, term) -> str:
    """ "Conflict Digest: Syria (country)", as a feed reader lists the feed."""
    return f"{sitename}: {term.name} ({term.taxonomy.singular.lower()})"


def term_description(sitename: str, term) -> str:
    """A story's summary, when stories.yaml gives one; else what the feed holds."""
    if isinstance(term.details, Story) and term.details.summary:
        return term.details.summary
    return f"The items of {sitename} with the {term.taxonomy.singular.lower()} {term.name}."


def site_feed_links(sitename: str) -> list[FeedLink]:
    return [FeedLink(kind, path, f"{sitename} ({KIND_LABELS[kind]})") for kind, path in SITE_FEEDS]


def term_feed_links(sitename: str, term) -> list[FeedLink]:
    title = term_title(sitename, term)
    return [FeedLink(kind, term.url + name, f"{title} ({KIND_LABELS[kind]})") for kind, name in TERM_FEEDS]


def _channel(settings, title: str, page_path: str, link: FeedLink, description: str) -> Channel:
    root = site_root(settings)
    return Channel(
        title=title,
        page_url=f"{root}/{page_path}",
        feed_url=f"{root}/{link.path}",
        description=description,
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
        write(link, _channel(settings, sitename, "", link, settings["SITEDESCRIPTION"]), latest)
    groups = {}
    with_feeds = [terms for name, terms in digest.terms.items() if digest.taxonomies[name].has_feeds]
    for terms in [*with_feeds, digest.stories]:
        for term in terms:
            channel_of = (term_title(sitename, term), term.url)
            for link in term.feeds:
                channel = _channel(settings, *channel_of, link, term_description(sitename, term))
                write(link, channel, term.items[:TERM_FEED_ITEMS])
            listed = next(link for link in term.feeds if link.kind == OPML_KIND)
            groups.setdefault(term.taxonomy.title, []).append((term.name, term.url, listed))
    for members in groups.values():
        members.sort(key=lambda member: member[0].casefold())
    whole = [(sitename, "", link) for link in digest.site_feeds if link.kind == OPML_KIND]
    weekly = [("Weekly editions", WEEKS_URL, link) for link in digest.weeks.feeds if link.kind == OPML_KIND]
    listing = [(sitename, [*whole, *weekly]), *groups.items()]
    writer.write_text(
        OPML_PATH, lambda: opml(f"{sitename}: all feeds", listing, site_root(settings)), {"groups": listing}, "opml"
    )
