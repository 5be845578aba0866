"""A real feed reader, newsboat, subscribes to the built feeds and lists their items."""

from __future__ import annotations

import functools
import shutil
import sqlite3
import subprocess

import pytest
from loopback import QuietHandler, serving

pytestmark = pytest.mark.skipif(
    shutil.which("newsboat") is None, reason="newsboat is not installed (apt-get install -y newsboat)"
)

FEEDS = [
    "feeds/rss.xml",
    "feeds/atom.xml",
    "tags/topic-12/rss.xml",
    "sources/al-jazeera-arabic/atom.xml",
    "weeks/rss.xml",
    "weeks/atom.xml",
    "stories/donbas-front/rss.xml",
    "stories/arctic-patrols/atom.xml",
]


@pytest.fixture
def served(taxonomy_site):
    with serving(functools.partial(QuietHandler, directory=str(taxonomy_site))) as origin:
        yield origin


def subscribe(url: str, folder) -> tuple[str, list[tuple[str, str]]]:
    """Have newsboat fetch one feed; return the feed's title and its items' (title, author)."""
    folder.mkdir()
    (folder / "urls").write_text(url + "\n")
    (folder / "config").write_text("")
    run = subprocess.run(
        [
            "newsboat",
            "-x",
            "reload",
            "-u",
            str(folder / "urls"),
            "-c",
            str(folder / "cache.db"),
            "-C",
            str(folder / "config"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    # newsboat keeps an item once per id, so each feed gets its own cache.
    with sqlite3.connect(folder / "cache.db") as db:
        (title,) = db.execute("select title from rss_feed where rssurl = ?", (url,)).fetchone()
        items = db.execute("select title, author from rss_item where feedurl = ?", (url,)).fetchall()
    return title, items


def test_newsboat_lists_the_items_of_every_subscribed_feed(served, tmp_path):
    feeds = {feed: subscribe(f"{served}/{feed}", tmp_path / str(index)) for index, feed in enumerate(FEEDS)}
    assert feeds["feeds/rss.xml"][0] == feeds["feeds/atom.xml"][0] == "Conflict Digest"
    # The site's feeds carry the newest 50 items, a term's feeds the newest 20.
    assert len(feeds["feeds/rss.xml"][1]) == len(feeds["feeds/atom.xml"][1]) == 50
    title, items = feeds["tags/topic-12/rss.xml"]
    assert title == "Conflict Digest: topic-12 (tag)"
    assert len(items) == 15 and ("Story 2: Новая газета on Донбас", "Новая газета") in items
    assert {author for _, author in feeds["sources/al-jazeera-arabic/atom.xml"][1]} == {"الجزيرة"}
    # The weekly feeds: one entry a week, the newest ten of the fourteen weeks from 1 January 2024.
    for feed in ("weeks/rss.xml", "weeks/atom.xml"):
        title, items = feeds[feed]
        assert title == "Conflict Digest: weekly editions" and len(items) == 10
        assert ("The week of 1–7 April 2024", "Conflict Digest curators") in items
    # A story's feeds: its newest 20 items, whatever their tags.
    title, items = feeds["stories/donbas-front/rss.xml"]
    assert title == "Conflict Digest: The front line in Donbas (story)"
    assert len(items) == 15 and ("Story 86: Новая газета on Донбас", "Новая газета") in items
    title, items = feeds["stories/arctic-patrols/atom.xml"]
    assert title == "Conflict Digest: Patrols in the Arctic (story)" and len(items) == 5
