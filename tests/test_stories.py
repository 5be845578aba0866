"""Developing stories: content/stories.yaml and each item's `story:` checked like every field,
`/stories/` and `/stories/<slug>/`, an item's place in its story, and the pages an incremental
build writes again when a story changes."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import feedparser
import pytest
import sites
from test_incremental import build_both, dated, project, replace_in  # noqa: F401 - project is a fixture

FIXTURES = sites.FIXTURES
THEME_SITE = FIXTURES / "theme_site"
ITEM_PAGE = re.compile(r"\d{4}/\d\d/\d\d/[^/]+/index.html$")


def with_stories(content: Path, name: str = "stories.yaml") -> Path:
    shutil.copy(FIXTURES / name, content / "stories.yaml")
    return content


def test_stories_yaml_and_items_stories_are_checked_with_file_line_and_field(
    make_content, run_check, run_build, tmp_path
):
    content = with_stories(
        make_content("item_in_a_story.md", "item_with_unknown_story.md"), "stories_with_problems.yaml"
    )
    expected = [
        "content/items/item_with_unknown_story.md:9: story: 'aleppo-evacuaton-2016' is not in content/stories.yaml "
        "(did you mean 'aleppo-evacuation-2016'?); add the story there or fix the slug",
        "content/stories.yaml:3: stories[1].title: required field is missing; add it",
        "content/stories.yaml:4: stories[1].sumary: unknown field (did you mean 'summary'?)",
        "content/stories.yaml:5: stories[2].slug: 'aleppo-evacuation-2016' is already used by the story on line 1; "
        "give each story its own slug",
        "content/stories.yaml:7: stories[3].slug: 'Mosul 2016' is not a slug: use lower-case letters, digits and "
        "single hyphens, e.g. russia-denies-exit-deal",
        # A slug repeated by an entry that has other mistakes, of an entry that has some too: said at once.
        "content/stories.yaml:9: stories[4].slug: 'avdiivka-water' is already used by the story on line 3; "
        "give each story its own slug",
        "content/stories.yaml:9: stories[4].title: required field is missing; add it",
        "content/stories.yaml:10: stories[4].titel: unknown field (did you mean 'title'?)",
    ]
    checked, built = run_check(content), run_build(content, tmp_path / "output")
    assert [line for line in checked.lines if line.startswith("content/")] == expected
    assert [line for line in built.lines if line.startswith("content/")] == expected
    assert checked.code == built.code == 1 and not (tmp_path / "output").exists()


def test_stories_yaml_is_optional_but_an_items_story_must_be_in_it(make_content, run_check):
    assert run_check(make_content("item_valid.md")).code == 0
    checked = run_check(make_content("item_in_a_story.md", folder="no-stories"))
    assert [line for line in checked.lines if line.startswith("content/")] == [
        "content/items/item_in_a_story.md:8: story: 'aleppo-evacuation-2016' is not in content/stories.yaml; "
        "the file does not exist: create it with the story (see docs/content.md), or remove story:"
    ]
    assert run_check(with_stories(make_content("item_in_a_story.md", folder="with-stories"))).code == 0


def test_a_stories_file_that_is_not_a_list_says_how_to_write_one(make_content, run_check):
    content = make_content("item_valid.md")
    (content / "stories.yaml").write_text("slug: aleppo\ntitle: Aleppo\n", encoding="utf-8")
    assert [line for line in run_check(content).lines if line.startswith("content/")] == [
        "content/stories.yaml:1: stories: must be a list of stories, each starting with '- slug:'"
    ]


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("stories") / "output"
    result = sites.build(THEME_SITE / "content", output, settings=str(THEME_SITE / "settings.py"))
    assert result.returncode == 0, result.stderr
    return output


def text_of(html: str) -> str:
    """The words of ``html`` as a reader sees them, on one line."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;])", r"\1", text)


def main_text(output: Path, page: str) -> str:
    html = (output / page / "index.html").read_text(encoding="utf-8")
    return text_of(re.search(r"<main[^>]*>(.*)</main>", html, re.S)[1])


