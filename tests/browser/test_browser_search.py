"""Search in Chromium, on a site published under a GitHub Pages sub-path: a word of an item's
summary finds it, a source filter narrows the results, every result leads to its item, no
request leaves the site, and without JavaScript the page says what to do instead."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from browsing import ARTIFACTS, Tab

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from publish_crawler import fetch, serve_like_github_pages  # noqa: E402
from test_publish_site import publish  # noqa: E402

CONTENT = ROOT / "tests" / "fixtures" / "publish_site"
RESULTS = ".pagefind-ui__result-link"
EARLIER_ITEM = """---
title: "Pontoon bridge opened downstream"
date: 2023-05-10T08:00:00+00:00
summary: Engineers opened a pontoon bridge downstream of the port, the wire reported.
source:
  name: Reuters
  url: https://www.reuters.com/world/pontoon-bridge-2023-05-10/
tags: [infrastructure]
countries: [YE]
slug: pontoon-bridge
---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The publish fixture site, built for http://127.0.0.1:<port>/digest/ and served there."""
    folder = tmp_path_factory.mktemp("search")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    # An item of an earlier year: its index is another, which the search page merges in.
    (content / "items" / "2023.md").write_text(EARLIER_ITEM, encoding="utf-8")
    arabic = (ROOT / "tests" / "fixtures" / "item_in_arabic_with_locations.md").read_text(encoding="utf-8")
    (content / "items" / "arabic.md").write_text(arabic.replace("name: MEE", "name: Reuters"), encoding="utf-8")
    output = folder / "output"
    output.mkdir()
    with serve_like_github_pages(output, "http://127.0.0.1/digest/") as origin:
        siteurl = f"{origin}/digest/"
        result = publish(content, output, siteurl.rstrip("/"))
        assert result.returncode == 0, result.stderr
        yield siteurl


# The search is over when the interface says how many it found ("7 results for the") and
# shows them: the first five, the others behind "Load more results".
FOUND = f"""() => {{
  const said = /^(\\d+) results? for /.exec(document.querySelector('.pagefind-ui__message')?.innerText || '');
  return said !== null && document.querySelectorAll('{RESULTS}').length >= Math.min(Number(said[1]), 5);
}}"""


def search(context, url: str):
    tab = Tab(context)
    visit = tab.open(url)
    tab.page.wait_for_function(FOUND, timeout=30_000)
    return tab.page, visit


def result_links(page) -> list[str]:
    return [link.get_attribute("href") for link in page.query_selector_all(RESULTS)]


def test_a_word_of_a_summary_finds_its_item_and_every_result_leads_to_it(browser, site):
    context = browser.new_context()
    page, visit = search(context, site + "search/?q=paperwork")
    links = result_links(page)
    assert links == ["/digest/2024/03/02/aid-convoy-turned-back/"]
    # Only the sources the results have are offered, in groups drawn without a box around them.
    page.click("summary:has-text('Source')")
    assert page.locator("label.pagefind-ui__filter-label:visible").all_inner_texts() == ["UN OCHA (1)"]
    assert page.evaluate("getComputedStyle(document.querySelector('#search fieldset')).borderTopStyle") == "none"
    origin = site.removesuffix("/digest/")
    for link in links:
        status, body = fetch(origin + link)
        assert status == 200 and b"Aid convoy turned back at crossing" in body
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "search-results-1280-light.png", full_page=True)
    assert not visit.problems()
    assert all(request.startswith(site) for request in visit.requests)
    context.close()


def result_count(page) -> int:
    """How many results the search found, as it says ("7 results for the")."""
    return int(page.inner_text(".pagefind-ui__message").split()[0])


def test_a_result_in_arabic_reads_right_to_left(browser, site):
    context = browser.new_context()
    page, visit = search(context, site + "search/?q=الإجلاء")
    assert result_links(page) == ["/digest/2016/12/14/syrian-army-resumes-aleppo-operations/"]
    # The title and the excerpt end at the right edge of the result, as Arabic text starts there.
    edges = page.evaluate(
        "['.pagefind-ui__result-inner', '.pagefind-ui__result-title', '.pagefind-ui__result-excerpt'].map("
        "(selector) => { const box = document.querySelector(selector).getBoundingClientRect();"
        " const range = document.createRange(); range.selectNodeContents(document.querySelector(selector));"
        " return [box.right, range.getBoundingClientRect().right]; })"
    )
    (inner, _), (_, title_text), (_, excerpt_text) = edges
    assert abs(title_text - inner) < 2 and abs(excerpt_text - inner) < 2, edges
    assert not visit.problems()
    context.close()


