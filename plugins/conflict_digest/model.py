"""The digest as one model: what ``make check`` checks and what the build shows.

``build_digest`` is a function of the items and pages read, the registry of sources, the
settings and the time: it finds every problem, files the published items under the terms
of every taxonomy and under their developing stories (``content/stories.yaml``), links each
item to its neighbours, its attribution chain and its related items, and names the feeds.
``tools/digest.py check`` and the build both call it, so they cannot disagree.

The build puts the result in the context as ``DIGEST``. Templates read the site-wide parts
from it (``DIGEST.taxonomies``, ``DIGEST.site_feeds``); a page's own item, term or list
comes to it as the page's values, as in Pelican.

What the model knows of each published item beyond its file is kept on the item's record,
as ``item.digest.facts`` (``ItemFacts``: terms, source term, neighbours, attribution, place in
its story, related items), not on Pelican's objects; each term with feeds, and each story,
gets its ``feeds``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from digest_content.checks import (
    broken_site_links,
    changed_in_the_future,
    cross_checks,
    doubtful_sources,
    held_back,
    missing_images,
    page_checks,
    stray_files,
    unsafe_paths,
    waits_for_its_date,
)
from digest_content.items import article_save_as
from digest_content.letters import LANGUAGES_IN, script_of_language, written_direction, written_script
from digest_content.problems import Problem
from digest_content.schema import Item
from digest_content.sources import SOURCES_FILE, Registry, load_registry
from digest_content.stories import STORIES_FILE, StoryList, load_stories, unknown_stories
from digest_data.data import CSV_PATH, FOLDER, GEOJSON_PATH, JSON_PATH, SCHEMA_PATH
from digest_feeds.feeds import FeedLink
from digest_feeds.generator import OPML_PATH, site_feed_links, term_feed_links
from digest_incremental.pagination import numbered_pages
from digest_related.related import link_related
from digest_search.search import SEARCH_URL
from digest_stories.stories import STORIES, group_stories
from digest_taxonomies.claims import CLAIMS_URL, Standing, claims_by_standing
from digest_taxonomies.taxonomy import SOURCES, TAXONOMIES, ItemFacts, build_taxonomies
from digest_theme.presentation import attribution_chain, text_direction
from digest_weeks.editions import Edition, Weeks, weekly_editions
from digest_weeks.isoweek import WEEKS_URL
from digest_weeks.notes import NOTES_FOLDER, read_notes


@dataclass(frozen=True)
class PageLink:
    """A standalone page as the masthead and the items link to it: by slug, address and title.
    Only these are described in the fingerprints of the pages that link to it, so an edit of
    the page's text renders the page again, not every page of the site."""

    page: object  # Pelican's page

    @property
    def slug(self) -> str:
        return self.page.slug

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def title(self) -> str:
        return self.page.title

    def __fingerprint__(self, describe) -> str:
        return describe([self.slug, self.url, self.title])


@dataclass(frozen=True)
class Digest:
    items: tuple  # published, newest first
    terms: MappingProxyType  # taxonomy name -> tuple of its terms
    taxonomies: MappingProxyType  # taxonomy name -> Taxonomy
    site_feeds: tuple[FeedLink, ...]
    registry: Registry
    latest_week: Edition | None  # the edition of the newest item's week: the front page's week at a glance
    claims: tuple[Standing, ...]  # every status with its claims, newest item first
    weeks: Weeks  # the weekly editions, newest first, and their feeds
    stories: tuple  # the developing stories with published items (terms), latest news first
    story_list: StoryList  # every story of content/stories.yaml
    problems: tuple[Problem, ...]  # every problem in the content, sorted
    # What is left out for now, said as notes, not problems: items dated in the future, notes of
    # weeks to come, images from other sites.
    held_back: tuple[Problem, ...]
    valid_until: float | None  # when a held-back item falls due or a week ends (the site changes then), if ever
    navigation: tuple[PageLink, ...]  # the published pages, in Pelican's order

    def __fingerprint__(self, describe) -> str:
        """What templates read of the digest as a whole; their own items and terms they get as values."""
        return describe([dict(self.taxonomies), list(self.site_feeds), list(self.navigation)])


def is_published(record, settings, now: datetime) -> bool:
    meta = record.meta
    return (
        isinstance(meta, Item)
        and meta.status == "published"
        and not waits_for_its_date(meta, settings, now)
        and not record.problems
    )


def content_problems(items, pages, registry: Registry, settings) -> list[Problem]:
    """Every problem found in the files, in the files taken together and in the content folder."""
    item_records = [item.digest for item in items]
    page_records = [page.digest for page in pages]
    problems = [problem for record in [*item_records, *page_records] for problem in record.problems]
    drafts_written = bool(settings.get("DRAFT_SAVE_AS"))
    problems += cross_checks(item_records, registry, lambda record: article_save_as(record, settings), drafts_written)
    problems += page_checks(page_records, settings)
    problems += stray_files(settings, kept=[SOURCES_FILE, STORIES_FILE, NOTES_FOLDER])
    problems += unsafe_paths(settings)
    return problems


