"""What curators get wrong, each caught by `check` and by `build` as `path:line: field: message`.

Every scenario is one small file under tests/fixtures/, named for the case.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parent.parent


def line_of(fixture: str, text: str) -> int:
    """The line of the fixture file on which ``text`` first appears, as an editor numbers it."""
    lines = (FIXTURES / fixture).read_bytes().decode("utf-8", "replace").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def problem(lines: list[str], prefix: str) -> str:
    """The one reported line that starts with ``prefix`` (``path:line: field:``)."""
    found = [line for line in lines if line.startswith(prefix)]
    assert len(found) == 1, f"expected one line starting with {prefix!r}, got {found} in:\n" + "\n".join(lines)
    return found[0]


def front_matter(fixture: str) -> dict:
    return yaml.safe_load((FIXTURES / fixture).read_text(encoding="utf-8").split("---\n")[1])


def valid_item(fields: str = "") -> str:
    """The valid fixture item, with ``fields`` (front matter lines) added before its last field."""
    text = (FIXTURES / "item_valid.md").read_text(encoding="utf-8")
    return text.replace("slug: russia", f"{fields}\nslug: russia") if fields else text


def warned(caplog, part: str) -> list[str]:
    """What the check or build said without failing (its warnings) that holds ``part``."""
    return [message for message in caplog.messages if part in message]


@pytest.fixture
def check_one(make_content, run_check):
    """Check a content folder holding one fixture (or one fixture folder); return what was printed."""

    def run(fixture):
        result = run_check(make_content(fixture))
        assert result.code == 1, result.err
        return result.lines

    return run


def test_a_valid_item_passes(make_content, run_check):
    result = run_check(make_content("item_valid.md"))
    assert result.code == 0, result.err
    assert result.lines == ["content OK"]


def test_missing_required_fields(check_one):
    lines = check_one("item_missing_required_fields.md")
    for field in ("title", "summary", "source"):
        assert "required field is missing" in problem(
            lines, f"content/items/item_missing_required_fields.md:2: {field}: "
        )


def test_title_with_unquoted_colon_points_at_the_line_and_suggests_quotes(check_one):
    lines = check_one("item_title_with_unquoted_colon.md")
    line = line_of("item_title_with_unquoted_colon.md", "title:")
    reported = problem(lines, f"content/items/item_title_with_unquoted_colon.md:{line}: title: ")
    assert "double quotes" in reported
    assert 'title: "' in reported  # shows how


def test_unknown_field_suggests_the_known_one(check_one):
    lines = check_one("item_with_unknown_field.md")
    line = line_of("item_with_unknown_field.md", "summry:")
    assert "unknown field (did you mean 'summary'?)" in problem(
        lines, f"content/items/item_with_unknown_field.md:{line}: summry: "
    )
    # The misspelt field is also why summary counts as missing.
    assert any(line.endswith("summary: required field is missing; add it") for line in lines)


def test_source_not_in_the_registry_names_the_closest(check_one):
    lines = check_one("item_with_unknown_source.md")
    line = line_of("item_with_unknown_source.md", "name: Reuter")
    reported = problem(lines, f"content/items/item_with_unknown_source.md:{line}: source.name: ")
    assert "'Reuter' is not in content/sources.yaml" in reported
    # The source at the story's address first, then the one spelt alike: as `make new` says.
    assert "(did you mean 'Middle East Eye' or 'Reuters'?)" in reported


def test_unknown_source_is_reported_with_the_other_problems_of_the_item(make_content, run_check):
    text = (FIXTURES / "item_with_unknown_source.md").read_text().replace("summary:", "summry:")
    result = run_check(make_content(items={"two-problems.md": text}))
    # The source at the story's address is suggested first, though another field is wrong.
    told = "source.name: 'Reuter' is not in content/sources.yaml (did you mean 'Middle East Eye' or 'Reuters'?)"
    assert any(told in line for line in result.lines)
    assert any("summry: unknown field" in line for line in result.lines)


def test_rules_across_fields_are_said_together_with_a_wrong_field(make_content, run_check):
    """A curator fixing a file sees all its problems in one check, not a second round once the
    wrong fields are right: the rules that compare fields run on those that are right."""
    fields = (
        "modified: 2016-12-09\n"
        "tags: [Aleppo, aleppo]\n"
        "countries: [SY, XX]\n"
        "claims:\n"
        "  - text: There is no deal\n"
        "    status: denied\n"
        "    history:\n"
        "      - {date: 2016-12-19, status: reported}"
    )
    text = valid_item(fields)
    said = run_check(make_content(items={"item.md": text})).lines
    assert [line.split(": ")[1] for line in said if line.startswith("content/")] == [
        "modified",
        "tags[1]",
        "countries[1]",
        "claims[0].history[0].date",
    ]
    # A wrong date: the rules that read it say nothing (they would compare with nothing); the others do.
    wrong_date = text.replace("date: 2016-12-11T18:00:00+00:00", "date: 2016-13-11")
    said = run_check(make_content(items={"item.md": wrong_date}, folder="wrong-date")).lines
    assert [line.split(": ")[1] for line in said if line.startswith("content/")] == ["date", "tags[1]", "countries[1]"]


def test_non_http_url(check_one):
    lines = check_one("item_with_non_http_url.md")
    line = line_of("item_with_non_http_url.md", "url: ftp://")
    assert "must be a full http:// or https:// address" in problem(
        lines, f"content/items/item_with_non_http_url.md:{line}: source.url: "
    )


def test_summary_over_600_characters(check_one):
    lines = check_one("item_with_summary_over_600_chars.md")
    length = len(front_matter("item_with_summary_over_600_chars.md")["summary"])
    line = line_of("item_with_summary_over_600_chars.md", "summary:")
    reported = problem(lines, f"content/items/item_with_summary_over_600_chars.md:{line}: summary: ")
    assert f"is {length} characters" in reported
    assert "at most 600" in reported


def test_quote_over_50_words(check_one):
    lines = check_one("item_with_quote_over_50_words.md")
    words = len(front_matter("item_with_quote_over_50_words.md")["quote"].split())
    line = line_of("item_with_quote_over_50_words.md", "quote:")
    reported = problem(lines, f"content/items/item_with_quote_over_50_words.md:{line}: quote: ")
    assert f"is {words} words" in reported
    assert "at most 50 words" in reported


def test_unknown_country_code(check_one):
    lines = check_one("item_with_unknown_country.md")
    line = line_of("item_with_unknown_country.md", "countries:")
    assert "'XS' is not an ISO 3166-1 alpha-2 country code" in problem(
        lines, f"content/items/item_with_unknown_country.md:{line}: countries[1]: "
    )


def test_a_country_written_by_name_or_three_letters_is_given_its_code(make_content, run_check):
    named = valid_item("countries: [Syria, UKR, Russia, Palestine, KV]")
    assert run_check(make_content(items={"x.md": named})).lines[:-1] == [
        "content/items/x.md:8: countries[0]: 'Syria' is not an ISO 3166-1 alpha-2 country code; Syria is SY",
        "content/items/x.md:8: countries[1]: 'UKR' is not an ISO 3166-1 alpha-2 country code; Ukraine is UA",
        "content/items/x.md:8: countries[2]: 'Russia' is not an ISO 3166-1 alpha-2 country code; Russia is RU",
        "content/items/x.md:8: countries[3]: 'Palestine' is not an ISO 3166-1 alpha-2 country code; Palestine is PS",
        "content/items/x.md:8: countries[4]: 'KV' is not an ISO 3166-1 code; use 'XK'",
    ]


def test_uk_is_corrected_to_gb(check_one):
    lines = check_one("item_with_country_uk.md")
    line = line_of("item_with_country_uk.md", "countries:")
    assert "use 'GB'" in problem(lines, f"content/items/item_with_country_uk.md:{line}: countries[0]: ")


def test_no_is_norway_never_false(make_content, run_check, run_build, tmp_path):
    content = make_content("item_for_norway.md")
    assert run_check(content).code == 0
    result = run_build(content, tmp_path / "output")
    assert result.code == 0, result.err
    assert (tmp_path / "output" / "countries" / "no" / "index.html").exists()
    assert not (tmp_path / "output" / "countries" / "false").exists()
    item_page = next((tmp_path / "output").glob("2016/12/11/*/index.html")).read_text()
    assert "Norway" in item_page
    assert "False" not in item_page


def test_two_items_with_the_same_slug_and_date(check_one):
    lines = check_one("items_with_same_slug_and_date")
    first = "content/items/items_with_same_slug_and_date-first.md"
    second = "content/items/items_with_same_slug_and_date-second.md"
    line = line_of("items_with_same_slug_and_date/first.md", "slug:")
    assert "same day (2016-12-11 in the site's time zone) and slug" in problem(lines, f"{first}:{line}: slug: ")
    assert problem(lines, f"{first}:{line}: slug: ").endswith(f"{second}:{line}")
    assert problem(lines, f"{second}:{line}: slug: ").endswith(f"{first}:{line}")


def test_two_items_on_one_day_of_the_site_however_their_offsets_read_are_told_the_day(make_content, run_check):
    """23:30 at UTC-5 on the 13th is the 14th in UTC, the site's time zone: the day is said."""
    late = valid_item().replace("2016-12-11T18:00:00+00:00", "2016-12-13T23:30:00-05:00")
    other = (
        valid_item().replace("2016-12-11T18:00:00+00:00", "2016-12-14T08:00:00+00:00").replace("news/valid", "news/b")
    )
    said = run_check(make_content(items={"a.md": late, "b.md": other})).lines
    assert said[0] == (
        "content/items/a.md:8: slug: another item has the same day (2016-12-14 in the site's time zone) and slug, so "
        "both would be written to the same page; change slug: in one of them. The other is at content/items/b.md:8"
    )


