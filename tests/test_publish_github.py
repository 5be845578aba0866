"""`make github` publishes the built site to a gh-pages branch, for those who deploy from a branch.

It runs against throwaway repositories: GIT_DIR points ghp-import at a scratch repository
instead of the project's, and GITHUB_REMOTE at a local bare repository instead of origin.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publish_site"
SITEURL = "https://example.github.io/digest"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_COMMITTER_NAME="Digest test",
        GIT_COMMITTER_EMAIL="digest-test@example.org",
    )
    env.update(extra)
    return env


def git(repository: Path, *args: str) -> str:
    command = ["git", f"--git-dir={repository}", *args]
    return subprocess.run(command, env=git_env(), check=True, capture_output=True, text=True).stdout


def run_make_github(
    content, output, scratch, remote, cname="", siteurl=SITEURL, *settings: str
) -> subprocess.CompletedProcess:
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "github"]
    command += [f"CONTENT={content}", f"OUTPUTDIR={output}", f"GITHUB_REMOTE={remote}", f"CNAME={cname}", *settings]
    env = git_env(GIT_DIR=str(scratch), SITEURL=siteurl)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def make_github(content: Path, output: Path, scratch: Path, remote: Path, cname: str = "") -> None:
    siteurl = f"https://{cname}" if cname else SITEURL
    result = run_make_github(content, output, scratch, remote, cname, siteurl)
    assert result.returncode == 0, result.stdout + result.stderr


def said_by_digest(result: subprocess.CompletedProcess) -> list[str]:
    """What the command said itself: make's own lines (the command, its exit) left out."""
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if line.startswith("make github:")]


def blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def built_files(output: Path) -> dict[str, str]:
    return {
        path.relative_to(output).as_posix(): blob_id(path.read_bytes()) for path in output.rglob("*") if path.is_file()
    }


def branch_files(remote: Path, branch: str = "gh-pages") -> dict[str, str]:
    files = {}
    for line in git(remote, "ls-tree", "-r", branch).splitlines():
        meta, path = line.split("\t", 1)
        files[path] = meta.split()[2]
    return files


@pytest.fixture
def content(tmp_path):
    """A copy of the fixture site's content: a build keeps its cache beside the content folder."""
    copy = tmp_path / "site" / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture
def repositories(tmp_path):
    scratch, remote = tmp_path / "scratch.git", tmp_path / "pages.git"
    for repository in (scratch, remote):
        subprocess.run(["git", "init", "--quiet", "--bare", str(repository)], env=git_env(), check=True)
    return scratch, remote


def test_gh_pages_branch_holds_exactly_the_built_site(tmp_path, repositories, content):
    scratch, remote = repositories
    output = tmp_path / "output"
    make_github(content, output, scratch, remote, cname="digest.example.org")
    published = branch_files(remote)
    built = built_files(output)
    assert "index.html" in built
    assert published.pop(".nojekyll") == blob_id(b"")
    assert git(remote, "show", "gh-pages:CNAME").strip() == "digest.example.org"
    published.pop("CNAME")
    assert published == built


def test_publishing_again_removes_what_the_site_no_longer_has(tmp_path, repositories, content):
    scratch, remote = repositories
    make_github(content, tmp_path / "first", scratch, remote, cname="digest.example.org")
    assert "2024/03/01/shelling-reported-near-port/index.html" in branch_files(remote)

    (content / "items" / "2024" / "03" / "shelling-reported-near-port.md").unlink()
    linking = content / "items" / "2024" / "03" / "ceasefire-talks-stall.md"  # a link to it would lead nowhere
    text = linking.read_text(encoding="utf-8")
    linking.write_text(
        text.replace("(/2024/03/01/shelling-reported-near-port/)", "(https://example.org/)"), encoding="utf-8"
    )
    output = tmp_path / "second"
    make_github(content, output, scratch, remote)
    published = branch_files(remote)
    assert "2024/03/01/shelling-reported-near-port/index.html" not in published
    assert "CNAME" not in published
    published.pop(".nojekyll")
    assert published == built_files(output)
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"


def test_a_missing_remote_is_said_in_one_line_and_nothing_is_built(tmp_path, repositories, content):
    scratch, _ = repositories
    result = run_make_github(content, tmp_path / "output", scratch, "origin")
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert said_by_digest(result) == [
        "make github: this repository has no git remote 'origin'; add it (git remote add origin <address>) "
        "or name another with GITHUB_REMOTE=..."
    ]
    assert not (tmp_path / "output").exists()


