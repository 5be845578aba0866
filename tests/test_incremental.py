"""An incremental build gives exactly the site a clean build gives, whatever changed."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
import sites

ROOT = Path(__file__).resolve().parent.parent


def dated(text: str, when: str) -> str:
    return re.sub(r"^date: .*$", f"date: {when}", text, count=1, flags=re.M)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, and every empty folder (ending in "/")."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
        elif path.is_dir() and not any(path.iterdir()):
            found[f"{path.relative_to(folder)}/"] = b""
    return found


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


def assert_same_site(incremental: Path, clean: Path) -> None:
    built, expected = tree(incremental), tree(clean)
    assert sorted(built) == sorted(expected)
    different = [name for name in expected if built[name] != expected[name]]
    assert different == []


@pytest.fixture
def project(tmp_path):
    """A content folder, a theme copy and settings using it, so a test may change the theme."""
    content = sites.write_taxonomy_site(tmp_path / "site")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nTHEME = {str(theme)!r}\n"
    )
    return content, theme, settings


def build_both(content: Path, settings: Path, tmp_path: Path, step: str) -> None:
    """Build incrementally into tmp/incremental, and from scratch into tmp/clean-<step>; compare."""
    result = sites.build(content, tmp_path / "incremental", settings=str(settings))
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / f"clean-{step}" / "content"
    shutil.copytree(content, fresh)
    result = sites.build(fresh, fresh.parent / "output", settings=str(settings))
    assert result.returncode == 0, result.stderr
    assert_same_site(tmp_path / "incremental", fresh.parent / "output")


def test_incremental_output_equals_a_clean_build_after_every_change(project, tmp_path):
    content, theme, settings = project
    items = content / "items"
    build_both(content, settings, tmp_path, "first")

    (items / "story-900.md").write_text(dated(sites.item_text(900), "2025-03-01T10:00:00+00:00"))
    build_both(content, settings, tmp_path, "add-newest")

    (items / "story-901.md").write_text(dated(sites.item_text(901), "2023-01-01T10:00:00+00:00"))
    build_both(content, settings, tmp_path, "add-oldest")

    replace_in(items / "story-010.md", "Summary of story 10", "A corrected summary of story 10")
    build_both(content, settings, tmp_path, "edit-summary")

    (items / "story-020.md").unlink()
    build_both(content, settings, tmp_path, "delete")

    (items / "story-030.md").rename(items / "renamed.md")
    build_both(content, settings, tmp_path, "rename-file")

    replace_in(items / "story-031.md", "---\nNotes", "slug: a-new-address\n---\nNotes")
    build_both(content, settings, tmp_path, "change-slug")

    replace_in(items / "story-005.md", "'humanitarian access'", "'Humanitarian Access', 'new-tag'")
    build_both(content, settings, tmp_path, "retag")

    # A neighbour's language is shown on the pages that link to it (the link's direction).
    replace_in(items / "story-012.md", "---\nNotes", "lang: ar\n---\nNotes")
    build_both(content, settings, tmp_path, "neighbour-language")

    # The oldest story of topic-1 moves country: every page of topic-1 lists the countries its
    # stories share, though only the oldest page holds the story itself.
    replace_in(items / "story-000.md", "countries: ['SY']", "countries: ['UA']")
    build_both(content, settings, tmp_path, "recountry")

    css = next((theme / "static").rglob("*.css"))
    css.write_text(css.read_text() + "\n/* changed */\n")
    replace_in(theme / "templates" / "base.html", "</body>", "<!-- changed -->\n</body>")
    build_both(content, settings, tmp_path, "theme")

    replace_in(content / "sources.yaml", "url: https://www.nrk.no", "url: https://nrk.no")
    build_both(content, settings, tmp_path, "sources")


def test_a_second_build_with_nothing_changed_writes_nothing(project, tmp_path):
    content, _, settings = project
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    before = {path: path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()}
    again = sites.build(content, output, settings=str(settings))
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()} == before


def test_changing_one_item_renders_only_the_pages_that_show_it(project, tmp_path):
    content, _, settings = project
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    page = output / "2024/01/05/story-4-nrk-on-topic-1/index.html"
    unrelated = output / "2024/02/09/story-36-reuters-on-aleppo/index.html"
    stamps = {path: path.stat().st_mtime_ns for path in (page, unrelated)}
    edited = content / "items" / "story-004.md"
    edited.write_text(edited.read_text().replace("Notes on story 4.", "Better notes on story 4."))
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    assert "Better notes on story 4." in page.read_text()
    assert page.stat().st_mtime_ns != stamps[page]
    assert unrelated.stat().st_mtime_ns == stamps[unrelated]
    assert filecmp.cmp(unrelated, unrelated)


CORRECTIONS = """---
title: Corrections
slug: corrections
summary: How the digest corrects its items.
---
{text}
"""


def test_editing_a_pages_text_renders_that_page_again_not_the_pages_that_link_to_it(project, tmp_path):
    content, _, settings = project
    page = content / "pages" / "corrections.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(CORRECTIONS.format(text="We correct items openly."))
    output = tmp_path / "output"
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    item = output / "2024/01/05/story-4-nrk-on-topic-1/index.html"
    assert '<a href="/corrections/">Our corrections policy</a>' in item.read_text()
    stamp = item.stat().st_mtime_ns
    page.write_text(CORRECTIONS.format(text="We correct items openly, and say when."))
    assert sites.build(content, output, settings=str(settings)).returncode == 0
    assert "and say when" in (output / "corrections/index.html").read_text()
    assert item.stat().st_mtime_ns == stamp
    # Its address is in every page's masthead: moved, it is linked anew from all of them.
    replace_in(page, "slug: corrections", "slug: corrections-policy")
    build_both(content, settings, tmp_path, "page-moved")
    assert (
        '<a href="/corrections-policy/">Corrections policy</a>'
        in (tmp_path / "incremental" / item.relative_to(output)).read_text()
    )


def test_caches_of_earlier_configurations_are_pruned(project, tmp_path):
    content, _, settings = project
    cache_root = content.parent / "cache"
    for name in ("old-1", "old-2", "old-3", "old-4", "old-5"):
        (cache_root / name).mkdir(parents=True)
    assert sites.build(content, tmp_path / "output", settings=str(settings)).returncode == 0
    # The build's own configuration and the three most recent others are kept.
    kept = [
        folder.name for folder in cache_root.iterdir() if folder.is_dir() and folder.name not in ("outputs", "settings")
    ]
    assert len(kept) == 4 and any((cache_root / name / "manifest.json").exists() for name in kept)


def test_a_build_that_fails_while_rendering_leaves_the_output_and_the_next_build_is_whole(project, tmp_path):
    content, theme, settings = project
    build_both(content, settings, tmp_path, "before")
    before = tree(tmp_path / "incremental")
    article = theme / "templates" / "article.html"
    working = article.read_text()
    edited = content / "items" / "story-003.md"
    edited.write_text(edited.read_text().replace("Notes on story 3.", "New notes on story 3."))
    article.write_text(working.replace("{% block content %}", "{% block content %}{{ (item.title|length) // 0 }}", 1))
    failed = sites.build(content, tmp_path / "incremental", settings=str(settings))
    assert failed.returncode != 0 and "Traceback" not in failed.stderr
    assert tree(tmp_path / "incremental") == before
    article.write_text(working)
    build_both(content, settings, tmp_path, "after")


def test_a_folder_of_ones_own_files_is_not_made_the_output(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = run_build(content, documents)
    assert result.code == 2
    assert result.err.strip() == (
        f"{documents} holds files the digest did not make (thesis.txt); a build makes its output folder hold the "
        "site and nothing else, so it would delete them: build into a new or empty folder, or empty this one"
    )
    assert [path.name for path in documents.iterdir()] == ["thesis.txt"]


def test_an_output_folder_built_before_is_built_into_again_without_the_cache(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    output = tmp_path / "output"
    assert run_build(content, output).code == 0
    shutil.rmtree(content.parent / "cache")
    (output / "stray.txt").write_text("left by hand", encoding="utf-8")
    assert run_build(content, output).code == 0
    assert not (output / "stray.txt").exists() and (output / "index.html").exists()


def test_an_item_whose_address_changes_is_said_with_the_way_to_keep_it(make_content, run_build, tmp_path, caplog):
    """A corrected headline moves an item without slug: links, bookmarks and feed readers would
    lose it without a word."""
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    content = make_content(items={"item.md": item.replace("slug: russia-denies-aleppo-exit-deal\n", "")})
    output, path = tmp_path / "output", content / "items" / "item.md"

    def moves(*edits) -> list[str]:
        """What the build after ``edits`` ((old, new) in the item) says of addresses."""
        for old, new in edits:
            replace_in(path, old, new)
        caplog.clear()
        assert run_build(content, output).code == 0
        said = [message for message in caplog.messages if "address changes" in message]
        assert all(message.startswith("content/items/item.md:2: title: ") for message in said), said
        return [message.split(": the item's address changes from ")[1] for message in said]

    assert moves() == []
    assert moves(("any deal with US", "any deal with the US")) == [
        "/2016/12/11/russia-denies-any-deal-with-us-on-aleppo-exit/ to "
        "/2016/12/11/russia-denies-any-deal-with-the-us-on-aleppo-exit/: links, bookmarks and feed readers know it "
        "at the old one; to keep it, add slug: russia-denies-any-deal-with-us-on-aleppo-exit"
    ]
    assert moves(("summary: Moscow", "summary: Once more, Moscow")) == []  # said once
    # A new date and title: the old slug alone would not keep the address, so it is not offered.
    assert moves(("2016-12-11T18:00", "2016-12-12T18:00"), ("with the US", "with Washington")) == [
        "/2016/12/11/russia-denies-any-deal-with-the-us-on-aleppo-exit/ to "
        "/2016/12/12/russia-denies-any-deal-with-washington-on-aleppo-exit/: links, bookmarks and feed readers know "
        "it at the old one"
    ]


def test_a_link_left_at_a_moved_items_old_address_is_told_the_slug_that_keeps_it(
    make_content, run_build, tmp_path, caplog
):
    """The link is a problem and stops the build; the move is said too, with the slug that keeps
    the old address, rather than only the link's new address as the fix."""
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    about = "---\ntitle: About\n---\nSee [the denial](/2016/12/11/russia-denies-any-deal-with-us-on-aleppo-exit/).\n"
    # A name of its own: Pelican's log filter says a message once a process, and another test moves item.md so.
    content = make_content(
        items={"linked.md": item.replace("slug: russia-denies-aleppo-exit-deal\n", "")}, pages={"about.md": about}
    )
    output = tmp_path / "output"
    assert run_build(content, output).code == 0
    replace_in(content / "items" / "linked.md", "any deal with US", "any deal with the US")
    caplog.clear()
    failed = run_build(content, output)
    assert failed.code == 1
    assert any(
        "the link '/2016/12/11/russia-denies-any-deal-with-us-on-aleppo-exit/' leads nowhere" in line
        for line in failed.lines
    )
    assert any(
        message.startswith("content/items/linked.md:2: title: the item's address changes from ")
        and message.endswith("; to keep it, add slug: russia-denies-any-deal-with-us-on-aleppo-exit")
        for message in caplog.messages
    ), caplog.messages