def test_two_items_for_the_same_story_however_the_url_was_pasted(check_one):
    lines = check_one("items_with_same_source_url")
    first = "content/items/items_with_same_source_url-first.md"
    second = "content/items/items_with_same_source_url-second.md"
    line = line_of("items_with_same_source_url/first.md", "url:")
    assert "already links to this story" in problem(lines, f"{first}:{line}: source.url: ")
    assert problem(lines, f"{second}:{line}: source.url: ").endswith(f"{first}:{line}")


def test_unknown_claim_status_lists_the_statuses(check_one):
    lines = check_one("item_with_unknown_claim_status.md")
    line = line_of("item_with_unknown_claim_status.md", "status: rumoured")
    reported = problem(lines, f"content/items/item_with_unknown_claim_status.md:{line}: claims[0].status: ")
    assert reported.endswith(
        "'rumoured' is not one of: reported, unverified, disputed, denied, confirmed, false (did you mean 'unverified'?)"
    )


def test_a_status_is_suggested_by_its_meaning_not_its_spelling(make_content, run_check):
    text = valid_item("claims:\n  - text: Ten killed\n    status: unconfirmed")
    assert run_check(make_content(items={"x.md": text})).lines[0] == (
        "content/items/x.md:10: claims[0].status: 'unconfirmed' is not one of: reported, unverified, disputed, "
        "denied, confirmed, false (did you mean 'unverified'?)"
    )


def test_an_unquoted_false_claim_status_is_the_status_false(make_content, run_check):
    # YAML reads an unquoted false as a boolean; the curator meant the status "false".
    result = run_check(make_content("item_with_claim_status_false_unquoted.md"))
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ua", "'ua' is the country code of Ukraine; for Ukrainian write uk"),
        ("cz", "'cz' is the country code of Czechia; for Czech write cs"),
        ("arabic", "'arabic' is not a language tag such as en, ar or pt-BR; for Arabic write ar"),
        ("xq", "'xq' is not a language of ISO 639: write a code such as en, ar, uk or pt-BR"),
        ("fre", "'fre' is a libraries' code for French; write fr"),
        ("uk", None),
        ("pt-BR", None),
        ("ckb", None),
    ],
)
def test_an_items_language_is_a_language_not_a_country(make_content, run_check, lang, said):
    lines = run_check(make_content(items={"x.md": valid_item(f"lang: {lang}")})).lines
    assert lines[:-1] == ([f"content/items/x.md:8: lang: {said}"] if said else [])


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "2016-12-11T18:00:00 EET",
            "'2016-12-11T18:00:00 EET' names its time zone (EET); write it as an offset from UTC, e.g. "
            "2016-12-11T18:00:00+02:00, or leave it out for the site's time zone",
        ),
        (
            "2016-12-11 18:00 Europe/Kyiv",
            "'2016-12-11 18:00 Europe/Kyiv' names its time zone (Europe/Kyiv); write it as an offset from UTC, e.g. "
            "2016-12-11T18:00+02:00, or leave it out for the site's time zone",
        ),
        ("2016-12-11 18:00 UTC", None),
        ("2016-12-11T18:00:00Z", None),
    ],
)
def test_a_time_zone_given_by_name_is_told_as_an_offset(make_content, run_check, written, said):
    text = valid_item().replace("date: 2016-12-11T18:00:00+00:00", f"date: {written}")
    lines = run_check(make_content(items={"x.md": text})).lines
    assert lines[:-1] == ([f"content/items/x.md:3: date: {said}"] if said else [])


def test_fields_left_out_of_their_group_or_a_list_left_empty_say_how_to_fix_them(make_content, run_check):
    """What a curator does to the new-item template: a group's lines not indented, a list's
    name uncommented without its entries, a line indented under a value."""
    unindented = valid_item().replace("  name: Middle East Eye\n  url:", "name: Middle East Eye\nurl:")
    assert run_check(make_content(items={"x.md": unindented + ""})).lines[:-1] == [
        "content/items/x.md:5: source: is empty: it must be a group of fields (name, url, title, published, byline), "
        "one per indented line",
        "content/items/x.md:6: name: is a field of source:, which is empty; indent this line under source: by two spaces",
        "content/items/x.md:7: url: is a field of source:, which is empty; indent this line under source: by two spaces",
    ]
    empty_list = valid_item("via:\n#   - {name: Reuters, role: wire}")
    assert run_check(make_content(items={"x.md": empty_list}, folder="empty")).lines[:-1] == [
        "content/items/x.md:8: via: is empty: write its entries under it (lines starting '  - '), or put # before it again"
    ]
    in_source = valid_item().replace("slug: russia", '  quote: "Said: no deal."\nslug: russia')
    assert run_check(make_content(items={"x.md": in_source}, folder="in-source")).lines[:-1] == [
        "content/items/x.md:8: source.quote: is a field of its own, not of source:; write it without indentation"
    ]
    last_at_the_edge = valid_item().replace("slug: russia", "byline: Reuters\nslug: russia")
    assert run_check(make_content(items={"x.md": last_at_the_edge}, folder="edge")).lines[:-1] == [
        "content/items/x.md:8: byline: is a field of source:; move this line under source: and indent it by two "
        "spaces, as its other fields are"
    ]
    indented = valid_item().replace("+00:00\n", '+00:00\n  quote: "Said: no deal."\n', 1)
    assert run_check(make_content(items={"x.md": indented}, folder="indented")).lines[:-1] == [
        "content/items/x.md:4: quote: this line is indented more than the line above it, so YAML reads it as part of "
        "that line's value; indent it as the fields around it are"
    ]


def test_a_list_left_empty_above_its_entrys_fields_and_a_field_named_otherwise_say_what_to_write(
    make_content, run_check
):
    text = valid_item("via:\nname: Reuters\nrole: wire").replace("  url: https", "  date: 2016-12-10\n  url: https")
    assert run_check(make_content(items={"x.md": text})).lines[:-1] == [
        "content/items/x.md:7: source.date: unknown field (did you mean 'published'?)",
        "content/items/x.md:9: via: is empty: write its entries under it (lines starting '  - '), or put # before it again",
        "content/items/x.md:10: name: is a field of via:'s entries, and via: is empty; write it as an entry under it: "
        "'  - name: ...'",
        "content/items/x.md:11: role: is a field of via:'s entries, and via: is empty; write it as an entry under it: "
        "'  - role: ...'",
    ]


