"""What every page says about itself in its <head>, the item's JSON-LD, and the weight of an item page."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml
from page_safety import SEARCH_PAGE, SEARCH_SCRIPTS

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_ITEM = ROOT / "tests/fixtures/theme_site/content/items"
ITEM_PAGE_BUDGET = 30 * 1024


class Page(HTMLParser):
    """The parts of a page a test reads: meta and link elements, scripts and their text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self.title = ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta[key] = attributes.get("content", "")
        elif tag == "link":
            self.links.append(attributes)
        elif tag in ("script", "title"):
            self._in = (tag, attributes)
            if tag == "script":
                self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._in and self._in[0] == "title":
            self.title += data
        elif self._in and self._in[0] == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            self._in = None

    def link(self, rel: str) -> dict | None:
        return next((link for link in self.links if link.get("rel") == rel), None)

    def json_ld(self) -> list:
        return [
            json.loads(text) for attributes, text in self.scripts if attributes.get("type") == "application/ld+json"
        ]


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, Page(path.read_text(encoding="utf-8"))


def front_matter(name: str) -> dict:
    text = (FIXTURE_ITEM / name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_every_page_has_title_description_canonical_and_opengraph(theme_site):
    for path, page in pages(theme_site):
        where = path.relative_to(theme_site)
        assert page.title.strip(), f"{where}: empty <title>"
        assert page.meta.get("description", "").strip(), f"{where}: no meta description"
        for key in ("og:title", "og:description", "og:type", "og:site_name"):
            assert page.meta.get(key, "").strip(), f"{where}: no {key}"
        canonical = page.link("canonical")
        if where.name == "404.html":
            assert canonical is None, "the 404 page claims an address"
            continue
        expected = "/" + str(where.parent).removeprefix(".") + ("/" if str(where.parent) != "." else "")
        assert canonical and canonical["href"] == expected.replace("//", "/"), f"{where}: canonical {canonical}"
        assert page.meta.get("og:url") == canonical["href"]


def test_item_page_describes_itself_as_a_news_article(theme_site):
    item = front_matter("2016-12-11-russia-denies-aleppo-exit-deal.md")
    page = Page((theme_site / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").read_text(encoding="utf-8"))
    (article,) = page.json_ld()
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == item["title"]
    assert article["description"] == item["summary"]
    assert article["datePublished"].startswith("2016-12-11T18:00")
    assert article["dateModified"].startswith("2016-12-12T08:30")
    assert article["isBasedOn"]["url"] == item["source"]["url"]
    assert article["isBasedOn"]["publisher"]["name"] == "Middle East Eye"
    assert [place["name"] for place in article["contentLocation"]] == ["Aleppo", "Geneva"]
    assert page.meta["og:type"] == "article"
    assert page.meta["article:published_time"].startswith("2016-12-11T18:00")


def test_markup_in_front_matter_cannot_close_the_json_ld_script(hostile_site):
    for path, page in pages(hostile_site):
        where = path.relative_to(hostile_site)
        scripts = [
            attributes.get("type")
            for attributes, _ in page.scripts
            # The search page's own scripts, from the site (tests/page_safety.py).
            if not (where.as_posix() == SEARCH_PAGE and (attributes.get("src") or "").endswith(SEARCH_SCRIPTS))
        ]
        assert set(scripts) <= {"application/ld+json"}, f"{where}: a script that is not JSON-LD: {scripts}"
        # A "</script>" left in the JSON would end the element early and the rest would not parse.
        for data in page.json_ld():
            assert data["@type"] == "NewsArticle"
            assert data["headline"] == page.meta["og:title"], f"{where}: the JSON-LD headline was cut short"


def own_text(item: dict, body: str) -> list[str]:
    """The item's own words, as they can appear in its page."""
    source = item["source"]
    texts = [item["title"], item["summary"], item.get("quote", ""), source["url"], source.get("title", "")]
    texts += [source.get("byline", ""), item.get("archive_url", ""), body.strip()]
    texts += [claim["text"] for claim in item.get("claims", [])] + [claim["by"] for claim in item.get("claims", [])]
    texts += [update["note"] for update in item.get("updates", [])]
    texts += [location["name"] for location in item.get("locations", [])]
    return [text for text in texts if text]


def test_an_item_page_weighs_at_most_30_kb_beyond_its_own_text(theme_site):
    name = "2016-12-11-russia-denies-aleppo-exit-deal.md"
    item = front_matter(name)
    body = (FIXTURE_ITEM / name).read_text(encoding="utf-8").split("---\n", 2)[2]
    html = (theme_site / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").read_text(encoding="utf-8")
    stylesheets = [link["href"] for link in Page(html).links if link.get("rel") == "stylesheet"]
    css = sum((theme_site / href.lstrip("/")).stat().st_size for href in stylesheets)
    words = 0
    for text in own_text(item, body):
        for form in {escape(text), json.dumps(text, ensure_ascii=False)[1:-1], text}:
            words += html.count(form) * len(form.encode())
    total = len(html.encode()) + css
    assert total - words <= ITEM_PAGE_BUDGET, f"{total} bytes of HTML and CSS, {words} of them the item's own text"
    assert len(stylesheets) >= 2 and css > 0


def test_names_in_lists_are_isolated_for_mixed_directions(theme_site):
    html = (theme_site / "sources/index.html").read_text(encoding="utf-8")
    names = re.findall(r'<a href="/sources/[^"]+/">(.*?)</a>', html)
    assert names and all(name.startswith("<bdi>") for name in names)


def test_every_element_that_states_a_language_names_one(theme_site):
    for path in theme_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'\slang=""', html), f"{path.relative_to(theme_site)}: an empty lang attribute"
        assert not re.search(r'\sdir=""', html), f"{path.relative_to(theme_site)}: an empty dir attribute"


def test_a_terms_side_box_says_how_many_sources_it_leaves_out(theme_site):
    registry = yaml.safe_load((FIXTURE_ITEM.parent / "sources.yaml").read_text(encoding="utf-8"))
    canonical = {
        name.casefold(): entry["name"] for entry in registry for name in [entry["name"], *entry.get("aliases", [])]
    }
    items = json.loads((theme_site / "data/items.json").read_text(encoding="utf-8"))["items"]
    named = {
        canonical[name.casefold()]
        for item in items
        if "aleppo" in item["tags"]
        for name in [item["source"]["name"], *(via["name"] for via in item["via"])]
    }
    html = (theme_site / "tags/aleppo/index.html").read_text(encoding="utf-8")
    box = html.split("<h3>Sources in these items</h3>", 1)[1].split("</ul>", 1)
    assert box[0].count("<li>") == min(6, len(named)) and len(named) > 6
    assert f'<p class="glance-more">and {len(named) - 6} more</p>' in box[1].split("<h3>", 1)[0]


def test_a_weeks_figures_are_named_as_their_numbers_need(theme_site):
    figures = re.findall(r"<dt>(\w+)</dt><dd>(\d+)</dd>", (theme_site / "weeks/2016-W46/index.html").read_text())
    assert figures and all(name.endswith("s") == (number != "1") for name, number in figures)


def test_the_stylesheets_are_served_without_comments_or_indentation(theme_site):
    sources = sorted((ROOT / "theme/static/css").glob("*.css"))
    assert sources
    for source in sources:
        served = (theme_site / "theme" / "css" / source.name).read_text(encoding="utf-8")
        assert "/*" not in served and "\n " not in served, source.name
        assert len(served) < 0.9 * source.stat().st_size, source.name
