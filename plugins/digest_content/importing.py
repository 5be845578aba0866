"""``make import``: a saved page, copied text or an address turned into a draft item.

trafilatura extracts an HTML page's article text and its metadata (headline, canonical
address, date, author, site name). Copied text has no markup: its lines are read the same
way, the first one that is not page furniture being the headline. Either way, the lines that
are page furniture (skip links, photo captions, newsletter and republishing notices, embedded
social links) are set apart, and what is left gives the byline, the language and a quote.

The source is the registered one whose address has the page's host; else the one the page
names itself by (its site name, or a name in its own notices); else, for text without an
address, the one source it names at all. When that leaves none or more than one, the curator is
asked to choose, with an entry to add to sources.yaml for a page of an unregistered site.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import placeholders
from .drafts import Draft
from .items import CHANNEL_SITES, channel_path, is_tracking
from .letters import script_of_language, written_script
from .sources import Registry, at_site, host_of, path_parts

USER_AGENT = "Mozilla/5.0 (compatible; conflict-digest import)"
QUOTE_WORDS = 50  # the item's quote is at most 50 words
MIN_QUOTE_WORDS = 6

# Lines that are the page around the article, not the article, in the digest's languages.
_NOTICE = re.compile(
    r"^(skip|jump) to\b|^перейти (до|к)\b|^تخطي إلى|^(share|tweet|e-?mail|print)( this( article| story)?)?$"
    r"|^advertisement$|^read (more|also)\b|^related( articles| stories)?:|newsletter|^sign up|subscribe"
    r"|підписуйтеся|подписывайтесь|^اشترك|تابعونا|^follow us|republish|all rights reserved|©"
    r"|جميع الحقوق|всі права|все права|при цитуванні",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"^(photo|image|picture|credit|фото|صورة)\b\s*:|\([^()]{1,40}\)\s*$", re.IGNORECASE)
_BARE_LINK = re.compile(r"^\s*https?://\S+\s*$")
# "By Reuters", not "By Sunday, 20 had died.": a byline does not end a sentence.
_BYLINE = re.compile(r"^(?:by|written by|reporting by|автор:?|بقلم:?)\s+(.{2,80}?)(?<![.!?])$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|/|&|\band\b|\bі\b|\bи\b|و)\s*")
# Quoted speech: "...", “...”, «...», „...“
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATES = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: (m[1], m[2], m[3])),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b", re.I), lambda m: (m[3], _month(m[2]), m[1])),
    (re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b", re.I), lambda m: (m[3], _month(m[1]), m[2])),
)


def _month(name: str) -> int:
    return _MONTHS.split("|").index(name.lower()) + 1


class ImportProblem(Exception):
    """The page cannot be turned into a draft; the message says what to do."""


@dataclass
class Page:
    """What a page says of itself, and its article's lines apart from the furniture."""

    headline: str | None = None
    url: str | None = None
    site_name: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    lang: str | None = None
    lines: list[str] = field(default_factory=list)  # the article
    notices: list[str] = field(default_factory=list)  # what the page says of itself
    captions: list[str] = field(default_factory=list)


