"""Every feed of the fixture site parses cleanly and follows the strict rules of its format."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SITE_ROOT = read_settings(str(ROOT / "pelicanconf.py"))["FEED_DOMAIN"].rstrip("/")


def feed_files(output: Path, suffix: str) -> list[Path]:
    return sorted(path for path in output.rglob(f"*{suffix}") if path.name != "sitemap.xml")


def url_of(output: Path, path: Path) -> str:
    return f"{SITE_ROOT}/{path.relative_to(output).as_posix()}"


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def links_in_html(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_the_site_has_every_feed_of_the_contract(taxonomy_site):
    for path in ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/feeds.opml"]:
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
        ids = []
        for entry in feed.findall(f"{ATOM}entry"):
            ids.append(entry.findtext(f"{ATOM}id"))
            assert urlsplit(ids[-1]).scheme in ("tag", "http", "https")
            assert entry.findtext(f"{ATOM}title").strip()
            assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
            rels = {link.get("rel", "alternate"): link.get("href") for link in entry.findall(f"{ATOM}link")}
            assert is_absolute(rels["alternate"]) and is_absolute(rels["related"])
            body = entry.find(f"{ATOM}summary")
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


def test_opml_lists_exactly_the_feeds_that_exist(taxonomy_site):
    opml = ElementTree.parse(taxonomy_site / "feeds/feeds.opml").getroot()
    assert opml.get("version") == "2.0" and opml.findtext("head/title")
    listed = [outline.get("xmlUrl") for outline in opml.iter("outline") if outline.get("xmlUrl")]
    assert all(outline.get("text") for outline in opml.iter("outline"))
    on_disk = feed_files(taxonomy_site, ".xml") + feed_files(taxonomy_site, ".json")
    assert sorted(listed) == sorted(url_of(taxonomy_site, path) for path in on_disk)


@pytest.mark.parametrize(
    ("page", "own_feed"),
    [
        ("index.html", "feeds/rss.xml"),
        ("tags/aleppo/index.html", "tags/aleppo/rss.xml"),
        ("sources/reuters/page/2/index.html", "sources/reuters/atom.xml"),
        ("sources/index.html", "feeds/atom.xml"),
    ],
)
def test_pages_link_their_own_feeds(taxonomy_site, page, own_feed):
    html = (taxonomy_site / page).read_text(encoding="utf-8")
    alternates = re.findall(r'<link rel="alternate" type="application/[a-z+]+" title="[^"]+" href="/([^"]+)"', html)
    assert own_feed in alternates
    assert all((taxonomy_site / path).is_file() for path in alternates)
