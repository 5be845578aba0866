"""Every page type in Chromium at phone and desktop width, light and dark: a screenshot, and no
console error, failed or off-site request, horizontal scrolling or serious accessibility problem."""

from __future__ import annotations

import functools

import pytest
from browsing import ARTIFACTS, axe_source, open_page

PAGE_TYPES = {
    "front": "",
    "front-page-2": "page/2/",
    "item": "2016/12/11/russia-denies-aleppo-exit-deal/",
    "item-rtl": "2016/12/14/syrian-army-resumes-operations-east-aleppo/",
    "item-plain": "2016/12/09/repairs-to-avdiivkas-water-filtration-plant-halted-again-by-shelling/",
    "source": "sources/reuters/",
    "tag": "tags/aleppo/",
    "country": "countries/sy/",
    "month": "2016/12/",
    "sources": "sources/",
    "tags": "tags/",
    "countries": "countries/",
    "archives": "archives/",
    "claims": "claims/",
    "search": "search/",
    "claims-denied": "claims/denied/",
    "weeks": "weeks/",
    "week": "weeks/2016-W49/",
    "stories": "stories/",
    "story": "stories/aleppo-evacuation-2016/",
    "page": "corrections/",
    "data": "data/",
    "404": "404.html",
}
WIDTHS = (360, 1280)
NARROWEST = 320
SCHEMES = ("light", "dark")


@functools.cache
def axe() -> str:
    return axe_source()