def settings_in(tmp_path, timezone: str = "UTC", more: str = "") -> Path:
    """The project's settings with another site timezone, and ``more`` settings."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"TIMEZONE = {timezone!r}\nTHEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n" + more
    )
    return settings


def test_a_date_without_offset_is_in_the_site_timezone(make_content, run_build, tmp_path):
    # 23:30 on 11 December in Tokyo; read as UTC it would be 08:30 on the 12th in Tokyo.
    content = make_content("item_without_timezone.md")
    result = run_build(content, tmp_path / "output", settings=settings_in(tmp_path, "Asia/Tokyo"))
    assert result.code == 0, result.err
    page = tmp_path / "output" / "2016" / "12" / "11" / "no-timezone" / "index.html"
    assert page.exists(), sorted(str(p) for p in (tmp_path / "output").glob("2016/12/*/*"))
    assert "2016-12-11T23:30:00+09:00" in page.read_text()


def test_a_date_with_an_offset_lands_on_the_site_timezone_day(make_content, run_build, tmp_path):
    # 02:00 on 11 December at +09:00 is 17:00 on the 10th in UTC, the project's timezone.
    result = run_build(make_content("item_with_timezone_offset.md"), tmp_path / "output")
    assert result.code == 0, result.err
    page = tmp_path / "output" / "2016" / "12" / "10" / "timezone-offset" / "index.html"
    assert page.exists()
    assert "2016-12-10T17:00:00+00:00" in page.read_text()


BROKEN = [
    "item_missing_required_fields.md",
    "item_title_with_unquoted_colon.md",
    "item_with_unknown_field.md",
    "item_with_unknown_source.md",
    "item_with_non_http_url.md",
    "item_with_summary_over_600_chars.md",
    "item_with_quote_over_50_words.md",
    "item_with_unknown_country.md",
    "items_with_same_slug_and_date",
    "items_with_same_source_url",
    "item_with_unknown_claim_status.md",
]


def test_a_build_reports_every_problem_at_once(make_content, run_check, run_build, tmp_path):
    content = make_content("item_valid.md", *BROKEN)
    checked = run_check(content)
    built = run_build(content, tmp_path / "output")
    assert built.code == 1
    problems = [line for line in built.lines if re.match(r"^content/items/[^:]+:\d+: [^:]+: .", line)]
    assert problems == [line for line in checked.lines if line != checked.lines[-1]]
    reported_files = {line.split(":")[0] for line in problems}
    expected = {f"content/items/{path.name}" for path in (content / "items").iterdir()} - {
        "content/items/item_valid.md"
    }
    assert reported_files == expected
    assert f"{len(problems)} problem(s) in {len(expected)} file(s)." in built.lines


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    output = tmp_path / "output"
    assert run_build(content, output).code == 0
    before = snapshot(output)
    assert "2016/12/11/russia-denies-aleppo-exit-deal/index.html" in before

    shutil.copy(FIXTURES / "item_with_unknown_source.md", content / "items")
    (content / "items" / "item_valid.md").write_text(
        (FIXTURES / "item_valid.md").read_text().replace("Russia denies", "Moscow denies")
    )
    result = run_build(content, output)
    assert result.code == 1
    assert f"The build failed; {output} was left as it was." in result.lines
    assert snapshot(output) == before


def test_a_draft_is_validated_but_never_built(make_content, run_check, run_build, tmp_path):
    assert run_check(make_content("item_draft.md", folder="ok")).code == 0
    lines = run_check(make_content("item_draft_with_problem.md", folder="bad")).lines
    line = line_of("item_draft_with_problem.md", "countries:")
    assert problem(lines, f"content/items/item_draft_with_problem.md:{line}: countries[0]: ")

    content = make_content("item_draft.md", "item_valid.md", folder="site")
    output = tmp_path / "output"
    result = run_build(content, output)
    assert result.code == 0, result.err
    assert (output / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").exists()
    files = snapshot(output)
    assert [name for name, data in files.items() if b"draftmarker" in data.lower()] == []
    assert not [name for name in files if "draftmarker" in name or "countries/is/" in name]


def test_new_item_lands_in_the_month_folder_and_passes_check(make_content, run_check, tmp_path):
    content = make_content()
    before = date.today()
    title = 'Battle of Aleppo: "Russia" denies any deal'
    run = subprocess.run(
        [sys.executable, "tools/digest.py", "new", "--title", title, "--source", "MEE", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    created = list((content / "items").rglob("*.md"))
    assert len(created) == 1
    path = created[0]
    days = {before, date.today()}
    assert any(
        path.relative_to(content / "items").as_posix()
        == f"{day:%Y}/{day:%m}/{day:%Y-%m-%d}-battle-of-aleppo-russia-denies-any-deal.md"
        for day in days
    ), path
    assert str(path.relative_to(content.parent)) in run.stdout
    data = front_matter_of(path)
    assert data["title"] == title
    assert data["status"] == "draft"
    assert {"title", "date", "summary", "source"} <= set(data)
    assert run_check(content).code == 0


def front_matter_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_new_item_never_overwrites(make_content, tmp_path):
    content = make_content()
    command = [
        sys.executable,
        "tools/digest.py",
        "new",
        "--title",
        "Same",
        "--source",
        "MEE",
        "--content",
        str(content),
    ]
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_committed_json_schemas_are_current(tmp_path):
    run = subprocess.run(
        [sys.executable, "tools/digest.py", "schema", "--folder", str(tmp_path)], cwd=ROOT, capture_output=True
    )
    assert run.returncode == 0, run.stderr
    generated = sorted(path.name for path in tmp_path.glob("*.json"))
    assert generated == ["item.schema.json", "sources.schema.json", "stories.schema.json"]
    for name in generated:
        committed = json.loads((ROOT / "schema" / name).read_text())
        assert json.loads((tmp_path / name).read_text()) == committed, f"schema/{name} is stale: run make schema"


def test_an_item_outside_the_items_folder_is_reported_not_dropped(make_content, run_check, run_build, tmp_path):
    content = make_content()
    text = (FIXTURES / "item_valid.md").read_text(encoding="utf-8")
    (content / "new-item.md").write_text(text, encoding="utf-8")
    (content / "item").mkdir()
    (content / "item" / "misspelt-folder.md").write_text(text, encoding="utf-8")
    (content / "notes.txt").write_text("to do", encoding="utf-8")
    # Files that Pelican's own readers would take, under the folders read.
    for name in ("items/saved-as.markdown", "items/saved-as.mkd", "pages/saved-as.mdown", "pages/saved-as.rst"):
        (content / name).write_text(text, encoding="utf-8")
    expected = [
        "content/item/misspelt-folder.md:1: file: is not read: items and pages go in content/items/ or "
        "content/pages/; move it there",
        "content/items/saved-as.markdown:1: file: is not read: content files must end in .md; rename it",
        "content/items/saved-as.mkd:1: file: is not read: content files must end in .md; rename it",
        "content/new-item.md:1: file: is not read: items and pages go in content/items/ or content/pages/; "
        "move it there",
        "content/notes.txt:1: file: is not read: nothing reads this file in content/; move it out of there",
        "content/pages/saved-as.mdown:1: file: is not read: content files must end in .md; rename it",
        "content/pages/saved-as.rst:1: file: is not read: content files must end in .md; rename it",
    ]
    assert run_check(content).lines[:-1] == expected
    built = run_build(content, tmp_path / "output")
    assert built.code == 1 and built.lines[: len(expected)] == expected


def test_an_item_or_note_hidden_by_a_dot_is_reported_and_editors_files_are_not(make_content, run_check):
    """Pelican skips names that start with a dot, as editors' files do: an item saved so would
    be dropped without a word."""
    content = make_content("item_valid.md")
    text = (FIXTURES / "item_valid.md").read_text(encoding="utf-8")
    (content / "items" / "2022").mkdir()
    (content / "items" / "2022" / ".hidden.md").write_text(text.replace("news/valid", "news/hidden"), encoding="utf-8")
    (content / "weeks").mkdir()
    (content / "weeks" / ".2016-W50.md").write_text("---\ntitle: A week\n---\nQuiet.\n", encoding="utf-8")
    # An editor's lock, a Mac's resource file and a swap file are left alone, whatever they hold.
    (content / "items" / ".#item_valid.md").write_text(text, encoding="utf-8")
    (content / "items" / "._item_valid.md").write_text(text, encoding="utf-8")
    (content / "items" / ".item_valid.md.swp").write_text(text, encoding="utf-8")
    assert run_check(content).lines == [
        "content/items/2022/.hidden.md:1: file: is not read: a name that starts with a dot is hidden, and skipped; "
        "rename it hidden.md",
        "content/weeks/.2016-W50.md:1: file: is not read: a name that starts with a dot is hidden, and skipped; "
        "rename it 2016-W50.md",
        "2 problem(s) in 2 file(s).",
    ]


def test_a_listing_saved_under_another_name_or_left_empty_says_so(make_content, run_check):
    content = make_content("item_valid.md")
    (content / "sources.yaml").rename(content / "Sources.yml")
    (content / "stories.yml").write_text("- slug: aleppo\n  title: Aleppo\n", encoding="utf-8")
    lines = run_check(content).lines
    assert "content/Sources.yml:1: file: is not read: the file read is content/sources.yaml; rename it" in lines
    assert "content/stories.yml:1: file: is not read: the file read is content/stories.yaml; rename it" in lines
    (content / "Sources.yml").unlink()
    (content / "stories.yml").unlink()
    (content / "sources.yaml").write_text("# the sources, one day\n", encoding="utf-8")
    (content / "stories.yaml").write_text("\n", encoding="utf-8")  # no stories yet: nothing to say
    assert (
        "content/sources.yaml:1: file: lists no source; list your sources there (see README)"
        in run_check(content).lines
    )
    assert not any("stories.yaml" in line for line in run_check(content).lines)


def test_with_the_whole_content_folder_static_no_file_is_stray(make_content, run_check, tmp_path):
    content = make_content("item_valid.md")
    (content / "notes.txt").write_text("to do", encoding="utf-8")
    assert run_check(content).code == 1
    assert run_check(content, settings=settings_in(tmp_path, more='STATIC_PATHS = [""]\n')).code == 0


def test_what_editors_and_systems_leave_beside_items_is_ignored(make_content, run_check, run_build, tmp_path):
    content = make_content("item_valid.md")
    items = content / "items"
    text = (FIXTURES / "item_valid.md").read_text(encoding="utf-8")
    (items / ".#item_valid.md").symlink_to("curator@laptop.4242:1700000000")  # Emacs's lock, a broken link
    for name in ("item_valid.md~", "._item_valid.md", "#item_valid.md#", ".item_valid.md.swp"):
        (items / name).write_text(text, encoding="utf-8")
    (items / "Thumbs.db").write_bytes(b"\0\1")
    assert run_check(content).code == 0
    output = tmp_path / "output"
    assert run_build(content, output).code == 0
    assert [path.parent.name for path in output.glob("20*/*/*/*/index.html")] == ["russia-denies-aleppo-exit-deal"]


def test_a_correction_after_modified_or_without_it_asks_for_modified(make_content, run_check):
    without = valid_item('updates:\n  - {date: 2016-12-20, kind: correction, note: "The minister was Sergei Ryabkov."}')
    stale = without.replace("summary:", "modified: 2016-12-16T09:00:00+00:00\nsummary:")
    same_day = without.replace("summary:", "modified: 2016-12-20T09:00:00+00:00\nsummary:")
    stale = stale.replace("/valid", "/stale").replace("slug: russia-denies", "slug: stale-russia-denies")
    content = make_content(items={"without.md": without, "stale.md": stale})
    assert run_check(content).lines[:-1] == [
        "content/items/stale.md:10: updates[0].date: is after modified (2016-12-16); set modified: 2016-12-20 "
        "(the latest update's date), so that feeds and the sitemap show readers the item changed",
        "content/items/without.md:9: updates[0].date: is after the item's date, and modified is not set; set "
        "modified: 2016-12-20 (the latest update's date), so that feeds and the sitemap show readers the item changed",
    ]
    assert run_check(make_content(items={"same-day.md": same_day}, folder="fixed")).code == 0


def test_updates_come_after_the_item_and_oldest_first(make_content, run_check):
    updates = (
        "modified: 2016-12-12T09:00:00+00:00\n"
        "updates:\n"
        '  - {date: 2016-12-12, kind: update, note: "Talks resumed."}\n'
        '  - {date: 2016-12-11, kind: correction, note: "The minister was Sergei Ryabkov."}\n'
        '  - {date: 2016-12-08, kind: correction, note: "Dated before the item."}'
    )
    lines = run_check(make_content(items={"x.md": valid_item(updates)})).lines
    assert lines[:-1] == [
        "content/items/x.md:11: updates[1].date: is earlier than the update before it; list updates oldest first",
        "content/items/x.md:12: updates[2].date: is earlier than the update before it; list updates oldest first",
    ]
    dated_before = valid_item('updates:\n  - {date: 2016-12-08, kind: correction, note: "Dated before the item."}')
    assert run_check(make_content(items={"x.md": dated_before}, folder="before")).lines[:-1] == [
        "content/items/x.md:9: updates[0].date: is before the item's date (2016-12-11T18:00:00+00:00); an update comes after the item"
    ]


def test_an_optional_field_left_empty_is_said_not_dropped(make_content, run_check):
    """`story:` or `source.byline:` with nothing after the colon would read as absent: the item
    would be in no story, its byline gone, without a word."""
    text = valid_item("story:\nquote:").replace("  url: https", "  byline:\n  url: https")
    assert run_check(make_content(items={"x.md": text})).lines[:-1] == [
        "content/items/x.md:7: source.byline: is empty; write it after the colon, or remove the line",
        "content/items/x.md:9: story: is empty; write it after the colon, or remove the line",
        "content/items/x.md:10: quote: is empty; write it after the colon, or remove the line",
    ]


def test_markdown_in_a_summary_is_said_without_failing(make_content, run_check, caplog):
    text = valid_item().replace("summary: Moscow said", "summary: See [the denial](/about/). Moscow **said**")
    assert run_check(make_content(items={"x.md": text})).code == 0
    assert warned(caplog, "summary:") == [
        "content/items/x.md:4: summary: is plain text: Markdown in it shows as typed; put links and emphasis in the body"
    ]
    plain = valid_item().replace("summary: Moscow said", "summary: Moscow [officials] said *twice*")
    caplog.clear()
    assert run_check(make_content(items={"x.md": plain}, folder="plain")).code == 0
    assert warned(caplog, "summary:") == []


def test_a_required_field_left_empty_says_so(make_content, run_check):
    empty = valid_item().replace("summary: Moscow said no agreement had been reached with Washington.", "summary:")
    checked = run_check(make_content(items={"empty.md": empty}))
    assert checked.lines[0] == "content/items/empty.md:4: summary: is empty; write it after the colon"


def test_a_mistake_in_sources_yaml_is_reported_once_not_against_every_item(make_content, run_check):
    registry = (FIXTURES / "sources.yaml").read_text(encoding="utf-8")
    items = {"valid.md": (FIXTURES / "item_valid.md").read_text(encoding="utf-8")}  # from Middle East Eye
    wrong_kind = registry.replace("  kind: outlet\n  country: GB\n  aliases: [MEE]", "  kind: NGO\n  aliases: [MEE]")
    lines = run_check(make_content(items=items, sources=wrong_kind)).lines
    assert [line.split(":")[0] for line in lines[:-1]] == ["content/sources.yaml"]
    assert "sources[0].kind: 'NGO' is not one of" in lines[0]
    tab = registry.replace("  kind: wire", "\tkind: wire", 1)
    lines = run_check(make_content(items=items, sources=tab, folder="tab")).lines
    assert [line.split(":")[0] for line in lines[:-1]] == ["content/sources.yaml"]
    (content := make_content(items=items, folder="missing")).joinpath("sources.yaml").unlink()
    assert run_check(content).lines[:-1] == [
        "content/sources.yaml:1: file: is missing; list your sources there (see README)"
    ]
    # An item naming a source sources.yaml does not hold is still told so.
    unknown = {"unknown.md": (FIXTURES / "item_with_unknown_source.md").read_text(encoding="utf-8")}
    lines = run_check(make_content(items=unknown, sources=wrong_kind, folder="unknown")).lines
    assert any("source.name: 'Reuter' is not in content/sources.yaml" in line for line in lines)


def test_a_mistake_in_stories_yaml_is_not_reported_against_the_stories_items(make_content, run_check):
    content = make_content("item_in_a_story.md")
    stories = (FIXTURES / "stories.yaml").read_text(encoding="utf-8")
    (content / "stories.yaml").write_text(stories.replace("  title:", "\ttitle:", 1), encoding="utf-8")
    lines = run_check(content).lines
    assert [line.split(":")[0] for line in lines[:-1]] == ["content/stories.yaml"]


def test_text_cut_at_a_hash_by_yaml_is_reported(make_content, run_check):
    cut = valid_item().replace(
        'title: "Russia denies any deal with US on Aleppo exit"', "title: Rebels say deal collapsed #2"
    )
    assert run_check(make_content(items={"cut.md": cut})).lines[0] == (
        "content/items/cut.md:2: title: the text from ' #' on is read as a comment and left out; put the whole "
        'value in double quotes: title: "Rebels say deal collapsed #2"'
    )
    # A comment after a value that is not free text is one: make new writes "status: draft  # ...".
    commented = valid_item("status: published  # ready")
    assert run_check(make_content(items={"commented.md": commented}, folder="commented")).code == 0


def test_a_country_or_tag_listed_twice_is_reported(make_content, run_check):
    twice = valid_item("countries: [SY, GB, SY]\ntags: [Ceasefire, aleppo, ceasefire]")
    assert run_check(make_content(items={"twice.md": twice})).lines[:-1] == [
        "content/items/twice.md:8: countries[2]: 'SY' is the same country as countries[0]; keep one",
        "content/items/twice.md:9: tags[2]: 'ceasefire' is the same tag as tags[0]; keep one",
    ]


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "  url: https://www.middleeasteye.net/news/valid",
            "  url: https://www.middleeasteye.net/news/valid\n    published: 2016-12-11",
            "content/items/x.md:8: source.published: this line is indented more than the line above it, so YAML reads it "
            "as part of that line's value; indent it as the fields around it are",
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            'title: "Russia denies "any deal" on Aleppo exit"',
            "content/items/x.md:2: title: this value has a double quote inside its double quotes; write each inner "
            'one as \\": title: "Russia denies \\"any deal\\" on Aleppo exit"',
        ),
        (
            "slug: russia",
            "locations:\n  - {name: Aleppo, lat: 36,2, lon: 37.1}\nslug: russia",
            "content/items/x.md:9: locations[0]: field names must be words, not '2' (a number with a decimal "
            "comma, as 36,2? write it with a point: 36.2)",
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            "title: \u201cBattle of Aleppo: Russia denies\u201d",
            "content/items/x.md:2: title: this value starts with a quote mark (\u201c), which YAML does not read as "
            'a quote; use straight double quotes: title: "Battle of Aleppo: Russia denies"',
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            "title: 'Russia's denial of a deal'",
            "content/items/x.md:2: title: this value has an apostrophe inside its single quotes, which ends them; "
            'put the value in double quotes instead: title: "Russia\'s denial of a deal"',
        ),
        (
            "slug: russia",
            "quote: *no deal*\nslug: russia",
            "content/items/x.md:8: quote: YAML reads a value starting with * as a reference to another value; put "
            'it in double quotes: quote: "*no deal*"',
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            "title: \u201cOfficials: \u2018no deal\u2019\u201d # from the wire",
            "content/items/x.md:2: title: this value starts with a quote mark (\u201c), which YAML does not read as "
            'a quote; use straight double quotes: title: "Officials: \u2018no deal\u2019"',
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            "title: \u00abУгода\u00bb: евакуація",
            "content/items/x.md:2: title: this value starts with a quote mark (\u00ab), which YAML does not read as "
            'a quote; put the whole value in straight double quotes: title: "\u00abУгода\u00bb: евакуація"',
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            'title: "Russia denies any deal with US on Aleppo exit',
            'content/items/x.md:2: title: this value opens a double quote (") and does not close it, so YAML reads the '
            'lines below as part of it; end the value with ": title: "Russia denies any deal with US on Aleppo exit"',
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            "title: 'Russia denies any deal",
            "content/items/x.md:2: title: this value opens a single quote (') and does not close it, so YAML reads the "
            "lines below as part of it; end the value with ': title: 'Russia denies any deal'",
        ),
        (
            # A quoted value on two lines, closed: the mistake further down is said, not the quote.
            'title: "Russia denies any deal with US on Aleppo exit"\ndate: 2016-12-11T18:00:00+00:00\nsummary: Moscow',
            'title: "Russia denies any deal\nUS: no exit"\ndate: 2016-12-11T18:00:00+00:00\nsummary: Moscow: it',
            "content/items/x.md:5: summary: this value contains ': ', which YAML reads as a new field; put the whole "
            'value in double quotes: summary: "Moscow: it said no agreement had been reached with Washington."',
        ),
        (
            "slug: russia",
            'claims:\n  - text: "No deal was reached\n    by: Sergei Ryabkov\n    status: denied\nslug: russia',
            'content/items/x.md:9: claims[0].text: this value opens a double quote (") and does not close it, so YAML '
            'reads the lines below as part of it; end the value with ": text: "No deal was reached"',
        ),
        (
            "  name: Middle East Eye\n",
            "  name: Middle East Eye\ntitle: Battle of Aleppo\n  published: 2016-12-11\n",
            "content/items/x.md:7: title: this line is indented by 0 spaces, less than the fields around it (2): if it "
            "belongs with them under source:, indent it by 2 spaces",
        ),
        (
            'title: "Russia denies any deal with US on Aleppo exit"',
            'title: Ryabkov: "no deal"',
            "content/items/x.md:2: title: this value contains ': ', which YAML reads as a new field; put the whole "
            'value in double quotes: title: "Ryabkov: \\"no deal\\""',
        ),
        (
            "slug: russia",
            "via:\n  - {name: Reuters role: wire}\nslug: russia",
            "content/items/x.md:9: via[0]: inside { } the fields are separated by commas, and a value that holds ': ' "
            'goes in double quotes: {name: "Reuters role: wire"}, or, if these are two fields, {name: Reuters, role: wire}',
        ),
        (
            "slug: russia",
            "claims:\n  - {text: Rybar says: Novopavlivka taken, by: Rybar, status: unverified}\nslug: russia",
            "content/items/x.md:9: claims[0]: inside { } the fields are separated by commas, and a value that holds "
            "': ' goes in double quotes: {text: \"Rybar says: Novopavlivka taken\", by: Rybar, status: unverified}, or, "
            "if these are two fields, {text: Rybar, says: Novopavlivka taken, by: Rybar, status: unverified}",
        ),
        (
            "  url: https://www.middleeasteye.net/news/valid",
            '  url: "https://www.middleeasteye.net/news/valid"\n   published: 2016-12-11',
            "content/items/x.md:8: source.published: this line is indented more than the line above it, so YAML "
            "reads it as part of that line's value; indent it as the fields around it are",
        ),
        (
            "slug: russia",
            " via:\n  - {name: Reuters, role: wire}\nslug: russia",
            "content/items/x.md:8: source.via: this line is indented by 1 space, as no field around it is (0 or 2); "
            "indent it as the fields it belongs with",
        ),
        (
            "slug: russia",
            "tags: [aleppo, evacuation\nslug: russia",
            "content/items/x.md:8: tags: this line opens [ and does not close it: end it with ]",
        ),
        (
            # The next field holds a list of its own, closed: the open one is still meant.
            "slug: russia",
            "tags: [aleppo, evacuation\ncountries: [SY]\nslug: russia",
            "content/items/x.md:8: tags: this line opens [ and does not close it: end it with ]",
        ),
        (
            # As `make new` writes it: the commented example below holds a quote of its own.
            "  url: https://www.middleeasteye.net/news/valid",
            '  url: "https://www.middleeasteye.net/news/valid\n  # title: "The original headline, as printed"',
            'content/items/x.md:7: source.url: this value opens a double quote (") and does not close it, so YAML '
            'reads the lines below as part of it; end the value with ": url: "https://www.middleeasteye.net/news/valid"',
        ),
        (
            "slug: russia",
            "via:\n  - {name: Reuters, role: wire\nslug: russia",
            "content/items/x.md:9: via[0]: this line opens { and does not close it: end it with }",
        ),
    ],
)
def test_a_yaml_mistake_is_explained_with_its_fix(make_content, run_check, before, after, message):
    valid = valid_item()
    assert before in valid
    assert run_check(make_content(items={"x.md": valid.replace(before, after)})).lines[0] == message


def test_a_value_cut_at_a_comma_inside_braces_is_told_to_be_quoted(make_content, run_check):
    text = valid_item(
        "modified: 2016-12-12T09:00:00+00:00\nupdates:\n"
        "  - {date: 2016-12-12, kind: correction, note: The town is Saraqib, not Sarmin.}"
    )
    assert run_check(make_content(items={"x.md": text})).lines[:-1] == [
        "content/items/x.md:10: updates[0].not Sarmin.: 'not Sarmin.' is read as a field name: inside { } a comma "
        "ends a value, so put the value that holds this comma in double quotes"
    ]


def test_every_value_with_an_unquoted_colon_is_said_at_once(make_content, run_check):
    """A curator pasting headlines fixes them in one go, not one check at a time."""
    text = (
        valid_item(
            'quote: He said: no deal\nclaims:\n  - text: "Fine"\n    status: reported\n  - text: Moscow: no\n    status: denied'
        )
        .replace('title: "Russia denies any deal with US on Aleppo exit"', "title: Aleppo: Russia denies any deal")
        .replace("summary: Moscow said", "summary: >-\n  Moscow: it said")
        .replace(
            "  url: https://www.middleeasteye.net/news/valid",
            "  url: https://www.middleeasteye.net/news/valid\n  title: Battle: the original",
        )
    )
    said = [line.split(": ", 2)[:2] for line in run_check(make_content(items={"x.md": text})).lines[:-1]]
    assert said == [
        ["content/items/x.md:2", "title"],
        ["content/items/x.md:9", "source.title"],
        ["content/items/x.md:10", "quote"],
        ["content/items/x.md:14", "claims[1].text"],
    ]


def test_a_narrow_space_in_french_text_is_text_and_lists_at_their_fields_indentation_are_named(make_content, run_check):
    """A narrow no-break space before a French colon, in a block of text, is not blamed for
    the file's real mistake; entries written at their list's own indentation are that list's."""
    text = valid_item(
        "tags:\n- aleppo\nclaims:\n- text: >-\n    A long claim\n  by: Sergei Ryabkov: to RIA\n  status: reported\n"
        "- text: Moscow: no deal\n  status: denied"
    ).replace("summary: Moscow said", "summary: >-\n  Le ministre a déclaré\u202f: Moscow said")
    said = [line.split(": ", 2)[:2] for line in run_check(make_content(items={"x.md": text})).lines[:-1]]
    assert said == [["content/items/x.md:14", "claims[0].by"], ["content/items/x.md:16", "claims[1].text"]]