def list_addresses(terms, stories, taxonomies, weeks, claims, published: int, settings) -> frozenset[str]:
    """Every address of the site besides its items and pages (from the site's root, as
    ``tags/aleppo/``): lists and their indexes, their numbered pages (``page/N/``, as many as
    their items fill), stories, weeks, claims, feeds, search and open data."""
    addresses = {"", SEARCH_URL, FOLDER, JSON_PATH, SCHEMA_PATH, GEOJSON_PATH, CSV_PATH, OPML_PATH, WEEKS_URL}
    addresses |= {taxonomy.index_url for taxonomy in taxonomies} | {STORIES.index_url, CLAIMS_URL}
    addresses |= {link.path for link in [*site_feed_links(settings["SITENAME"]), *weeks.feeds]}
    for term in [*(term for members in terms for term in members), *stories]:
        addresses |= {term.url, *(link.path for link in getattr(term, "feeds", ()))}
    addresses |= {edition.url for edition in weeks.editions} | {standing.url for standing in claims}

    def per_page(template: str):
        return settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]

    addresses.update(numbered_pages("", published, per_page("index")))
    for term in (term for members in terms for term in members):
        addresses.update(numbered_pages(term.url, len(term.items), per_page("term")))
    for standing in claims:
        addresses.update(numbered_pages(standing.url, standing.count, per_page("claim_list")))
    return frozenset(addresses)


def mismatched_languages(records, default_lang: str) -> list[Problem]:
    """Items whose title and summary are not written as their language is: ``lang`` is the
    language of the curator's text, and the page lays the text out by it and tells browsers,
    screen readers and search which language it is. Said when the text runs the other way (an
    Arabic title under an English ``lang``, an English one under ``lang: ar``), or is in other
    letters than the language's (Ukrainian text under ``lang: en``)."""
    notes = []
    for record in records:
        meta = record.meta
        if not isinstance(meta, Item):
            continue
        text, lang = f"{meta.title} {meta.summary}", meta.lang or default_lang
        written, script = written_direction(text), written_script(text)
        if written is not None and written != text_direction(lang):
            ways = {"rtl": "right to left", "ltr": "left to right"}
            found, expected = f"written {ways[written]}", f"written {ways[text_direction(lang)]}"
        elif script is not None and script_of_language(lang) not in (None, script):
            found, expected = f"in {script} letters", f"written in {script_of_language(lang)} letters"
        else:
            continue
        if meta.lang:
            message = (
                f"'{lang}' is {expected}, but the title and summary are {found}: lang is the language of your "
                "text, and the page lays it out by it"
            )
            notes.append(record.problem(("lang",), message))
        else:
            message = (
                f"the title and summary are {found}, but without lang: the item is read as {lang}; add lang: with "
                f"the language of the text ({LANGUAGES_IN.get(script, 'ar, fa, he')}...)"
            )
            notes.append(record.problem(("title",), message))
    return notes


