"""Whatever happened before, a build leaves in output/ exactly what a clean build of the same
inputs gives: a seeded random history of what curators and their machines do.

Each step changes the content, the configuration, the installed packages or the output folder
by hand, or kills a build half way; then the build runs, and output/ is compared, byte for
byte, with a clean build (a fresh copy of the content, its own cache) of the same inputs.
``HISTORY_SEEDS=1,2,3 HISTORY_STEPS=40 pytest tests/test_build_history.py`` runs longer histories.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sites
from test_incremental import tree

ROOT = sites.ROOT
FIXTURES = sites.FIXTURES
SEEDS = [int(seed) for seed in os.environ.get("HISTORY_SEEDS", "7").split(",")]
STEPS = int(os.environ.get("HISTORY_STEPS", "14"))
ADDRESSES = ("https://example.github.io/digest", "https://digest.example.org")


class History:
    """The content, the settings, the fake package and the output folder of one history."""

    def __init__(self, folder: Path, rng: random.Random):
        self.folder, self.rng = folder, rng
        self.content = folder / "site" / "content"
        (self.content / "items").mkdir(parents=True)
        (self.content / "sources.yaml").write_text(sites.SOURCES_YAML, encoding="utf-8")
        for index in range(10):
            self.write_item(index)
        self.output = folder / "output"
        # A distribution the build's environment has; an "upgrade" changes its version.
        self.packages = folder / "packages"
        self.package_version = 1
        self.write_package()
        self.settings = {}
        for name, base in (("preview", "pelicanconf"), ("publish", "publishconf")):
            path = folder / f"{name}.py"
            path.write_text(
                f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\nDEFAULT_PAGINATION = 4\n"
            )
            self.settings[name] = path
        self.configuration = ("preview", "")
        self.clean_builds: dict[str, dict] = {}
        self.next_item = 100

    def write_item(self, index: int) -> None:
        (self.content / "items" / f"story-{index:03d}.md").write_text(sites.item_text(index), encoding="utf-8")

    def write_package(self) -> None:
        shutil.rmtree(self.packages, ignore_errors=True)
        info = self.packages / f"digest_fake_dependency-{self.package_version}.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: digest-fake-dependency\nVersion: {self.package_version}.0\n"
        )

    def items(self) -> list[Path]:
        return sorted((self.content / "items").glob("*.md"))

    def environment(self) -> dict:
        name, address = self.configuration
        environment = {**os.environ, "PYTHONPATH": str(self.packages)}
        if address:
            environment["SITEURL"] = address
        return environment

    def command(self, content: Path, output: Path) -> list[str]:
        settings = self.settings[self.configuration[0]]
        script = str(ROOT / "tools" / "digest.py")
        return [
            sys.executable,
            script,
            "build",
            "--settings",
            str(settings),
            "--content",
            str(content),
            "--output",
            str(output),
        ]

    def build(self, content: Path, output: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(content, output), cwd=ROOT, env=self.environment(), capture_output=True, text=True
        )

    def inputs(self) -> str:
        files = sorted(path for path in self.content.rglob("*") if path.is_file())
        digest = hashlib.sha1(repr((self.configuration, self.package_version)).encode())
        for path in files:
            digest.update(str(path.relative_to(self.content)).encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def clean_build(self) -> dict:
        """What a clean build of the inputs as they are now gives (built once per inputs)."""
        key = self.inputs()
        if key not in self.clean_builds:
            fresh = self.folder / f"clean-{len(self.clean_builds)}"
            shutil.copytree(self.content, fresh / "content")
            result = self.build(fresh / "content", fresh / "output")
            assert result.returncode == 0, result.stderr
            self.clean_builds[key] = tree(fresh / "output")
            shutil.rmtree(fresh)
        return self.clean_builds[key]

    # The steps: each returns what it did, for the failure message.

    def add(self) -> str:
        self.write_item(self.next_item)
        self.next_item += 1
        return f"add story-{self.next_item - 1}"

    def edit(self) -> str:
        path = self.rng.choice(self.items())
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Summary of story", "A corrected summary of story", 1), encoding="utf-8")
        return f"edit {path.name}"

    def edit_same_size_keeping_the_time(self) -> str:
        path = self.rng.choice(self.items())
        status = path.stat()
        text = path.read_text(encoding="utf-8")
        changed = text.replace("Notes on story", "Notes in story", 1)
        if changed == text:
            changed = text.replace("Notes in story", "Notes on story", 1)
        assert len(changed.encode()) == status.st_size
        path.write_text(changed, encoding="utf-8")
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        return f"same-size edit of {path.name}, time restored"

    def delete(self) -> str:
        items = self.items()
        if len(items) < 4:
            return self.add()
        path = self.rng.choice(items)
        path.unlink()
        return f"delete {path.name}"

    def rename(self) -> str:
        path = self.rng.choice(self.items())
        target = path.with_name(f"renamed-{self.next_item}.md")
        self.next_item += 1
        path.rename(target)
        return f"rename {path.name} to {target.name}"

    def switch_configuration(self) -> str:
        choices = [("preview", ""), *(("publish", address) for address in ADDRESSES)]
        self.configuration = self.rng.choice([choice for choice in choices if choice != self.configuration])
        return f"switch to {self.configuration}"

    def upgrade_a_package(self) -> str:
        self.package_version += 1
        self.write_package()
        return f"upgrade digest-fake-dependency to {self.package_version}.0"

    def tamper_with_output(self) -> str:
        files = sorted(path for path in self.output.rglob("*") if path.is_file())
        if not files:
            return "nothing to tamper with"
        chosen = self.rng.choice(files)
        action = self.rng.choice(["edit", "delete", "add", "replace", "folder"])
        if action == "edit":
            with open(chosen, "ab") as handle:  # in place: the same file, hard links included
                handle.write(b"<!-- edited by hand -->")
        elif action == "delete":
            chosen.unlink()
        elif action == "add":
            (chosen.parent / "added-by-hand.html").write_text("stray")
        elif action == "replace":
            chosen.unlink()
            chosen.write_text("replaced by hand")
        else:
            (chosen.parent / "made-by-hand" / "empty").mkdir(parents=True)
        return f"{action} {chosen.relative_to(self.output)} in output/"

    def kill_a_build(self) -> str:
        self.add()
        process = subprocess.Popen(
            self.command(self.content, self.output),
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        delay = self.rng.uniform(0.05, 1.5)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        return f"add an item, kill the build after {delay:.2f} s"

    STEPS = (
        "add",
        "edit",
        "edit_same_size_keeping_the_time",
        "delete",
        "rename",
        "switch_configuration",
        "upgrade_a_package",
        "tamper_with_output",
        "kill_a_build",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_output_equals_a_clean_build_after_every_step(tmp_path, seed):
    rng = random.Random(seed)
    history = History(tmp_path, rng)
    done = ["first build"]
    # Every kind of step at least once, then random ones.
    steps = [*History.STEPS, *(rng.choice(History.STEPS) for _ in range(max(0, STEPS - len(History.STEPS))))]
    rng.shuffle(steps)
    for step in ["first build", *steps]:
        if step != "first build":
            done.append(getattr(history, step)())
        result = history.build(history.content, history.output)
        assert result.returncode == 0, f"after {done}: {result.stderr}"
        assert "Traceback" not in result.stderr
        built, expected = tree(history.output), history.clean_build()
        missing, extra = sorted(set(expected) - set(built)), sorted(set(built) - set(expected))
        different = sorted(name for name in set(built) & set(expected) if built[name] != expected[name])
        assert (missing, extra, different) == ([], [], []), f"after {done}"


def test_two_builds_started_at_once_leave_one_whole_site(tmp_path):
    history = History(tmp_path, random.Random(1))
    configurations = [("preview", ""), ("publish", ADDRESSES[0])]
    processes = []
    for configuration in configurations:
        history.configuration = configuration
        processes.append(
            subprocess.Popen(
                history.command(history.content, history.output),
                cwd=ROOT,
                env=history.environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [process.communicate() for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    assert not any("Traceback" in err for _, err in results)
    built = tree(history.output)
    expected = []
    for configuration in configurations:
        history.configuration = configuration
        expected.append(history.clean_build())
    assert built in expected


def test_items_of_the_same_moment_come_out_in_one_order_whatever_order_they_are_read_in(tmp_path):
    """Pelican lists the content files as a set, whose order changes with each process's hash
    seed: items dated the same (a day's items written without a time) are still listed,
    linked as neighbours and written to the feeds and the open data in one order."""
    built = []
    for seed in ("1", "2", "3", "4"):
        content = tmp_path / f"seed-{seed}" / "content"
        (content / "items").mkdir(parents=True)
        (content / "sources.yaml").write_text(sites.SOURCES_YAML, encoding="utf-8")
        for index in range(6):
            text = sites.item_text(index).replace(
                sites.item_text(index).split("\n")[2], "date: 2024-03-01T09:00:00+00:00"
            )
            (content / "items" / f"story-{index}.md").write_text(text, encoding="utf-8")
        output = tmp_path / f"seed-{seed}" / "output"
        run = sites.run_digest(
            ["build", "--content", str(content), "--output", str(output)], {**os.environ, "PYTHONHASHSEED": seed}
        )
        assert run.returncode == 0, run.stderr
        built.append(tree(output))
    assert all(other == built[0] for other in built[1:])


def test_an_item_falling_due_while_the_build_reads_waits_for_the_next_build(
    make_content, run_build, tmp_path, monkeypatch
):
    """Pelican reads its clock as it reads each file, the digest once: an item whose date falls
    in between is held back by both (the build does not stop), and published by the next build."""
    import conflict_digest.generator

    read_at = datetime.now(UTC)
    due = (read_at - timedelta(seconds=30)).replace(microsecond=0)
    item = (FIXTURES / "item_valid.md").read_text(encoding="utf-8")
    item = re.sub(r"(?m)^date: .*$", f"date: {due.isoformat()}", item)
    content = make_content(items={"due.md": item})
    output = tmp_path / "output"
    monkeypatch.setattr(conflict_digest.generator, "build_moment", lambda: read_at - timedelta(seconds=60))
    run = run_build(content, output)
    assert run.code == 0, run.err
    page = output / f"{due:%Y/%m/%d}" / "russia-denies-aleppo-exit-deal" / "index.html"
    assert not page.exists()
    monkeypatch.undo()
    assert run_build(content, output).code == 0
    assert page.exists()
