"""Read one content file into a validated item or page, collecting every problem."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pelican.utils import slugify

from . import body as markdown_body
from . import frontmatter
from .frontmatter import field_name
from .placeholders import placeholder_problems
from .problems import Problem
from .schema import CONTROL_CHARACTERS, Item, PageMeta, SourceRef, control_character_message
from .validation import valid_fields, validate

MAX_FILE_BYTES = 1_000_000
MAX_SLUG_CHARS = 80
# The body holds the curator's notes, not the original article; the limit also bounds the time
# the Markdown parser may spend on one file. Pages (about, policies) may be longer.
MAX_BODY_CHARS = {"item": 20_000, "page": 100_000}
# Python-Markdown takes time in the square of the number of '[' (13 s for 10,000 here, 0.15 s for 1,000).
MAX_BODY_BRACKETS = 1_000
LINK_OUTSIDE = "is a link to a place outside content/; copy the file into content/ instead"
NOT_A_FILE = "is not a regular file (a pipe or device); content must be plain text files"


@dataclass
class ReadResult:
    """What a content file holds once read: its metadata, body and problems."""

    path: str
    meta: Item | PageMeta | None = None
    source_hash: str = ""  # of the file's text: what the page shows of it changes only with it
    story_url: str = ""  # the original story's URL, normalised: two items with the same are one story
    slug: str = ""  # the address's last part: the front matter's slug, or one made from the title
    body: str = ""
    html: str = ""  # the body rendered and sanitised
    # (field path, name) of source.name and via[].name, read even when other fields are wrong,
    # so that an unknown source is reported together with everything else.
    source_names: list = field(default_factory=list)
    story: str | None = None  # the item's story: as written, read the same way
    lines: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    left_out: list[Problem] = field(default_factory=list)  # what the page leaves out, said to the curator
    site_links: list[tuple[int, str]] = field(default_factory=list)  # (line, link) of the body's links to the site
    site_images: list[tuple[int, str]] = field(default_factory=list)  # (line, address) of the body's own images
    # What the digest's model knows of a published item beyond its file (its terms, neighbours,
    # attribution: digest_taxonomies.taxonomy.ItemFacts), from the model of each build.
    facts: object = None

    def line(self, *field_path) -> int:
        return self.lines.get(tuple(field_path), 1)

    def problem(self, field_path: tuple, message: str) -> Problem:
        """A problem of this file at the field ``field_path`` (``("updates", 0, "date")``)."""
        return Problem(self.path, self.line(*field_path), field_name(field_path), message)


# Query parameters that say who sent the reader, not which story: left out when comparing.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "igshid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "ref", "ref_src", "ref_url"}
)
# Prefixes of the same: Google Analytics' (utm_source...) and AT Internet's (the BBC's at_medium...).
TRACKING_PREFIXES = ("utm_", "at_")
# Hosts of the same site for phones and for Google's AMP.
SAME_SITE_PREFIXES = ("www.", "m.", "mobile.", "amp.")


def is_tracking(name: str, value: str) -> bool:
    name = name.lower()
    return (
        name.startswith(TRACKING_PREFIXES)
        or name in TRACKING_PARAMETERS
        or name == "amp"
        or (name == "outputtype" and value.lower() == "amp")
    )


# Sites of channels, where a channel's name is the first part of the path, in any case, and
# where other views of a post add a part before it (Telegram's web preview: t.me/s/<channel>/<post>).
CHANNEL_SITES = {"t.me": ("s",)}
# Hosts that are another name of a site.
SAME_HOSTS = {"telegram.me": "t.me"}


def same_host(host: str) -> str:
    """``host`` by the name its site goes by (``telegram.me`` is ``t.me``)."""
    return SAME_HOSTS.get(host, host)


def channel_path(host: str, segments: list[str]) -> list[str]:
    """The parts of a path on ``host`` as the page's own address has them: on a channel site,
    without the part that only another view of the page adds."""
    views = CHANNEL_SITES.get(host, ())
    return segments[1:] if len(segments) > 1 and segments[0].casefold() in views else segments


def normalised_url(url: str) -> str:
    """The same story URL however it was pasted: scheme, case of host, ``www.``, a host for
    phones (``m.``, ``mobile.``), tracking parameters (``utm_*``, ``fbclid``, ``ref``...), AMP
    variants (``amp.`` host, ``/amp`` path part, ``.amp.html``, ``?amp``), ``index.html``,
    fragment and trailing slash do not count; nor, on a channel site, another view of a post
    (``t.me/s/``) or the case of the channel's name."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    while host.startswith(SAME_SITE_PREFIXES):
        host = host.split(".", 1)[1]
    host = same_host(host)
    segments = channel_path(host, [segment for segment in parts.path.split("/") if segment.lower() not in ("", "amp")])
    if segments and host in CHANNEL_SITES and not segments[0].startswith("+"):  # an invite link's case counts
        segments[0] = segments[0].casefold()
    if segments and segments[-1].lower() in ("index.html", "index.htm"):
        segments.pop()
    path = "/" + "/".join(segments).replace(".amp.html", ".html")
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(name, value)
    )
    return urlunsplit(("https", host, path, urlencode(query), ""))


