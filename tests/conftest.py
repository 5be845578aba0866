"""Shared fixtures: fixture sites built once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sites

# Plugin modules are importable in tests as Pelican imports them: by folder name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))


@pytest.fixture(scope="session")
def taxonomy_site(tmp_path_factory):
    """The built output folder of the taxonomy fixture site (many sources, tags, countries)."""
    folder = tmp_path_factory.mktemp("taxonomy_site")
    content = sites.write_taxonomy_site(folder)
    result = sites.build(content, folder / "output")
    assert result.returncode == 0, result.stderr
    return folder / "output"
