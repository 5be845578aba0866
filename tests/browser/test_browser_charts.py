"""The charts in Chromium: drawn, inside the viewport, in the theme's colours light and dark and
on paper, with no serious accessibility problem; a screenshot of each in tests/artifacts/."""

from __future__ import annotations

import re

import pytest
from browsing import ARTIFACTS, open_page
from test_browser_pages import COLOUR_RULES, PAGE_TYPES, SCHEMES, WIDTHS, serious_violations, sideways_overflow

CHART_PAGES = {name: PAGE_TYPES[name] for name in ("front", "tag", "country", "source", "countries")}
# WCAG 2.1, 1.4.11: what a reader must see of a chart stands out 3:1 from what is behind it.
NON_TEXT_CONTRAST = 3


def luminance(colour: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The colour a bar is drawn in, and the first opaque background behind the chart.
COLOURS = """figure => {
    let element = figure, background = 'rgba(0, 0, 0, 0)';
    while (element && /rgba\\(.*, 0\\)$|transparent/.test(background)) {
        background = getComputedStyle(element).backgroundColor;
        element = element.parentElement;
    }
    const bar = [...figure.querySelectorAll('rect')].find(rect => rect.getBBox().height > 0);
    return {bar: getComputedStyle(bar).fill, background};
}"""


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, color_scheme=SCHEMES[0])
    yield context
    context.close()


@pytest.mark.parametrize("page_type", CHART_PAGES)
def test_chart_is_drawn_inside_the_viewport_in_both_colour_schemes(context, theme_site_url, page_type):
    page, visit = open_page(context, theme_site_url + CHART_PAGES[page_type])
    chart = page.locator("figure.chart")
    assert chart.count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    problems, bars = {}, {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            chart.screenshot(path=ARTIFACTS / f"chart-{page_type}-{width}-{scheme}.png")
            found = []
            plot = chart.locator("svg").bounding_box()
            if not (plot and plot["width"] > 100 and plot["height"] > 40):
                found.append(f"the chart is drawn {plot}")
            elif plot["x"] < 0 or plot["x"] + plot["width"] > width:
                found.append(f"the chart runs out of the viewport: {plot}")
            if overflow := sideways_overflow(page):
                found.append(f"the page scrolls sideways by {overflow}px")
            colours = chart.evaluate(COLOURS)
            bars[scheme] = colours["bar"]
            if contrast(colours["bar"], colours["background"]) < NON_TEXT_CONTRAST:
                found.append(f"bars {colours['bar']} on {colours['background']}")
            found += serious_violations(page, None if scheme == SCHEMES[0] else COLOUR_RULES)
            if found:
                problems[f"{width}px {scheme}"] = found
    assert bars["light"] != bars["dark"], "the bars keep one colour in both schemes"
    assert not problems and not visit.problems(), (problems, visit.problems())


def test_a_chart_names_itself_and_gives_its_numbers_as_a_table(context, theme_site_url):
    from playwright.sync_api import expect

    page, _ = open_page(context, theme_site_url + CHART_PAGES["tag"])
    image = page.get_by_role("img", name="Items per month, November 2016 to December 2016")
    assert image.is_visible()
    expect(image).to_have_accessible_description("7 items; the most: December 2016, with 5.")
    table = page.locator("figure.chart table")
    assert not table.is_visible()
    page.get_by_text("The numbers").click()
    assert table.is_visible()
    rows = table.locator("tbody tr").evaluate_all("rows => rows.map(row => row.innerText.split('\\t'))")
    titles = page.locator("svg rect title").all_text_contents()
    assert [f"{month}: {count} item{'s' if count != '1' else ''}" for month, count in rows] == titles


@pytest.mark.parametrize("page_type", ["tag", "countries"])
def test_a_chart_prints_in_black(context, theme_site_url, page_type):
    page, _ = open_page(context, theme_site_url + CHART_PAGES[page_type])
    page.emulate_media(media="print", color_scheme="dark")
    page.screenshot(path=ARTIFACTS / f"chart-{page_type}-print.png", full_page=True)
    assert page.locator("figure.chart svg").is_visible()
    assert chart_bar_fill(page) == "rgb(0, 0, 0)"
    assert not page.get_by_text("The numbers").is_visible()


def chart_bar_fill(page) -> str:
    return page.locator("figure.chart rect").first.evaluate("rect => getComputedStyle(rect).fill")


# Each column's centre and its label's, for the charts that label every column.
CENTRES = """figure => {
    const middle = box => box.left + box.width / 2;
    const labels = [...figure.querySelectorAll('.chart-axis-each span')].map(span => middle(span.getBoundingClientRect()));
    const columns = [...figure.querySelectorAll('rect')].map(rect => middle(rect.getBoundingClientRect()));
    return {labels, columns};
}"""


@pytest.mark.parametrize("page_type", ["claims", "front"])
def test_each_columns_label_is_under_it(context, theme_site_url, page_type):
    """Even under a caption wider than the chart."""
    page, _ = open_page(context, theme_site_url + PAGE_TYPES[page_type])
    charts = page.locator("figure.chart", has=page.locator(".chart-axis-each"))
    assert charts.count()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for index in range(charts.count()):
            centres = charts.nth(index).evaluate(CENTRES)
            assert len(centres["labels"]) == len(centres["columns"])
            assert all(abs(label - column) < 2 for label, column in zip(*centres.values(), strict=True)), centres


def test_charts_side_by_side_share_their_baseline_whatever_their_captions(context, theme_site_url):
    """The claims' charts are drawn to one scale to be compared: a caption on two lines does not
    lower its plot below its neighbours'."""
    page, _ = open_page(context, theme_site_url + "claims/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".chart-grid .chart-caption").nth(1).evaluate(
        "el => { el.textContent = 'Unverified claims per quarter of the year, on two lines'; }"
    )
    plots = page.locator(".chart-grid .chart-plot").evaluate_all(
        "plots => plots.map(plot => [Math.round(plot.getBoundingClientRect().top), plot.getBoundingClientRect().bottom])"
    )
    captions = page.locator(".chart-grid .chart-caption").evaluate_all("els => els.map(el => el.offsetHeight)")
    assert captions[1] > captions[0]  # the caption did wrap
    # 1280 px wide holds four charts a row: the first four share one baseline.
    assert len(plots) >= 4 and len({round(bottom) for _, bottom in plots[:4]}) == 1, plots
