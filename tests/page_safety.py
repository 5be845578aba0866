"""What a built page must never contain, whatever the content: script that runs, markup that
loads from another site, or a way out of the JSON-LD block. Used on the hostile fixture site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# Attributes whose value a browser follows or fetches.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "xlink:href"}
URL_ATTRIBUTES |= {"data-interface"}  # the search page's script loads Pagefind's interface from it
# Attributes whose value a browser fetches as soon as the page loads.
LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "background", "data-interface"}
# Elements that embed or redirect to other documents; a page of the digest needs none of them.
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal"}
# The theme's own: the masthead's search form, once a page, and the search page's script (which
# loads Pagefind's), from the site. Content cannot make either: the body's sanitiser drops forms
# and scripts.
SEARCH_PAGE = "search/index.html"
SEARCH_SCRIPTS = ("/theme/js/search.js",)
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "import", "manifest"}
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def browser_url(value: str) -> str:
    """The URL as a browser reads it: tabs and line breaks dropped, blanks trimmed, \\ as /."""
    return re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33)))).replace("\\", "/")


def leaves_site(value: str) -> bool:
    url = browser_url(value)
    return bool(urlsplit(url).scheme or urlsplit(url).netloc or url.startswith("//"))


class _Findings(HTMLParser):
    """Collects unsafe markup and the page's text, as a browser would parse it."""

    def __init__(self, page: str = ""):
        super().__init__(convert_charrefs=True)
        self.page = page  # the page's path in the site: "search/index.html"
        self.theme_form = False
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: list[str] | None = None  # the text of the JSON-LD block being read

    def handle_starttag(self, tag, attrs):
        self._check_element(tag, dict(attrs), attrs)

    def handle_startendtag(self, tag, attrs):
        self._check_element(tag, dict(attrs), attrs)
        if tag == "script":
            self._script = None

    def _is_theme_search(self, tag, attributes) -> bool:
        if tag == "form" and not self.theme_form:
            self.theme_form = attributes.get("class") == "site-search" and attributes.get("role") == "search"
            return self.theme_form and browser_url(attributes.get("action") or "").endswith("/search/")
        source = browser_url(attributes.get("src") or "")
        return (
            tag == "script"
            and self.page == SEARCH_PAGE
            and source.endswith(SEARCH_SCRIPTS)
            and not leaves_site(source)
            and set(attributes) == {"src"}
        )

    def _check_element(self, tag, attributes, pairs):
        if self._is_theme_search(tag, attributes):
            return
        if tag == "script":
            if (attributes.get("type") or "").lower() != "application/ld+json" or "src" in attributes:
                self.problems.append(f"a <script> element that runs: {pairs}")
            self._script = []
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"a <{tag}> element")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        for name, value in pairs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"an event handler <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and browser_url(value).lower().startswith(SCRIPT_SCHEMES):
                self.problems.append(f"a script URL <{tag} {name}={value!r}>")
            if name in LOADING_ATTRIBUTES and any(
                leaves_site(part.split()[0]) for part in value.split(",") if part.split()
            ):
                self.problems.append(f"a request to another site <{tag} {name}={value!r}>")
            if name == "style":
                self._check_css(f"<{tag} style>", value)
        rels = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and rels & LINK_RELS_THAT_LOAD and leaves_site(attributes.get("href") or ""):
            self.problems.append(f"a stylesheet or icon from another site: {pairs}")

    def _check_css(self, where, css):
        for url in CSS_URL.findall(css):
            if leaves_site(url) or browser_url(url).lower().startswith(SCRIPT_SCHEMES):
                self.problems.append(f"{where} loads {url!r}")
        if "expression(" in css.lower():
            self.problems.append(f"{where} holds a CSS expression()")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self.lasttag == "style":
            self._check_css("<style>", data)
        else:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            block = "".join(self._script)
            try:
                json.loads(block)
            except ValueError:
                self.problems.append(f"a JSON-LD block that is not JSON (closed early?): {block[:200]!r}")
            self._script = None


def inspect(html: str, page: str = "") -> tuple[list[str], str]:
    """(problems, visible text) of one HTML page, at ``page`` in its site."""
    findings = _Findings(page)
    findings.feed(html)
    findings.close()
    return findings.problems, " ".join(findings.text)


def unsafe_markup(site: Path) -> dict[str, list[str]]:
    """Problems by page, for every HTML page under ``site``."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        problems, _ = inspect(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix())
        if problems:
            found[str(page.relative_to(site))] = problems
    return found


def visible_text(page: Path) -> str:
    return inspect(page.read_text(encoding="utf-8"))[1]