def test_a_yaml_mistake_in_sources_yaml_names_the_entry(make_content, run_check):
    registry = (
        (FIXTURES / "sources.yaml").read_text(encoding="utf-8").replace("- name: Reuters\n", "- name: Reuters: wire\n")
    )
    lines = run_check(make_content("item_valid.md", sources=registry)).lines
    assert lines[0].startswith("content/sources.yaml:") and ": sources[1].name: this value contains ': '" in lines[0]


def test_an_image_from_another_site_is_left_out_and_the_curator_told(make_content, tmp_path):
    content = make_content(items={"x.md": valid_item() + "\nThe map:\n\n![map](https://maps.example.org/aleppo.png)\n"})
    note = (
        "content/items/x.md:13: body: the image at https://maps.example.org/aleppo.png is left out: the digest "
        "loads nothing from other sites; save the image in content/images/ and show it from /images/<its name>"
    )
    digest = [sys.executable, str(ROOT / "tools" / "digest.py")]
    for command in (["check"], ["build", "--output", str(tmp_path / "output")]):
        run = subprocess.run([*digest, *command, "--content", str(content)], capture_output=True, text=True)
        assert run.returncode == 0 and note in run.stderr, run.stderr
    page = next((tmp_path / "output").glob("2016/*/*/*/index.html")).read_text(encoding="utf-8")
    assert "maps.example.org" not in page