def test_the_indexes_of_every_year_are_searched_together(browser, site):
    context = browser.new_context()
    page, visit = search(context, site + "search/?q=pontoon")
    assert result_links(page) == ["/digest/2023/05/10/pontoon-bridge/"]
    page, visit = search(context, site + "search/?q=port")
    assert {"/digest/2023/05/10/pontoon-bridge/", "/digest/2024/03/01/shelling-reported-near-port/"} <= set(
        result_links(page)
    )
    assert not visit.problems()
    context.close()


def test_a_source_filter_narrows_the_results(browser, site):
    context = browser.new_context()
    page, visit = search(context, site + "search/?q=the")
    everything = result_count(page)
    page.click("summary:has-text('Source')")
    page.click("label.pagefind-ui__filter-label:has-text('Reuters')")
    page.wait_for_function(
        "total => { const words = document.querySelector('.pagefind-ui__message').innerText.split(' ');"
        " const count = Number(words[0]); return count > 0 && count < total; }",
        arg=everything,
        timeout=30_000,
    )
    page.wait_for_selector(RESULTS)
    narrowed = result_links(page)
    assert 0 < result_count(page) < everything and narrowed
    origin = site.removesuffix("/digest/")
    for link in narrowed:
        status, body = fetch(origin + link)
        assert status == 200
        assert b'data-pagefind-filter="source"><a href="' in body and b"<bdi>Reuters</bdi></a></li>" in body
    assert not visit.problems()
    context.close()


def test_the_masthead_form_searches_from_any_page(browser, site):
    context = browser.new_context()
    tab = Tab(context)
    tab.open(site)
    tab.page.fill("#search-terms", "prisoner")
    tab.page.press("#search-terms", "Enter")
    tab.page.wait_for_function(FOUND, timeout=30_000)
    tab.page.wait_for_selector(RESULTS, timeout=30_000)
    assert tab.page.url == site + "search/?q=prisoner"
    assert result_links(tab.page) == ["/digest/2024/03/04/ceasefire-talks-stall/"]
    # On the search page, one box: the search's own, holding the words searched for.
    boxes = tab.page.locator("input:not([type=checkbox])")
    assert boxes.count() == 1 and boxes.input_value() == "prisoner"
    # Beside the filters, the results are as wide as a column of text (42rem) on a wide screen.
    widths = tab.page.evaluate(
        "[document.querySelector('.pagefind-ui__results-area').getBoundingClientRect().width,"
        " 42 * parseFloat(getComputedStyle(document.documentElement).fontSize), window.innerWidth]"
    )
    assert widths[2] >= 1280 and widths[0] >= widths[1], widths
    context.close()


def test_without_javascript_the_search_page_explains_itself(browser, site):
    context = browser.new_context(java_script_enabled=False)
    tab = Tab(context)
    visit = tab.open(site + "search/?q=paperwork")
    text = tab.page.inner_text("main")
    assert "Search runs in your browser and needs JavaScript, which is off." in text
    for index in ("sources", "countries", "tags", "archives"):
        assert tab.page.query_selector(f"main a[href='{site}{index}/']"), index
    # Nothing of the search is fetched: no script runs to ask for it.
    assert not [request for request in visit.requests if "/pagefind/" in request and request.endswith(".pf_meta")]
    tab.page.screenshot(path=ARTIFACTS / "search-no-javascript-360-light.png", full_page=True)
    context.close()


def test_the_search_page_says_it_is_loading_and_when_the_search_cannot_be_loaded(browser, site):
    """On a slow connection the interface (about 120 KB) takes a while; blocked, it never comes.
    Either way the page says so, with the indexes, instead of staying empty."""
    context = browser.new_context()
    held = []
    tab = Tab(context)
    tab.page.route("**/pagefind-ui.js", lambda route: held.append(route))  # before the tab's own, registered first
    tab.page.goto(site + "search/?q=paperwork", wait_until="domcontentloaded")  # the load waits for the script
    loading = tab.page.locator(".search-loading")
    loading.wait_for(state="visible")
    assert loading.inner_text().startswith("Loading the search…") and len(held) == 1
    assert tab.page.locator(f".search-loading a[href='{site}sources/']").is_visible()
    held[0].abort()
    failed = tab.page.locator(".search-failed")
    failed.wait_for(state="visible")
    assert failed.inner_text().startswith(
        "The search could not be loaded; try again later. Every item is also listed by"
    )
    assert not loading.is_visible()
    tab.page.screenshot(path=ARTIFACTS / "search-not-loaded-1280-light.png", full_page=True)
    context.close()


def test_only_the_search_page_loads_the_search(browser, site):
    context = browser.new_context()
    tab = Tab(context)
    visit = tab.open(site + "2024/03/02/aid-convoy-turned-back/")
    assert not [request for request in visit.requests if "/pagefind/" in request or request.endswith(".js")]
    context.close()
