"""Related items: the weights, the threshold, the order of ties, places by name or distance, and
how few pages a new item changes, on items made here and on the benchmark's corpus."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import digest_related.related as related_module
import sites
from digest_content.schema import Location
from digest_related.related import LIMIT, NEAREST, link_related
from digest_stories.stories import STORIES
from digest_taxonomies.taxonomy import COUNTRIES, SOURCES, TAGS, ItemFacts, Term

sys.path.insert(0, str(sites.ROOT / "bench"))
import corpus  # noqa: E402

START = datetime(2024, 1, 1, tzinfo=UTC)


class Digest:
    """Items made here, with their terms shared as the model shares them."""

    def __init__(self):
        self.terms: dict[tuple, Term] = {}
        self.items: list = []

    def term(self, taxonomy, slug: str) -> Term:
        return self.terms.setdefault((taxonomy.name, slug), Term(taxonomy, slug, slug))

    def add(self, name: str, day: float, tags=(), countries=(), sources=(), story=None, places=()):
        facts = ItemFacts(
            terms={
                "tags": [self.term(TAGS, tag) for tag in tags],
                "countries": [self.term(COUNTRIES, code) for code in countries],
                "sources": [self.term(SOURCES, source) for source in sources],
            },
            story=self.term(STORIES, story) if story else None,
        )
        item = SimpleNamespace(
            url=f"{name}/",
            date=START + timedelta(days=day),
            locations=[Location(name=place, lat=lat, lon=lon) for place, lat, lon in places],
            digest=SimpleNamespace(facts=facts, slug=name),
        )
        self.items.append(item)
        return item

    def related(self) -> dict[str, list[str]]:
        """Each item's related items by name, computed over the items newest first."""
        items = sorted(self.items, key=lambda item: item.date, reverse=True)
        link_related(items)
        return {item.url[:-1]: [other.url[:-1] for other in item.digest.facts.related] for item in self.items}


def test_the_related_items_share_a_story_tag_or_place_and_are_ranked_by_weight_then_time():
    digest = Digest()
    digest.add("home", 10, tags=["aleppo", "siege"], countries=["SY"], sources=["reuters"], story="evacuation")
    digest.add("same-story", 30, story="evacuation")  # 8
    digest.add("two-tags", 40, tags=["aleppo", "siege"])  # 3 + 3
    digest.add("tag-country-source", 2, tags=["aleppo"], countries=["SY"], sources=["reuters"])  # 3 + 2 + 1
    digest.add("tag-later", 14, tags=["siege"])  # 3, 4 days away: the newer of two
    digest.add("tag-earlier", 6, tags=["aleppo"])  # 3, 4 days away too
    digest.add("tag-later-too", 14, tags=["aleppo"])  # 3, as near and as new: the slug decides
    digest.add("country-and-source", 11, countries=["SY", "LB"], sources=["reuters"])  # 5, but no story, tag or place
    related = digest.related()
    # Scores 8, 6, 6 (nearer first), then 3s: the nearest, then the newer, then by slug.
    assert related["home"] == ["same-story", "tag-country-source", "two-tags", "tag-later", "tag-later-too"]
    assert len(related["home"]) == LIMIT
    assert related["country-and-source"] == []


def test_places_are_shared_by_name_or_within_ten_kilometres():
    digest = Digest()
    digest.add("aleppo", 1, places=[("Aleppo", 36.2021, 37.1343)])
    digest.add("halab", 2, places=[("حلب", 36.2100, 37.1500)])  # about 1.6 km away
    digest.add("same-name", 3, places=[("ALEPPO", 0, 0)])  # wrong point, same name
    digest.add("hanano", 4, places=[("Masaken Hanano", 36.2237, 37.1822)])  # about 5 km away
    digest.add("idlib", 5, places=[("Idlib", 35.9306, 36.6339)])  # about 54 km away
    # Beyond 55 degrees a tenth of a degree of longitude is under 6 km: found across cells.
    digest.add("north-a", 6, places=[("A", 69.6500, 18.9500)])
    digest.add("north-b", 7, places=[("B", 69.6500, 19.1800)])  # about 8.9 km east
    related = digest.related()
    assert related["aleppo"] == ["halab", "same-name", "hanano"]
    assert related["idlib"] == []
    assert related["north-a"] == ["north-b"]


