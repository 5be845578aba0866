"""Markdown body to HTML that cannot run script or load anything from elsewhere."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.meta import MetaExtension
from pelican.settings import DEFAULT_CONFIG

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
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
    # Only the ids of footnotes and their references are kept (see filter_attribute).
    "li": {"id"},
    "sup": {"id"},
    "*": {"lang", "dir"},
}
# The footnotes' box keeps its class, for the theme; no other markup may take on the page's classes.
ALLOWED_CLASSES = {"div": {"footnote"}}


# Browsers drop tabs and line breaks inside a URL, trim spaces and control characters around
# it, and read a backslash as a slash, so " /\\evil.example/x.png" is a request to evil.example.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_TRIMMED_AROUND_URL = "".join(map(chr, range(33)))

# What a page copied from the web embeds: a video, a post, a script. All are left out.
_EMBED = re.compile(r"<(iframe|script|embed|object|video|audio)\b", re.IGNORECASE)

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
    outside_images: list[str] = field(default_factory=list)  # images from other sites, left out
    embeds: list[str] = field(default_factory=list)  # names of the embedding elements left out: iframe, script...
    site_links: list[str] = field(default_factory=list)  # links to an address of the site: /2016/12/...
    site_images: list[str] = field(default_factory=list)  # images of the site: /images/map.png


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


def render(text: str, markdown_setting: dict | None = None) -> str:
    return render_report(text, markdown_setting).html


def markdown_options(markdown_setting: dict | None) -> dict:
    """Keyword arguments for ``markdown.Markdown`` from Pelican's MARKDOWN setting (Pelican's
    default when None), read as Pelican's own Markdown reader reads it, without changing it."""
    setting = DEFAULT_CONFIG["MARKDOWN"] if markdown_setting is None else markdown_setting
    extension_configs = setting.get("extension_configs", {})
    extensions = list(setting.get("extensions", []))
    extensions += [name for name in extension_configs if name not in extensions]
    # The front matter is YAML and already split off; meta would take a body's first "Word: text" lines.
    return {
        **setting,
        "extensions": [extension for extension in extensions if not _is_meta(extension)],
        "extension_configs": {name: dict(config) for name, config in extension_configs.items() if not _is_meta(name)},
    }


def _is_meta(extension) -> bool:
    if isinstance(extension, str):
        return extension.split(":")[0] in {"meta", "markdown.extensions.meta"}
    return isinstance(extension, MetaExtension)


@dataclass
class _Converter:
    markdown: markdown.Markdown
    footnote_id: re.Pattern | None  # the ids its footnotes extension gives; None without one


# One Markdown instance per configuration, reset after each body: making one costs about a
# fifth of rendering a typical body. Kept by the options themselves, so a build with another
# MARKDOWN setting never gets an instance made for an earlier one.
_CONVERTERS: dict[str, _Converter] = {}
_CONVERTERS_KEPT = 4


def _converter(markdown_setting: dict | None) -> _Converter:
    options = markdown_options(markdown_setting)
    # Options are names, numbers and dicts of them; an extension given as an object is told
    # apart by its address, which repr shows.
    key = repr(options)
    converter = _CONVERTERS.get(key)
    if converter is None:
        while len(_CONVERTERS) >= _CONVERTERS_KEPT:
            del _CONVERTERS[next(iter(_CONVERTERS))]
        instance = markdown.Markdown(**options)
        converter = _CONVERTERS[key] = _Converter(instance, _footnote_ids(instance))
    return converter


def _footnote_ids(instance: markdown.Markdown) -> re.Pattern | None:
    """The ids the footnotes extension of ``instance`` gives: fn:1 for a note, fnref:1, fnref2:1
    ... for the places that refer to it (":" being its SEPARATOR). The extension may be loaded
    twice, by itself and by ``extra``, each with its own configuration."""
    separators = {
        extension.getConfig("SEPARATOR")
        for extension in instance.registeredExtensions
        if isinstance(extension, FootnoteExtension)
    }
    if not separators:
        return None
    return re.compile(rf"fn(?:ref\d*)?(?:{'|'.join(map(re.escape, sorted(separators)))})[\w-]+")


def render_report(text: str, markdown_setting: dict | None = None) -> Rendered:
    """HTML of the Markdown ``text`` with nothing that runs or loads from elsewhere, rendered
    with Python-Markdown as Pelican's MARKDOWN setting (``markdown_setting``) configures it."""
    rendered = Rendered("")
    if not text.strip():
        return rendered
    converter = _converter(markdown_setting)

    def filter_attribute(tag: str, attribute: str, value: str):
        # A footnote's link and back-link need their targets; any other id could clash with the page's.
        if attribute == "id" and not (converter.footnote_id and converter.footnote_id.fullmatch(value)):
            return None
        if _PELICAN_LINK.match(value):
            rendered.refused_links.append(value)
            return None
        # Images may only come from the site itself: an outside image is a request to a third party.
        if tag == "img" and attribute == "src":
            if not is_local(value):
                rendered.outside_images.append(value)
                return None
            rendered.site_images.append(value)
        if tag == "a" and attribute == "href" and is_local(value) and browser_url(value).startswith("/"):
            rendered.site_links.append(value)
        # nh3 checks the scheme of href and src, not of a quotation's source.
        if attribute == "cite" and urlsplit(browser_url(value)).scheme.lower() not in ("", "http", "https"):
            return None
        return value

    try:
        html = converter.markdown.convert(text)
    finally:
        converter.markdown.reset()
    rendered.embeds = sorted({tag.lower() for tag in _EMBED.findall(html)})
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel=_OUTSIDE_REL,
        attribute_filter=filter_attribute,
    )
    # nh3 gives every link the rel of a link to elsewhere; the digest's own pages and the page's
    # footnotes are followed as any link of the site is.
    rendered.html = _LINK_REL.sub(lambda link: link[0] if not is_local(unescape(link[2])) else link[1], html)
    return rendered


_OUTSIDE_REL = "noopener noreferrer nofollow"
_LINK_REL = re.compile(rf'(<a href="([^"]*)"[^>]*?) rel="{_OUTSIDE_REL}"')
