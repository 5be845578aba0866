"""The search index: what it holds of each item, the same files for the same pages, and an
incremental build that indexes again only when an item page changed."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest
import sites
from digest_search import search
from digest_search.search import link_pages
from digest_search.stable_index import ENTRY, UnknownPagefind, stable

THEME_SITE = sites.ROOT / "tests" / "fixtures" / "theme_site"
SETTINGS = str(THEME_SITE / "settings.py")
ITEM = "2016/12/11/russia-denies-aleppo-exit-deal/"


def indexed(output) -> dict[str, dict]:
    """What the index holds of each item, by its address."""
    records = {}
    for fragment in (output / "pagefind").glob("*/fragment/*.pf_fragment"):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


def index_files(output) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in (output / "pagefind").rglob("*.*")}


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "site" / "content"
    shutil.copytree(THEME_SITE / "content", folder)
    return folder


def test_every_item_is_indexed_with_its_summary_claims_notes_and_filters_not_the_pages_own_words(content, tmp_path):
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    records = indexed(output)
    items = [path.parent.relative_to(output).as_posix() + "/" for path in output.glob("2016/*/*/*/index.html")]
    assert sorted(records) == sorted(f"/{item}" for item in items)
    record = records[f"/{ITEM}"]
    assert record["meta"]["title"] == "Russia denies any deal with US on safe exit for Aleppo rebels"
    assert record["meta"]["date"] == "11 December 2016"
    for text in (
        "told RIA that Moscow had reached no such agreement",  # the summary
        "Talks between Russian and US experts in Geneva show some progress",  # a claim
        "irreconcilable on one point",  # the curator's notes
        "Syria. Russia. United States. aleppo.",  # its countries and tags, words to find it by
    ):
        assert text in record["content"], text
    # The page's own words would match every item and fill the excerpts.
    for furniture in ("The original story", "Read the original", "About this item", "In the digest", "Claims"):
        assert furniture not in record["content"], furniture
    assert record["filters"]["source"] == ["Middle East Eye", "Reuters", "RIA Novosti"]
    assert record["filters"]["country"] == ["Syria", "Russia", "United States"]
    assert "aleppo" in record["filters"]["tag"]


def test_two_builds_of_the_same_pages_give_the_same_index(content, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert sites.build(content, first, settings=SETTINGS).returncode == 0
    shutil.rmtree(content.parent / "cache")  # the second builds everything again
    assert sites.build(content, second, settings=SETTINGS).returncode == 0
    assert index_files(first) == index_files(second)


def test_an_index_of_another_pagefind_version_is_refused(content, tmp_path):
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    files = {name.removeprefix("pagefind/2016/"): data for name, data in index_files(output).items()}
    entry = json.loads(files[ENTRY])
    assert stable(files) == files  # already in order
    files[ENTRY] = json.dumps({**entry, "version": "1.6.0"}).encode()
    with pytest.raises(UnknownPagefind, match="Pagefind 1.6.0; the digest is written for 1.5.2"):
        stable(files)


def test_a_pagefind_that_fails_fails_the_build_and_leaves_the_site_as_it_was(content, tmp_path):
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    page = (output / ITEM / "index.html").read_text(encoding="utf-8")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'cannot read the site' >&2\nexit 3\n")
    broken.chmod(0o755)
    item = next(content.glob("items/**/*russia-denies-aleppo-exit-deal.md"))
    item.write_text(
        item.read_text(encoding="utf-8").replace("irreconcilable", "wholly irreconcilable"), encoding="utf-8"
    )
    arguments = ("build", "--settings", SETTINGS, "--content", str(content), "--output", str(output))
    failed = sites.run_digest(arguments, {**os.environ, "PAGEFIND_BINARY_PATH": str(broken)})
    assert failed.returncode != 0
    assert "Pagefind could not index the items: cannot read the site" in failed.stderr
    assert "was left as it was" in failed.stderr
    assert (output / ITEM / "index.html").read_text(encoding="utf-8") == page
    missing = sites.run_digest(arguments, {**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind")})
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert (
        f"Pagefind could not be run: [Errno 2] No such file or directory: '{tmp_path / 'no-pagefind'}'"
        in missing.stderr
    )


def test_the_folder_pagefind_reads_holds_the_pages_as_written_and_nothing_else(tmp_path):
    site, folder = tmp_path / "site", tmp_path / "linked"
    pages = ["2016/12/11/kept/index.html", "2016/12/12/rewritten/index.html", "2016/12/13/gone/index.html"]
    for page in pages:
        (site / page).parent.mkdir(parents=True)
        (site / page).write_text(page)
    link_pages(str(site), pages, str(folder))
    kept = (folder / pages[0]).stat().st_ino
    (site / "rewritten.new").write_text("written again")
    (site / "rewritten.new").replace(site / pages[1])  # as the writer writes a page again: a new file
    (folder / "2016/12/13/gone/index.html.linking").write_text("left by a stopped build")
    link_pages(str(site), pages[:2], str(folder))
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()) == pages[:2]
    assert not (folder / "2016/12/13").exists()
    assert all((folder / page).samefile(site / page) for page in pages[:2])
    assert (folder / pages[0]).stat().st_ino == kept and (folder / pages[1]).read_text() == "written again"


def test_pagefind_writes_its_files_in_memory_when_there_is_room_and_on_disk_otherwise(content, tmp_path, monkeypatch):
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    pages = sorted(path.relative_to(output).as_posix() for path in output.glob("2016/*/*/*/index.html"))
    pagefind = search._pagefind()
    if search._memory_folder(len(pages)) is None:
        pytest.skip("this machine has no /dev/shm with room for the index")
    folders = []
    made = search.tempfile.TemporaryDirectory

    def recorded(*arguments, **options):
        folders.append(options.get("dir"))
        return made(*arguments, **options)

    monkeypatch.setattr(search.tempfile, "TemporaryDirectory", recorded)
    in_memory = search._index(str(output), pages, "en", True, None, pagefind)
    assert folders == [None, "/dev/shm"]  # the pages' folder on the disk, Pagefind's files in memory
    assert in_memory == {name.removeprefix("pagefind/2016/"): data for name, data in index_files(output).items()}
    room = os.statvfs("/dev/shm")

    class Full:
        f_bavail, f_frsize = 1, room.f_frsize

    monkeypatch.setattr(os, "statvfs", lambda folder: Full)
    assert search._memory_folder(len(pages)) is None
    assert search._index(str(output), pages, "en", True, None, pagefind) == in_memory
    assert folders[2:] == [None, None]


def stamps(output, folder: str = "") -> dict[str, int]:
    return {path.as_posix(): path.stat().st_mtime_ns for path in (output / "pagefind" / folder).rglob("*.*")}


def test_an_incremental_build_indexes_again_only_when_an_item_changed(content, tmp_path):
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    before = stamps(output)
    item = next(content.glob("items/**/*russia-denies-aleppo-exit-deal.md"))
    text = item.read_text(encoding="utf-8")
    draft = text.replace("slug: russia-denies-aleppo-exit-deal", "slug: a-draft\nstatus: draft")
    item.with_name("a-draft.md").write_text(draft.replace("news/", "news/draft-"), encoding="utf-8")
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    assert stamps(output) == before  # no item page changed: the index was kept
    item.write_text(text.replace("irreconcilable", "wholly irreconcilable"), encoding="utf-8")
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    assert "wholly irreconcilable" in indexed(output)[f"/{ITEM}"]["content"]
    # The other items' fragments of the year are the same files, not written again.
    after = stamps(output)
    fragments = [name for name in before.keys() & after.keys() if "/fragment/" in name]
    assert fragments and all(before[name] == after[name] for name in fragments)
    clean = tmp_path / "clean"
    shutil.rmtree(content.parent / "cache")
    assert sites.build(content, clean, settings=SETTINGS).returncode == 0
    assert index_files(output) == index_files(clean)


def test_each_year_has_its_index_and_an_edit_makes_only_its_years_again(content, tmp_path):
    item = next(content.glob("items/**/*russia-denies-aleppo-exit-deal.md"))
    text = item.read_text(encoding="utf-8")
    earlier = text.replace("2016-12-11T18:00:00", "2015-06-01T10:00:00").replace("news/", "news/2015-")
    item.with_name("earlier.md").write_text(earlier.replace("slug: russia-denies-aleppo-exit-deal", "slug: earlier"))
    output = tmp_path / "output"
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    assert sorted(path.name for path in (output / "pagefind").iterdir()) == ["2015", "2016"]
    # The interface is in the newest year's folder, which the search page loads and merges the others into.
    assert (output / "pagefind/2016/pagefind-ui.js").is_file() and not (
        output / "pagefind/2015/pagefind-ui.js"
    ).exists()
    search = (output / "search/index.html").read_text(encoding="utf-8")
    assert 'data-merge="pagefind/2015/"' in search and "/pagefind/2016/pagefind-ui.js" in search
    assert "/2015/06/01/earlier/" in indexed(output)
    before = stamps(output, "2015")
    item.write_text(text.replace("irreconcilable", "wholly irreconcilable"), encoding="utf-8")
    assert sites.build(content, output, settings=SETTINGS).returncode == 0
    assert stamps(output, "2015") == before
    assert "wholly irreconcilable" in indexed(output)[f"/{ITEM}"]["content"]
