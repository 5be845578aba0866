"""A site built with publishconf.py works at its public address: under a GitHub Pages project
sub-path and at the root of a custom domain, every link, stylesheet, image, feed and feed entry
resolves, and nothing points elsewhere except the original stories, their sources and the
open data's licence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from digest_data.data import DEFAULTS as DATA_DEFAULTS
from publish_crawler import (
    Crawl,
    fetch,
    front_matter,
    original_story_urls,
    serve_like_github_pages,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publish_site"
FILLER_ITEMS = 40  # with the fixture's items, more than two blocks of 20: the front page and page 2
ADDRESSES = {
    "project-sub-path": "https://example.github.io/digest/",
    "custom-domain": "https://digest.example.org/",
}


def filler_item(number: int) -> str:
    return (
        "---\n"
        f'title: "Filler story {number}"\n'
        f"date: 2024-02-{1 + number % 28:02d}T{10 + number // 28:02d}:00:00+00:00\n"
        f'summary: "Filler story {number}, so that the front page has a second page."\n'
        "source:\n"
        "  name: Reuters\n"
        f"  url: https://www.reuters.com/world/filler-story-{number}/\n"
        "tags: [filler]\n"
        "---\n"
    )


def write_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(FIXTURE, content)
    (content / "items" / "filler").mkdir()
    for number in range(FILLER_ITEMS):
        (content / "items" / "filler" / f"filler-{number:02d}.md").write_text(filler_item(number), encoding="utf-8")
    return content


def publish(content: Path, output: Path, siteurl: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("SITEURL", "FEED_DOMAIN")}
    if siteurl is not None:
        env["SITEURL"] = siteurl
    command = [sys.executable, "tools/digest.py", "build", "--settings", "publishconf.py"]
    command += ["--content", str(content), "--output", str(output)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return write_content(tmp_path_factory.mktemp("publish_content"))


@pytest.fixture(scope="module", params=sorted(ADDRESSES), ids=sorted(ADDRESSES))
def published(request, content, tmp_path_factory):
    """The crawl of the fixture site, built for one public address and served like GitHub Pages."""
    siteurl = ADDRESSES[request.param]
    output = tmp_path_factory.mktemp("publish") / "output"
    result = publish(content, output, siteurl)
    assert result.returncode == 0, result.stderr
    with serve_like_github_pages(output, siteurl) as origin:
        crawl = Crawl(siteurl, origin, original_story_urls(content) | {DATA_DEFAULTS["license_url"]})
        crawl.run([siteurl, siteurl + "404.html", siteurl + "robots.txt"], [siteurl + "no/such/page/"])
        yield crawl, output


def item_url(siteurl: str, item: Path) -> str:
    """An item's address by the contract: /YYYY/MM/DD/<slug>/."""
    meta = front_matter(item)
    return f"{siteurl}{meta['date']:%Y/%m/%d}/{meta['slug']}/"


def test_every_link_resolves_and_stays_on_the_site(published):
    crawl, _ = published
    shown = crawl.problems[:40]
    assert not crawl.problems, f"{len(crawl.problems)} problem(s), the first {len(shown)}:\n" + "\n".join(shown)


def test_the_crawl_reaches_items_images_styles_and_feeds(published):
    crawl, _ = published
    site = crawl.siteurl
    reached = {url for url, status in crawl.statuses.items() if status == 200}
    for item in (FIXTURE / "items").rglob("*.md"):
        assert item_url(site, item) in reached
    assert f"{site}page/2/" in reached
    assert f"{site}about/" in reached
    assert any(url.endswith(".css") for url in reached)
    assert any(url.endswith((".svg", ".png", ".jpg", ".webp", ".ico")) for url in reached)
    for feed in ("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"):
        assert site + feed in reached


def test_a_missing_page_gets_the_sites_own_404_page(published):
    crawl, output = published
    assert (output / "404.html").is_file()
    status, body = fetch(crawl.loopback(crawl.siteurl + "no/such/page/"))
    assert status == 404
    assert f'href="{crawl.siteurl}"'.encode() in body


def test_robots_txt_names_the_sitemap_at_the_public_address(published):
    _, output = published
    lines = (output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {published[0].siteurl}sitemap.xml" in lines
    assert "User-agent: *" in lines


def test_sitemap_lists_exactly_the_pages_readers_reach(published):
    crawl, output = published
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    listed = [loc.text for loc in root.iter(f"{namespace}loc")]
    assert len(listed) == len(set(listed))
    reachable = crawl.pages() - {crawl.siteurl + "404.html"}
    assert set(listed) == reachable


def test_items_in_the_sitemap_carry_their_last_change(published):
    crawl, output = published
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    lastmod = {entry.findtext(f"{namespace}loc"): entry.findtext(f"{namespace}lastmod") for entry in root}
    corrected = FIXTURE / "items" / "2024" / "03" / "aid-convoy-turned-back.md"
    assert lastmod[item_url(crawl.siteurl, corrected)] == front_matter(corrected)["modified"].isoformat()


def test_publishing_without_an_address_fails_and_says_how(content, tmp_path):
    result = publish(content, tmp_path / "output", None)
    assert result.returncode != 0
    assert "SITEURL" in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_relative_address_is_refused(content, tmp_path):
    result = publish(content, tmp_path / "output", "/digest/")
    assert result.returncode != 0
    assert "SITEURL" in result.stderr