def test_an_item_whose_file_is_deleted_or_renamed_is_said(make_content, run_build, tmp_path, caplog):
    """An item deleted takes its page with it; a file renamed with a new slug moves the item: both
    leave links and feed readers at an address that leads nowhere, so both are said, once."""
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    other = item.replace("news/valid", "news/other").replace("russia-denies-aleppo-exit-deal", "second-denial")
    # Names of their own: Pelican's log filter says a message once a process.
    content = make_content(items={"gone-item.md": item, "kept-item.md": other})
    output = tmp_path / "output"

    def said() -> list[str]:
        caplog.clear()
        assert run_build(content, output).code == 0
        return [message for message in caplog.messages if "address changes" in message or "is gone" in message]

    assert said() == []
    (content / "items" / "gone-item.md").unlink()
    assert said() == [
        "content/items/gone-item.md:1: file: is gone, and the item's page with it "
        "(/2016/12/11/russia-denies-aleppo-exit-deal/): links, bookmarks and feed readers know it there. If it was "
        "published by mistake, nothing else is needed; if it was wrong, restore the file and add a correction "
        "under updates: instead"
    ]
    assert said() == []
    # Renamed, the same address: nothing to say, even with its link edited, or its record of the
    # last build made before the original's link was kept in it.
    (content / "items" / "kept-item.md").rename(content / "items" / "renamed-item.md")
    assert said() == []
    addresses = next((content.parent / "cache").glob("*/addresses.json"))
    addresses.write_text(re.sub(r', "story": "[^"]*"', "", addresses.read_text(encoding="utf-8")), encoding="utf-8")
    (content / "items" / "renamed-item.md").rename(content / "items" / "renamed-again.md")
    replace_in(content / "items" / "renamed-again.md", "news/other", "news/other?from=home")
    assert said() == []
    (content / "items" / "renamed-again.md").rename(content / "items" / "renamed-item.md")
    assert said() == []
    # Renamed into a draft: said as a draft, not as gone.
    (content / "items" / "renamed-item.md").rename(content / "items" / "drafted-item.md")
    replace_in(content / "items" / "drafted-item.md", "slug: second-denial", "status: draft\nslug: second-denial")
    assert said() == []
    replace_in(content / "items" / "drafted-item.md", "status: draft\n", "")
    (content / "items" / "drafted-item.md").rename(content / "items" / "renamed-item.md")
    assert said() == []
    # Renamed with a new slug: moved, said at the new file.
    renamed = content / "items" / "renamed-item.md"
    renamed.rename(content / "items" / "denial-renamed.md")
    replace_in(content / "items" / "denial-renamed.md", "slug: second-denial", "slug: denial-renamed")
    assert said() == [
        "content/items/denial-renamed.md:8: slug: the item's address changes from "
        "/2016/12/11/second-denial/ to /2016/12/11/denial-renamed/: links, bookmarks and feed readers know it at "
        "the old one"
    ]


