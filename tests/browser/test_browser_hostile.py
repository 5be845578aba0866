"""Markup and script in every field of a fixture site: it builds, and in Chromium nothing runs or loads."""

from __future__ import annotations

from browsing import Tab, open_page

# What the page may not contain once sanitised and escaped, as a script run in the page checks it.
DOM_PROBLEMS = """() => {
  const problems = [];
  // The search page's own scripts, and what they draw in its search box, are the theme's.
  const searchPage = location.pathname.endsWith('/search/');
  const ownScript = (script) => searchPage && script.src.startsWith(location.origin + '/')
    && ['/pagefind-ui.js', '/theme/js/search.js'].some((end) => script.src.endsWith(end));
  for (const script of document.scripts) {
    if (script.type !== 'application/ld+json' && !ownScript(script)) problems.push('script element: ' + script.outerHTML.slice(0, 80));
  }
  for (const element of document.querySelectorAll('*')) {
    if (searchPage && element.closest('#search')) continue;  // Pagefind's own interface
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) problems.push(`${element.tagName} has ${attribute.name}`);
      if (attribute.name === 'style') problems.push(`${element.tagName} has a style attribute`);
      if (['href', 'src', 'action', 'data', 'formaction'].includes(attribute.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)) {
        problems.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      }
    }
  }
  // The masthead's search form, and the search page's box, are the only forms.
  const theme = 'form.site-search, form.site-search *, #search *';
  for (const tag of ['iframe', 'object', 'embed', 'form', 'input', 'base', 'video', 'audio']) {
    for (const element of document.querySelectorAll(tag)) {
      if (!element.matches(theme) || (element.closest('#search') && !searchPage)) problems.push(`a ${tag} element`);
    }
  }
  // The only SVG is the theme's charts, and they hold shapes and text, nothing that links or loads.
  for (const svg of document.querySelectorAll('svg')) {
    if (!svg.matches('figure.chart > .chart-frame > svg.chart-plot')) problems.push('a svg element outside a chart');
    for (const element of svg.querySelectorAll('*')) {
      if (!['rect', 'text', 'title', 'desc'].includes(element.tagName)) problems.push(`${element.tagName} in a chart`);
    }
  }
  if (document.querySelector('body style, body link, meta[http-equiv]')) problems.push('style, link or refresh in the body');
  return problems;
}"""


def test_nothing_in_the_content_runs_or_loads_from_elsewhere(browser, hostile_site, hostile_site_url):
    context = browser.new_context(viewport={"width": 360, "height": 900})
    findings = {}
    try:
        tab = Tab(context)
        for path in sorted(hostile_site.rglob("*.html")):
            address = hostile_site_url + str(path.relative_to(hostile_site)).removesuffix("index.html")
            visit = tab.open(address)
            found = visit.dialogs + visit.page_errors + [f"left loopback: {url}" for url in visit.off_site]
            found += tab.page.evaluate(DOM_PROBLEMS)
            if found:
                findings[address] = found
    finally:
        context.close()
    assert not findings


def test_a_search_of_the_hostile_site_runs_nothing_and_shows_its_filters_as_text(browser, hostile_site_url):
    """Pagefind reads the name of a tag or source filter as HTML (a name with markup or a
    character reference is refused): one that breaks out of attributes (" onmouseover=")
    and holds & shows as it is written, as text."""
    context = browser.new_context()
    try:
        tab = Tab(context)
        visit = tab.open(hostile_site_url + "search/?q=alert")
        # The source filter, whose name breaks out of attributes and holds &, shown as written
        # (the filters of each year's index come in as it loads).
        tab.page.wait_for_function(
            """() => [...document.querySelectorAll('.pagefind-ui__filter-label')]
                     .some(label => label.textContent.includes('" on') && label.textContent.includes(' & '))""",
            timeout=20000,
        )
        assert visit.dialogs == [] and visit.page_errors == [] and visit.off_site == []
        assert tab.page.locator("#search .pagefind-ui__filter-label *").count() == 0
        assert tab.page.locator("#search img, #search script:not([src])").count() == 0
    finally:
        context.close()


def test_the_hostile_item_still_shows_its_text_as_text(browser, hostile_site, hostile_site_url):
    """Escaped, not dropped: a reader sees the markup a curator typed, as words."""
    pages = [path for path in hostile_site.rglob("index.html") if "<script>" in path.read_text(encoding="utf-8")]
    assert not pages, f"raw <script> in {pages}"
    context = browser.new_context()
    try:
        page, _ = open_page(context, hostile_site_url)
        assert "<script>" in page.locator("main").inner_text() or "onerror" in page.locator("main").inner_text()
    finally:
        context.close()


def test_the_page_check_finds_planted_handlers_and_scripts(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<p><img src="x" onerror="void 0"><a href="javascript:void 0">x</a></p><script>void 0</script>'
            '<svg></svg><figure class="chart"><div class="chart-frame"><svg class="chart-plot"><a href="/"><rect/></a></svg></div>'
            "</figure>"
        )
        found = page.evaluate(DOM_PROBLEMS)
        assert "a svg element outside a chart" in found and "a in a chart" in found
        assert any("onerror" in problem for problem in found)
        assert any("javascript:" in problem for problem in found)
        assert any(problem.startswith("script element") for problem in found)
    finally:
        context.close()