def read_text(full_path: str, display_path: str, content_root: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, or explain why it cannot be."""

    def refuse(message):
        return None, [Problem(display_path, 1, "file", message)]

    real = os.path.realpath(full_path)
    if os.path.commonpath([real, os.path.realpath(content_root)]) != os.path.realpath(content_root):
        return refuse(LINK_OUTSIDE)
    try:
        details = os.stat(full_path)
        if not stat.S_ISREG(details.st_mode):
            return refuse(NOT_A_FILE)
        size = details.st_size
        if size > MAX_FILE_BYTES:
            return refuse(f"is {size / 1e6:.1f} MB; an item must be under {MAX_FILE_BYTES // 1_000_000} MB")
        with open(full_path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return refuse(f"cannot be read ({error.strerror}); check its permissions")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_mark(raw):
        return refuse("is saved as UTF-16; save it as UTF-8 in your editor")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [
            Problem(
                display_path,
                line,
                "file",
                f"is not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8 in your editor",
            )
        ]
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        where = f" in column {column}"
        return None, [Problem(display_path, line, "file", control_character_message(control.group(), where))]
    return text, []


def _utf16_without_mark(raw: bytes) -> bool:
    """Text saved as UTF-16 without the mark that says so: mostly ASCII (the front matter's
    names), so that every other byte of its start is 0."""
    start = raw[:400]
    return len(start) >= 8 and max(start[0::2].count(0), start[1::2].count(0)) > len(start) * 0.4


def slug_for(title: str, settings) -> str:
    slug = slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=False,
        use_unicode=False,
    )
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rsplit("-", 1)[0]
    return slug.strip("-")


def parse(text: str, display_path: str, model, timezone, markdown_setting: dict | None = None) -> ReadResult:
    """Parse front matter and body, validate against ``model`` (Item or PageMeta); the body is
    rendered as Pelican's MARKDOWN setting says (its default when None)."""
    result = ReadResult(display_path)
    if not text.strip():
        result.problems.append(Problem(display_path, 1, "file", "is empty; start it with the front matter ('---')"))
        return result
    try:
        yaml_text, first_line, result.body, body_line = frontmatter.split(text)
        document = frontmatter.load(yaml_text, first_line)
    except frontmatter.YamlProblem as error:
        result.problems.extend(frontmatter.problems_from(display_path, error))
        return result
    result.lines = document.lines
    if not isinstance(document.data, dict):
        result.problems.append(
            Problem(
                display_path, first_line, "front matter", "must be fields (name: value), not a list or a single value"
            )
        )
        return result
    if model is Item:
        result.source_names = _source_names(document.data)
        story = document.data.get("story")
        result.story = (story.strip() or None) if isinstance(story, str) else None
        source = document.data.get("source")
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            # As written: the checks that read it need it while other fields are wrong too.
            result.story_url = normalised_url(source["url"])
    elif {"source", "summary"} <= document.data.keys():
        # An item saved among the pages: one problem, not one per field pages do not have.
        result.problems.append(
            Problem(
                display_path,
                first_line,
                "file",
                "is an item (it has source: and summary:), but it is among the pages; move it into content/items/",
            )
        )
        return result
    context = {"timezone": timezone}
    result.meta, result.problems = validate(model, document, display_path, context)
    result.problems += _left_empty(document, display_path, model)
    summary = document.data.get("summary")
    if isinstance(summary, str) and _MARKDOWN_IN_TEXT.search(summary):
        # Said, not refused: the summary is shown (and put in feeds and the open data) as typed.
        where = (display_path, document.line_of(("summary",)), "summary")
        result.left_out.append(
            Problem(*where, "is plain text: Markdown in it shows as typed; put links and emphasis in the body")
        )
    checked, refused = (result.meta, frozenset()) if result.meta else valid_fields(model, document.data, context)
    if checked is not None:
        result.problems.extend(_item_rules(result, model, checked, refused, timezone))
    if document.data.get("status") == "published":
        result.problems.extend(placeholder_problems(display_path, document.data, document.lines))
    kind = "page" if model is PageMeta else "item"
    result.problems.extend(_render_body(result, body_line, kind, markdown_setting))
    return result


# A Markdown link or emphasis, in a field shown as plain text.
_MARKDOWN_IN_TEXT = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__")


def _left_empty(document, path: str, model) -> list[Problem]:
    """Optional fields written with nothing after the colon (``story:``, ``source.byline:``):
    read as absent, they would vanish without a word; a half-filled template is the likely
    cause. Required fields and lists are said so by the schema already."""
    groups = [((), document.data, model)]
    source = document.data.get("source")
    if model is Item and isinstance(source, dict):
        groups.append((("source",), source, SourceRef))
    problems = []
    for prefix, data, group in groups:
        for name, value in data.items():
            info = group.model_fields.get(name)
            if value is None and info is not None and not info.is_required() and info.default is None:
                where = (*prefix, name)
                problems.append(
                    Problem(
                        path,
                        document.line_of(where),
                        field_name(where),
                        "is empty; write it after the colon, or remove the line",
                    )
                )
    return problems


def _source_names(data: dict) -> list:
    source = data.get("source")
    via = data.get("via")
    named = [(("source", "name"), source.get("name"))] if isinstance(source, dict) else []
    if isinstance(via, list):
        named += [
            (("via", index, "name"), link.get("name")) for index, link in enumerate(via) if isinstance(link, dict)
        ]
    return [(path, name.strip()) for path, name in named if isinstance(name, str) and name.strip()]


def _render_body(result: ReadResult, body_line: int, kind: str, markdown_setting: dict | None) -> list[Problem]:
    """Render the body into ``result.html``; return what is wrong with it."""
    limit = MAX_BODY_CHARS[kind]
    if len(result.body) > limit:
        return [
            Problem(
                result.path,
                body_line,
                "body",
                f"is {len(result.body)} characters; the text after the front matter may be at most {limit}: "
                "summarise and link to the original rather than copying it",
            )
        ]
    brackets = result.body.count("[")
    if brackets > MAX_BODY_BRACKETS:
        return [
            Problem(
                result.path,
                body_line,
                "body",
                f"has {brackets} '[' characters; at most {MAX_BODY_BRACKETS} are allowed: Markdown reads each as the "
                "start of a link, and so many take minutes to render. Write a '[' meant as text as &#91;",
            )
        ]
    rendered = markdown_body.render_report(result.body, markdown_setting)
    result.html = rendered.html
    result.site_links = [(_address_line(result.body, link, body_line), link) for link in rendered.site_links]
    result.site_images = [(_address_line(result.body, src, body_line), src) for src in rendered.site_images]
    problems = []
    for embed in rendered.embeds:
        result.left_out.append(
            Problem(
                result.path,
                _body_line_of(result.body, f"<{embed}", body_line),
                "body",
                f"the <{embed}> (an embedded video, post or script) is left out: the digest loads nothing from "
                "other sites and runs no script; link to what it shows instead",
            )
        )
    for image in rendered.outside_images:
        result.left_out.append(
            Problem(
                result.path,
                _body_line_of(result.body, image, body_line),
                "body",
                f"the image at {image} is left out: the digest loads nothing from other sites; save the image "
                "in content/images/ and show it from /images/<its name>",
            )
        )
    for link in rendered.refused_links:
        problems.append(
            Problem(
                result.path,
                _body_line_of(result.body, link.strip(), body_line),
                "body",
                f"the link '{link}' uses Pelican's {{filename}}/{{static}}/{{attach}} form, which the digest "
                "does not allow (it can copy files from outside content/); link to the page's address instead",
            )
        )
    return problems


def _address_line(body: str, address: str, body_line: int) -> int:
    """The line of an address in the body, written as Markdown or HTML writes one (after "(",
    a quote or "<"), else wherever it is first found."""
    address = address.strip()
    for written in (f"({address}", f'"{address}', f"'{address}", f"<{address}"):
        if written in body:
            return _body_line_of(body, written, body_line)
    return _body_line_of(body, address, body_line)


def _body_line_of(body: str, text: str, body_line: int) -> int:
    """The line of the file where ``text`` is in the body (the body's first line when it is not found as written)."""
    offset = body.find(text)
    return body_line + (body.count("\n", 0, offset) if offset >= 0 else 0)


def _moment(value: date | datetime, zone) -> tuple[date, datetime | None]:
    """A date, or a date and time in the site's timezone (``zone``)."""
    if not isinstance(value, datetime):
        return value, None
    value = value if value.tzinfo else value.replace(tzinfo=zone)
    return value.astimezone(zone).date(), value


def _latest(moments) -> tuple:
    """The latest of ``moments`` (from ``_moment``); on one day, a date alone (the whole day) is
    later than a time."""
    return max(moments, key=lambda moment: (moment[0], moment[1] is None, moment[1].timestamp() if moment[1] else 0))


def _after(first: tuple, second: tuple) -> bool:
    """Whether ``first`` is after ``second``; a date alone counts as the whole day."""
    if first[1] is not None and second[1] is not None:
        return first[1] > second[1]
    return first[0] > second[0]


def _history_rules(result: ReadResult, meta, zone) -> list[Problem]:
    """A claim's earlier standings are oldest first, and none is later than the item's last
    update (its date, modified, or an update's date)."""
    changes = [meta.date, *([meta.modified] if meta.modified else []), *(update.date for update in meta.updates)]
    last = _latest(_moment(change, zone) for change in changes)
    problems = []
    for index, claim in enumerate(meta.claims):
        previous = None
        for position, standing in enumerate(claim.history):
            moment = _moment(standing.date, zone)
            field_path = ("claims", index, "history", position, "date")
            if previous is not None and _after(previous, moment):
                message = "is earlier than the standing before it; list a claim's history oldest first"
                problems.append(result.problem(field_path, message))
            elif _after(moment, last):
                message = (
                    f"is after the item's last update ({last[0].isoformat()}); a standing from after "
                    "it is an update: add it to updates and set modified"
                )
                problems.append(result.problem(field_path, message))
            previous = moment
        problems += _unchanged_standings(result, index, claim)
    return problems


def _unchanged_standings(result: ReadResult, index: int, claim) -> list[Problem]:
    """A claim's history lists the standings it changed from: two in a row, or the last one and
    the claim's status, are not the same."""
    problems = []
    statuses = [standing.status for standing in claim.history] + [claim.status]
    for position in range(len(claim.history)):
        if statuses[position] != statuses[position + 1]:
            continue
        later = (
            "the standing after it"
            if position + 1 < len(claim.history)
            else f"the claim's standing now (status: {claim.status})"
        )
        problems.append(
            result.problem(
                ("claims", index, "history", position, "status"),
                f"'{statuses[position]}' is also {later}; a claim's history lists the standings it changed from, "
                "so keep one of them",
            )
        )
    return problems


def _update_rules(result: ReadResult, meta, zone) -> list[Problem]:
    """An update or correction changes the item: it is dated after the item, the updates are
    listed oldest first, and ``modified``, which feeds and the sitemap give as the item's last
    change, is not earlier than any update's date."""
    last = _moment(meta.modified or meta.date, zone)
    moments = [_moment(update.date, zone) for update in meta.updates]
    latest = _latest(moments) if moments else None
    first, previous = _moment(meta.date, zone), None
    problems = []
    for index, moment in enumerate(moments):
        where = ("updates", index, "date")
        if previous is not None and _after(previous, moment):
            problems.append(result.problem(where, "is earlier than the update before it; list updates oldest first"))
        elif _after(first, moment):
            problems.append(
                result.problem(
                    where,
                    f"is before the item's date ({(first[1] or first[0]).isoformat()}); an update comes after the item",
                )
            )
        previous = moment
        if not _after(moment, last):
            continue
        since = f"modified ({last[0].isoformat()})" if meta.modified else "the item's date, and modified is not set"
        problems.append(
            result.problem(
                where,
                f"is after {since}; set modified: {latest[0].isoformat()} (the latest update's date), so that "
                "feeds and the sitemap show readers the item changed",
            )
        )
    return problems


def _repeated(result: ReadResult, meta, field: str, noun: str) -> list[Problem]:
    """A country or tag listed twice (tags whatever the case): the pages would show it once, the
    open data twice."""
    first: dict[str, int] = {}
    problems = []
    for index, value in enumerate(getattr(meta, field)):
        key = value.casefold()
        if key in first:
            problems.append(
                result.problem((field, index), f"'{value}' is the same {noun} as {field}[{first[key]}]; keep one")
            )
        first.setdefault(key, index)
    return problems


def _modified_rule(result: ReadResult, meta, zone) -> list[Problem]:
    modified = getattr(meta, "modified", None)  # a week's note has neither date nor modified
    if modified is None or not getattr(meta, "date", None) or modified >= meta.date:
        return []
    return [result.problem(("modified",), "is earlier than date; modified must be the same as date or later")]


def _item_rules(result: ReadResult, model, meta, refused: frozenset, zone) -> list[Problem]:
    """Rules that involve more than one field of the same file, each checked when the fields
    it reads are right: ``refused`` names those that are wrong or missing."""
    rules = [(("date", "modified"), _modified_rule)]
    if model is Item:
        rules += [
            (("date", "modified", "updates", "claims"), _history_rules),
            (("date", "modified", "updates"), _update_rules),
            (("countries",), lambda result, meta, zone: _repeated(result, meta, "countries", "country")),
            (("tags",), lambda result, meta, zone: _repeated(result, meta, "tags", "tag")),
        ]
    return [problem for fields, rule in rules if refused.isdisjoint(fields) for problem in rule(result, meta, zone)]


def read(full_path: str, content_root: str, settings, timezone) -> ReadResult:
    """Read and validate the file at ``full_path``; pages and items use their own schema."""
    display_path = os.path.relpath(full_path, os.path.dirname(os.path.abspath(content_root)))
    text, problems = read_text(full_path, display_path, content_root)
    if text is None:
        return ReadResult(display_path, problems=problems)
    model = PageMeta if is_page(full_path, content_root, settings) else Item
    try:
        result = parse(text, display_path, model, timezone, settings.get("MARKDOWN"))
    except Exception as error:  # noqa: BLE001 - even a bug in a check must name the file, not end the build
        result = ReadResult(display_path)
        result.problems.append(
            Problem(
                display_path,
                1,
                "file",
                f"could not be checked ({type(error).__name__}: {error}); this is a bug in the digest, "
                "please report it together with this file",
            )
        )
    result.source_hash = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    if result.meta is not None:
        result.slug = slug_of(result.meta, settings)
    if result.meta is not None and not result.slug:
        result.problems.append(
            Problem(
                display_path,
                result.line("title"),
                "slug",
                "the title gives no usable slug; add slug: with a short name in latin letters",
            )
        )
    # Problems within the file are known by now; only the lines of the fields that the checks
    # across files (and the tag pages) may point at are kept: tens of thousands of items stay
    # in memory together.
    kept = {
        ("title",),
        ("slug",),
        ("date",),
        ("source", "url"),
        ("archive_url",),
        ("story",),
        ("modified",),
        ("source", "published"),
        ("status",),
        ("lang",),
        *(path for path, _ in result.source_names),
    }
    result.lines = {
        path: line
        for path, line in result.lines.items()
        if path in kept or path[0] == "tags" or (path[0] == "updates" and path[-1] == "date")
    }
    return result


def is_page(full_path: str, content_root: str, settings) -> bool:
    relative = os.path.relpath(full_path, content_root)
    return any(
        relative == folder or relative.startswith(folder.rstrip("/") + os.sep)
        for folder in settings.get("PAGE_PATHS", ["pages"])
    )


def slug_of(meta, settings) -> str:
    return meta.slug or slug_for(meta.title, settings)


def article_save_as(result: ReadResult, settings) -> str:
    """The output file of an item, as Pelican will write it."""
    return settings["ARTICLE_SAVE_AS"].format(date=result.meta.date, slug=result.slug)
