"""The whole site of a small fixture, published under a sub-path, byte for byte.

``tests/fixtures/golden_site/`` is built with ``publishconf.py`` for
https://example.github.io/digest and compared with the checked-in tree in
``tests/expected/golden_site/``; the weekly editions of ``tests/fixtures/weeks_site/``, with
``tests/expected/weeks_site/``. When a change to the output is intended, refresh the
expected trees with ``make golden`` and review their diff like any other change.
"""

from __future__ import annotations

import os
import shutil

import sites
from test_incremental import tree

FIXTURE = sites.ROOT / "tests" / "fixtures" / "golden_site"
EXPECTED = sites.ROOT / "tests" / "expected" / "golden_site"
SITEURL = "https://example.github.io/digest"
# Pagefind's index and its own scripts: binary, and tested on their own (tests/test_search.py).
SEARCH_INDEX = "pagefind"


def build_golden_site(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    environment = {**os.environ, "SITEURL": SITEURL}
    result = sites.run_digest(
        [
            "build",
            "--settings",
            "publishconf.py",
            "--content",
            str(tmp_path / "content"),
            "--output",
            str(tmp_path / "out"),
        ],
        environment,
    )
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_the_fixture_site_is_built_exactly_as_expected(tmp_path):
    built = build_golden_site(tmp_path)
    shutil.rmtree(built / SEARCH_INDEX)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(built, EXPECTED)
    expected, actual = tree(EXPECTED), tree(built)
    assert sorted(actual) == sorted(expected), "files differ; if intended, run `make golden`"
    different = [name for name in expected if actual[name] != expected[name]]
    assert different == [], "contents differ; if intended, run `make golden` and review the diff"


WEEKS_FIXTURE = sites.ROOT / "tests" / "fixtures" / "weeks_site"
WEEKS_EXPECTED = sites.ROOT / "tests" / "expected" / "weeks_site"
NEWSLETTER = "make-week-2016-W52.md"


def test_the_weekly_editions_are_built_exactly_as_expected(tmp_path):
    """ISO weeks in New York, published under a sub-path: 2016-W52 runs to Sunday 1 January 2017
    and holds the items of that Sunday evening, already Monday in UTC; 2020-W53 runs from
    28 December 2020 to 3 January 2021; 2017-W02 has a note and no items. The pages, the
    feeds, and what `make week` prints for 2016-W52."""
    content, settings = tmp_path / "content", str(WEEKS_FIXTURE / "settings.py")
    shutil.copytree(WEEKS_FIXTURE / "content", content)
    result = sites.build(content, tmp_path / "out", settings=settings)
    assert result.returncode == 0, result.stderr
    week = sites.digest("week", "--settings", settings, "--content", str(content), "--week", "2016-W52")
    assert week.returncode == 0, week.stderr
    built = {f"weeks/{name}": text for name, text in tree(tmp_path / "out" / "weeks").items()}
    built[NEWSLETTER] = week.stdout.encode("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(WEEKS_EXPECTED, ignore_errors=True)
        shutil.copytree(tmp_path / "out" / "weeks", WEEKS_EXPECTED / "weeks")
        (WEEKS_EXPECTED / NEWSLETTER).write_bytes(built[NEWSLETTER])
    expected = tree(WEEKS_EXPECTED)
    assert sorted(built) == sorted(expected), "files differ; if intended, run `make golden`"
    different = [name for name in expected if built[name] != expected[name]]
    assert different == [], "contents differ; if intended, run `make golden` and review the diff"
