"""Item and page bodies: Markdown rendered by Python-Markdown as Pelican's MARKDOWN setting
configures it, then sanitised."""

from __future__ import annotations

import copy
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from zoneinfo import ZoneInfo

import page_safety
import pytest
import sites
from digest_content import body, items
from digest_content.schema import Item
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG, read_settings

UTC = ZoneInfo("UTC")
FRONT_MATTER = """\
---
title: "Russia denies any deal with US on Aleppo exit"
date: 2016-12-11T18:00:00+00:00
summary: Moscow said no agreement had been reached with Washington.
source:
  name: Middle East Eye
  url: https://www.middleeasteye.net/news/valid
---
"""
FOOTNOTES = "Moscow denied it[^1], twice[^1], and again[^later].\n\n[^1]: Lavrov, 11 December.\n[^later]: TASS.\n"
TABLE = "| side | claim |\n| --- | --- |\n| Moscow | no deal |\n"
OSCE = "The OSCE reported it.\n\n*[OSCE]: Organization for Security and Co-operation in Europe\n"
WITHOUT_EXTRA = {"extension_configs": {}, "output_format": "html5"}


def in_page_links(html: str) -> list[str]:
    return re.findall(r'href="#([^"]*)"', html)


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def test_footnote_links_and_back_links_reach_their_targets():
    html = body.render(FOOTNOTES)
    assert set(in_page_links(html)) == {"fn:1", "fnref:1", "fnref2:1", "fn:later", "fnref:later"}
    assert set(in_page_links(html)) <= set(ids(html))
    assert '<div class="footnote">' in html
    assert "Lavrov, 11 December." in html


def test_footnote_ids_follow_the_configured_separator():
    setting = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])
    setting["extension_configs"]["markdown.extensions.footnotes"] = {"SEPARATOR": "-"}
    html = body.render(FOOTNOTES, setting)
    assert "fn-1" in in_page_links(html)
    assert set(in_page_links(html)) <= set(ids(html))


def test_tables_abbreviations_and_definition_lists_render():
    html = body.render(f"{TABLE}\n{OSCE}")
    assert "<table>" in html and "<th>side</th>" in html and "<td>no deal</td>" in html
    assert '<abbr title="Organization for Security and Co-operation in Europe">OSCE</abbr>' in html
    html = body.render("Hanano\n:   The first district of eastern Aleppo to fall.\n")
    assert "<dl>" in html and "<dt>Hanano</dt>" in html and "<dd>" in html


def test_a_body_starting_like_a_metadata_line_is_kept_as_text():
    result = items.parse(FRONT_MATTER + "Note: something the agencies left out.\n\nMore.\n", "x.md", Item, UTC)
    assert result.problems == []
    assert "<p>Note: something the agencies left out.</p>" in result.html


@pytest.mark.parametrize("meta", ["meta", "markdown.extensions.meta", "markdown.extensions.meta:MetaExtension"])
def test_the_meta_extension_is_left_out_however_it_is_named(meta):
    assert "Title: kept" in body.render("Title: kept\n", {"extensions": [meta]})


def test_a_markdown_setting_without_extra_renders_no_table():
    assert "<table>" in body.render(TABLE)
    html = body.render(TABLE, WITHOUT_EXTRA)
    assert "<table>" not in html
    assert "| Moscow | no deal |" in html


def test_the_setting_is_not_changed():
    setting = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])
    body.render(FOOTNOTES, setting)
    assert setting == DEFAULT_CONFIG["MARKDOWN"]


def test_reading_a_file_follows_the_markdown_setting_of_the_settings(tmp_path):
    content = tmp_path / "content"
    (content / "items").mkdir(parents=True)
    path = content / "items" / "table.md"
    path.write_text(FRONT_MATTER + TABLE, encoding="utf-8")
    settings_file = str(sites.ROOT / "pelicanconf.py")
    default = read_settings(settings_file, override={"PATH": str(content)})
    custom = read_settings(settings_file, override={"PATH": str(content), "MARKDOWN": WITHOUT_EXTRA})
    assert "<table>" in items.read(str(path), str(content), default, UTC).html
    assert "<table>" not in items.read(str(path), str(content), custom, UTC).html


def test_pelicans_markdown_reader_changing_the_setting_changes_no_body():
    """Pelican's own Markdown reader, made for the build, adds its extensions (and meta) to the
    MARKDOWN setting; ``make check`` reads the setting untouched. Both must render alike."""
    settings = read_settings(str(sites.ROOT / "pelicanconf.py"))
    before = body.render(f"Note: kept\n\n{FOOTNOTES}\n{TABLE}", settings["MARKDOWN"])
    MarkdownReader(settings)
    assert "markdown.extensions.meta" in settings["MARKDOWN"]["extensions"]
    assert body.render(f"Note: kept\n\n{FOOTNOTES}\n{TABLE}", settings["MARKDOWN"]) == before


def _settings_without_extra(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\nMARKDOWN = {WITHOUT_EXTRA!r}\n"
    )
    return settings


ITEM_PAGE = "2016/12/11/russia-denies-any-deal-with-us-on-aleppo-exit/index.html"


