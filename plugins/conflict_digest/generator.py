"""The digest's generator: builds the model once the items and pages are read, then writes
the search page, the taxonomies' pages, the claims' pages, the stories' pages, the weekly
editions, the feeds, the open data, the search index (made meanwhile, see ``digest_search``)
and the sitemap, in that order (the sitemap lists every page written before it)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from digest_content.problems import ContentProblems
from digest_content.sources import load_registry
from digest_data.data import write_data
from digest_feeds.generator import write_feeds
from digest_incremental.addresses import moved_items, moved_lists, remember_addresses
from digest_search.search import write_search
from digest_sitemap.sitemap import write_sitemap
from digest_stories.generator import write_stories
from digest_taxonomies.generator import write_claims, write_taxonomies
from digest_weeks.generator import write_weeks
from pelican.generators import Generator

from .internals import keep_urls
from .model import build_digest

log = logging.getLogger(__name__)

# The context key of the moment the build reads its items at: an item dated after it waits.
BUILT_AT = "digest_built_at"


def note_the_moment(generator) -> None:
    """article_generator_init: the build's moment, taken once, before any item is read. Pelican
    holds back an item dated in the future by its own clock as it reads each file; an item whose
    date falls while the build reads would otherwise be published by Pelican and held back by
    the digest, or the reverse."""
    generator.context[BUILT_AT] = build_moment()


def build_moment() -> datetime:
    return datetime.now(UTC)


def wait_for_the_date(generator, metadata) -> None:
    """article_generator_context: an item dated after the build's moment is held back (a draft
    to Pelican), as the digest holds it back; Pelican's own clock, read later, agrees on every
    item dated before the moment."""
    date, moment = metadata.get("date"), generator.context.get(BUILT_AT)
    if metadata.get("status") != "published" or generator.settings.get("WITH_FUTURE_DATES"):
        return
    if getattr(date, "tzinfo", None) is not None and moment is not None and date > moment:
        metadata["status"] = "draft"


class DigestGenerator(Generator):
    def generate_context(self):
        context = self.context
        registry, registry_problems = load_registry(self.settings["PATH"])
        items = [*context["articles"], *context["drafts"], *context["hidden_articles"]]
        pages = [*context["pages"], *context["hidden_pages"], *context["draft_pages"]]
        now = context.get(BUILT_AT) or build_moment()
        digest = build_digest(items, pages, registry, registry_problems, self.settings, now)
        # An item's move is said before the problems stop the build: a link fixed to an item's
        # new address is a problem that the note on the move answers better (add the old slug).
        # A list's is said once there are none: a source or story with a mistake, or whose only
        # item has one, has no page in this build, but it is not gone.
        read = [item.digest for item in items]
        notes = [*digest.held_back, *moved_items(self.settings, digest.items, read)]
        for note in notes if digest.problems else [*notes, *moved_lists(self.settings, digest)]:
            log.warning("%s", note)
        if digest.problems:
            raise ContentProblems(digest.problems)
        if sorted(map(id, digest.items)) != sorted(map(id, context["articles"])):
            raise RuntimeError(
                "Pelican publishes other items than the digest lists; see plugins/conflict_digest/internals.py"
            )
        # In the digest's order, which Pelican's leaves open for items of the same moment.
        context["articles"][:] = digest.items
        for content in [*digest.items, *context["pages"]]:
            keep_urls(content)
        context["DIGEST"] = digest
        # Shown on the first page of a list only (see FIRST_PAGE_ONLY in the settings).
        context["LATEST_WEEK"] = digest.latest_week

    def generate_output(self, writer):
        digest = self.context["DIGEST"]
        write_search(writer, self.context, self.get_template, self.settings)
        write_taxonomies(writer, digest, self.context, self.get_template, self.settings["RELATIVE_URLS"])
        write_claims(writer, digest, self.context, self.get_template, self.settings["RELATIVE_URLS"])
        write_stories(writer, digest, self.context, self.get_template, self.settings["RELATIVE_URLS"])
        write_weeks(writer, digest, self.context, self.get_template, self.settings)
        write_feeds(writer, digest, self.settings)
        write_data(writer, digest, self.context, self.get_template, self.settings)
        writer.finish_files()  # the search index, made while the pages were written
        write_sitemap(writer, self.settings)
        remember_addresses(self.settings, digest)