def test_an_alias_another_source_has_is_reported_on_the_alias(make_content, run_check):
    registry = (FIXTURES / "sources.yaml").read_text(encoding="utf-8")
    clash = (
        registry
        + "- name: Reuters Television\n  url: https://www.reuters.tv\n  kind: broadcaster\n  aliases: [Reuters TV, reuters]\n"
    )
    lines = run_check(make_content("item_valid.md", sources=clash)).lines
    line = len(registry.splitlines()) + 1
    assert lines[0] == (
        f"content/sources.yaml:{line}: sources[{registry.count('- name:')}].aliases[1]: 'reuters' is already the "
        f"name or an alias of the source on line {registry.splitlines().index('- name: Reuters') + 1}; a name or "
        "alias may belong to one source only"
    )


def test_an_alias_the_source_has_already_is_said_at_its_own_place(make_content, run_check):
    registry = (FIXTURES / "sources.yaml").read_text(encoding="utf-8")
    repeated = registry.replace(
        "- name: Reuters\n", "- name: Reuters\n  aliases: [Thomson Reuters, reuters, Thomson Reuters]\n", 1
    )
    said = [line.split(": ", 2)[1:] for line in run_check(make_content("item_valid.md", sources=repeated)).lines[:-1]]
    assert said == [
        ["sources[1].aliases[1]", "'reuters' is this source's name or one of its aliases already; keep it once"],
        [
            "sources[1].aliases[2]",
            "'Thomson Reuters' is this source's name or one of its aliases already; keep it once",
        ],
    ]


