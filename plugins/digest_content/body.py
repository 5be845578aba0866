"""Markdown body to HTML that cannot run script or load anything from elsewhere."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "*": {"lang", "dir"},
}


# Browsers drop tabs and line breaks inside a URL, trim spaces and control characters around
# it, and read a backslash as a slash, so " /\\evil.example/x.png" is a request to evil.example.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_TRIMMED_AROUND_URL = "".join(map(chr, range(33)))

# Pelican replaces {filename}, {static}, {attach} (or |filename| ...) at the start of a link with
# the address of another content file, and copies {static}/{attach} targets into the output,
# even from outside the content folder. The digest does not use them, so none may pass.
_PELICAN_LINK = re.compile(r"^\s*[{|][^}|]*[}|]")


def browser_url(url: str) -> str:
    """The URL as a browser reads it."""
    return _IGNORED_IN_URL.sub("", url).strip(_TRIMMED_AROUND_URL).replace("\\", "/")


def is_local(url: str) -> bool:
    """True when following ``url`` stays on this site."""
    url = browser_url(url)
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


@dataclass
class Rendered:
    html: str
    refused_links: list[str] = field(default_factory=list)  # Pelican placeholders taken out


class Html:
    """A body as sanitised HTML, kept compressed until a template shows it: a digest holds tens
    of thousands of them and each page shows one. Jinja writes it out as HTML (``__html__``)."""

    __slots__ = ("_compressed",)

    def __init__(self, text: str):
        self._compressed = zlib.compress(text.encode("utf-8"), 6) if text else b""

    def __html__(self) -> str:
        return zlib.decompress(self._compressed).decode("utf-8") if self._compressed else ""

    __str__ = __html__

    def __bool__(self) -> bool:
        return bool(self._compressed)

    def __getstate__(self):
        return self._compressed

    def __setstate__(self, state):
        self._compressed = state


def render(text: str) -> str:
    return render_report(text).html


# CommonMark with tables and strikethrough; markdown-it-py is several times faster than
# Python-Markdown, which matters when a digest holds tens of thousands of items.
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def render_report(text: str) -> Rendered:
    """HTML of the Markdown ``text`` with nothing that runs or loads from elsewhere."""
    rendered = Rendered("")

    def filter_attribute(tag: str, attribute: str, value: str):
        if _PELICAN_LINK.match(value):
            rendered.refused_links.append(value)
            return None
        # Images may only come from the site itself: an outside image is a request to a third party.
        if tag == "img" and attribute == "src" and not is_local(value):
            return None
        return value

    rendered.html = nh3.clean(
        _MARKDOWN.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=filter_attribute,
    )
    return rendered
