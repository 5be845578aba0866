"""The benchmark's corpus: the same bytes on every run, and items this project accepts."""

import subprocess
import sys
from pathlib import Path

import sites

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("digest", "pelican", "hugo")


def write_corpus(folder: Path, seed: int = 7) -> None:
    command = [sys.executable, "bench/run.py", "--items", "20", "--seed", str(seed), "--corpus-only"]
    run = subprocess.run(
        [*command, "--tools", ",".join(FORMATS), "--work", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_corpus_is_the_same_on_every_run(tmp_path):
    write_corpus(tmp_path / "first")
    write_corpus(tmp_path / "second")
    write_corpus(tmp_path / "other-seed", seed=8)
    first = files(tmp_path / "first")
    assert first == files(tmp_path / "second")
    assert first != files(tmp_path / "other-seed")
    for fmt in FORMATS:
        stories = [
            name for name in first if name.startswith(f"{fmt}/") and "about" not in name and name.endswith(".md")
        ]
        assert len(stories) == 20, fmt


def test_corpus_items_pass_the_digest_check(tmp_path):
    write_corpus(tmp_path)
    content = tmp_path / "digest"
    run = sites.digest("check", "--content", str(content))
    assert run.returncode == 0, run.stderr
    items = sorted((content / "items").rglob("*.md"))
    assert len(items) == 20
    assert all(item.read_text().count("\n  name: ") == 1 for item in items)
