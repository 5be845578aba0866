"""Hostile and broken input: every rejected file is reported as `path:line: field: message` with a
non-zero exit and no traceback; nothing is written outside the output folder; nothing that
content holds runs or loads anything in a reader's browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import page_safety
import pytest
import sites

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parent.parent
HOSTILE_SITE = FIXTURES / "hostile_site" / "content"

PROBLEM = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^:\n]+): (?P<message>.+)$")
CLOSING = re.compile(r"^(\d+ problem\(s\) in \d+ file\(s\)\.|The build failed; .+ was left as it was\.)$")


def assert_clean_report(result) -> list[str]:
    """Every line the curator reads is a problem or the closing summary; return the problems."""
    assert result.code == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert "build failed:" not in result.err, result.err  # an unexpected error, not a content problem
    problems = [line for line in result.lines if not CLOSING.match(line)]
    assert problems, result.err
    assert all(PROBLEM.match(line) for line in problems), problems
    return problems


def line_of(fixture: str, text: str) -> int:
    lines = (FIXTURES / fixture).read_bytes().decode("utf-8", "replace").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def files_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


# (fixture, where the problem is: a line number or text on that line, field, part of the message)
REFUSED = [
    ("item_with_yaml_bomb.md", "b: &b", "b[0]", "YAML aliases (*name) are not allowed"),
    ("item_indented_with_tabs.md", "\tname:", "name", "does not allow tabs"),
    ("item_with_duplicate_field.md", "A second title", "title", "appears twice (also on line 2)"),
    ("item_without_closing_fence.md", "never closed", "front matter", "add a line '---'"),
    ("item_front_matter_is_a_list.md", 2, "front matter", "not a list or a single value"),
    ("item_front_matter_is_a_scalar.md", 2, "front matter", "not a list or a single value"),
    ("item_with_non_string_key.md", "2016:", "front matter", "field names must be words"),
    ("item_with_status_yes.md", "status: yes", "status", "'yes' is not one of: published, draft"),
    ("item_with_control_character.md", "summary:", "file", "holds U+0008 (a control character) in column"),
    (
        "item_with_escape_in_title.md",
        "title:",
        "title",
        "holds U+001B (escape), an invisible character that changes how a page or a terminal shows the text (a YAML escape",
    ),
    ("item_with_escape_in_body.md", "Notes on", "file", "holds U+001B (escape) in column 20"),
    ("item_with_override_in_title.md", "title:", "file", "holds U+202E (right-to-left override) in column"),
    ("item_with_markup_in_tag.md", "tags:", "tags[0]", "holds < or >, which a name cannot"),
    ("item_with_user_in_url.md", "url:", "source.url", "holds '@' before its first '/': the site is what follows it"),
    ("item_empty.md", 1, "file", "is empty"),
    ("item_in_latin1.md", "summary:", "file", "is not UTF-8"),
    ("item_in_utf16.md", 1, "file", "is saved as UTF-16"),
    ("item_in_utf16_without_mark.md", 1, "file", "is saved as UTF-16"),
    ("item_with_crlf_and_a_problem.md", "countries:", "countries[0]", "'XS' is not an ISO 3166-1"),
    ("item_dated_30_february.md", "date:", "date", "'2016-02-30' is not a real date"),
    ("item_dated_year_0001.md", "date:", "date", "the year 1 is outside"),
    ("item_dated_year_9999.md", "date:", "date", "the year 9999 is outside"),
    ("item_modified_before_date.md", "modified:", "modified", "is earlier than date"),
    ("item_with_slug_escaping_output.md", "slug:", "slug", "'../../etc/x' is not a slug"),
    ("item_with_absolute_slug.md", "slug:", "slug", "'/etc/x' is not a slug"),
    ("item_with_windows_separators.md", "slug:", "slug", "is not a slug"),
    ("item_with_save_as_and_url.md", "save_as:", "save_as", "unknown field"),
    ("item_with_save_as_and_url.md", "url: /etc", "url", "unknown field"),
    ("item_with_pelican_attach_link.md", "{attach}", "body", "{attach}"),
    ("item_with_javascript_url.md", "url: javascript:", "source.url", "must be a full http:// or https:// address"),
    ("item_with_data_url.md", "archive_url:", "archive_url", "must be a full http:// or https:// address"),
    ("item_with_vbscript_url.md", "archive_url:", "archive_url", "must be a full http:// or https:// address"),
    ("item_with_markup_in_lang.md", "lang:", "lang", "is not a language tag"),
]


@pytest.mark.parametrize(("fixture", "where", "field", "message"), REFUSED, ids=[f"{c[0]}:{c[2]}" for c in REFUSED])
def test_refused_with_a_clear_problem_and_nothing_written(
    make_content, run_build, tmp_path, fixture, where, field, message
):
    content = make_content("item_valid.md", fixture)
    before = files_under(tmp_path)
    result = run_build(content, tmp_path / "deep" / "er" / "output")
    problems = assert_clean_report(result)
    line = where if isinstance(where, int) else line_of(fixture, where)
    expected = f"content/items/{fixture}:{line}: {field}: "
    assert any(problem.startswith(expected) and message in problem for problem in problems), problems
    assert {problem.split(":")[0] for problem in problems} == {f"content/items/{fixture}"}
    written = {name for name in files_under(tmp_path) - before if not name.startswith("site/cache")}
    assert written == set(), f"a failed build wrote {sorted(written)}"


def test_a_yaml_bomb_fails_with_bounded_memory(make_content, run_check):
    content = make_content("item_with_yaml_bomb.md")
    tracemalloc.start()
    try:
        result = run_check(content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.code == 1
    assert "YAML aliases" in result.err
    # Expanded, the bomb is 9**9 (387 million) strings.
    assert peak < 50_000_000, f"checking the bomb took {peak / 1e6:.0f} MB"


def test_a_body_of_opening_brackets_is_refused_before_markdown_takes_minutes(make_content, run_check):
    item = (FIXTURES / "item_valid.md").read_text(encoding="utf-8") + "\n" + "[" * 19_000 + "\n"
    page = "---\ntitle: About\n---\n" + "[a](" * 20_000 + "\n"
    result = run_check(make_content(items={"x.md": item}, pages={"about.md": page}))
    assert result.lines == [
        "content/items/x.md:10: body: has 19000 '[' characters; at most 1000 are allowed: Markdown reads each as "
        "the start of a link, and so many take minutes to render. Write a '[' meant as text as &#91;",
        "content/pages/about.md:4: body: has 20000 '[' characters; at most 1000 are allowed: Markdown reads each "
        "as the start of a link, and so many take minutes to render. Write a '[' meant as text as &#91;",
        "2 problem(s) in 2 file(s).",
    ]
    assert run_check(make_content(items={"x.md": item.replace("[" * 19_000, "[" * 1_000)}, folder="fewer")).code == 0


def test_yes_no_on_off_stay_words(make_content, run_build, tmp_path):
    result = run_build(make_content("item_with_yes_no_on_off.md"), tmp_path / "output")
    assert result.code == 0, result.err
    for tag in ("yes", "no", "on", "off"):
        assert (tmp_path / "output" / "tags" / tag / "index.html").exists(), tag
    assert (tmp_path / "output" / "countries" / "no" / "index.html").exists()
    assert not (tmp_path / "output" / "tags" / "true").exists()
    assert not (tmp_path / "output" / "tags" / "false").exists()


def test_a_byte_order_mark_and_windows_line_endings_are_read_as_text(make_content, run_build, tmp_path):
    content = make_content("item_with_bom.md", "item_with_crlf_line_endings.md")
    result = run_build(content, tmp_path / "output")
    assert result.code == 0, result.err
    bom_page = tmp_path / "output" / "2016/12/11/with-bom/index.html"
    assert "Byte order mark story" in page_safety.visible_text(bom_page)
    assert "\ufeff" not in bom_page.read_text(encoding="utf-8")
    crlf_page = (tmp_path / "output" / "2016/12/11/crlf-line-endings/index.html").read_text(encoding="utf-8")
    assert "Line endings from Windows" in crlf_page
    assert "A note\nover two lines." in crlf_page
    assert "\r" not in crlf_page


def test_a_20_mb_file_is_refused_without_reading_it(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    big = content / "items" / "huge.md"
    with big.open("wb") as handle:
        handle.write((FIXTURES / "item_valid.md").read_bytes())
        handle.write(b"A pasted page. " * (20_000_000 // 15))
    problems = assert_clean_report(run_build(content, tmp_path / "output"))
    assert problems == ["content/items/huge.md:1: file: is 20.0 MB; an item must be under 1 MB"]


def test_links_to_files_outside_content_are_refused(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = (FIXTURES / "item_valid.md").read_text().replace("aleppo-exit-deal", "secretmarker")
    (outside / "secret.md").write_text(secret.replace("/news/valid", "/news/secret"))
    (outside / "secret.png").write_text("secretmarker")
    (content / "items" / "linked.md").symlink_to(outside / "secret.md")
    (content / "images").symlink_to(outside, target_is_directory=True)
    output = tmp_path / "output"
    problems = assert_clean_report(run_build(content, output))
    assert (
        "content/items/linked.md:1: file: is a link to a place outside content/; copy the file into content/ instead"
        in problems
    )
    assert any(
        problem.startswith("content/images:1: file: is a link to a place outside content/") for problem in problems
    )
    assert not output.exists()


def test_a_dangling_link_is_reported_as_unreadable(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    (content / "items" / "gone.md").symlink_to(content / "items" / "deleted.md")
    problems = assert_clean_report(run_build(content, tmp_path / "output"))
    assert problems == [
        "content/items/gone.md:1: file: cannot be read (No such file or directory); check its permissions"
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_file_is_reported(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    locked = content / "items" / "locked.md"
    shutil.copy(FIXTURES / "item_with_bom.md", locked)
    locked.chmod(0)
    try:
        problems = assert_clean_report(run_build(content, tmp_path / "output"))
    finally:
        locked.chmod(0o644)
    assert problems == ["content/items/locked.md:1: file: cannot be read (Permission denied); check its permissions"]


def test_a_named_pipe_is_reported_and_does_not_hang_the_build(make_content, tmp_path):
    content = make_content("item_valid.md")
    os.mkfifo(content / "items" / "pipe.md")
    for command in ("check", "build"):
        try:
            run = subprocess.run(
                [sys.executable, "tools/digest.py", command, "--content", str(content), "--output", str(tmp_path / "o")]
                if command == "build"
                else [sys.executable, "tools/digest.py", command, "--content", str(content)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"`digest.py {command}` waits forever on a named pipe in content/")
        assert run.returncode == 1
        assert "content/items/pipe.md:1: file: is not a regular file" in run.stderr


def test_names_that_differ_only_in_case_or_that_windows_cannot_hold(make_content, run_build, tmp_path):
    valid = (FIXTURES / "item_valid.md").read_text()
    content = make_content(
        items={
            "Aleppo.md": valid.replace("/news/valid", "/news/upper").replace("russia-denies", "upper"),
            "aleppo.md": valid.replace("/news/valid", "/news/lower").replace("russia-denies", "lower"),
            "what?.md": valid.replace("/news/valid", "/news/question").replace("russia-denies", "question"),
        }
    )
    problems = assert_clean_report(run_build(content, tmp_path / "output"))
    assert any(
        p.startswith("content/items/Aleppo.md:1: file: differs from content/items/aleppo.md only in") for p in problems
    )
    assert any(
        p.startswith("content/items/aleppo.md:1: file: differs from content/items/Aleppo.md only in") for p in problems
    )
    assert any(p.startswith("content/items/what?.md:1: file: has a name that Windows cannot hold") for p in problems)


def test_a_pelican_attach_link_copies_nothing(make_content, run_build, tmp_path):
    content = make_content("item_with_pelican_attach_link.md")
    (content.parent / "secret.txt").write_text("secretmarker")  # where {attach}../../secret.txt points
    output = tmp_path / "output"
    assert_clean_report(run_build(content, output))
    assert not output.exists()


def test_a_future_item_is_held_back_with_a_note(make_content, tmp_path):
    content = make_content("item_valid.md", "item_dated_in_the_future.md")
    output = tmp_path / "output"
    run = subprocess.run(
        [sys.executable, "tools/digest.py", "build", "--content", str(content), "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    line = line_of("item_dated_in_the_future.md", "date:")
    assert (
        f"content/items/item_dated_in_the_future.md:{line}: date: 2099-06-01T12:00:00+00:00 is in the future"
        in run.stderr
    )
    assert "held back" in run.stderr
    assert (output / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").exists()
    leaked = [path for path in output.rglob("*") if path.is_file() and b"futuremarker" in path.read_bytes().lower()]
    assert leaked == []


def test_check_prints_every_problem_of_every_broken_fixture_without_a_traceback(make_content):
    content = make_content("item_valid.md", *{case[0] for case in REFUSED})
    run = subprocess.run(
        [sys.executable, "tools/digest.py", "check", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert all(PROBLEM.match(line) for line in lines[:-1]), lines
    assert {line.split(":")[0] for line in lines[:-1]} == {f"content/items/{case[0]}" for case in REFUSED}


def test_a_failure_nobody_foresaw_is_one_line_not_a_traceback(make_content, monkeypatch, capsys):
    import digest

    def broken(*arguments):
        raise AttributeError("'Taxonomy' object has no attribute 'url'")

    monkeypatch.setattr(digest, "check", broken)
    monkeypatch.delenv("DIGEST_DEBUG", raising=False)
    assert digest.run(["check", "--content", str(make_content("item_valid.md"))]) == 2
    assert capsys.readouterr().err == (
        "AttributeError: 'Taxonomy' object has no attribute 'url'; this is a bug in the digest, please report it "
        "(DIGEST_DEBUG=1 shows the details)\n"
    )


# Markup injection: the hostile fixture site builds, and nothing in it runs or loads.

FRONT_MATTER_MARKERS = [
    "XSS-title",
    "XSS-title-attr",
    "XSS-summary",
    "XSS-summary-attr",
    "XSS-source-name",
    "XSS-quote",
    "XSS-claim-text",
    "XSS-via-name",
]


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_site")
    shutil.copytree(HOSTILE_SITE, folder / "content")
    run = sites.build(folder / "content", folder / "output")
    assert run.returncode == 0, run.stderr
    return folder / "output"


def test_no_page_of_the_hostile_site_holds_script_or_outside_requests(hostile_output):
    pages = sorted(hostile_output.rglob("*.html"))
    assert len(pages) > 5
    assert page_safety.unsafe_markup(hostile_output) == {}


def test_hostile_markup_in_front_matter_is_shown_as_text(hostile_output):
    text = page_safety.visible_text(hostile_output / "2020/01/02/hostile-front-matter/index.html")
    for marker in FRONT_MATTER_MARKERS:
        assert marker in text, marker
    assert "</script><script>alert('XSS-title')</script>" in text
    assert "{{ 7*7 }}XSS-template" in text


def test_hostile_body_keeps_its_text_and_loses_its_markup(hostile_output):
    page = hostile_output / "2020/01/04/hostile-body/index.html"
    text = page_safety.visible_text(page)
    assert "XSS-body-visible" in text
    assert "XSS-body-end-visible" in text
    assert "evil.example" not in "".join(re.findall(r'(?:src|srcset|data|poster|background)="[^"]*"', page.read_text()))


def test_hostile_week_note_is_inert(hostile_output):
    text = page_safety.visible_text(hostile_output / "weeks/2020-W01/index.html")
    assert "</script><script>alert('XSS-note-title')</script>" in text
    assert "XSS-note-visible" in text and "XSS-body-end-visible" in text


def test_hostile_page_title_and_body_are_inert(hostile_output):
    page = hostile_output / "hostile-page/index.html"
    text = page_safety.visible_text(page)
    assert "<script>alert('XSS-page-title')</script>" in text
    assert "XSS-page-body-visible" in text


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" java\tscript:alert(1)">x</a>',
        '<img src="//evil.example/x.png">',
        '<img src="/\\evil.example/x.png">',
        '<p style="background: url(https://evil.example/x.png)">x</p>',
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<iframe src="/x"></iframe>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_the_page_checker_catches_what_it_looks_for(html):
    problems, _ = page_safety.inspect(f"<!doctype html><html><body>{html}</body></html>")
    assert problems


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Agency <img src=x onerror=alert(1)>", "holds < or >, which a name cannot"),
        ("Agency &lt;img src=x onerror=alert(1)&gt;", "holds '&lt;', which a web page reads as another character"),
        ("Agency &#60;img src=x onerror=alert(1)&#62;", "holds '&#60;', which a web page reads as another character"),
    ],
)
def test_a_source_name_a_search_filter_would_read_as_markup_is_refused(make_content, run_check, name, said):
    """Pagefind decodes a filter's character references and its interface shows the name as
    HTML: such a name would run script on the search page."""
    sources = (FIXTURES / "sources.yaml").read_text(
        encoding="utf-8"
    ) + f'- name: "{name}"\n  url: https://agency.example/\n  kind: agency\n'
    lines = run_check(make_content("item_valid.md", sources=sources)).lines
    assert any(line.startswith("content/sources.yaml:") and f"name: '{name}' {said}" in line for line in lines), lines