def fetch(url: str, timeout: float = 20.0) -> bytes:
    """The page at ``url``; an ImportProblem when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.read()
    except urllib.error.HTTPError as error:
        reason = f"the site answered {error.code} {error.reason}"
    except OSError as error:  # no connection, no name, no answer in time
        cause = getattr(error, "reason", error)
        reason = f"no answer within {timeout:g} s" if isinstance(cause, TimeoutError) else str(cause)
        reason = f"{reason}; is this machine online?"
    raise ImportProblem(
        f"could not fetch {url}: {reason}\n"
        "Save the page from your browser instead and run: make import FILE=saved.html URL=" + url
    )


def looks_like_html(raw: bytes) -> bool:
    start = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<meta", b"<!--", b"<?xml"))


def clean_url(url: str) -> str:
    """``url`` without tracking parameters (``utm_*``, ``fbclid``...) or a fragment."""
    parts = urlsplit(url.strip())
    query = [
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(name, value)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _is_an_address(url: str | None) -> bool:
    """Whether the page's own address (its canonical link) is one an item may link to: a page
    can state a misleading one (``https://www.reuters.com%2Fworld@phish.example/``, at
    phish.example), which is left for the address given (URL=)."""
    from pydantic import TypeAdapter, ValidationError

    from .schema import HttpUrl

    try:
        TypeAdapter(HttpUrl).validate_python(url)
    except ValidationError:
        return False
    return True


def read_html(raw: bytes, url: str | None) -> Page:
    import trafilatura
    from lxml import html as lxml_html

    # What trafilatura cannot use of a page is its concern; what is missing is said in the draft.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)
    document = trafilatura.bare_extraction(
        raw, url=url, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False
    )
    tree = lxml_html.fromstring(raw)
    page = Page()
    if document is not None:
        page.headline = document.title
        page.url = document.url if _is_an_address(document.url) else None
        page.site_name = document.sitename
        # The page's own author line, as copied text's: "By Reuters", "بقلم رويترز" is Reuters.
        written = _BYLINE.match(" ".join((document.author or "").split()))
        page.byline = written[1].strip() if written else document.author
        page.published = _date(document.date)
        _sort_lines(page, (document.text or "").splitlines())
    if not page.headline:
        page.headline = _first_text(tree, "//h1") or _first_text(tree, "//title")
    page.lang = _declared_language(tree) or guess_language(" ".join([page.headline or "", *page.lines]))
    return page


def read_text(text: str) -> Page:
    """Copied text: the first line that is not furniture is the headline."""
    page = Page()
    lines = [line.strip() for line in text.splitlines()]
    _sort_lines(page, lines)
    if page.lines:
        page.headline = page.lines.pop(0)
    for line in lines[:12]:  # a date in the page's head, above the article
        if page.published is None and len(line) < 80:
            page.published = _date_in(line)
    page.lang = guess_language(" ".join([page.headline or "", *page.lines]))
    return page


def _sort_lines(page: Page, lines) -> None:
    for line in lines:
        line = " ".join(line.split())
        if not line or line == page.headline:
            continue
        if _NOTICE.search(line):
            page.notices.append(line)
        elif _CAPTION.search(line) or _BARE_LINK.match(line):
            page.captions.append(line)
        elif (byline := _BYLINE.match(line)) and len(line.split()) <= 8:
            page.byline = page.byline or byline[1].strip()
        else:
            page.lines.append(line)


def _first_text(tree, path: str) -> str | None:
    for element in tree.xpath(path):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _declared_language(tree) -> str | None:
    """The page's own statement of its language: ``<html lang>``, og:locale, JSON-LD."""
    declared = tree.get("lang") or next(iter(tree.xpath("//meta[@property='og:locale']/@content")), None)
    if not declared:
        for script in tree.xpath("//script[@type='application/ld+json']/text()"):
            try:
                data = json.loads(script)
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get("inLanguage"), str):
                declared = data["inLanguage"]
                break
    if not declared:
        return None
    primary = re.split(r"[-_]", declared.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def guess_language(text: str) -> str | None:
    """The language of ``text`` when its letters say it: Arabic script is Arabic (Persian when
    it has Persian letters); Cyrillic is Ukrainian or Russian by the letters only one has.
    Latin script says nothing: the curator's or the source's language is used."""
    script = written_script(text)
    if script == "Arabic":
        return "fa" if re.search("[پچژگ]", text) else "ar"
    if script == "Cyrillic":
        lowered = text.lower()
        if re.search("[іїєґ]", lowered):
            return "uk"
        if re.search("[ыэъё]", lowered):
            return "ru"
    return None


def _source_language(language: str | None, page: Page) -> str | None:
    """The source's language for a page that does not say its own, unless the text is in other
    letters (an English post of a channel registered as Arabic): then none, the site's."""
    if not language:
        return None
    written, expected = written_script(" ".join([page.headline or "", *page.lines])), script_of_language(language)
    return None if written and expected and written != expected else language


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _date_in(line: str) -> dt.date | None:
    for pattern, parts in _DATES:
        if found := pattern.search(line):
            year, month, day = parts(found)
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def suggest_quote(lines: list[str]) -> str | None:
    """The longest quoted speech of the article that fits an item's quote (6 to 50 words)."""
    found = []
    for line in lines:
        for match in _QUOTED.finditer(line):
            spoken = next(group for group in match.groups() if group is not None).strip()
            if spoken.endswith((",", "،")):  # the sentence went on to say who spoke: it ended here
                spoken = spoken[:-1].rstrip() + "."
            words = len(spoken.split())
            if MIN_QUOTE_WORDS <= words <= QUOTE_WORDS:
                found.append((words, spoken))
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _named(registry: Registry, text: str) -> list[str]:
    """The registered sources that ``text`` names, by name or alias as printed, in order."""
    found = {}
    for source in registry.sources:
        for name in (source.name, *source.aliases):
            if (at := re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)) is not None:
                found[source.name] = min(at.start(), found.get(source.name, at.start()))
    return sorted(found, key=found.get)


@dataclass(frozen=True)
class Found:
    """The source of a page, and how it was found; or the candidates when unsure."""

    source: str | None
    how: str
    candidates: tuple[str, ...] = ()


