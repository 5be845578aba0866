"""Every feed of the fixture site parses cleanly and follows the strict rules of its format."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from digest_feeds.feeds import FEED_WRITERS, Channel, DigestAtomFeed, DigestRssFeed, Entries, entry_id
from feedgenerator import Atom1Feed, Rss201rev2Feed
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SITE_ROOT = read_settings(str(ROOT / "pelicanconf.py"))["FEED_DOMAIN"].rstrip("/")


def feed_files(output: Path, suffix: str) -> list[Path]:
    """The feeds: every such file but the sitemap, the open data (data/items.json) and the
    search index (pagefind/)."""
    return sorted(
        path
        for path in output.rglob(f"*{suffix}")
        if path.name != "sitemap.xml" and path.relative_to(output).parts[0] not in ("data", "pagefind")
    )


def url_of(output: Path, path: Path) -> str:
    return f"{SITE_ROOT}/{path.relative_to(output).as_posix()}"


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def links_in_html(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_the_site_has_every_feed_of_the_contract(taxonomy_site):
    for path in [
        "feeds/rss.xml",
        "feeds/atom.xml",
        "feeds/feed.json",
        "feeds/feeds.opml",
        "weeks/rss.xml",
        "weeks/atom.xml",
    ]:
        assert (taxonomy_site / path).is_file(), path
    for term in ["sources/reuters", "tags/aleppo", "countries/no"]:
        assert (taxonomy_site / term / "rss.xml").is_file() and (taxonomy_site / term / "atom.xml").is_file()


def test_xml_feeds_parse_without_errors_in_a_real_parser(taxonomy_site):
    # feedparser reads RSS and Atom; the JSON Feed is checked field by field below.
    files = feed_files(taxonomy_site, ".xml")
    assert len(files) > 40
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        for entry in parsed.entries:
            assert is_absolute(entry.link), (path, entry.link)


def test_rss_follows_rss_2_0_strictly(taxonomy_site):
    for path in feed_files(taxonomy_site, "rss.xml"):
        rss = ElementTree.parse(path).getroot()
        assert rss.tag == "rss" and rss.get("version") == "2.0"
        channel = rss.find("channel")
        for name in ("title", "link", "description"):
            assert (channel.findtext(name) or "").strip(), (path, name)
        assert is_absolute(channel.findtext("link"))
        self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert [link.get("href") for link in self_links] == [url_of(taxonomy_site, path)]
        parsedate_to_datetime(channel.findtext("lastBuildDate"))
        guids = []
        for item in channel.findall("item"):
            assert item.findtext("title") and is_absolute(item.findtext("link"))
            guid = item.find("guid")
            # A guid that is not a URL must say so, or validators reject it.
            assert guid.get("isPermaLink") == "false" and not is_absolute(guid.text)
            guids.append(guid.text)
            assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
            assert all(category.text.strip() for category in item.findall("category"))
            assert all(is_absolute(url) for url in links_in_html(item.findtext("description")))
        assert len(guids) == len(set(guids))


def test_atom_follows_rfc_4287_strictly(taxonomy_site):
    for path in feed_files(taxonomy_site, "atom.xml"):
        feed = ElementTree.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{name}")) == 1, (path, name)
        assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
        assert feed.find(f"{ATOM}author/{ATOM}name").text.strip()
        links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links["self"] == url_of(taxonomy_site, path) and is_absolute(links["alternate"])
        # An item's entry summarises a story and links to it; a week's entry holds the whole edition.
        weekly = path.relative_to(taxonomy_site).as_posix() == "weeks/atom.xml"
        ids = []
        for entry in feed.findall(f"{ATOM}entry"):
            ids.append(entry.findtext(f"{ATOM}id"))
            assert urlsplit(ids[-1]).scheme in ("tag", "http", "https")
            assert entry.findtext(f"{ATOM}title").strip()
            assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
            rels = {link.get("rel", "alternate"): link.get("href") for link in entry.findall(f"{ATOM}link")}
            assert is_absolute(rels["alternate"]) and (weekly or is_absolute(rels["related"]))
            body = entry.find(f"{ATOM}{'content' if weekly else 'summary'}")
            assert body is not None and body.get("type") == "html"
            assert all(is_absolute(url) for url in links_in_html(body.text))
        assert len(ids) == len(set(ids))


def test_json_feed_follows_version_1_1(taxonomy_site):
    path = taxonomy_site / "feeds/feed.json"
    feed = json.loads(path.read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == url_of(taxonomy_site, path) and is_absolute(feed["home_page_url"])
    assert all(author["name"] for author in feed["authors"])
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids)) and all(isinstance(item_id, str) for item_id in ids)
    for item in feed["items"]:
        assert is_absolute(item["url"]) and is_absolute(item["external_url"])
        assert item["content_html"] and item["summary"]
        assert RFC3339.match(item["date_published"])
        datetime.fromisoformat(item["date_published"])
        assert all(isinstance(tag, str) and tag for tag in item["tags"])
        assert all(is_absolute(url) for url in links_in_html(item["content_html"]))


def test_a_feed_entry_carries_summary_original_link_source_tags_and_stable_id(taxonomy_site):
    rss = feedparser.parse((taxonomy_site / "sources/nrk/rss.xml").read_bytes())
    entry = next(entry for entry in rss.entries if entry.title.startswith("Story 88:"))
    assert "Summary of story 88, in the curator" in entry.description
    assert 'href="https://news.example.org/story-88"' in entry.description
    assert entry.author == "NRK"
    assert sorted(tag.term for tag in entry.tags) == ["arctic", "topic-1"]
    site_wide = feedparser.parse((taxonomy_site / "feeds/atom.xml").read_bytes())
    same = next(other for other in site_wide.entries if other.title == entry.title)
    assert same.id == entry.id


def test_opml_subscribes_to_every_page_with_feeds_once(taxonomy_site):
    """A feed reader importing the list gets each source, tag, country, story, the site and the
    weekly editions once (by its Atom feed), never the same items twice, sorted by name."""
    opml = ElementTree.parse(taxonomy_site / "feeds/feeds.opml").getroot()
    assert opml.get("version") == "2.0" and opml.findtext("head/title")
    listed = [outline.get("xmlUrl") for outline in opml.iter("outline") if outline.get("xmlUrl")]
    assert all(outline.get("text") for outline in opml.iter("outline"))
    atom = feed_files(taxonomy_site, "atom.xml")
    assert sorted(listed) == sorted(url_of(taxonomy_site, path) for path in atom)
    assert len(set(listed)) == len(listed) == len(feed_files(taxonomy_site, "rss.xml"))
    for group in opml.find("body").findall("outline")[1:]:
        names = [outline.get("text") for outline in group]
        assert names == sorted(names, key=str.casefold), group.get("text")


def test_an_item_in_another_language_says_so_in_the_feeds(taxonomy_site):
    """Feed readers lay out an Arabic item right to left, as its page does."""
    settings = {**FEED_SETTINGS, "DEFAULT_LANG": "en"}
    atom = ElementTree.fromstring(FEED_WRITERS["atom"](channel("atom"), STORIES, Entries(settings)))
    entry = atom.find(f"{ATOM}entry")
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    parsed = feedparser.parse(FEED_WRITERS["atom"](channel("atom"), STORIES, Entries(settings)).encode("utf-8"))
    assert parsed.entries[0].summary.startswith('<div dir="ltr" lang="en"><p dir="ltr" lang="ru">Summary of story 3.')
    arabic = SimpleNamespace(**{**vars(story(2)), "lang": "ar"})
    html = Entries(settings).get(arabic).html
    # The item's own text is Arabic, right to left; the feed's words around it are English.
    assert html.startswith(
        '<div lang="en" dir="ltr"><p lang="ar" dir="rtl">Summary of story 2.</p><p>Read the original'
    )
    assert '<li><strong>Denied</strong>: <span lang="ar" dir="rtl">Claim 2 (Officials)</span></li>' in html
    english = SimpleNamespace(**{**vars(story(4)), "lang": "en"})
    assert Entries(settings).get(english).html.startswith("<p>Summary of story 4.</p>")


@pytest.mark.parametrize(
    ("page", "own_feed"),
    [
        ("index.html", "feeds/rss.xml"),
        ("tags/aleppo/index.html", "tags/aleppo/rss.xml"),
        ("sources/reuters/page/2/index.html", "sources/reuters/atom.xml"),
        ("sources/index.html", "feeds/atom.xml"),
        ("weeks/index.html", "weeks/rss.xml"),
        ("weeks/2024-W01/index.html", "weeks/atom.xml"),
    ],
)
def test_pages_link_their_own_feeds(taxonomy_site, page, own_feed):
    html = (taxonomy_site / page).read_text(encoding="utf-8")
    alternates = re.findall(r'<link rel="alternate" type="application/[a-z+]+" title="[^"]+" href="/([^"]+)"', html)
    assert own_feed in alternates
    assert all((taxonomy_site / path).is_file() for path in alternates)


# Feeds written from items made here, without building a site.
FEED_SETTINGS = {"SITEURL": "https://digest.example.org", "DEFAULT_LANG": "en"}


def story(index: int, *, modified: datetime | None = None) -> SimpleNamespace:
    return SimpleNamespace(
        title=f"Story {index}: shelling & <denials>",
        url=f"2024/03/{index:02d}/story-{index}/",
        slug=f"story-{index}",
        date=datetime(2024, 3, index, 12, tzinfo=UTC),
        modified=modified,
        source=SimpleNamespace(name="Новая газета", url=f"https://news.example.org/story-{index}"),
        via=[SimpleNamespace(role="cited", name="AFP")],
        claims=[SimpleNamespace(status="denied", text=f"Claim {index}", by="Officials")],
        digest=SimpleNamespace(
            facts=SimpleNamespace(
                terms={"tags": [SimpleNamespace(name="Донбас"), SimpleNamespace(name="topic-1")]},
                source_term=SimpleNamespace(name="Новая газета"),
                # As the model names them from the registry: "AFP" is an alias.
                attribution=[
                    SimpleNamespace(connector="", name="Новая газета"),
                    SimpleNamespace(connector="citing", name="Agence France-Presse"),
                ],
            )
        ),
        summary_text=f"Summary of story {index}.",
        lang="ru",
    )


def channel(kind: str) -> Channel:
    return Channel(
        title="Conflict Digest: Донбас (tag)",
        page_url="https://digest.example.org/tags/donbas/",
        feed_url=f"https://digest.example.org/tags/donbas/{kind}.xml",
        description="A curated digest of conflict news.",
        language="en",
        author="Conflict Digest curators",
    )


STORIES = [story(3, modified=datetime(2024, 3, 9, 8, tzinfo=UTC)), story(5), story(1)]


def test_rss_guids_are_tag_uris_that_say_they_are_not_permalinks():
    rss = ElementTree.fromstring(FEED_WRITERS["rss"](channel("rss"), STORIES, Entries(FEED_SETTINGS)))
    guids = rss.findall("channel/item/guid")
    assert [guid.text for guid in guids] == [entry_id(item, FEED_SETTINGS) for item in STORIES]
    assert all(guid.get("isPermaLink") == "false" for guid in guids)
    assert guids[0].text == "tag:digest.example.org,2024-03-03:story-3"


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_a_feed_written_twice_from_the_same_items_is_the_same_bytes(kind):
    write = FEED_WRITERS[kind]
    first = write(channel(kind), STORIES, Entries(FEED_SETTINGS))
    # Entries kept from other feeds of the same build are written as a fresh build writes them.
    entries = Entries(FEED_SETTINGS)
    write(channel(kind), list(reversed(STORIES)) + [story(7)], entries)
    assert write(channel(kind), STORIES, entries) == first
    assert write(channel(kind), STORIES, Entries(FEED_SETTINGS)) == first
    assert write(channel(kind), [], Entries(FEED_SETTINGS)) == write(channel(kind), [], Entries(FEED_SETTINGS))


def test_a_feed_is_as_new_as_its_newest_item_not_the_time_it_was_written():
    rss = ElementTree.fromstring(FEED_WRITERS["rss"](channel("rss"), STORIES, Entries(FEED_SETTINGS)))
    newest = datetime(2024, 3, 9, 8, tzinfo=UTC)
    assert parsedate_to_datetime(rss.findtext("channel/lastBuildDate")) == newest
    atom = ElementTree.fromstring(FEED_WRITERS["atom"](channel("atom"), STORIES, Entries(FEED_SETTINGS)))
    assert datetime.fromisoformat(atom.findtext(f"{ATOM}updated")) == newest
    assert [entry.findtext(f"{ATOM}updated") for entry in atom.findall(f"{ATOM}entry")] == [
        "2024-03-09T08:00:00+00:00",
        "2024-03-05T12:00:00+00:00",
        "2024-03-01T12:00:00+00:00",
    ]
    rss = ElementTree.fromstring(FEED_WRITERS["rss"](channel("rss"), [], Entries(FEED_SETTINGS)))
    assert rss.find("channel/lastBuildDate") is None


def test_rss_and_atom_are_written_by_feedgenerator():
    assert issubclass(DigestRssFeed, Rss201rev2Feed) and issubclass(DigestAtomFeed, Atom1Feed)
    for kind, version in (("rss", "rss20"), ("atom", "atom10")):
        text = FEED_WRITERS[kind](channel(kind), STORIES, Entries(FEED_SETTINGS))
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
        parsed = feedparser.parse(text.encode("utf-8"))
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == version
        assert parsed.feed.title == "Conflict Digest: Донбас (tag)"
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [channel(kind).feed_url]
        entry = parsed.entries[0]
        assert entry.id == "tag:digest.example.org,2024-03-03:story-3"
        assert entry.title == "Story 3: shelling & <denials>"
        assert entry.link == "https://digest.example.org/2024/03/03/story-3/"
        assert entry.author == "Новая газета"
        assert [tag.term for tag in entry.tags] == ["Донбас", "topic-1"]
        assert entry.published_parsed[:4] == (2024, 3, 3, 12)
        assert 'href="https://news.example.org/story-3"' in entry.summary
        assert "Новая газета (citing Agence France-Presse)" in entry.summary and "Denied" in entry.summary
    atom = feedparser.parse(FEED_WRITERS["atom"](channel("atom"), STORIES, Entries(FEED_SETTINGS)).encode("utf-8"))
    assert atom.feed.author == "Conflict Digest curators" and atom.feed.language == "en"
    related = [link for link in atom.entries[0].links if link.rel == "related"]
    assert [(link.href, link.title) for link in related] == [("https://news.example.org/story-3", "Новая газета")]


def test_characters_xml_cannot_hold_are_left_out_of_rss_and_atom():
    # YAML's "\b" escape gives a title a backspace, which no XML parser accepts, escaped or not.
    item = story(2)
    item.title = "Shelling\b near\x00 Donetsk"
    item.digest.facts.terms = {"tags": [SimpleNamespace(name="topic\x1f-1")]}
    for kind in ("rss", "atom"):
        text = FEED_WRITERS[kind](channel(kind), [item], Entries(FEED_SETTINGS))
        parsed = feedparser.parse(text.encode("utf-8"))
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.entries[0].title == "Shelling near Donetsk"
        assert [tag.term for tag in parsed.entries[0].tags] == ["topic-1"]


def test_a_feed_entry_says_what_corrections_and_updates_changed(make_content, run_build, tmp_path):
    from test_content_checks import valid_item

    updated = valid_item(
        "modified: 2016-12-12T09:00:00+00:00\nupdates:\n  - {date: 2016-12-12, kind: correction, note: The toll is 12.}"
    )
    output = tmp_path / "output"
    assert run_build(make_content(items={"x.md": updated}), output).code == 0
    entry = feedparser.parse((output / "feeds" / "atom.xml").read_bytes()).entries[0]
    assert (
        "<p>Corrections and updates:</p><ul><li><strong>Correction</strong>, 12 December 2016: The toll is 12.</li></ul>"
        in entry.summary
    )


def test_a_source_named_by_an_alias_is_the_entrys_author_by_its_registered_name(make_content, run_build, tmp_path):
    """The item page names the source as sources.yaml does; the feeds name it the same way."""
    from test_content_checks import valid_item

    output = tmp_path / "output"
    item = valid_item().replace("name: Middle East Eye", "name: MEE")
    assert run_build(make_content(items={"x.md": item}), output).code == 0
    rss = feedparser.parse((output / "feeds" / "rss.xml").read_bytes()).entries[0]
    atom = feedparser.parse((output / "sources" / "middle-east-eye" / "atom.xml").read_bytes()).entries[0]
    json_feed = json.loads((output / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert rss.author == atom.author == json_feed["authors"][0]["name"] == "Middle East Eye"


def test_ids_stay_the_same_when_the_site_moves_with_feed_id_authority_set():
    moved = {**FEED_SETTINGS, "SITEURL": "https://digest.example.net"}
    assert entry_id(STORIES[0], moved) != entry_id(STORIES[0], FEED_SETTINGS)
    kept = "digest.example.org"
    assert entry_id(STORIES[0], {**moved, "FEED_ID_AUTHORITY": kept}) == entry_id(STORIES[0], FEED_SETTINGS)