def test_a_source_whose_page_moves_or_goes_is_said(make_content, run_build, tmp_path, caplog):
    """A source's page and feeds are at its name: renamed in sources.yaml, with the old name kept
    as an alias so that items still name it, it moves them without a word unless it is said."""
    content = make_content("item_valid.md")
    sources, item, output = content / "sources.yaml", content / "items" / "item_valid.md", tmp_path / "output"

    def said(*edits) -> list[str]:
        """What the build after ``edits`` ((file, old, new)) says of sources."""
        for path, old, new in edits:
            replace_in(path, old, new)
        caplog.clear()
        assert run_build(content, output).code == 0
        return [message for message in caplog.messages if ": the source '" in message]

    assert said() == []
    renamed = (sources, "- name: Middle East Eye\n", "- name: Middle East Eye (London)\n")
    aliased = (sources, "aliases: [MEE]", "aliases: [MEE, Middle East Eye]")
    assert said(renamed, aliased) == [
        "content/sources.yaml:2: name: the source 'Middle East Eye' moves from /sources/middle-east-eye/ to "
        "/sources/middle-east-eye-london/: links, bookmarks and readers of its feeds know its page and feeds at the "
        "old address; to keep them, give it slug: middle-east-eye"
    ]
    assert said() == []
    # The slug the note gives brings the page back to its address.
    slugged = (sources, "aliases: [MEE, Middle East Eye]", "aliases: [MEE, Middle East Eye]\n  slug: middle-east-eye")
    assert said(slugged) == [
        "content/sources.yaml:2: name: the source 'Middle East Eye (London)' moves from "
        "/sources/middle-east-eye-london/ to /sources/middle-east-eye/: links, bookmarks and readers of its feeds know "
        "its page and feeds at the old address; to keep them, give it slug: middle-east-eye-london"
    ]
    assert (output / "sources" / "middle-east-eye" / "index.html").exists()
    # The item now names another source: the renamed one has no published item.
    assert said((item, "name: Middle East Eye", "name: Reuters")) == [
        "content/sources.yaml:2: name: the source 'Middle East Eye (London)' has no page any more "
        "(/sources/middle-east-eye/): links, bookmarks and readers of its feeds know its page and feeds at the "
        "old address; none of its items is published"
    ]
    # A mistake in the entry stops the build: the source is not gone, its page is not said to be.
    replace_in(sources, "kind: wire", "kind: wiree")
    caplog.clear()
    assert run_build(content, output).code == 1
    assert [message for message in caplog.messages if ": the source '" in message] == []