def test_a_name_two_sources_share_is_said_with_the_entries_other_problems(make_content, run_check):
    """An entry with a mistake still tells its names: a clash is said in the same check."""
    registry = (FIXTURES / "sources.yaml").read_text(encoding="utf-8")
    clash = registry + (
        "- name: Reuters Television\n  url: https://www.reuters.tv\n  kind: broadcast\n  aliases: [reuters]\n"
        "- name: Reuters Radio\n  url: https://www.reuters.radio\n  kind: radio\n  aliases: [Reuters TV, Reuters Television]\n"
    )
    said = [line.split(": ", 2)[1] for line in run_check(make_content("item_valid.md", sources=clash)).lines[:-1]]
    count = registry.count("- name:")
    assert sorted(said) == sorted(
        [
            f"sources[{count}].kind",
            f"sources[{count}].aliases[0]",  # 'reuters', Reuters' own name
            f"sources[{count + 1}].kind",
            f"sources[{count + 1}].aliases[1]",  # the other entry's name, though that entry is wrong too
        ]
    )


def test_a_page_at_the_address_of_part_of_the_site_is_told_what_to_change(make_content, run_check):
    pages = {
        "search.md": "---\ntitle: Search\n---\nHow to search.\n",
        "tags.md": "---\ntitle: Our tags\nslug: tags\n---\nx\n",
    }
    assert run_check(make_content("item_valid.md", pages=pages)).lines[:-1] == [
        "content/pages/search.md:2: title: 'search' is the address of part of the site (/search/); add slug: with "
        "another one",
        "content/pages/tags.md:3: slug: 'tags' is the address of part of the site (/tags/); choose another slug for "
        "the page",
    ]


def test_an_item_saved_among_the_pages_is_told_where_it_goes(make_content, run_check):
    lines = run_check(make_content(pages={"item.md": valid_item()})).lines
    assert lines[:-1] == [
        "content/pages/item.md:2: file: is an item (it has source: and summary:), but it is among the pages; "
        "move it into content/items/"
    ]


def test_a_link_to_an_item_or_page_the_digest_does_not_have_is_reported(make_content, run_check):
    linking = (
        valid_item()
        .replace("news/valid", "news/other")
        .replace("slug: russia-denies-aleppo-exit-deal", "slug: talks-stall")
    )
    body = (
        "\nAs [reported](/2016/12/11/russia-denies-aleppo-exit-deal/#claims) and [before](/2016/12/11/russia-denies-aleppo-exit-dea/),"
        "\n[about](/abuot/), [about](/about/index.html), [Syria](/countries/sy/), [the week](/weeks/2016-W49/),"
        "\n[a map](/images/map.png), [elsewhere](https://example.org/2016/12/11/x/).\n"
    )
    about = "---\ntitle: About\n---\nWho we are.\n"
    content = make_content(
        items={"a.md": valid_item("countries: [SY]"), "b.md": linking + body}, pages={"about.md": about}
    )
    assert run_check(content).lines == [
        "content/items/b.md:11: body: the link '/2016/12/11/russia-denies-aleppo-exit-dea/' leads nowhere: no published "
        "item has the address /2016/12/11/russia-denies-aleppo-exit-dea/ (did you mean "
        "'/2016/12/11/russia-denies-aleppo-exit-deal/'?)",
        "content/items/b.md:12: body: the link '/abuot/' leads nowhere: no page has the address /abuot/ "
        "(did you mean '/about/'?)",
        "2 problem(s) in 1 file(s).",
    ]


def test_a_link_to_a_story_whose_entry_has_a_mistake_is_not_said_to_lead_nowhere(make_content, run_check):
    """The mistake in stories.yaml is said; the story's address is not known until it is fixed."""
    about = "---\ntitle: About\n---\nFollow [the evacuation](/stories/aleppo-evacuation-2016/).\n"
    content = make_content("item_in_a_story.md", pages={"about.md": about})
    stories = (ROOT / "tests" / "fixtures" / "stories.yaml").read_text(encoding="utf-8")
    (content / "stories.yaml").write_text(stories.replace('title: "The evacuation of eastern Aleppo"', 'title: ""'))
    assert run_check(content).lines == [
        "content/stories.yaml:3: stories[0].title: must not be empty",
        "1 problem(s) in 1 file(s).",
    ]
    (content / "stories.yaml").write_text(stories.replace("slug: aleppo-evacuation-2016", "slug: aleppo-evac"))
    said = run_check(content).lines
    assert "content/pages/about.md:4: body: the link '/stories/aleppo-evacuation-2016/' leads nowhere" in "\n".join(
        said
    )


def test_text_that_runs_the_other_way_than_its_lang_or_in_other_letters_is_said(make_content, run_check, caplog):
    """An English title under the lang of the original (make import writes it), or an Arabic one
    without lang, would be laid out the wrong way round on the page; Ukrainian text under an
    English lang, or without one, would be read out and searched as English."""
    arabic = (FIXTURES / "item_in_arabic_with_locations.md").read_text(encoding="utf-8")
    english = re.sub(r"^title: .*$", 'title: "Syrian army resumes operations in eastern Aleppo"', arabic, flags=re.M)
    english = re.sub(r"^summary: .*$", "summary: Officials said the army resumed shelling.", english, flags=re.M)
    unmarked = arabic.replace("lang: ar\n", "").replace("news/aleppo-operations-resume", "news/other")
    unmarked = unmarked.replace("slug: syrian-army-resumes-aleppo-operations", "slug: unmarked")
    ukrainian = (FIXTURES / "item_in_ukrainian_with_updates.md").read_text(encoding="utf-8")
    as_english = ukrainian.replace("lang: uk", "lang: en")
    without = (
        ukrainian.replace("lang: uk\n", "")
        .replace("ria.ru/avdiivka-water", "ria.ru/other")
        .replace("slug: avdiivka-water-repairs-halted", "slug: without")
    )
    written = {"english.md": english, "unmarked.md": unmarked, "as-english.md": as_english, "without.md": without}
    content = make_content(items={**written, "ok.md": valid_item()})
    assert run_check(content).code == 0
    assert warned(caplog, "the title and summary") == [
        f"content/items/as-english.md:{line_of('item_in_ukrainian_with_updates.md', 'lang:')}: lang: 'en' is "
        "written in Latin letters, but the title and summary are in Cyrillic letters: lang is the language of your "
        "text, and the page lays it out by it",
        f"content/items/english.md:{line_of('item_in_arabic_with_locations.md', 'lang:')}: lang: 'ar' is written "
        "right to left, but the title and summary are written left to right: lang is the language of your text, "
        "and the page lays it out by it",
        "content/items/unmarked.md:2: title: the title and summary are written right to left, but without lang: the "
        "item is read as en; add lang: with the language of the text (ar, fa, ur...)",
        "content/items/without.md:2: title: the title and summary are in Cyrillic letters, but without lang: the item "
        "is read as en; add lang: with the language of the text (ru, uk, be...)",
    ]


def test_an_unknown_story_is_said_with_the_items_other_mistakes(make_content, run_check):
    text = valid_item("story: Shelling around the plant").replace(
        "url: https://www.middleeasteye.net/news/valid", "url: middleeasteye.net/news/valid"
    )
    fields = [line.split(": ")[1] for line in run_check(make_content(items={"x.md": text})).lines[:-1]]
    assert fields == ["source.url", "story"], fields


def test_a_draft_is_said_to_be_left_out_of_the_site(make_content, run_check, caplog):
    """A finished item whose status was never set to published is missing from the site: said."""
    # A name of its own: Pelican's log filter, once a build has set it up, says a message once a process.
    draft = (FIXTURES / "item_draft.md").read_text(encoding="utf-8")
    content = make_content("item_valid.md", items={"never-published.md": draft})
    assert run_check(content).code == 0
    line = line_of("item_draft.md", "status:")
    assert warned(caplog, "is a draft") == [
        f"content/items/never-published.md:{line}: status: the item is a draft, so it is not on the site; set "
        "status: published when it is ready"
    ]


