"""/weeks/, each week's edition, and the weekly feeds."""

from __future__ import annotations

from functools import cache

from digest_feeds.feeds import Channel, site_root

from .feeds import FEED_EDITIONS, edition_entry, edition_feed
from .isoweek import WEEKS_URL


def write_weeks(writer, digest, context, get_template, settings) -> None:
    """The index of the editions, each edition's page and the weekly feeds, through ``writer``."""
    weeks = digest.weeks
    relative_urls = settings["RELATIVE_URLS"]
    values = {"relative_urls": relative_urls, "feeds": weeks.feeds}
    writer.write_file(
        WEEKS_URL + "index.html", get_template("weeks"), context, url=WEEKS_URL, editions=weeks.editions, **values
    )
    template = get_template("week")
    for edition in weeks.editions:
        writer.write_file(edition.url + "index.html", template, context, url=edition.url, edition=edition, **values)
    write_week_feeds(writer, weeks, settings)


def write_week_feeds(writer, weeks, settings) -> None:
    """RSS and Atom with the newest editions whose week is over: an edition in progress would
    reach a reader, or an inbox, half written."""
    root = site_root(settings)
    editions = weeks.finished[:FEED_EDITIONS]
    newest = weeks.editions[0] if weeks.editions else None
    since = newest.week.starts_at(newest.ends_at.tzinfo) if newest else None

    @cache
    def entries() -> list:
        # Made once for both feeds, and only when one of them is written.
        return [edition_entry(edition, root, settings) for edition in editions]

    for link in weeks.feeds:
        channel = Channel(
            title=f"{settings['SITENAME']}: weekly editions",
            page_url=f"{root}/{WEEKS_URL}",
            feed_url=f"{root}/{link.path}",
            description=f"{settings['SITEDESCRIPTION']} One entry a week, Monday to Sunday.",
            language=settings["DEFAULT_LANG"],
            author=settings["CURATORS"],
        )
        writer.write_text(
            link.path,
            lambda kind=link.kind, channel=channel: edition_feed(kind, channel, entries(), since),
            {"channel": channel, "editions": editions, "since": since},
            f"feed:weeks:{link.kind}",
        )
