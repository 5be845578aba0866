"""Items read ahead by worker processes give the same site, and the same problem reports, as
items read one by one by the build itself."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import sites
from test_incremental import assert_same_site

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="items are read ahead only with several cores")

# What to add to the taxonomy site to break it: an unknown source, and a YAML error.
BROKEN = {
    "story-007.md": lambda text: text.replace("{name: Reuters,", "{name: Reuter,"),
    "story-042.md": lambda text: text.replace("tags: [", "tags: [[", 1),
}


def build_both_ways(tmp_path: Path, run_build, caplog, broken: bool = False) -> dict:
    """Build the taxonomy site reading items ahead, and reading them one by one: {way: run}."""
    runs = {}
    for way, read_ahead_from in (("ahead", 1), ("one-by-one", 10**9)):
        content = sites.write_taxonomy_site(tmp_path / way)
        if broken:
            for name, breaking in BROKEN.items():
                item = content / "items" / name
                item.write_text(breaking(item.read_text()))
        settings = tmp_path / f"settings-{way}.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            f"from pelicanconf import *\nREAD_AHEAD_FROM = {read_ahead_from}\n"
        )
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="digest_content.readahead"):
            runs[way] = run_build(content, tmp_path / way / "output", settings=settings)
        # The test is about both ways: check that each build went the way it was meant to.
        went_ahead = any("ahead in" in record.getMessage() for record in caplog.records)
        assert went_ahead == (way == "ahead")
    return runs


def test_items_read_ahead_give_the_same_site(tmp_path, run_build, caplog):
    runs = build_both_ways(tmp_path, run_build, caplog)
    assert [run.code for run in runs.values()] == [0, 0], runs
    assert_same_site(tmp_path / "ahead" / "output", tmp_path / "one-by-one" / "output")


def test_problems_in_items_read_ahead_are_reported_alike(tmp_path, run_build, caplog):
    runs = build_both_ways(tmp_path, run_build, caplog, broken=True)
    ahead, one_by_one = runs["ahead"], runs["one-by-one"]
    assert ahead.code == one_by_one.code == 1
    problems = [line for line in ahead.err.splitlines() if line.startswith("content/items/")]
    assert [line.split(":")[:2] for line in problems] == [
        ["content/items/story-007.md", "9"],
        ["content/items/story-042.md", "8"],  # tags: [[ ... ], the line left open
    ]
    assert ahead.err.replace(str(tmp_path / "ahead"), "") == one_by_one.err.replace(str(tmp_path / "one-by-one"), "")