def test_the_stories_index_lists_each_story_with_its_dates_latest_news_first(theme_site):
    assert main_text(theme_site, "stories") == (
        "Stories 3 developing stories, the latest news first; each is told item by item, oldest first. "
        "The evacuation of eastern Aleppo How the deal to let fighters and civilians leave eastern Aleppo was "
        "denied, made, broken and carried out. 4 items · latest 15 December 2016, since 11 December 2016 "
        "The battle for eastern Aleppo 3 items · latest 13 December 2016, since 20 November 2016 "
        "Avdiivka's water under fire Shelling around the Donetsk filtration station, which supplies water on both "
        "sides of the front line. 2 items · latest 10 December 2016, since 9 December 2016"
    )


def test_a_story_page_is_a_timeline_oldest_first_with_claims_and_what_changed(theme_site):
    html = (theme_site / "stories/aleppo-evacuation-2016/index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li class="timeline-entry">(.*?)</div></li>', html, re.S)
    assert [re.search(r"<h3.*?>(.*?)</h3>", entry, re.S)[1] for entry in entries] == [
        '<a href="/2016/12/11/russia-denies-aleppo-exit-deal/">Russia denies any deal with US on safe exit for Aleppo rebels</a>',
        '<a href="/2016/12/13/rebels-say-ceasefire-agreed-to-evacuate-eastern-aleppo/">Rebels say ceasefire agreed to evacuate eastern Aleppo</a>',
        '<a href="/2016/12/14/syrian-army-resumes-operations-east-aleppo/">الجيش السوري يستأنف عملياته في الأحياء الشرقية لمدينة حلب</a>',
        '<a href="/2016/12/15/first-convoy-of-wounded-and-civilians-leaves-eastern-aleppo-red-cross-says/">First convoy of wounded and civilians leaves eastern Aleppo, Red Cross says</a>',
    ]
    assert text_of(entries[1]).startswith("Part 2 13 December 2016 Rebels say ceasefire")
    assert re.findall(r'status-(\w+)">\w+</span></span> <a href="/2016/12/13/[^"]+#claim-(\d)"', entries[1]) == [
        ("reported", "1"),
        ("confirmed", "2"),
        ("disputed", "3"),
    ]
    changed = text_of(re.search(r'<h2 id="changed-heading">(.*?)</section>', html, re.S)[1])
    assert changed == (
        "Claims whose standing changed The US and Russia proposed a safe exit from eastern Aleppo for fighters, "
        "their families and other civilians Claimed by Rebel officials, to Reuters, in Russia denies any deal with "
        "US on safe exit for Aleppo rebels Reported on 11 December 2016 Disputed on 12 December 2016 Denied as of 12 December 2016"
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Conflict Digest: The evacuation of eastern Aleppo (story) (Atom)" href="/stories/aleppo-evacuation-2016/atom.xml">'
        in html
    )
    opml = (theme_site / "feeds/feeds.opml").read_text(encoding="utf-8")
    assert 'xmlUrl="http://127.0.0.1:8000/stories/aleppo-evacuation-2016/atom.xml"' in opml


def test_a_story_feed_says_what_the_story_is(theme_site):
    summary = (
        "How the deal to let fighters and civilians leave eastern Aleppo was denied, made, broken and carried out."
    )
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((theme_site / "stories/aleppo-evacuation-2016" / name).read_bytes()).feed
        assert feed.title == "Conflict Digest: The evacuation of eastern Aleppo (story)"
        assert feed.subtitle == summary, name


def test_an_item_page_in_a_story_says_which_part_it_is_and_links_its_neighbours_there(theme_site):
    text = main_text(theme_site, "2016/12/14/syrian-army-resumes-operations-east-aleppo")
    assert (
        "Part 3 of 4 in The evacuation of eastern Aleppo "
        "Previous: Rebels say ceasefire agreed to evacuate eastern Aleppo "
        "Next: First convoy of wounded and civilians leaves eastern Aleppo, Red Cross says"
    ) in text
    first = main_text(theme_site, "2016/12/11/russia-denies-aleppo-exit-deal")
    assert "Part 1 of 4 in The evacuation of eastern Aleppo Next: Rebels say" in first and "Previous:" not in first
    assert "Part " not in main_text(
        theme_site, "2016/12/06/iraqi-forces-push-deeper-into-eastern-mosul-as-civilians-flee"
    )


def built_pages(output: Path) -> dict[str, int]:
    return {str(path.relative_to(output)): path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()}


def rewritten(before: dict[str, int], output: Path) -> set[str]:
    return {page for page, stamp in built_pages(output).items() if before.get(page) != stamp}


def test_adding_an_item_to_a_story_rewrites_the_story_and_its_items(project, tmp_path):  # noqa: F811
    content, _, settings = project
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    before = built_pages(output)
    (content / "items" / "story-900.md").write_text(
        dated(sites.item_text(900, "arctic-patrols"), "2024-04-10T10:00:00+00:00"), encoding="utf-8"
    )
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    pages = rewritten(before, output)
    last_before = "2024/02/01/story-28-nrk-on-topic-1/index.html"
    assert {"stories/arctic-patrols/index.html", "stories/index.html", last_before} <= pages
    assert "Part 5 of 6 in Patrols in the Arctic" in main_text(output, last_before.removesuffix("/index.html"))
    # Every item of the story now says "of 6"; the other story's items are left alone.
    assert "2024/01/05/story-4-nrk-on-topic-1/index.html" in pages
    assert "2024/01/03/story-2-новая-газета-on-донбас/index.html" not in pages


def test_a_rebuild_that_changes_nothing_shown_writes_nothing(project, tmp_path):  # noqa: F811
    content, _, settings = project
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    before = built_pages(output)
    # A comment in stories.yaml changes the input, not the site: every page is fingerprinted, none written.
    replace_in(content / "stories.yaml", "- slug: arctic-patrols", "# Patrols, from Tromsø\n- slug: arctic-patrols")
    result = sites.build(content, output, settings=str(settings))
    assert result.returncode == 0 and "0 files updated" in result.stdout
    assert rewritten(before, output) == set()


def test_editing_a_title_rewrites_the_pages_that_list_it_as_related(project, tmp_path):  # noqa: F811
    content, _, settings = project
    # With its slug written out, a new title keeps the item's address.
    replace_in(content / "items" / "story-004.md", "---\nNotes", "slug: story-4-nrk-on-topic-1\n---\nNotes")
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    before = built_pages(output)
    edited = "/2024/01/05/story-4-nrk-on-topic-1/"
    listing = [
        page
        for page in before
        if ITEM_PAGE.match(page) and re.search(r'class="related".*?href="' + edited, (output / page).read_text(), re.S)
    ]
    assert listing
    replace_in(content / "items" / "story-004.md", 'title: "Story 4: NRK', 'title: "Story 4, retold: NRK')
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    pages = rewritten(before, output)
    for page in listing:
        assert page in pages and "Story 4, retold: NRK" in (output / page).read_text()
    # Item pages are written again where they link to the item (as a neighbour, a part of its
    # story or a related item), and nowhere else.
    linking = {page for page in before if ITEM_PAGE.match(page) and edited in (output / page).read_text()}
    assert {page for page in pages if ITEM_PAGE.match(page)} == linking


def test_a_stories_yaml_edit_gives_the_site_a_clean_build_gives(project, tmp_path):  # noqa: F811
    content, _, settings = project
    build_both(content, settings, tmp_path, "first")
    replace_in(content / "stories.yaml", "Patrols in the Arctic", "Arctic patrols")
    build_both(content, settings, tmp_path, "retitled")
    replace_in(content / "items" / "story-010.md", "story: arctic-patrols\n", "")
    build_both(content, settings, tmp_path, "left-the-story")


def test_a_story_named_by_its_title_is_told_its_slug(make_content, run_check):
    content = with_stories(make_content("item_in_a_story.md"))
    item = content / "items" / "item_in_a_story.md"
    text = item.read_text(encoding="utf-8")
    item.write_text(
        text.replace("story: aleppo-evacuation-2016", "story: The Evacuation of Eastern Aleppo"), encoding="utf-8"
    )
    assert [line for line in run_check(content).lines if line.startswith("content/")] == [
        "content/items/item_in_a_story.md:8: story: 'The Evacuation of Eastern Aleppo' is the title of a story in "
        "content/stories.yaml; name it by its slug: story: aleppo-evacuation-2016"
    ]
