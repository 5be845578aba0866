"""Fixture sites built once per session, served on loopback, and one headless Chromium for all tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, serve

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SETTINGS = FIXTURES / "theme_site" / "settings.py"
# Hostile sites: ours, and the content-security one when the project has it.
HOSTILE_SITES = [name for name in ("hostile_theme_site", "hostile_site") if (FIXTURES / name / "content").is_dir()]


def build_site(content: Path, output: Path) -> Path:
    import sites

    result = sites.build(content, output, settings=str(SETTINGS))
    assert result.returncode == 0, f"{content} did not build:\n{result.stderr}"
    return output


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory) -> Path:
    """The built theme fixture site: every page type, an Arabic item, two months, two pages of items."""
    return build_site(FIXTURES / "theme_site" / "content", tmp_path_factory.mktemp("theme_site") / "output")


@pytest.fixture(scope="session")
def theme_site_url(theme_site):
    with serve(theme_site) as url:
        yield url


@pytest.fixture(scope="session", params=HOSTILE_SITES)
def hostile_site(request, tmp_path_factory) -> Path:
    return build_site(FIXTURES / request.param / "content", tmp_path_factory.mktemp(request.param) / "output")


@pytest.fixture(scope="session")
def hostile_site_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI, .ci/run installs it", pytrace=False)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
