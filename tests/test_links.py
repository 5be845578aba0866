"""No broken internal link anywhere in the built fixture site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# A form's action is where a reader goes by it: the masthead's search box leads to /search/.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "form": "action"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def target_file(output: Path, page: Path, link: str) -> Path | None:
    """The file a same-site link points at, or None for links to other sites."""
    page_url = "/" + page.relative_to(output).as_posix()
    parts = urlsplit(urljoin(page_url, link))
    if parts.scheme or parts.netloc:
        return None
    path = output / unquote(parts.path).lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def test_every_internal_link_resolves(taxonomy_site):
    pages = sorted(taxonomy_site.rglob("*.html"))
    assert len(pages) > 80
    broken = []
    for page in pages:
        for link in links_of(page.read_text(encoding="utf-8")):
            target = target_file(taxonomy_site, page, link)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(taxonomy_site)} -> {link}")
    assert broken == []


def test_every_page_is_reachable_from_the_front_page(taxonomy_site):
    seen, queue = set(), [taxonomy_site / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen or page.suffix != ".html":
            continue
        seen.add(page)
        for link in links_of(page.read_text(encoding="utf-8")):
            target = target_file(taxonomy_site, page, link)
            if target is not None and target.is_file():
                queue.append(target)
    unreachable = {page.relative_to(taxonomy_site).as_posix() for page in taxonomy_site.rglob("*.html")} - {
        page.relative_to(taxonomy_site).as_posix() for page in seen
    }
    assert unreachable <= {"404.html"}