def test_a_failed_push_is_said_in_one_line(tmp_path, repositories, content):
    scratch, _ = repositories
    result = run_make_github(content, tmp_path / "output", scratch, tmp_path / "no-such-repository.git")
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    (line,) = said_by_digest(result)
    assert line.startswith(f"make github: pushing gh-pages to {tmp_path / 'no-such-repository.git'} failed: ")


def test_a_cname_that_is_not_the_sites_host_is_refused(tmp_path, repositories, content):
    scratch, remote = repositories
    result = run_make_github(content, tmp_path / "output", scratch, remote, cname="digest.example.org")
    assert result.returncode != 0
    (line,) = said_by_digest(result)
    assert line.startswith(
        "make github: CNAME=digest.example.org is not the host of SITEURL=https://example.github.io/digest"
    )
    assert branch_files_or_none(remote) is None


def branch_files_or_none(remote: Path):
    try:
        return branch_files(remote)
    except subprocess.CalledProcessError:
        return None


def commit_sources(repository: Path, branch: str) -> None:
    """A ``branch`` in ``repository`` that holds a project's sources (its pelicanconf.py)."""
    blob = subprocess.run(
        ["git", f"--git-dir={repository}", "hash-object", "-w", "--stdin"],
        input="SITENAME = 'Mine'\n",
        env=git_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tree = subprocess.run(
        ["git", f"--git-dir={repository}", "mktree"],
        input=f"100644 blob {blob}\tpelicanconf.py\n",
        env=git_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    env = git_env(GIT_AUTHOR_NAME="Curator", GIT_AUTHOR_EMAIL="curator@example.org")
    commit = subprocess.run(
        ["git", f"--git-dir={repository}", "commit-tree", tree, "-m", "Sources"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    git(repository, "update-ref", f"refs/heads/{branch}", commit)


@pytest.mark.parametrize(
    ("siteurl", "cname", "settings", "said"),
    [
        (SITEURL, "", ["GITHUB_PAGES_BRANCH=main"], "make github: the main branch holds the digest's sources"),
        (SITEURL, "", ["GITHUB_PAGES_BRANCH=bad..name"], "make github: 'bad..name' is not a valid branch name"),
        (
            "https://digest.example.org/digest",
            "digest.example.org",
            [],
            "make github: SITEURL=https://digest.example.org/digest has a path or a port, but a custom domain is "
            "served from its root",
        ),
        (
            "https://digest.example.org:8443",
            "digest.example.org",
            [],
            "make github: SITEURL=https://digest.example.org:8443 has a path or a port",
        ),
        (
            "https://digest.example.org",
            "https://digest.example.org",
            [],
            "make github: CNAME=https://digest.example.org is not a host name: give the domain alone",
        ),
        (
            "https://digest.example.org",
            "",
            [],
            "make github: SITEURL=https://digest.example.org is on a custom domain: give it as CNAME too, or GitHub "
            "Pages drops the domain, e.g. SITEURL=https://digest.example.org CNAME=digest.example.org make github",
        ),
        (
            "https://example.github.io",
            "example.github.io",
            [],
            "make github: CNAME=example.github.io is GitHub's own address, not a custom domain: leave CNAME out",
        ),
        (
            "http://example.github.io/digest",
            "",
            [],
            "make github: settings: publishconf.py: GitHub Pages serves example.github.io over https only; browsers "
            "would refuse the site's http:// stylesheets and search: SITEURL=https://example.github.io/digest",
        ),
    ],
)
def test_what_would_publish_a_wrong_site_or_overwrite_sources_is_refused(
    tmp_path, repositories, content, siteurl, cname, settings, said
):
    scratch, remote = repositories
    commit_sources(scratch, "main")
    result = run_make_github(content, tmp_path / "output", scratch, remote, cname, siteurl, *settings)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    (line,) = said_by_digest(result)
    assert line.startswith(said), line
    assert not (tmp_path / "output").exists()  # refused before building
    assert branch_files_or_none(remote) is None
    assert git(scratch, "show", "main:pelicanconf.py") == "SITENAME = 'Mine'\n"


def test_a_project_site_under_the_owners_custom_domain_needs_no_cname(tmp_path, repositories, content):
    """https://digest.example.org/digest/ is the digest repository's site under the domain of its
    owner's user site, which holds the CNAME."""
    scratch, remote = repositories
    result = run_make_github(content, tmp_path / "output", scratch, remote, "", "https://digest.example.org/digest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CNAME" not in branch_files(remote)


def test_drafts_are_not_published(tmp_path, repositories, content):
    scratch, remote = repositories
    result = run_make_github(content, tmp_path / "output", scratch, remote, "", SITEURL, "DRAFTS=1")
    assert result.returncode != 0
    assert "drafts: publishconf.py builds the public site; drafts are only previewed" in result.stderr
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "publish", f"CONTENT={content}"]
    command += [f"OUTPUTDIR={tmp_path / 'output'}", "DRAFTS=1"]
    published = subprocess.run(command, cwd=ROOT, env=git_env(SITEURL=SITEURL), capture_output=True, text=True)
    assert published.returncode != 0 and "drafts are only previewed" in published.stderr
    assert not (tmp_path / "output").exists()


def test_the_published_commit_names_the_sources_commit(tmp_path, repositories, content):
    scratch, remote = repositories
    commit_sources(scratch, "work")
    git(scratch, "symbolic-ref", "HEAD", "refs/heads/work")
    make_github(content, tmp_path / "output", scratch, remote)
    source = git(scratch, "rev-parse", "--short", "work").strip()
    assert git(remote, "log", "-1", "--format=%s", "gh-pages").strip() == f"Publish the digest from {source}"


def test_a_folder_outside_git_is_said_in_one_line(tmp_path, content):
    remote = tmp_path / "pages.git"
    result = run_make_github(content, tmp_path / "output", tmp_path / "none.git", remote)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    (line,) = said_by_digest(result)
    assert line.startswith("make github: ") and "is not in a git repository" in line
    assert not (tmp_path / "output").exists()


def test_a_new_item_not_yet_committed_is_said_and_marked_in_the_published_commit(tmp_path, repositories):
    """The site is built from the files as they are: a new item git does not track yet is in it,
    so the commit on gh-pages must not claim to be the sources' last commit alone."""
    scratch, remote = repositories
    work = tmp_path / "work"
    shutil.copytree(FIXTURE, work / "content")
    tree = git_env(GIT_DIR=str(scratch), GIT_WORK_TREE=str(work))
    author = {**tree, "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=work, env=tree, check=True)
    subprocess.run(["git", "commit", "--quiet", "-m", "Sources"], cwd=work, env=author, check=True)

    def publish() -> subprocess.CompletedProcess:
        command = ["make", "--no-print-directory", "-o", ".venv/.installed", "github", f"CONTENT={work / 'content'}"]
        command += [f"OUTPUTDIR={tmp_path / 'output'}", f"GITHUB_REMOTE={remote}", "CNAME="]
        return subprocess.run(command, cwd=ROOT, env={**tree, "SITEURL": SITEURL}, capture_output=True, text=True)

    clean = publish()
    assert clean.returncode == 0, clean.stderr
    assert said_by_digest(clean) == [] and git(remote, "log", "-1", "--format=%s", "gh-pages").strip().endswith(
        git(scratch, "rev-parse", "--short", "HEAD").strip()
    )
    item = next((work / "content" / "items").rglob("*.md"))
    item.with_name("new-item.md").write_text(
        item.read_text(encoding="utf-8").replace("slug: ", "slug: new-").replace("url: https://", "url: https://new."),
        encoding="utf-8",
    )
    added = publish()
    assert added.returncode == 0, added.stderr
    assert said_by_digest(added) == [
        "make github: the working tree has changes not committed; the site is built from them"
    ]
    assert git(remote, "log", "-1", "--format=%s", "gh-pages").strip().endswith("with changes not committed")


def test_a_custom_domain_at_http_is_published_with_a_word_on_https(tmp_path, repositories, content):
    """Before GitHub Pages serves a new custom domain over https, http:// is its address; once
    it does, browsers refuse the pages' http:// stylesheets."""
    scratch, remote = repositories
    domain = "digest.example.org"
    result = run_make_github(content, tmp_path / "output", scratch, remote, domain, f"http://{domain}")
    assert result.returncode == 0, result.stderr
    assert said_by_digest(result) == [
        f"make github: SITEURL=http://{domain} is not https://: once GitHub Pages serves the domain over https "
        "(Enforce HTTPS), browsers refuse the site's http:// stylesheets and search; publish with https:// then"
    ]