def test_a_story_whose_page_moves_or_goes_is_said(make_content, run_build, tmp_path, caplog):
    """A story's page and feeds are at its slug: a slug changed in stories.yaml (and in its items)
    leaves its readers' feed stopped, without a word unless it is said."""
    content = make_content("item_in_a_story.md")
    stories, item, output = content / "stories.yaml", content / "items" / "item_in_a_story.md", tmp_path / "output"
    stories.write_text(
        "# The developing stories.\n" + (ROOT / "tests" / "fixtures" / "stories.yaml").read_text(encoding="utf-8")
    )

    def said(*edits) -> list[str]:
        """What the build after ``edits`` ((file, old, new)) says of stories."""
        for path, old, new in edits:
            replace_in(path, old, new)
        caplog.clear()
        assert run_build(content, output).code == 0
        return [message for message in caplog.messages if "the story" in message]

    assert said() == []
    renamed = (
        (stories, "slug: aleppo-evacuation-2016", "slug: aleppo-evacuation"),
        (item, "story: aleppo-evacuation-2016", "story: aleppo-evacuation"),
    )
    assert said(*renamed) == [
        "content/stories.yaml:3: slug: the story 'The evacuation of eastern Aleppo' moves from "
        "/stories/aleppo-evacuation-2016/ to /stories/aleppo-evacuation/: links, bookmarks and readers of its feeds "
        "know its page and feeds at the old address; to keep them, keep slug: aleppo-evacuation-2016 "
        "(and story: aleppo-evacuation-2016 in its items)"
    ]
    assert (output / "stories" / "aleppo-evacuation" / "index.html").exists()
    assert said() == []  # said once
    assert said((item, "story: aleppo-evacuation\n", "")) == [
        "content/stories.yaml:3: slug: the story 'The evacuation of eastern Aleppo' has no page any more "
        "(/stories/aleppo-evacuation/): links, bookmarks and readers of its feeds know its page and feeds at the old "
        "address; none of its items is published"
    ]
    replace_in(item, "slug: russia", "story: aleppo-evacuation\nslug: russia")
    assert said() == []
    stories.write_text("")
    assert said((item, "story: aleppo-evacuation\n", "")) == [
        "content/stories.yaml:1: stories: the story 'The evacuation of eastern Aleppo' has no page any more "
        "(/stories/aleppo-evacuation/): links, bookmarks and readers of its feeds know its page and feeds at the old "
        "address; it is not in content/stories.yaml any more"
    ]