# Of axe's rules, only these depend on colours, so the second colour scheme runs only them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def serious_violations(page, rules: list[str] | None = None) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe())
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def sideways_overflow(page) -> int:
    """How many pixels the page scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def heading_problems(page) -> list[str]:
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "els => els.map(el => Number(el.tagName[1]))")
    problems = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1 headings"]
    for before, after in zip([0, *levels], levels, strict=False):
        if after > before + 1:
            problems.append(f"h{after} follows h{before}")
    return problems


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, color_scheme=SCHEMES[0])
    yield context
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type(context, theme_site_url, page_type):
    """One load, then each width and colour scheme in turn: both re-apply the CSS without a reload."""
    page, visit = open_page(context, theme_site_url + PAGE_TYPES[page_type])
    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            page.screenshot(path=ARTIFACTS / f"{page_type}-{width}-{scheme}.png", full_page=True)
            found = []
            overflow = sideways_overflow(page)
            if overflow > 0:
                found.append(f"the page scrolls sideways by {overflow}px")
            found += serious_violations(page, None if scheme == SCHEMES[0] else COLOUR_RULES)
            if found:
                problems[f"{width}px {scheme}"] = found
    # The narrowest phones: no screenshot, but no sideways scrolling either.
    page.set_viewport_size({"width": NARROWEST, "height": 900})
    overflow = sideways_overflow(page)
    problems.update({f"{NARROWEST}px": [f"the page scrolls sideways by {overflow}px"]} if overflow > 0 else {})
    problems.update({"loading": visit.problems()} if visit.problems() else {})
    landmarks = [role for role in ("banner", "navigation", "main", "contentinfo") if not page.get_by_role(role).count()]
    problems.update({"missing landmarks": landmarks} if landmarks else {})
    problems.update({"headings": heading_problems(page)} if heading_problems(page) else {})
    assert not problems


def test_the_checks_notice_what_they_look_for(context, theme_site_url):
    """A planted problem of each kind is caught, so a clean result above means something."""
    page, visit = open_page(context, theme_site_url)
    page.evaluate("""() => {
        const faint = document.createElement('p');
        faint.textContent = 'Barely readable';
        faint.style.cssText = 'color: #999; background: #aaa';
        document.querySelector('main').append(faint);
        console.error('planted error');
        fetch('https://example.org/planted').catch(() => {});
    }""")
    page.wait_for_timeout(200)
    assert any(problem.startswith("color-contrast") for problem in serious_violations(page))
    assert "planted error" in visit.console_errors
    assert "https://example.org/planted" in visit.off_site
    assert sideways_overflow(page) == 0
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<div style=\"width: 2000px\">wide</div>')"
    )
    assert sideways_overflow(page) > 0
    page.set_content("<h1>One</h1><h3>Three</h3>")
    assert heading_problems(page) == ["h3 follows h1"]


def test_keyboard_focus_is_visible(context, theme_site_url):
    page, _ = open_page(context, theme_site_url + PAGE_TYPES["item"])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, "the skip link stays off screen when focused"
    for _ in range(3):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const style = getComputedStyle(document.activeElement); "
            "return [style.outlineStyle, parseFloat(style.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, f"{page.locator(':focus').inner_text()!r} shows no focus ring"


def test_right_to_left_item_reads_right_to_left(context, theme_site_url):
    page, _ = open_page(context, theme_site_url + PAGE_TYPES["item-rtl"])
    story = page.locator("article").first
    assert story.get_attribute("lang") == "ar" and story.get_attribute("dir") == "rtl"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The site's own words around it keep their direction, so "Read the original at SANA" stays in order.
    original = page.get_by_role("link", name="Read the original at SANA")
    assert original.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # The quote reads right to left, upright: Arabic has no italics, a browser would only slant it.
    quote = page.locator(".quote p")
    assert quote.evaluate("el => [getComputedStyle(el).direction, getComputedStyle(el).fontStyle]") == ["rtl", "normal"]
    # The original's Arabic headline lines up on the right; the English box of the item's place in
    # its story reads from its bar on the left, as English does.
    headline = page.locator(".original-title")
    assert headline.evaluate("el => [getComputedStyle(el).direction, getComputedStyle(el).textAlign]") == [
        "rtl",
        "start",
    ]
    part = page.locator(".story-part")
    assert part.evaluate("el => [getComputedStyle(el).direction, getComputedStyle(el).textAlign]") == ["ltr", "left"]
    # In an English item, a quote or claim in Arabic takes its own direction too.
    page.goto(theme_site_url + PAGE_TYPES["item"])
    for text in page.locator(".quote p, .claim-text").all():
        text.evaluate("el => { el.textContent = 'قالت وكالة سانا'; }")
        assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.goto(theme_site_url)
    card = page.locator("article", has=page.get_by_role("link", name="الجيش السوري", exact=False))
    assert card.get_attribute("dir") == "rtl" and card.get_attribute("lang") == "ar"


def test_item_reads_without_javascript(browser, theme_site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 900})
    try:
        page, visit = open_page(context, theme_site_url + PAGE_TYPES["item"])
        assert page.get_by_role("heading", level=1).inner_text().startswith("Russia denies any deal")
        assert page.get_by_role("link", name="Read the original at Middle East Eye").is_visible()
        # Each claim's standing is a word on the page, not only a colour.
        statuses = page.locator(".claim").evaluate_all("claims => claims.map(claim => claim.innerText.toLowerCase())")
        assert len(statuses) == 4
        assert all(any(word in text for word in ("denied", "reported", "unverified")) for text in statuses)
        assert not visit.problems()
    finally:
        context.close()


def test_dark_mode_follows_the_reader_setting(context, theme_site_url):
    page, _ = open_page(context, theme_site_url)
    backgrounds = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        backgrounds.append(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    light, dark = (sum(int(part) for part in colour[4:-1].split(",")[:3]) for colour in backgrounds)
    assert dark < light / 2, backgrounds


def test_print_leaves_out_navigation_and_shows_where_links_go(context, theme_site_url):
    page, _ = open_page(context, theme_site_url + PAGE_TYPES["item"])
    page.emulate_media(media="print", color_scheme="dark")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "item-print.png", full_page=True)
    assert not page.get_by_role("navigation", name="Sections").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    after = page.get_by_role("link", name="Read the original at Middle East Eye").evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "https://www.middleeasteye.net/news/battle-aleppo-russia-denies" in after


def test_month_names_are_never_broken_across_lines(context, theme_site_url):
    page, _ = open_page(context, theme_site_url + PAGE_TYPES["archives"])
    shown = "els => els.filter(el => el.offsetParent).map(el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; })"
    with_items = len(page.query_selector_all(".months a"))
    for width in (NARROWEST, *WIDTHS):
        page.set_viewport_size({"width": width, "height": 900})
        lines = page.eval_on_selector_all(".month-name", shown)
        # A phone shows the months with items only; a wider screen all twelve.
        assert len(lines) == (with_items if width <= 576 else 12) and set(lines) == {1}, width


def test_a_short_front_page_lists_its_items_right_under_the_heading(context, theme_site_url):
    """The week at a glance beside the list may be taller than the list: the list still starts under the heading."""
    page, _ = open_page(context, theme_site_url)
    page.set_viewport_size({"width": WIDTHS[1], "height": 900})
    page.evaluate("document.querySelectorAll('.items article').forEach((item, index) => index && item.remove())")
    gap = page.evaluate(
        "document.querySelector('.items article').getBoundingClientRect().top"
        " - document.querySelector('.page-head').lastElementChild.getBoundingClientRect().bottom"
    )
    assert 0 <= gap < 48
