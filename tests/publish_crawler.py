"""Serve a built site as GitHub Pages would, and crawl it the way readers and feed readers do.

The site is served on a loopback port under the path of its public address (e.g. /digest/
for https://example.github.io/digest/); every other path answers 404, and a missing page
under the site answers 404 with the site's 404.html, as GitHub Pages does. The crawler works
in public URLs and fetches each one from the loopback server, so a link that would leave the
sub-path on GitHub Pages leaves it here too.
"""

from __future__ import annotations

import functools
import json
import re
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import yaml
from loopback import QuietHandler, serving

# Attributes that make a browser fetch or navigate to a URL.
HTML_URL_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
# Elements of RSS, Atom, OPML and sitemaps whose text is a URL.
XML_URL_TEXT = {"link", "loc", "comments", "url", "icon", "logo"}
# Attributes of those formats that hold a URL.
XML_URL_ATTRIBUTES = {"href", "src", "url", "xmlUrl", "htmlUrl"}
# Elements whose text is HTML that a feed reader renders.
XML_HTML_TEXT = {"description", "content", "summary", "encoded"}
JSON_URL_KEYS = {"home_page_url", "feed_url", "next_url", "icon", "favicon", "url", "external_url", "image", "avatar"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class _GitHubPagesHandler(QuietHandler):
    """Serves `directory` under `prefix` only; a missing page gets 404.html, like GitHub Pages."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix) :]
        target = Path(self.translate_path(self.path))
        missing = not target.exists() or (target.is_dir() and not (target / "index.html").is_file())
        if missing and (Path(self.directory) / "404.html").is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@contextmanager
def serve_like_github_pages(folder: Path, siteurl: str):
    """Serve `folder` at the path of `siteurl` on 127.0.0.1; yield the loopback origin."""
    prefix = urlsplit(siteurl).path or "/"
    with serving(functools.partial(_GitHubPagesHandler, directory=str(folder), prefix=prefix)) as origin:
        yield origin


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a link should name the page itself, not a redirect to it


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with _opener.open(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class _HTMLLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if value and name in HTML_URL_ATTRIBUTES:
                self.links.append(value)
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                self.links.append(candidate.split()[0])
        meta_name = attributes.get("property") or attributes.get("name") or ""
        if tag == "meta" and meta_name.endswith((":url", ":image")) and attributes.get("content"):
            self.links.append(attributes["content"])


def html_links(text: str) -> list[str]:
    parser = _HTMLLinks()
    parser.feed(text)
    parser.close()
    return parser.links


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def xml_links(text: bytes) -> list[str]:
    """URLs in RSS, Atom, OPML, a sitemap, and in the HTML that feed entries carry."""
    links = []
    for element in ElementTree.fromstring(text).iter():
        name = _local(element.tag)
        for attribute, value in element.attrib.items():
            if _local(attribute) in XML_URL_ATTRIBUTES:
                links.append(value)
        body = (element.text or "").strip()
        if not body:
            continue
        is_url = name in XML_URL_TEXT and "href" not in element.attrib
        is_permalink = name == "guid" and element.get("isPermaLink", "true") != "false"
        if is_url or is_permalink:
            links.append(body)
        elif name in XML_HTML_TEXT and "<" in body:
            links += html_links(body)
    return links


def json_links(value) -> list[str]:
    """URLs in a JSON Feed: the link fields, and links inside content_html."""
    links = []
    if isinstance(value, dict):
        for key, member in value.items():
            if key in JSON_URL_KEYS and isinstance(member, str):
                links.append(member)
            elif key == "content_html" and isinstance(member, str):
                links += html_links(member)
            else:
                links += json_links(member)
    elif isinstance(value, list):
        for member in value:
            links += json_links(member)
    return links


def robots_links(text: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lower().startswith("sitemap:")]


def css_links(text: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(text)]


def is_feed_or_list(path: str) -> bool:
    """Files whose URLs must all be absolute: feeds, OPML, sitemaps, robots.txt."""
    return path.endswith((".xml", ".json", ".opml", ".txt"))


def links_in(path: str, body: bytes) -> list[str]:
    if path.endswith("/") or path.endswith(".html"):
        return html_links(body.decode("utf-8"))
    if path.endswith((".xml", ".opml")):
        return xml_links(body)
    if path.endswith(".json"):
        return json_links(json.loads(body))
    if path.endswith("robots.txt"):
        return robots_links(body.decode("utf-8"))
    if path.endswith(".css"):
        return css_links(body.decode("utf-8"))
    return []


@dataclass
class Crawl:
    siteurl: str  # public address of the site root, ending with "/"
    origin: str  # loopback origin that serves it
    allowed_outside: set[str]  # the only URLs that may point outside the site
    statuses: dict[str, int] = field(default_factory=dict)  # public URL -> HTTP status
    problems: list[str] = field(default_factory=list)

    def loopback(self, url: str) -> str:
        return self.origin + urlsplit(url).path

    def inside(self, url: str) -> bool:
        return url.startswith(self.siteurl)

    def run(self, starts, expected_missing=()):
        """Fetch every URL reachable from `starts`; a URL in `expected_missing` must answer 404."""
        queue = [(url, "(start)") for url in [*starts, *expected_missing]]
        seen = {url for url, _ in queue}
        while queue:
            url, referrer = queue.pop(0)
            status, body = fetch(self.loopback(url))
            self.statuses[url] = status
            expected = 404 if url in expected_missing else 200
            if status != expected:
                self.problems.append(f"{url} (linked from {referrer}): HTTP {status}")
                continue
            for link in links_in(urlsplit(url).path, body):
                target = self.check(url, link)
                if target and target not in seen:
                    seen.add(target)
                    queue.append((target, url))
        return self

    def check(self, page: str, link: str) -> str | None:
        """Record what is wrong with one link; return the page URL to crawl, if it is one."""
        scheme = urlsplit(link).scheme
        if scheme in ("mailto", "tel", "data"):
            return None
        if is_feed_or_list(urlsplit(page).path) and scheme not in ("http", "https"):
            self.problems.append(f"{page}: relative URL {link!r} (feeds, OPML, sitemaps need absolute URLs)")
            return None
        target = urldefrag(urljoin(page, link)).url
        if urlsplit(target).scheme not in ("http", "https"):
            self.problems.append(f"{page}: {link!r} is not a web link")
            return None
        if self.inside(target):
            return target
        if target not in self.allowed_outside:
            same_host = urlsplit(target).netloc == urlsplit(self.siteurl).netloc
            where = "outside the site's sub-path" if same_host else "outside the site"
            self.problems.append(f"{page}: {link!r} points {where}, and is not an original story or source")
        return None

    def pages(self) -> set[str]:
        """The HTML pages that answered 200, by their folder URL."""
        return {
            re.sub(r"index\.html$", "", url)
            for url, status in self.statuses.items()
            if status == 200 and (url.endswith("/") or url.endswith(".html"))
        }


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def original_story_urls(content: Path) -> set[str]:
    """What a digest may link to outside itself: stories, their archives, and the sources' sites."""
    urls = {source["url"] for source in yaml.safe_load((content / "sources.yaml").read_text(encoding="utf-8"))}
    for item in (content / "items").rglob("*.md"):
        meta = front_matter(item)
        urls.add(meta["source"]["url"])
        if meta.get("archive_url"):
            urls.add(meta["archive_url"])
    return urls


def public_path(url: str) -> str:
    return unquote(urlsplit(url).path)