def test_a_link_to_a_claim_its_item_does_not_have_is_reported(make_content, run_check):
    claims = "claims:\n  - {text: Ten killed, status: reported}\n  - {text: No deal, status: denied}"
    page = (
        "---\ntitle: About\n---\n[first](/2016/12/11/russia-denies-aleppo-exit-deal/#claim-1) and"
        " [second](/2016/12/11/russia-denies-aleppo-exit-deal/#claim-2),"
        " [a third](/2016/12/11/russia-denies-aleppo-exit-deal/#claim-3).\n"
    )
    content = make_content(items={"a.md": valid_item(claims)}, pages={"about.md": page})
    assert run_check(content).lines == [
        "content/pages/about.md:4: body: the link '/2016/12/11/russia-denies-aleppo-exit-deal/#claim-3' leads "
        "nowhere on its page: the item has claims #claim-1 to #claim-2",
        "1 problem(s) in 1 file(s).",
    ]


def test_a_link_to_a_list_feed_or_week_the_site_does_not_have_is_reported(make_content, run_check):
    """Not only items and pages: a tag, country, story, week, month, claims status or feed the
    site will not have, and a link without its last "/" (GitHub Pages adds it)."""
    body = (
        "\n[a](/about) [b](/2016/12/11/russia-denies-aleppo-exit-deal) [t](/tags/aleppo/) [t2](/tags/aleppo/page/2/)"
        " [f](/tags/aleppo/atom.xml) [w](/weeks/2016-W49/) [m](/2016/12/) [s](/search/?q=aleppo) [d](/data/items.csv)\n"
        "[x](/tags/alepo/) [c](/countries/xx/) [wk](/weeks/2016-W47/) [mo](/2015/03/) [cl](/claims/bogus/)"
        " [fe](/feeds/nope.xml) [st](/stories/nope/)\n"
    )
    about = "---\ntitle: About\n---\nWho we are.\n"
    linking = (
        valid_item("tags: [aleppo]").replace("news/valid", "news/other").replace("slug: russia", "slug: talks-russia")
    )
    content = make_content(items={"a.md": valid_item(), "b.md": linking + body}, pages={"about.md": about})
    said = [line.split("leads nowhere: ")[1] for line in run_check(content).lines[:-1]]
    assert said == [
        # Two items are tagged aleppo: the tag's list is one page.
        "the site has nothing at the address /tags/aleppo/page/2/ (did you mean '/tags/aleppo/'?)",
        "the site has nothing at the address /2015/03/; copy the address from the page itself",
        "the site has nothing at the address /claims/bogus/ (did you mean '/claims/' or '/claims/false/' or "
        "'/claims/reported/'?)",
        "the site has nothing at the address /countries/xx/ (did you mean '/countries/'?)",
        "the site has nothing at the address /feeds/nope.xml (did you mean '/feeds/atom.xml' or '/feeds/rss.xml' or "
        "'/feeds/feeds.opml'?)",
        "the site has nothing at the address /stories/nope/ (did you mean '/stories/'?)",
        "the site has nothing at the address /tags/alepo/ (did you mean '/tags/aleppo/' or '/tags/'?)",
        "the site has nothing at the address /weeks/2016-W47/ (did you mean '/weeks/2016-W49/' or '/weeks/'?)",
    ]


def test_a_link_to_a_numbered_page_is_checked_against_the_pages_the_list_fills(make_content, run_check):
    """With 41 items, 20 a page, a list has page 2 (items 1 to 20, the oldest) and its first
    page; /page/3/ is no page of it."""
    items = {
        f"item-{number}.md": valid_item("tags: [aleppo]")
        .replace("news/valid", f"news/{number}")
        .replace("slug: russia-denies", f"slug: n{number}-russia-denies")
        for number in range(41)
    }
    links = "See [older](/page/2/), [the tag](/tags/aleppo/page/2/), [beyond](/tags/aleppo/page/3/).\n"
    items["item-0.md"] += links
    said = run_check(make_content(items=items)).lines
    assert [line.split(": body: ")[1] for line in said[:-1]] == [
        "the link '/tags/aleppo/page/3/' leads nowhere: the site has nothing at the address /tags/aleppo/page/3/ "
        "(did you mean '/tags/aleppo/page/2/' or '/tags/aleppo/'?)"
    ]


def test_a_link_to_a_draft_leads_nowhere_on_the_published_site(make_content, run_check):
    draft = (
        valid_item("status: draft").replace("news/valid", "news/draft").replace("slug: russia", "slug: draft-russia")
    )
    linking = valid_item() + "\nSee [the draft](/2016/12/11/draft-russia-denies-aleppo-exit-deal/).\n"
    lines = run_check(make_content(items={"draft.md": draft, "a.md": linking})).lines
    assert lines[:-1] == [
        "content/items/a.md:11: body: the link '/2016/12/11/draft-russia-denies-aleppo-exit-deal/' leads nowhere: "
        "content/items/draft.md is a draft; publish it or remove the link"
    ]


def test_a_link_to_an_item_held_back_until_its_date_is_said(make_content, run_check, caplog):
    later = (
        valid_item()
        .replace("2016-12-11T18:00:00+00:00", "2099-12-22T08:00:00+00:00")
        .replace("news/valid", "news/later")
        .replace("slug: russia", "slug: later-russia")
    )
    linking = valid_item() + "\nSee [the anniversary](/2099/12/22/later-russia-denies-aleppo-exit-deal/).\n"
    assert run_check(make_content(items={"later.md": later, "a.md": linking})).code == 0
    assert warned(caplog, "/2099/12/22/later-russia") == [
        "content/items/a.md:11: body: the link '/2099/12/22/later-russia-denies-aleppo-exit-deal/' leads nowhere "
        "until 2099-12-22T08:00:00+00:00: content/items/later.md is held back until then"
    ]


def test_a_link_to_an_item_that_has_a_mistake_is_not_called_broken(make_content, run_check):
    target = valid_item("countries: [SY, UK]")
    linking = (
        valid_item().replace("news/valid", "news/other").replace("slug: russia-denies-aleppo-exit-deal", "slug: talks")
    )
    linking += "\nAfter [the denial](/2016/12/11/russia-denies-aleppo-exit-deal/), talks resumed.\n"
    lines = run_check(make_content(items={"a.md": target, "b.md": linking})).lines
    assert [line for line in lines if "content/items/b.md" in line] == []
    assert "'UK' is not an ISO 3166-1 code; use 'GB'" in lines[0]


def test_tags_written_with_commas_are_told_to_be_a_list(make_content, run_check):
    lines = run_check(make_content(items={"x.md": valid_item("tags: aleppo, evacuation")})).lines
    assert lines[0] == (
        "content/items/x.md:8: tags[0]: 'aleppo, evacuation' is one tag with a comma in it; for several tags write "
        "a list: tags: [aleppo, evacuation]"
    )
    lines = run_check(make_content(items={"x.md": valid_item("countries: UA, sy")}, folder="countries")).lines
    assert lines[0].endswith(
        "countries[0]: 'UA, sy' is several countries in one value; write a list: countries: [UA, SY]"
    )


@pytest.mark.parametrize(
    ("pasted", "line", "field", "column", "character"),
    [
        ("date:\u00a02016-12-11T18:00:00+00:00", 3, "date", 6, "U+00A0, no-break space"),
        ("\u00a0\u00a0name: Middle East Eye", 6, "name", 1, "U+00A0, no-break space"),
        ('title:\u200b"Russia denies any deal with US on Aleppo exit"', 2, "title", 7, "U+200B, zero width space"),
    ],
)
def test_a_hidden_character_in_a_lines_shape_is_said_where_it_is(
    make_content, run_check, pasted, line, field, column, character
):
    """YAML would complain about another line and field; the curator is told of the character."""
    lines = valid_item().split("\n")
    lines[line - 1] = pasted
    said = run_check(make_content(items={"x.md": "\n".join(lines)})).lines
    assert said[:-1] == [
        f"content/items/x.md:{line}: {field}: holds a hidden character ({character}) in column {column}, where YAML "
        "reads the line's indentation and field name; a copy from a web page can bring it along: delete it and type "
        "a space"
    ]


def test_invisible_characters_copied_from_a_web_page(make_content, run_check):
    no_break = valid_item().replace("name: Middle East Eye", "name: Middle\u00a0East  Eye")
    assert run_check(make_content(items={"x.md": no_break})).code == 0  # the source is found all the same
    hidden = valid_item().replace("news/valid", "news/valid\u200b")
    assert run_check(make_content(items={"x.md": hidden}, folder="hidden")).lines[0] == (
        "content/items/x.md:7: source.url: holds an invisible character (U+200B) after "
        "'https://www.middleeasteye.net/news/valid', which a copy from a web page can bring along; type the address "
        "again or delete that character"
    )


def test_a_change_dated_in_the_future_is_a_typo_to_check(make_content, run_check):
    changed = valid_item(
        "modified: 2061-12-12T10:00:00+00:00\nupdates:\n  - {date: 2061-12-12, kind: correction, note: Fixed.}"
    )
    assert run_check(make_content(items={"x.md": changed})).lines == [
        "content/items/x.md:8: modified: 2061-12-12T10:00:00+00:00 is in the future; check the date (the year "
        "especially)",
        "content/items/x.md:10: updates[0].date: 2061-12-12 is in the future; check the date (the year especially)",
        "2 problem(s) in 1 file(s).",
    ]