def test_a_user_markdown_setting_reaches_the_built_page(make_content, run_build, tmp_path):
    content = make_content(items={"table.md": FRONT_MATTER + TABLE})
    run = run_build(content, tmp_path / "output", settings=_settings_without_extra(tmp_path))
    assert run.code == 0, run.err
    page = (tmp_path / "output" / ITEM_PAGE).read_text()
    assert "| Moscow | no deal |" in page
    assert "<table>" not in page


def test_changing_the_markdown_setting_renders_the_bodies_again(make_content, run_build, tmp_path):
    content = make_content(items={"table.md": FRONT_MATTER + TABLE})
    run = run_build(content, tmp_path / "output")
    assert run.code == 0, run.err
    assert "<table>" in (tmp_path / "output" / ITEM_PAGE).read_text()
    run = run_build(content, tmp_path / "output", settings=_settings_without_extra(tmp_path))
    assert run.code == 0, run.err
    assert "<table>" not in (tmp_path / "output" / ITEM_PAGE).read_text()


def test_one_markdown_instance_per_setting_and_none_for_an_empty_body(monkeypatch):
    made = []
    real_markdown = body.markdown.Markdown

    def counting_markdown(**options):
        made.append(options)
        return real_markdown(**options)

    monkeypatch.setattr(body, "_CONVERTERS", {})
    monkeypatch.setattr(body.markdown, "Markdown", counting_markdown)
    assert body.render("") == body.render(" \n\t\n") == ""
    assert made == []
    for _ in range(3):
        body.render(FOOTNOTES)
    assert len(made) == 1
    assert "<table>" not in body.render(TABLE, WITHOUT_EXTRA)
    assert "<table>" in body.render(TABLE)
    assert len(made) == 2


def test_nothing_of_one_body_carries_over_to_the_next():
    first = body.render(f"{FOOTNOTES}\n{OSCE}")
    assert "<abbr" in first and "footnote" in first
    second = body.render("The OSCE said nothing more.\n")
    assert second == "<p>The OSCE said nothing more.</p>"


def _render_footnotes(_) -> str:
    return body.render(FOOTNOTES)


def test_a_markdown_instance_made_before_a_fork_renders_alike_in_the_worker():
    in_parent = body.render(FOOTNOTES)
    with ProcessPoolExecutor(1, get_context("fork")) as pool:
        assert list(pool.map(_render_footnotes, range(2))) == [in_parent, in_parent]


@pytest.mark.parametrize(
    ("markdown", "gone"),
    [
        ("<script>alert('x')</script>\n\nText.", "<script"),
        ("Text <script>alert('x')</script> more.", "alert("),
        ("[link](javascript:alert('x'))", "javascript:"),
        ('<a href=" java\tscript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<img src="/images/map.png" onerror="alert(1)">', "onerror"),
        ("![map](https://evil.example/map.png)", "evil.example"),
        ('<img src="//evil.example/map.png">', "evil.example"),
        ('<p id="main">x</p>', 'id="'),
        ('<ol><li id="evil">x</li></ol>', 'id="'),
        ('<sup id="fnref-x">1</sup>', 'id="'),
        ("A paragraph with an id.\n{: #main }", 'id="'),
        ('<div class="site-header">x</div>', "site-header"),
        ('<span style="position:fixed">x</span>', "style"),
        ("<iframe src='/x'></iframe>", "iframe"),
        ('<blockquote cite="javascript:alert(1)">x</blockquote>', "javascript:"),
        ('<q cite=" JaVaScRiPt:alert(1)">x</q>', "javascript:"),
    ],
)
def test_hostile_markup_is_neutralised(markdown, gone):
    html = body.render(markdown)
    assert gone not in html.lower()
    problems, _ = page_safety.inspect(f"<!doctype html><html><body>{html}</body></html>")
    assert problems == []


def test_a_hostile_body_keeps_its_text():
    html = body.render("<script>alert(1)</script>\n\n<p onclick=\"alert(1)\" id='main'>Visible</p>\n")
    assert html.strip() == "<p>Visible</p>"


def test_a_pelican_placeholder_link_is_refused_and_reported():
    rendered = body.render_report("[sources]({filename}/pages/about.md) and [^1]\n\n[^1]: A note.\n")
    assert rendered.refused_links == ["{filename}/pages/about.md"]
    assert "{filename}" not in rendered.html


def test_links_to_elsewhere_are_not_followed_and_the_sites_own_are():
    html = body.render(
        "[page](/2016/12/11/x/), [note](#top), [out](https://example.org/), [sneaky](/\\evil.example/x), "
        "[relative](//evil.example/y), a note[^1].\n\n[^1]: Foot."
    )
    rel = dict(re.findall(r'<a href="([^"]*)"[^>]*?(?: rel="([^"]*)")?>', html))
    assert rel == {
        "/2016/12/11/x/": "",
        "#top": "",
        "https://example.org/": "noopener noreferrer nofollow",
        "/\\evil.example/x": "noopener noreferrer nofollow",
        "//evil.example/y": "noopener noreferrer nofollow",
        "#fn:1": "",
        "#fnref:1": "",
    }
