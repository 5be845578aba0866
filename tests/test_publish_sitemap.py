"""How sitemap.xml names pages, and that it is well-formed XML whatever the page names."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from digest_incremental.writer import WrittenPage
from digest_sitemap.sitemap import is_listed, page_url, sitemap_settings, sitemap_xml  # noqa: E402

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_folder_pages_are_named_by_their_folder():
    assert page_url("https://example.github.io/digest", "index.html") == "https://example.github.io/digest/"
    assert page_url("https://example.github.io/digest/", "tags/aleppo/index.html").endswith("/digest/tags/aleppo/")
    assert page_url("https://digest.example.org", "tags/aleppo/page/2/index.html").endswith("/aleppo/page/2/")


def test_non_ascii_and_reserved_characters_are_percent_encoded():
    url = page_url("https://digest.example.org", "tags/حلب & co/index.html")
    assert url.isascii() and " " not in url and "&" not in url
    assert unquote(url) == "https://digest.example.org/tags/حلب & co/"


def test_the_error_page_and_non_pages_are_not_listed():
    exclude = sitemap_settings({})["exclude"]
    assert not is_listed("404.html", exclude)
    assert not is_listed("feeds/rss.xml", exclude)
    assert is_listed("about/index.html", exclude)


def test_unknown_settings_are_an_error():
    with pytest.raises(ValueError, match="exlude"):
        sitemap_settings({"DIGEST_SITEMAP": {"exlude": ["about/index.html"]}})


def test_sitemap_is_xml_with_one_entry_per_page():
    changed = dt.datetime(2024, 3, 3, 8, 0, tzinfo=dt.UTC)
    pages = [WrittenPage("about/index.html"), WrittenPage("2024/03/02/convoy/index.html", changed)]
    root = ElementTree.fromstring(sitemap_xml("https://example.github.io/digest", pages))
    assert root.tag == f"{NAMESPACE}urlset"
    entries = {url.findtext(f"{NAMESPACE}loc"): url.findtext(f"{NAMESPACE}lastmod") for url in root}
    assert entries == {
        "https://example.github.io/digest/2024/03/02/convoy/": "2024-03-03T08:00:00+00:00",
        "https://example.github.io/digest/about/": None,
    }