def test_updates_after_the_date_are_told_the_latest_update_to_set(make_content, run_check):
    updates = "updates:\n  - {date: 2016-12-13, kind: update, note: More.}\n  - {date: 2016-12-14, kind: correction, note: Fixed.}"
    lines = run_check(make_content(items={"x.md": valid_item(updates)})).lines
    assert lines[:2] == [
        f"content/items/x.md:{line}: updates[{index}].date: is after the item's date, and modified is not set; set "
        "modified: 2016-12-14 (the latest update's date), so that feeds and the sitemap show readers the item changed"
        for index, line in ((0, 9), (1, 10))
    ]


def test_a_claim_history_that_does_not_change_is_reported(make_content, run_check):
    claims = (
        "claims:\n  - text: Ten killed\n    status: reported\n    history:\n"
        "      - {date: 2016-12-11, status: reported}\n      - {date: 2016-12-11, status: reported}"
    )
    assert run_check(make_content(items={"x.md": valid_item(claims)})).lines == [
        "content/items/x.md:12: claims[0].history[0].status: 'reported' is also the standing after it; a claim's "
        "history lists the standings it changed from, so keep one of them",
        "content/items/x.md:13: claims[0].history[1].status: 'reported' is also the claim's standing now (status: "
        "reported); a claim's history lists the standings it changed from, so keep one of them",
        "2 problem(s) in 1 file(s).",
    ]


def test_an_embedded_video_or_post_is_left_out_and_the_curator_told(make_content, run_check, caplog):
    body = '\nWatch:\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n<script src="https://x.example/w.js"></script>\n'
    assert run_check(make_content(items={"x.md": valid_item() + body})).code == 0
    assert warned(caplog, "is left out") == [
        f"content/items/x.md:{line}: body: the <{tag}> (an embedded video, post or script) is left out: the digest "
        "loads nothing from other sites and runs no script; link to what it shows instead"
        for tag, line in (("iframe", 13), ("script", 15))
    ]


def test_an_image_the_site_will_not_have_is_said_to_the_curator(make_content, run_check, run_build, tmp_path, caplog):
    body = "\n![map](/images/map.png) ![here](/images/here.png)\n\n![relative](images/here.png)\n\n![bare](here.png)\n"
    content = make_content(items={"x.md": valid_item() + body})
    (content / "images").mkdir()
    (content / "images" / "here.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert run_check(content).code == 0  # the page shows the image's text meanwhile
    assert warned(caplog, "the image") == [
        "content/items/x.md:11: body: the image /images/map.png is not in content/images/map.png; add the file "
        "there or fix the address",
        "content/items/x.md:13: body: the image 'images/here.png' is given relative to the page, so it is looked for "
        "in the page's own folder; write its address from the site's root, e.g. /images/here.png",
        "content/items/x.md:15: body: the image 'here.png' is given relative to the page, so it is looked for "
        "in the page's own folder; write its address from the site's root, e.g. /images/here.png",
    ]
    # The image that is there is published where the page shows it.
    assert run_build(content, tmp_path / "output").code == 0
    assert (tmp_path / "output" / "images" / "here.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_a_source_named_twice_in_the_attribution_is_reported(make_content, run_check):
    via = "via:\n  - {name: MEE, role: wire}\n  - {name: Reuters, role: wire}\n  - {name: reuters, role: cited}"
    assert run_check(make_content(items={"x.md": valid_item(via)})).lines == [
        "content/items/x.md:9: via[0].name: 'MEE' is the publisher already (source.name: Middle East Eye); via lists "
        "the sources behind it, so remove it",
        "content/items/x.md:11: via[2].name: 'reuters' is the same source as via[1].name ('Reuters'); name each "
        "source once",
        "2 problem(s) in 1 file(s).",
    ]


def test_a_likely_slip_in_the_source_is_said_without_failing(make_content, run_check, caplog):
    slipped = valid_item().replace("https://www.middleeasteye.net/news/valid", "https://www.reuters.com/world/x")
    slipped = slipped.replace(
        "  url: https://www.reuters.com/world/x", "  url: https://www.reuters.com/world/x\n  published: 2016-12-20"
    )
    assert run_check(make_content(items={"x.md": slipped})).code == 0
    assert warned(caplog, "source.") == [
        "content/items/x.md:7: source.url: is at the site of Reuters in sources.yaml, but the source is Middle East "
        "Eye; check the name or the address",
        "content/items/x.md:8: source.published: 2016-12-20 is after the item's date (2016-12-11), though the "
        "original came first; check both dates",
    ]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://news.example.com/news/x", "News site"),  # its own host before another's section
        ("https://www.example.com/news/x", "News section"),
        ("https://example.com/sport/x", "Example"),
        ("https://t.me/s/Rybar/1", "Rybar"),
        ("https://telegram.me/rybar/1", "Rybar"),
        ("https://t.me/another/1", None),  # a host shared by channels, none of them this one
    ],
)
def test_the_source_of_an_address_is_the_nearest_registered_one(url, source):
    from digest_content.schema import Source
    from digest_content.sources import Registry

    registry = Registry.of(
        Source(name="Example", url="https://example.com", kind="outlet"),
        Source(name="News section", url="https://example.com/news", kind="outlet"),
        Source(name="News site", url="https://news.example.com", kind="outlet"),
        Source(name="Rybar", url="https://t.me/rybar", kind="social"),
        Source(name="Air Force", url="https://t.me/kpszsu", kind="official"),
    )
    assert registry.at_host(url) == source


def test_an_edition_registered_at_its_own_address_is_told_apart_from_its_site(make_content, run_check, caplog):
    sources = (
        "- {name: Al Mayadeen, url: 'https://www.almayadeen.net', kind: broadcaster}\n"
        "- {name: Al Mayadeen Russian, url: 'https://www.almayadeen.net/ru', kind: broadcaster}\n"
        # Two sources at one address: a story there may be either's.
        "- {name: Reuters, url: 'https://www.reuters.com', kind: wire}\n"
        "- {name: Reuters Arabic, url: 'https://www.reuters.com', kind: wire}\n"
    )
    arabic = valid_item().replace("name: Middle East Eye", "name: Reuters Arabic")
    arabic = arabic.replace("https://www.middleeasteye.net/news/valid", "https://www.reuters.com/world/x")
    assert run_check(make_content(items={"x.md": arabic}, sources=sources, folder="same")).code == 0
    assert warned(caplog, "is at the site of") == []
    item = valid_item().replace("name: Middle East Eye", "name: Al Mayadeen")
    for number, (address, said) in enumerate(
        [
            ("https://www.almayadeen.net/news/x", []),
            (
                "https://www.almayadeen.net/ru/news/x",
                [
                    "content/items/x.md:7: source.url: is at the site of Al Mayadeen Russian in sources.yaml, but the "
                    "source is Al Mayadeen; check the name or the address"
                ],
            ),
        ]
    ):
        caplog.clear()
        text = item.replace("https://www.middleeasteye.net/news/valid", address)
        assert run_check(make_content(items={"x.md": text}, sources=sources, folder=f"site-{number}")).code == 0
        assert warned(caplog, "is at the site of") == said


def test_dates_and_times_without_an_offset_are_read_in_the_sites_time_zone(make_content, run_check):
    fields = "modified: 2016-12-12T10:00:00+00:00\nupdates:\n  - {date: 2016-12-12T09:00:00, kind: update, note: More.}"
    text = valid_item(fields).replace("news/valid", "news/valid\n  published: 2016-12-11T09:00:00")
    assert run_check(make_content(items={"x.md": text})).code == 0


def test_sources_sharing_a_site_are_not_told_they_are_at_anothers(make_content, run_check, caplog):
    sources = (
        "- {name: General Staff of Ukraine, url: 'https://t.me/GeneralStaffZSU', kind: official}\n"
        "- {name: Rybar, url: 'https://t.me/rybar', kind: social}\n"
    )
    item = (
        valid_item()
        .replace("name: Middle East Eye", "name: Rybar")
        .replace("https://www.middleeasteye.net/news/valid", "https://t.me/rybar/12345")
    )
    assert run_check(make_content(items={"x.md": item}, sources=sources)).code == 0
    assert not warned(caplog, "is at the site of")
    # A post of the other channel is the other channel's, whatever the case of its address.
    slipped = item.replace("https://t.me/rybar/12345", "https://t.me/generalstaffzsu/678")
    caplog.clear()
    assert run_check(make_content(items={"x.md": slipped}, sources=sources, folder="slipped")).code == 0
    assert warned(caplog, "is at the site of") == [
        "content/items/x.md:7: source.url: is at the site of General Staff of Ukraine in sources.yaml, but the source "
        "is Rybar; check the name or the address"
    ]
    # The same post in Telegram's web preview.
    caplog.clear()
    preview = slipped.replace("https://t.me/", "https://t.me/s/")
    # Another file name: Pelican's log filter, once a build has set it up, says a message once a process.
    assert run_check(make_content(items={"preview.md": preview}, sources=sources, folder="preview")).code == 0
    assert warned(caplog, "is at the site of") == [
        "content/items/preview.md:7: source.url: is at the site of General Staff of Ukraine in sources.yaml, but the "
        "source is Rybar; check the name or the address"
    ]
