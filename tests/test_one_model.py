"""One model of the digest: `make check` and the build find the same problems, the plugin list
cannot change the site, and Pelican's own command builds the site `make html` builds."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import sites
from test_incremental import tree

ITEM_WITH_EMOJI_TAGS = """---
title: "Shelling reported near the port"
date: 2024-03-02T10:00:00+00:00
summary: "Residents reported shelling near the port overnight."
source:
  name: Reuters
  url: https://www.reuters.com/world/shelling-port
tags: ["🔥🔥"]
status: published
---
"""


def test_check_and_build_report_the_same_problems(make_content, run_check, run_build, tmp_path):
    content = make_content("item_valid.md", "item_with_unknown_source.md", items={"emoji.md": ITEM_WITH_EMOJI_TAGS})
    checked = run_check(content)
    built = run_build(content, tmp_path / "output")
    assert checked.code == built.code == 1
    problems = [line for line in checked.lines if line.startswith("content/")]
    assert "content/items/emoji.md:8: tags[0]: '🔥🔥' gives no usable page address; use letters or digits" in problems
    assert any(line.startswith("content/items/item_with_unknown_source.md") for line in problems)
    assert problems == [line for line in built.lines if line.startswith("content/")]
    assert not (tmp_path / "output").exists()


def settings_with(tmp_path, plugins: list[str]) -> str:
    path = tmp_path / "settings.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\nPLUGINS = {plugins!r}\n"
    )
    return str(path)


def test_a_part_listed_in_plugins_is_refused_with_what_to_list(tmp_path):
    content = sites.write_taxonomy_site(tmp_path / "site")
    parts = [
        "digest_content",
        "digest_feeds",
        "digest_incremental",
        "digest_taxonomies",
        "digest_theme",
        "digest_weeks",
    ]
    for plugins in (parts, ["conflict_digest", "digest_feeds"]):
        result = sites.build(content, tmp_path / "output", settings=settings_with(tmp_path, plugins))
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "Set PLUGINS = ['conflict_digest']" in result.stderr
        assert not (tmp_path / "output").exists()


def test_pelican_content_builds_the_site_make_html_builds(tmp_path):
    content = sites.write_taxonomy_site(tmp_path / "site")
    assert sites.build(content, tmp_path / "digest-build").returncode == 0
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(content)!r}\nPLUGIN_PATHS = [{str(sites.ROOT / 'plugins')!r}]\n"
        f"THEME = {str(sites.ROOT / 'theme')!r}\nCACHE_PATH = {str(tmp_path / 'pelican-cache')!r}\n"
    )
    pelican = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(tmp_path / "pelican")]
    result = subprocess.run(pelican, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree(tmp_path / "pelican") == tree(tmp_path / "digest-build")


def test_check_reads_the_files_the_build_reads(make_content, run_check, run_build, tmp_path):
    broken = "---\ntitle: Broken\n---\n"
    content = make_content("item_valid.md", items={".notes.md": broken, "more/x.md": broken})
    checked, built = run_check(content), run_build(content, tmp_path / "output")
    named = sorted({line.split(":")[0] for line in checked.lines if line.startswith("content/")})
    # A hidden file is read by neither (IGNORE_FILES); with front matter, both say it is hidden.
    assert named == ["content/items/.notes.md", "content/items/more/x.md"]
    assert named == sorted({line.split(":")[0] for line in built.lines if line.startswith("content/")})


def test_relative_paths_are_the_curators(make_content, tmp_path):
    content = make_content("item_with_unknown_source.md")
    relative = os.path.relpath(content, tmp_path)
    command = [sys.executable, str(sites.ROOT / "tools" / "digest.py")]
    checked = subprocess.run([*command, "check", "--content", relative], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 1 and "item_with_unknown_source.md" in checked.stderr
    built = subprocess.run(
        [*command, "build", "--content", relative, "--output", "out"], cwd=tmp_path, capture_output=True, text=True
    )
    assert built.returncode == 1 and not (sites.ROOT / "out").exists()


def test_an_output_folder_that_holds_the_content_is_refused(tmp_path):
    content = sites.write_taxonomy_site(tmp_path / "site")
    (tmp_path / "site" / "notes.txt").write_text("mine")
    result = sites.build(content, tmp_path / "site")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot be the output folder" in result.stderr
    assert (tmp_path / "site" / "notes.txt").read_text() == "mine" and (content / "sources.yaml").exists()


def test_pelican_content_waits_for_a_build_running_at_the_same_time(tmp_path):
    """Run beside `make html`, Pelican's own command would empty and write the output folder
    while the build puts its pages there: it waits for the build's lock instead."""
    from digest_incremental import store

    content = sites.write_taxonomy_site(tmp_path / "site")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(content)!r}\nPLUGIN_PATHS = [{str(sites.ROOT / 'plugins')!r}]\n"
        f"THEME = {str(sites.ROOT / 'theme')!r}\nCACHE_PATH = {str(tmp_path / 'pelican-cache')!r}\n"
    )
    output = tmp_path / "output"
    pelican = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]
    with store.locked(content.parent / "cache"):  # as a build running now holds it
        running = subprocess.Popen(pelican, cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        said = ""
        while "waiting" not in said and running.poll() is None:
            said = running.stderr.readline()
        time.sleep(1)
        assert "another build of this site is running; waiting for it to finish" in said
        assert running.poll() is None and not output.exists()
    assert running.wait(timeout=120) == 0, running.stderr.read()
    assert (output / "index.html").exists()


def test_a_plain_build_that_fails_lets_go_of_the_lock(tmp_path):
    """Pelican's autoreload waits for the next change after a failed run: the lock is not held
    meanwhile, or every `make html` would wait for the content to be fixed."""
    import fcntl

    from digest_content.problems import ContentProblems
    from pelican import Pelican
    from pelican.settings import read_settings

    content = sites.write_taxonomy_site(tmp_path / "site")
    (content / "items" / "broken.md").write_text("---\ntitle: Broken\n---\n", encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(content)!r}\nPLUGIN_PATHS = [{str(sites.ROOT / 'plugins')!r}]\n"
        f"THEME = {str(sites.ROOT / 'theme')!r}\nOUTPUT_PATH = {str(tmp_path / 'output')!r}\n"
    )
    pelican = Pelican(read_settings(str(settings)))
    with pytest.raises(ContentProblems):
        pelican.run()
    with open(content.parent / "cache" / "build.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if the run kept it


@pytest.mark.parametrize(
    ("name", "line", "said"),
    [
        (
            "zoneconf.py",
            'TIMEZONE = "Europe/Kyyiv"',
            "settings: TIMEZONE = 'Europe/Kyyiv' is not the name of a time zone; did you mean 'Europe/Kyiv'?",
        ),
        (
            "quoteconf.py",
            'TIMEZONE = "Europe/Kiev',
            "settings: quoteconf.py:4: unterminated string literal (detected at line 4); this line of the settings "
            "file is not valid Python",
        ),
        (
            "nameconf.py",
            "SITENAME = MY_NAME",
            "settings: nameconf.py:4: NameError: name 'MY_NAME' is not defined; check this line of the settings file",
        ),
    ],
)
def test_a_mistake_in_the_settings_is_the_curators_to_fix_not_a_bug(make_content, capsys, name, line, said):
    """The README has curators set TIMEZONE and SITENAME in the settings file: a slip there is
    said with its line, not as "a bug in the digest"."""
    import digest

    settings = sites.ROOT / name  # a settings file of the project, as pelicanconf.py is
    settings.write_text(f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\n{line}\n")
    try:
        code = digest.run(["check", "--settings", name, "--content", str(make_content("item_valid.md"))])
    finally:
        settings.unlink()
    assert code == 2 and capsys.readouterr().err.startswith(said)
