"""Claims by standing: a claim's `history` checked like every field, `/claims/` counting the
claims by status, `/claims/<status>/` listing each once, and every standing a claim had shown
with its date, on its list and its item's page."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import sites
import yaml

THEME_SITE = sites.ROOT / "tests" / "fixtures" / "theme_site"
STATUSES = ("reported", "unverified", "disputed", "denied", "confirmed", "false")


def test_a_claims_history_is_checked_with_file_line_and_field(make_content, run_check):
    content = make_content(
        "item_with_claim_history_out_of_order.md",
        "item_with_claim_history_after_last_update.md",
        "item_with_unknown_claim_history_status.md",
    )
    assert [line for line in run_check(content).lines if line.startswith("content/")] == [
        "content/items/item_with_claim_history_after_last_update.md:15: claims[0].history[2].date: is after the "
        "item's last update (2016-12-13); a standing from after it is an update: add it to updates and set modified",
        "content/items/item_with_claim_history_out_of_order.md:14: claims[0].history[1].date: is earlier than the "
        "standing before it; list a claim's history oldest first",
        "content/items/item_with_unknown_claim_history_status.md:12: claims[0].history[0].status: 'rumoured' is "
        "not one of: reported, unverified, disputed, denied, confirmed, false (did you mean 'unverified'?)",
    ]


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("claims") / "output"
    result = sites.build(THEME_SITE / "content", output, settings=str(THEME_SITE / "settings.py"))
    assert result.returncode == 0, result.stderr
    return output


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def listed_claims(output: Path, status: str) -> list[tuple[str, str]]:
    """(claim text, item address) of every claim on the pages of /claims/<status>/, in order."""
    pages = [output / "claims" / status / "index.html"]
    pages += sorted((output / "claims" / status / "page").glob("*/index.html"), key=lambda p: -int(p.parent.name))
    found = []
    for page in pages if pages[0].exists() else []:
        html = page.read_text(encoding="utf-8")
        for entry in re.findall(r'<li class="claim-entry.*?</li>\n', html, re.S):
            text = text_of(re.search(r'<p class="claim-text"[^>]*>(.*?)</p>', entry, re.S)[1])
            address = re.search(r'href="[^"]*?/?(\d{4}/\d\d/\d\d/[^"#]+)#claim-\d+"', entry)[1]
            found.append((text, address))
    return found


def published_claims(content: Path) -> dict[str, list[tuple[str, str]]]:
    """(claim text, item address) by status, from the items' own files."""
    by_status = {status: [] for status in STATUSES}
    for path in sorted(content.glob("items/**/*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if meta.get("status", "published") != "published":
            continue
        address = f"{meta['date']:%Y/%m/%d}/{meta['slug']}/" if "slug" in meta else None
        for claim in meta.get("claims", []):
            by_status[str(claim["status"]).lower()].append((claim["text"], address))
    return by_status


def test_every_claim_is_listed_once_under_its_status_and_counted(theme_site):
    expected = published_claims(THEME_SITE / "content")
    assert sum(map(len, expected.values())) >= 15
    index = text_of((theme_site / "claims" / "index.html").read_text(encoding="utf-8"))
    for status in STATUSES:
        listed = listed_claims(theme_site, status)
        assert sorted(text for text, _ in listed) == sorted(text for text, _ in expected[status])
        # The item's own address where its file sets a slug.
        assert {pair for pair in expected[status] if pair[1]} <= set(listed)
        assert f"{status.capitalize()} {len(listed)} claim" in index
    total = sum(map(len, expected.values()))
    assert index.count(f"{total} claims, by their standing")


def test_a_claims_earlier_standings_are_shown_with_their_dates(theme_site):
    item = (theme_site / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").read_text(encoding="utf-8")
    listed = (theme_site / "claims/denied/index.html").read_text(encoding="utf-8")
    history = "Reported on 11 December 2016 Disputed on 12 December 2016 Denied as of 12 December 2016"
    for html in (item, listed):
        found = re.search(r'<ol class="claim-history.*?</ol>', html, re.S)
        assert text_of(found[0]) == history
    # The list links to the claim on its item's page.
    assert re.search(r'href="[./]*2016/12/11/russia-denies-aleppo-exit-deal/#claim-1"', listed)
    assert 'id="claim-1"' in item


def claim_item(number: int, status: str = "denied", draft: bool = False) -> str:
    return (
        f'---\ntitle: "Claim item {number}"\ndate: 2016-11-01T10:{number:02d}:00+00:00\n'
        f"summary: Summary {number}.\nsource:\n  name: Reuters\n  url: https://www.reuters.com/claim-{number}\n"
        f'claims:\n  - {{text: "Claim {number}", by: "Officials", status: {status}}}\n'
        + ("status: draft\n" if draft else "")
        + "---\n"
    )


def test_a_long_status_list_is_paginated_newest_first_and_drafts_are_left_out(make_content, tmp_path):
    items = {f"claim-{number}.md": claim_item(number) for number in range(1, 46)}
    items["draft.md"] = claim_item(46, status="false", draft=True)
    content = make_content(items=items)
    output = tmp_path / "output"
    assert sites.build(content, output).returncode == 0
    listed = [text for text, _ in listed_claims(output, "denied")]
    assert listed == [f"Claim {number}" for number in range(45, 0, -1)]
    # A status no claim has now keeps its page, which says so.
    empty = text_of((output / "claims/false/index.html").read_text(encoding="utf-8"))
    assert "No claim stands as false now; when one does, it is listed here." in empty
    assert not (output / "claims/false/page").exists()
    first = (output / "claims/denied/index.html").read_text(encoding="utf-8")
    second = (output / "claims/denied/page/2/index.html").read_text(encoding="utf-8")
    assert 'rel="next" href="/claims/denied/page/2/"' in first
    assert 'rel="prev" href="/claims/denied/"' in second  # to the list's address, not index.html
    index = text_of((output / "claims/index.html").read_text(encoding="utf-8"))
    assert "False 0 claims" in index and "Denied 45 claims" in index


def test_a_claim_whose_standing_changes_moves_on_the_next_build(make_content, tmp_path):
    content = make_content(items={"one.md": claim_item(1, "disputed"), "two.md": claim_item(2, "disputed")})
    output = tmp_path / "output"
    assert sites.build(content, output).returncode == 0
    assert [text for text, _ in listed_claims(output, "disputed")] == ["Claim 2", "Claim 1"]
    path = content / "items" / "one.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: disputed", "status: denied"), encoding="utf-8")
    assert sites.build(content, output).returncode == 0
    assert [text for text, _ in listed_claims(output, "disputed")] == ["Claim 2"]
    assert [text for text, _ in listed_claims(output, "denied")] == ["Claim 1"]


def chart_rows(chart: str) -> list[tuple[str, int, int]]:
    """(month, count, column height) of a chart, from its table and its columns."""
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', chart)
    heights = re.findall(r'height="(\d+)"><title>', chart)
    return [(month, int(count), int(height)) for (month, count), height in zip(rows, heights, strict=True)]


def test_the_claims_charts_count_each_status_month_by_month_on_one_scale(theme_site):
    index = (theme_site / "claims" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart.*?</figure>', index, re.S)
    statuses = [re.search(r'"chart-caption">(\w+) claims per month<', chart)[1].lower() for chart in charts]
    assert statuses == [status for status in STATUSES if listed_claims(theme_site, status)]
    heights_of = {}
    for status, chart in zip(statuses, charts, strict=True):
        listed = {}
        for _, address in listed_claims(theme_site, status):
            month = f"{date(int(address[:4]), int(address[5:7]), 1):%B %Y}"
            listed[month] = listed.get(month, 0) + 1
        rows = chart_rows(chart)
        assert {month: count for month, count, _ in rows if count} == listed, status
        for _, count, height in rows:
            heights_of.setdefault(count, set()).add(height)
    # One scale: the same count is as tall in every status's chart.
    assert all(len(heights) == 1 for heights in heights_of.values()), heights_of


def test_a_digest_without_claims_says_so_on_the_claims_page(make_content, tmp_path):
    content = make_content("item_valid.md")
    output = tmp_path / "output"
    assert sites.build(content, output).returncode == 0
    index = text_of((output / "claims/index.html").read_text(encoding="utf-8"))
    assert "No item records a claim yet." in index and "0 claims, by their standing" not in index


def test_an_items_claimant_and_title_keep_the_items_language_among_the_sites_words(make_content, run_build, tmp_path):
    """ "Claimed by" is the site's English; the claimant and the item's title are the item's
    Arabic, which a screen reader must read as Arabic."""
    output = tmp_path / "output"
    assert run_build(make_content("item_in_arabic_with_locations.md"), output).code == 0
    claimant = 'Claimed by <bdi lang="ar" dir="rtl">مسؤولون في المعارضة</bdi>'
    assert claimant in (output / "2016/12/14/syrian-army-resumes-aleppo-operations/index.html").read_text()
    listed = (output / "claims/reported/index.html").read_text()
    assert claimant in listed
    assert '<bdi lang="ar" dir="rtl">الجيش السوري يستأنف عملياته في شرق حلب</bdi>' in listed