def build_digest(items, pages, registry: Registry, registry_problems, settings, now: datetime) -> Digest:
    """The digest of ``items`` and ``pages`` (objects with a ``digest`` record, in Pelican's
    order: items newest first, the published pages first); see the module's description."""
    # One order whatever order the files were read in (Pelican lists them as a set, in an order
    # that changes from one run to the next): by file here; published items newest first, and
    # items of the same moment by slug.
    items = sorted(items, key=lambda item: item.digest.path)
    story_list, story_problems = load_stories(settings["PATH"])
    problems = [*registry_problems, *story_problems, *content_problems(items, pages, registry, settings)]
    problems += unknown_stories([item.digest for item in items], story_list)
    published = [item for item in items if is_published(item.digest, settings, now)]
    published.sort(key=lambda item: item.digest.slug)
    published.sort(key=lambda item: item.date, reverse=True)
    terms, taxonomy_problems = build_taxonomies(published, registry, settings)
    problems += taxonomy_problems
    sitename = settings["SITENAME"]
    for item in published:
        item.digest.facts.attribution = attribution_chain(item, registry)
    stories = group_stories(published, story_list)
    for story in stories:
        story.feeds = term_feed_links(sitename, story)
    link_related(published)
    # A draft previewed at its address (DRAFT_SAVE_AS, `make html DRAFTS=1`) is in no term and
    # has no neighbours; it is named as its registry names it.
    for item in items:
        if item.digest.facts is None and item.digest.meta is not None and not item.digest.problems:
            item.digest.facts = ItemFacts(terms={taxonomy.name: [] for taxonomy in TAXONOMIES})
            item.digest.facts.attribution = attribution_chain(item, registry)
    taxonomies = {taxonomy.name: taxonomy for taxonomy in TAXONOMIES}
    for name, members in terms.items():
        for term in members if taxonomies[name].has_feeds else ():
            term.feeds = term_feed_links(sitename, term)
    week_notes, note_problems = read_notes(settings)
    problems += note_problems
    weeks = weekly_editions(published, week_notes, settings, now)
    claims = claims_by_standing(published)
    records = [item.digest for item in items], [page.digest for page in pages]
    lists = list_addresses(terms.values(), stories, taxonomies.values(), weeks, claims, len(published), settings)
    # The addresses of a story or a source whose entry could not be read are not known.
    listings = ((STORIES, story_list), (SOURCES, registry))
    unsure = tuple(taxonomy.index_url for taxonomy, listing in listings if listing.unread is None or listing.unread)
    linked = broken_site_links(*records, settings, now, linking=week_notes.values(), lists=lists, unsure=unsure)
    broken_links, links_held_back = linked
    problems += broken_links
    problems += changed_in_the_future(records[0], now)
    notes = [
        *held_back([*records[0], *records[1]], settings, now),
        *links_held_back,
        *(left for note in week_notes.values() for left in note.left_out),
        *missing_images([*records[0], *records[1], *week_notes.values()], settings),
        *doubtful_sources(records[0], registry),
        *mismatched_languages(records[0], settings["DEFAULT_LANG"]),
    ]
    due = [item.digest.meta.date.timestamp() for item in items if waits_for_its_date(item.digest.meta, settings, now)]
    return Digest(
        items=tuple(published),
        terms=MappingProxyType({name: tuple(members) for name, members in terms.items()}),
        taxonomies=MappingProxyType(taxonomies),
        site_feeds=tuple(site_feed_links(sitename)),
        registry=registry,
        latest_week=weeks.latest(published),
        claims=claims,
        weeks=weeks,
        stories=tuple(stories),
        story_list=story_list,
        problems=tuple(sorted(set(problems))),
        held_back=(*notes, *weeks.held_back),
        valid_until=min([*due, *weeks.changes_at], default=None),
        navigation=tuple(PageLink(page) for page in pages if getattr(page, "status", None) == "published"),
    )


class ReadContent:
    """An item or page as ``make check`` reads it: the metadata Pelican would get, as attributes."""

    def __init__(self, metadata: dict):
        self.__dict__.update(metadata)


def content_files(settings) -> dict[str, list[str]]:
    """The item and page files, relative to the content folder, as the build finds them."""
    from pelican.generators import Generator

    # Pelican's own way of listing a generator's files: the same folders, exclusions and ignores.
    lister = Generator({}, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
    return {
        "items": lister.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=["md"]),
        "pages": lister.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"], extensions=["md"]),
    }


def find_story(settings, url: str) -> str | None:
    """``path:line`` of the item that already links to the story at ``url`` (compared as
    ``make check`` compares them), or None. Only front matter is read, not bodies."""
    from digest_content import frontmatter
    from digest_content.items import normalised_url

    wanted, root = normalised_url(url), settings["PATH"]
    for name in sorted(content_files(settings)["items"]):
        try:
            with open(os.path.join(root, name), encoding="utf-8-sig") as handle:
                yaml_text, first_line, _, _ = frontmatter.split(handle.read())
            document = frontmatter.load(yaml_text, first_line)
        except (OSError, UnicodeDecodeError, frontmatter.YamlProblem):
            continue  # what is wrong with the file is make check's to say
        source = document.data.get("source") if isinstance(document.data, dict) else None
        address = source.get("url") if isinstance(source, dict) else None
        if isinstance(address, str) and normalised_url(address) == wanted:
            display = os.path.relpath(os.path.join(root, name), os.path.dirname(os.path.abspath(root)))
            return f"{display}:{document.line_of(('source', 'url'))}"
    return None


def read_content(settings) -> tuple[list, list]:
    """Every item and page file, found and read as the build finds and reads them, without
    building: (items, pages), each an object with the metadata Pelican would get and the
    ``digest`` record."""
    from zoneinfo import ZoneInfo

    from digest_content import items as content_items
    from digest_content.reader import metadata_for

    root, zone = settings["PATH"], ZoneInfo(settings["TIMEZONE"])
    read = {"items": [], "pages": []}
    for kind, names in content_files(settings).items():
        for name in sorted(names):
            record = content_items.read(os.path.join(root, name), root, settings, zone)
            metadata = metadata_for(record.meta, record, settings) if record.meta is not None else {"digest": record}
            read[kind].append(ReadContent(metadata))
    return read["items"], read["pages"]


def check_content(settings, now: datetime) -> Digest:
    """The digest of the content folder, read without building: what ``make check`` reports."""
    items, pages = read_content(settings)
    registry, registry_problems = load_registry(settings["PATH"])
    return build_digest(items, pages, registry, registry_problems, settings, now)