def test_an_item_close_to_a_busy_place_is_a_candidate_for_a_bounded_number_of_its_items(monkeypatch):
    monkeypatch.setattr(related_module, "LIMIT", 100)  # every candidate, to count them
    digest = Digest()
    for day in range(40):
        digest.add(f"aleppo-{day}", day, places=[("Aleppo", 36.2021, 37.1343)])
    digest.add("outskirts", 19.5, places=[("Outskirts", 36.1700, 37.1000)])  # about 4.6 km away, another cell
    related = digest.related()
    assert 0 < sum("outskirts" in names for names in related.values()) <= 2 * NEAREST


def test_only_the_items_nearest_in_time_within_a_term_are_candidates():
    digest = Digest()
    for day in range(40):
        digest.add(f"day-{day}", day, tags=["big"])
    related = digest.related()
    # The nearest on each side, and never anything further than NEAREST items away.
    assert related["day-20"] == ["day-21", "day-19", "day-22", "day-18", "day-23"]
    assert related["day-0"] == ["day-1", "day-2", "day-3", "day-4", "day-5"]
    far = digest.add("far", 100, tags=["big", "rare", "rarer"])
    digest.add("rare-old", 0.5, tags=["rare", "rarer"])
    related = digest.related()
    # Rare tags reach across time; a big one only NEAREST items either side.
    assert related["far"][0] == "rare-old"
    assert all(int(name.split("-")[1]) >= 40 - NEAREST for name in related["far"] if name.startswith("day-"))
    assert far.digest.facts.related


def write_bench_corpus(folder: Path, items: int) -> Path:
    command = [sys.executable, "bench/run.py", "--items", str(items), "--corpus-only", "--tools", "digest"]
    run = subprocess.run([*command, "--work", str(folder)], cwd=sites.ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return folder / "digest"


def item_pages(output: Path) -> dict[str, int]:
    return {str(path.relative_to(output)): path.stat().st_mtime_ns for path in output.glob("2*/*/*/*/index.html")}


def tag_pages(output: Path) -> dict[str, int]:
    return {path.parent.name: path.stat().st_mtime_ns for path in output.glob("tags/*/index.html")}


def test_adding_an_item_rewrites_only_the_pages_that_link_to_it(tmp_path):
    """On 300 items of the benchmark's corpus: the new item's page and the pages that now link
    to it (its older neighbour, the pages it is related to), a bounded number of them."""
    content, output = write_bench_corpus(tmp_path, 300), tmp_path / "output"
    assert sites.build(content, output).returncode == 0
    before, tags_before = item_pages(output), tag_pages(output)
    added = corpus.added_story(300, 7)
    corpus.write_story(corpus.FORMATS["digest"], content, added)
    assert sites.build(content, output).returncode == 0
    after = item_pages(output)
    rewritten = {page for page, stamp in after.items() if before.get(page) != stamp}
    new_page = corpus.FORMATS["digest"].page(added)
    linking = {
        page for page in after if f'href="/{new_page.removesuffix("index.html")}"' in (output / page).read_text()
    }
    assert rewritten == {new_page} | linking
    terms = len(added.tags) + 2  # its tags, its country and its source
    assert 2 < len(rewritten) <= 2 + NEAREST * terms, sorted(rewritten)
    # The pages the new item is related to name it in their related items.
    related = [
        page
        for page in linking
        if re.search(r'class="related".*?' + re.escape(added.title), (output / page).read_text(), re.S)
    ]
    assert related
    # The lists that hold an item whose related items changed are not written again for it.
    assert {tag for tag, stamp in tag_pages(output).items() if tags_before.get(tag) != stamp} == set(added.tags)
