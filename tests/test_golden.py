"""The whole site of a small fixture, published under a sub-path, byte for byte.

``tests/fixtures/golden_site/`` is built with ``publishconf.py`` for
https://example.github.io/digest and compared with the checked-in tree in
``tests/expected/golden_site/``. When a change to the output is intended, refresh the
expected tree with ``make golden`` and review its diff like any other change.
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
