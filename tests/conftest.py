"""Shared fixtures: fixture sites built once per test session."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
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


# Content fixtures: one small file per scenario under tests/fixtures/, put together into a
# content folder, then checked and built with the digest's own command line, in this process.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES.parent.parent / "tools"))


@dataclass
class Run:
    """What the curator sees from one command: its exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def make_content(tmp_path):
    """make_content("item_valid.md", "items_with_same_source_url", items={"x.md": text}, pages={...})
    returns a content folder with tests/fixtures/sources.yaml (or ``sources``), the named fixture
    files (a fixture folder brings all its files) in items/, and the given files written out."""

    def make(*fixtures, items=None, pages=None, sources=None, folder="site"):
        content = tmp_path / folder / "content"
        (content / "items").mkdir(parents=True)
        (content / "pages").mkdir()
        if sources is None:
            shutil.copy(FIXTURES / "sources.yaml", content / "sources.yaml")
        else:
            (content / "sources.yaml").write_text(sources, encoding="utf-8")
        for name in fixtures:
            source = FIXTURES / name
            targets = sorted(source.iterdir()) if source.is_dir() else [source]
            for path in targets:
                shutil.copy(path, content / "items" / (f"{source.name}-{path.name}" if source.is_dir() else path.name))
        for folder_name, files in (("items", items), ("pages", pages)):
            for name, text in (files or {}).items():
                path = content / folder_name / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return content

    return make


@pytest.fixture
def run_check(capsys):
    """run_check(content) -> Run of `digest.py check --content content`."""
    import digest

    def run(content, settings="pelicanconf.py") -> Run:
        capsys.readouterr()
        code = digest.main(["check", "--settings", str(settings), "--content", str(content)])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def run_build(capsys):
    """run_build(content, output) -> Run of `digest.py build --content content --output output`."""
    import digest

    def run(content, output, settings="pelicanconf.py") -> Run:
        capsys.readouterr()
        code = digest.main(["build", "--settings", str(settings), "--content", str(content), "--output", str(output)])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