def find_source(page: Page, registry: Registry, wires: list[str]) -> Found:
    if name := registry.at_host(page.url):
        return Found(name, f"the registered source at {registry.address_of(name)}")
    if page.site_name and (known := registry.resolve(page.site_name)):
        return Found(known.name, f"the page's site name, {page.site_name!r}")
    in_notices = [name for name in _named(registry, "\n".join(page.notices)) if name not in wires]
    if len(in_notices) == 1:
        return Found(in_notices[0], "the page's own notices")
    named = [
        name for name in _named(registry, "\n".join([*page.notices, *page.captions, *page.lines])) if name not in wires
    ]
    # A page with an address or a name of its own that no registered source has is most likely
    # an unregistered source's, whatever registered one it cites: that is not decided for it.
    if len(named) == 1 and not (page.url or page.site_name):
        return Found(named[0], "the only registered source the page names")
    candidates = tuple(in_notices or named or registry.suggest(page.site_name or "", page.url))
    return Found(None, "", candidates)


def wires_of(byline: str | None, registry: Registry) -> list[str]:
    """The registered sources a byline names (``By Reuters``, ``AFP and Reuters``)."""
    if not byline:
        return []
    names = []
    for part in _SEPARATORS.split(byline):
        part = re.sub(r"\s+(staff|news)$", "", part.strip(), flags=re.IGNORECASE)
        if part and (known := registry.resolve(part)) and known.name not in names:
            names.append(known.name)
    return names


def _new_entry(page: Page, registry: Registry) -> str:
    """A sources.yaml entry for the page's site, to complete and paste: at the page's host, or,
    on a host where sources are registered at their own addresses (``t.me/rybar``), at the
    page's address as deep as theirs (``t.me/another_channel``), named by it."""
    if not page.url:
        return ""
    parts = urlsplit(page.url)
    on_host = [source for source in registry.sources if at_site(page.url, str(source.url), by_host=True)]
    depth = max((len(path_parts(str(source.url))) for source in on_host), default=0)
    host = host_of(page.url)
    path = channel_path(host, [part for part in parts.path.split("/") if part])[:depth]
    # A channel is named by its address (a post's page names the site: "Telegram"); a section by the page.
    name = path[-1] if path and host in CHANNEL_SITES else page.site_name or (path[-1] if path else host)
    address = "/".join([f"{parts.scheme}://{parts.netloc}", *path])
    return (
        f", for example:\n\n- name: {json.dumps(name, ensure_ascii=False)}\n  url: {_yaml_url(address)}\n"
        "  kind: outlet  # wire | outlet | broadcaster | state-media | agency | ngo | official | social\n"
        + (f"  language: {page.lang}\n" if page.lang else "")
    )


def _yaml_url(url: str) -> str:
    """``url`` as YAML reads it back: quoted when it holds what YAML would read otherwise."""
    return url if re.fullmatch(r"[\w.~:/?#@!$&'()*+,;=%-]+", url) and ": " not in url else json.dumps(url)


def to_draft(page: Page, registry: Registry, source: str | None = None) -> tuple[Draft, Found]:
    """The draft for ``page``; ``source`` is the curator's choice, else it is found."""
    wires = wires_of(page.byline, registry)
    if source is not None:
        found = Found(registry.require(source, page.url).name, "SOURCE=")
    else:
        found = find_source(page, registry, wires)
    if found.source is None:
        if found.candidates:
            entry = _new_entry(page, registry)
            other = (
                f", or, if it is none of these, add it to {registry.path} first{entry}"
                if entry
                else f" (or add the source to {registry.path} if it is none of these)"
            )
            raise ImportProblem(
                "which source published this page? It could be "
                + ", ".join(repr(name) for name in found.candidates)
                + '. Say which with SOURCE="..."'
                + other
            )
        raise ImportProblem(
            f'no source in {registry.path} matches this page; say which it is with SOURCE="...", or add it '
            f"there first{_new_entry(page, registry)}"
        )
    via = [(name, "wire") for name in wires if name != found.source]
    taken = {found.source, *wires}
    cited = [name for name in _named(registry, "\n".join(page.lines)) if name not in taken]
    via += [(name, "cited") for name in cited]
    headline = page.headline or None
    title = headline or placeholders.text("the item's title")
    return (
        Draft(
            title=title,
            source=found.source,
            url=page.url and clean_url(page.url),
            headline=headline,
            published=page.published,
            byline=page.byline,
            via=tuple(via),
            quote=suggest_quote(page.lines),
            lang=page.lang or _source_language(registry.resolve(found.source).language, page),
        ),
        found,
    )
