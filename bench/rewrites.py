#!/usr/bin/env python3
"""How many pages a rebuild writes again after one item is added, on the benchmark's corpus.

    .venv/bin/python bench/rewrites.py --items 1000,10000 [--project PATH]

For each size it writes the corpus (``corpus.py``, as ``make bench`` does), builds it with the
project's ``tools/digest.py build``, adds the newest story, builds again, and counts the files
of the output folder, item pages and all, that were written again. ``--project`` measures
another copy of the project (a checkout of an earlier commit, say) with this corpus.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def written(output: Path) -> dict[str, tuple[int, int]]:
    """Each file with what changes when it is written again: its inode and modification time."""
    return {
        str(path.relative_to(output)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in output.rglob("*")
        if path.is_file()
    }


def is_item_page(name: str) -> bool:
    """YYYY/MM/DD/<slug>/index.html, not a month's numbered page (YYYY/MM/page/N/index.html)."""
    parts = name.split("/")
    return len(parts) == 5 and all(part.isdigit() for part in parts[:3]) and parts[4] == "index.html"


def build(project: Path, content: Path, output: Path) -> tuple[float, float]:
    """Build; return the wall time and the CPU time (user and system) it took."""
    started, used = time.perf_counter(), _children_cpu()
    command = [sys.executable, str(project / "tools" / "digest.py"), "build", "--content", str(content)]
    subprocess.run([*command, "--output", str(output)], cwd=project, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(project: Path, work: Path, count: int, seed: int) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    content, output = work / "content", work / "output"
    fmt = corpus.FORMATS["digest"]
    corpus.write_corpus(fmt, content, corpus.stories(count, seed))
    build(project, content, output)
    before = written(output)
    added = corpus.added_story(count, seed)
    corpus.write_story(fmt, content, added)
    seconds, cpu_seconds = build(project, content, output)
    after = written(output)
    rewritten = [name for name, stamp in after.items() if before.get(name) != stamp]
    return {
        "items": count,
        "files": len(rewritten),
        "item pages": sum(map(is_item_page, rewritten)),
        "seconds": seconds,
        "cpu": cpu_seconds,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--project", type=Path, default=BENCH.parent, help="the project to build with")
    parser.add_argument("--work", type=Path, default=Path("/tmp/conflict-digest-rewrites"), help="scratch folder")
    args = parser.parse_args(argv)
    print("| items | item pages written | files written | add-one rebuild (CPU time) |")
    print("| --- | --- | --- | --- |")
    for count in (int(size) for size in args.items.split(",")):
        found = measure(args.project.resolve(), args.work / str(count), count, args.seed)
        print(
            f"| {found['items']:,} | {found['item pages']} | {found['files']} "
            f"| {found['seconds']:.2f} s ({found['cpu']:.2f} s) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
