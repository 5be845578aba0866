"""Checks that need more than one file: sources and stories that exist, unique addresses and
stories, links and images that lead somewhere, the content folder itself; and what is said to
the curator without failing the build."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections import defaultdict
from datetime import datetime, time, timedelta
from urllib.parse import unquote, urlsplit

from .body import browser_url
from .frontmatter import field_name
from .items import LINK_OUTSIDE, NOT_A_FILE, ReadResult
from .problems import Problem, did_you_mean
from .schema import Item
from .sources import Registry, at_site, nearness


def unknown_sources(results: list[ReadResult], registry: Registry) -> list[Problem]:
    """Names of sources that sources.yaml does not hold, with the sources the curator may have
    meant, as ``make new`` suggests them (``Registry.suggest``: the source at the story's
    address first, for ``source.name``)."""
    problems = []
    for result in results:
        for field_path, name in result.source_names:
            if registry.is_unknown(name):
                url = result.story_url if field_path[0] == "source" else None
                meant = registry.suggest(name, url, limit=3)
                hint = f" (did you mean {' or '.join(repr(found) for found in meant)}?)" if meant else ""
                message = f"'{name}' is not in content/sources.yaml{hint}; add it there or fix the name"
                problems.append(result.problem(field_path, message))
    return problems


def repeated_sources(results: list[ReadResult], registry: Registry) -> list[Problem]:
    """A source named twice in an item's attribution (the publisher again in ``via``, or one
    source twice there, by its name and an alias): the byline would name it twice."""
    problems = []
    for result in results:
        first: dict[int, tuple] = {}  # the source's id -> (field path, name) where it is first named
        for field_path, name in result.source_names:
            source = registry.resolve(name)
            if source is None:
                continue
            if id(source) not in first:
                first[id(source)] = (field_path, name)
                continue
            where, named = first[id(source)]
            message = (
                f"'{name}' is the publisher already (source.name: {named}); via lists the sources behind it, so remove it"
                if where == ("source", "name")
                else f"'{name}' is the same source as {field_name(where)} ('{named}'); name each source once"
            )
            problems.append(result.problem(field_path, message))
    return problems


def duplicates(results: list[ReadResult], key, field_of, explain) -> list[Problem]:
    """Report every file whose ``key(result)`` is shared with another file.

    ``field_of(result)`` names the field to point at in that file; ``explain`` is what to say,
    or a function of the file that says it.
    """
    groups = defaultdict(list)
    for result in results:
        groups[key(result)].append(result)
    problems = []
    for group in groups.values():
        if len(group) < 2:
            continue
        for result in group:
            others = ", ".join(f"{o.path}:{o.line(*field_of(o))}" for o in group if o is not result)
            field_path = field_of(result)
            said = explain(result) if callable(explain) else explain
            problems.append(result.problem(field_path, f"{said} {others}"))
    return problems


def _slug_fix(result: ReadResult) -> str:
    return "change slug: in one of them" if ("slug",) in result.lines else "give one of them a slug: of its own"


def _slug_field(result: ReadResult):
    """The slug when it is written out, else the title it comes from."""
    return ("slug",) if ("slug",) in result.lines else ("title",)


def cross_checks(results: list[ReadResult], registry: Registry, url_of, drafts_written: bool = False) -> list[Problem]:
    """All checks that need every item at once; ``url_of(result)`` gives its page URL. Drafts
    share addresses with the items when they are written too (``make html DRAFTS=1``)."""
    items = [result for result in results if result.meta is not None]
    written = [r for r in items if r.meta.status == "published" or drafts_written]
    return [
        *unknown_sources(results, registry),
        *repeated_sources(items, registry),
        *duplicates(
            written,
            url_of,
            _slug_field,
            # Dates are compared as days of the site's time zone, whatever offset each was written with.
            lambda r: (
                f"another item has the same day ({r.meta.date:%Y-%m-%d} in the site's time zone) and slug, "
                f"so both would be written to the same page; {_slug_fix(r)}. The other is at"
            ),
        ),
        *duplicates(
            items,
            lambda r: r.story_url,
            lambda r: ("source", "url"),
            "another item already links to this story; update that item instead. It is at",
        ),
    ]


def ignored(name: str, settings) -> bool:
    """Whether a file or folder ``name`` is one Pelican leaves alone (``IGNORE_FILES``, matched
    on the name as Pelican matches it): what editors and systems leave beside the content."""
    return _ignore_pattern(tuple(settings["IGNORE_FILES"])).match(os.path.normcase(name)) is not None


def hidden_content(path: str) -> str | None:
    """What to say of a content file hidden by mistake: a Markdown file with front matter whose
    name starts with a dot, which Pelican skips as it skips editors' files (``IGNORE_FILES``);
    None for anything else, such as an editor's lock (``.#``) or a Mac's resource file (``._``)."""
    name = os.path.basename(path)
    if not name.startswith(".") or name.startswith((".#", "._")) or not name.endswith(".md"):
        return None
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            opening = handle.read(8)
    except OSError:
        return None
    if not opening.removeprefix(b"\xef\xbb\xbf").startswith(b"---"):
        return None
    return f"is not read: a name that starts with a dot is hidden, and skipped; rename it {name.lstrip('.')}"


@functools.cache
def _ignore_pattern(patterns: tuple[str, ...]) -> re.Pattern:
    """The ``IGNORE_FILES`` patterns as one expression: the content folder's every name is
    matched against them, more than once a build."""
    return re.compile("|".join(fnmatch.translate(os.path.normcase(pattern)) for pattern in patterns) or "(?!)")


def _same_file_name(path: str, file: str) -> bool:
    """Whether ``path`` is ``file`` written otherwise: "Sources.yml" for "sources.yaml"."""
    stem, _, suffix = path.casefold().rpartition(".")
    return "." in file and [stem, suffix.replace("yml", "yaml")] == file.casefold().rsplit(".", 1)


def stray_files(settings, kept) -> list[Problem]:
    """Files in the content folder that nothing reads: they would vanish silently. In the
    folders of items and pages, any but Markdown; elsewhere, any that is not ``kept`` (paths
    in the content folder that another part reads, as sources.yaml or the week notes' folder)
    nor under ``STATIC_PATHS`` (copied as they are)."""
    root = settings["PATH"]
    read = [os.path.normpath(folder) for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]]
    kept = {os.path.normpath(path) for path in [*kept, *settings["STATIC_PATHS"]]}
    if "." in kept:  # STATIC_PATHS = [""]: everything is copied as it is
        return []
    shown_from = os.path.dirname(os.path.abspath(root))
    content = os.path.basename(os.path.abspath(root))  # as the problems show paths: content/...
    problems = []
    for directory, folders, names in os.walk(root):
        here = os.path.relpath(directory, root)
        folders[:] = sorted(
            name
            for name in folders
            if not ignored(name, settings) and os.path.normpath(os.path.join(here, name)) not in kept
        )
        in_read = any(folder == "." or here == folder or here.startswith(folder + os.sep) for folder in read)
        for name in sorted(names):
            relative = os.path.normpath(os.path.join(here, name))
            shown = os.path.relpath(os.path.join(directory, name), shown_from)
            if ignored(name, settings):
                if in_read and (hidden := hidden_content(os.path.join(directory, name))):
                    problems.append(Problem(shown, 1, "file", hidden))
                continue
            if relative in kept or (in_read and name.endswith(".md")):
                continue
            meant = next((file for file in kept if _same_file_name(relative, file)), None)
            if meant:
                message = f"is not read: the file read is {content}/{meant}; rename it"
            elif in_read:
                message = "is not read: content files must end in .md; rename it"
            elif name.endswith(".md"):
                places = " or ".join(f"{content}/{folder}/" for folder in read)
                message = f"is not read: items and pages go in {places}; move it there"
            else:
                message = f"is not read: nothing reads this file in {content}/; move it out of there"
            problems.append(Problem(shown, 1, "file", message))
    return problems


# Top-level folders of the built site: a page with one of these slugs would overwrite them.
SITE_FOLDERS = frozenset(
    {
        "archives",
        "claims",
        "countries",
        "data",
        "feeds",
        "page",
        "pagefind",
        "search",
        "sources",
        "stories",
        "tags",
        "theme",
        "weeks",
    }
)
_YEAR = re.compile(r"^\d{4}$")
_NUMBERED_PAGE = re.compile(r"page/\d+/$")


def broken_site_links(
    items: list[ReadResult],
    pages: list[ReadResult],
    settings,
    now: datetime,
    linking=(),
    lists=frozenset(),
    unsure: tuple[str, ...] = (),
) -> tuple[list[Problem], list[Problem]]:
    """Links in the bodies of items, pages and what else links (``linking``: objects with a
    ``path`` and ``site_links``, such as week notes) to an address of the site that it will not
    have: shaped like an item's or a page's (``ARTICLE_URL``, ``PAGE_URL``) and no published
    item or page has it, or in a folder of the site's lists (tags/, weeks/, a month...) and not
    one of ``lists`` (the site's other addresses, numbered pages of lists among them).
    A link without its last "/" is the address with it, as GitHub Pages serves it. Not checked:
    images (``missing_images``), items (or pages) while a file of them could not be read, and
    addresses under the folders ``unsure`` (``stories/`` while an entry of stories.yaml could not
    be read): their addresses are not known. Returns the problems, and notes for links to items
    held back until their date, which lead somewhere from then on."""
    readable = [result for result in items if result.meta is not None]
    later = {
        settings["ARTICLE_URL"].format(date=result.meta.date, slug=result.slug): result
        for result in readable
        if waits_for_its_date(result.meta, settings, now)
    }
    drafts = {
        settings["ARTICLE_URL"].format(date=result.meta.date, slug=result.slug): result
        for result in readable
        if result.meta.status == "draft"
    }
    claims_of = {
        settings["ARTICLE_URL"].format(date=result.meta.date, slug=result.slug): len(result.meta.claims)
        for result in readable
        if result.meta.status == "published"
    }
    item_urls = claims_of.keys() - later.keys()
    shown = [result for result in pages if result.meta is not None and result.meta.status != "draft"]
    page_urls = {settings["PAGE_URL"].format(slug=result.slug) for result in shown}
    item_shape, page_shape = _url_shape(settings["ARTICLE_URL"]), _url_shape(settings["PAGE_URL"])
    items_known, pages_known = (all(result.meta is not None for result in results) for results in (items, pages))
    problems, notes = [], []
    for result in [*items, *pages, *linking]:
        for line, link in result.site_links:
            address = urlsplit(browser_url(link))
            path = address.path.lstrip("/").removesuffix("index.html")
            if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
                path += "/"  # GitHub Pages sends /about to /about/
            listed = _NUMBERED_PAGE.sub("", path)
            if path in later:
                when = later[path].meta.date.isoformat()
                message = f"the link '{link}' leads nowhere until {when}: {later[path].path} is held back until then"
                notes.append(Problem(result.path, line, "body", message))
                continue
            claim = _CLAIM_ANCHOR.fullmatch(address.fragment)
            if path in item_urls and claim and not 1 <= int(claim[1]) <= claims_of[path]:
                count = claims_of[path]
                message = f"the link '{link}' leads nowhere on its page: the item has " + (
                    f"claims #claim-1 to #claim-{count}"
                    if count > 1
                    else "one claim, #claim-1"
                    if count
                    else "no claims"
                )
            elif path in drafts and path not in item_urls:
                message = (
                    f"the link '{link}' leads nowhere: {drafts[path].path} is a draft; publish it or remove the link"
                )
            elif item_shape.fullmatch(path) and path not in item_urls and items_known:
                hint = did_you_mean(f"/{path}", {f"/{url}" for url in item_urls})
                message = f"the link '{link}' leads nowhere: no published item has the address /{path}"
                message += hint or "; copy the address from the page itself"
            elif page_shape.fullmatch(path) and path not in page_urls and pages_known and not _is_site_folder(path):
                hint = did_you_mean(f"/{path}", {f"/{url}" for url in page_urls})
                message = f"the link '{link}' leads nowhere: no page has the address /{path}"
                message += hint or "; copy the address from the page itself"
            elif (
                lists
                and _is_site_folder(path)
                and not item_shape.fullmatch(path)
                and path not in lists
                and not listed.startswith(unsure)
            ):
                # Addresses of the same folder, and pages for a page, files for a file.
                kin = {
                    f"/{url}"
                    for url in lists
                    if url.split("/")[0] == path.split("/")[0] and url.endswith("/") == path.endswith("/")
                }
                message = f"the link '{link}' leads nowhere: the site has nothing at the address /{path}"
                message += did_you_mean(f"/{path}", kin) or "; copy the address from the page itself"
            else:
                continue
            problems.append(Problem(result.path, line, "body", message))
    return problems, notes


# An item page's anchor of one of its claims, numbered from 1 as the page lists them.
_CLAIM_ANCHOR = re.compile(r"claim-(\d{1,6})")


def missing_images(results, settings) -> list[Problem]:
    """Images in the bodies of ``results`` (items, pages, week notes: objects with a ``path`` and
    ``site_images``) that the site will not have: an address under a folder of ``STATIC_PATHS``
    whose file is not in the content folder, or a relative address, which points elsewhere on
    each page that shows it. Said to the curator as notes: the page shows the image's text."""
    static = {os.path.normpath(folder).split(os.sep)[0] for folder in settings["STATIC_PATHS"]}
    content = os.path.basename(os.path.abspath(settings["PATH"]))
    problems = []
    for result in results:
        for line, src in result.site_images:
            path = unquote(urlsplit(browser_url(src)).path)
            if not path.startswith("/"):
                written = path.lstrip("./")
                # "map.png" is most likely a file of the images' folder; "images/map.png" names its folder.
                folder = "" if written.split("/")[0] in static or not static else f"{sorted(static)[0]}/"
                message = (
                    f"the image '{src}' is given relative to the page, so it is looked for in the page's own folder; "
                    f"write its address from the site's root, e.g. /{folder}{written}"
                )
            elif path.lstrip("/").split("/")[0] in static and not os.path.isfile(
                os.path.join(settings["PATH"], *path.lstrip("/").split("/"))
            ):
                message = (
                    f"the image {src} is not in {content}/{path.lstrip('/')}; add the file there or fix the address"
                )
            else:
                continue
            problems.append(Problem(result.path, line, "body", message))
    return problems


def _url_shape(pattern: str) -> re.Pattern:
    """What addresses made from a URL setting look like: ``{date:%Y}/{slug}/`` gives
    ``\\d{4}/[^/]+/``."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    shape = ""
    for part in parts:
        if not part.startswith("{"):
            shape += re.escape(part)
        elif part.startswith("{date:"):
            shape += "".join(
                _DATE_SHAPES.get(piece, "[^/]+") if piece.startswith("%") else re.escape(piece)
                for piece in re.split(r"(%.)", part[len("{date:") : -1])
                if piece
            )
        else:
            shape += "[^/]+"
    return re.compile(shape)


_DATE_SHAPES = {"%Y": r"\d{4}", "%m": r"\d{2}", "%d": r"\d{2}"}


def _is_site_folder(path: str) -> bool:
    first = path.split("/")[0]
    return first in SITE_FOLDERS or bool(_YEAR.match(first))


def page_checks(results: list[ReadResult], settings) -> list[Problem]:
    """Pages whose address is taken by another page or by the site itself."""
    pages = [result for result in results if result.meta is not None and result.meta.status != "draft"]
    reserved = SITE_FOLDERS | {path.strip("/").split("/")[0] for path in settings.get("STATIC_PATHS", [])}
    problems = []
    for result in pages:
        slug = result.slug
        if slug in reserved or _YEAR.match(slug):
            field_path = _slug_field(result)
            fix = "choose another slug for the page" if field_path == ("slug",) else "add slug: with another one"
            problems.append(
                result.problem(field_path, f"'{slug}' is the address of part of the site (/{slug}/); {fix}")
            )
    problems += duplicates(
        pages,
        lambda result: result.slug,
        _slug_field,
        "another page has the same slug, so both would be written to the same address; change slug: in one. "
        "The other is at",
    )
    return problems


def waits_for_its_date(meta, settings, now: datetime) -> bool:
    """Whether an item to publish is held back until its date, which is after ``now`` (unless
    the settings publish items dated in the future, ``WITH_FUTURE_DATES``)."""
    return (
        isinstance(meta, Item)
        and meta.status == "published"
        and meta.date > now
        and not settings.get("WITH_FUTURE_DATES")
    )


def held_back(results: list[ReadResult], settings, now: datetime) -> list[Problem]:
    """What the build leaves out, said to the curator: drafts, published items dated in the
    future (until their date), and what a page leaves out of its body (an image from another
    site)."""
    left_out = [note for result in results for note in result.left_out]
    return [*left_out, *_drafts(results), *_dated_later(results, settings, now)]


def _drafts(results: list[ReadResult]) -> list[Problem]:
    """A draft is left out of the site, as it should be; said, so that one finished but never
    set to published is not missed."""
    return [
        result.problem(
            ("status",),
            f"the {'item' if isinstance(result.meta, Item) else 'page'} is a draft, so it is not on the site; "
            "set status: published when it is ready",
        )
        for result in results
        if result.meta is not None and getattr(result.meta, "status", None) == "draft"
    ]


def doubtful_sources(results: list[ReadResult], registry: Registry) -> list[Problem]:
    """What is likely a slip in an item's source, said to the curator though it may be right:
    its address is at the site of another source of sources.yaml, or the original is dated
    more than a day after the item."""
    notes = []
    for result in results:
        meta = result.meta
        if not isinstance(meta, Item):
            continue
        # The source whose site holds the address, when the named one's does not, or holds it
        # less closely: a section of a site registered as a source of its own (an edition at
        # /ru/) is that source's; two sources at the same address are both right.
        named, url = registry.resolve(meta.source.name), str(meta.source.url)
        at = registry.at_host(url) if named is not None else None
        if (
            at is not None
            and at != named.name
            and (not at_site(url, str(named.url)) or nearness(str(registry.resolve(at).url)) > nearness(str(named.url)))
        ):
            notes.append(
                result.problem(
                    ("source", "url"),
                    f"is at the site of {at} in sources.yaml, but the source is {named.name}; check the name or the address",
                )
            )
        published = meta.source.published
        if published is not None and _aware(published, meta.date) - meta.date > timedelta(days=1):
            notes.append(
                result.problem(
                    ("source", "published"),
                    f"{published.isoformat()} is after the item's date ({meta.date.date().isoformat()}), though the "
                    "original came first; check both dates",
                )
            )
    return notes


def _aware(value, like: datetime) -> datetime:
    """A date (its start) or a date and time, in the time zone of ``like`` when it has none."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), like.tzinfo)
    return value if value.tzinfo else value.replace(tzinfo=like.tzinfo)


def _dated_later(results: list[ReadResult], settings, now: datetime) -> list[Problem]:
    return [
        result.problem(
            ("date",),
            f"{result.meta.date.isoformat()} is in the future, so the item is held back; "
            "it appears in the first build after that time",
        )
        for result in results
        if waits_for_its_date(result.meta, settings, now)
    ]


def changed_in_the_future(results: list[ReadResult], now: datetime) -> list[Problem]:
    """Items whose ``modified`` or an update is dated after the build, beyond a day for the time
    zones: a year typed wrong (2061 for 2016) would show that date on the page and in feeds."""
    limit = now + timedelta(days=1)
    problems = []
    for result in results:
        if not isinstance(result.meta, Item):
            continue
        dated = [(("modified",), result.meta.modified)]
        dated += [(("updates", index, "date"), update.date) for index, update in enumerate(result.meta.updates)]
        for field_path, when in dated:
            if when is not None and _aware(when, result.meta.date) > limit:
                message = f"{when.isoformat()} is in the future; check the date (the year especially)"
                problems.append(result.problem(field_path, message))
    return problems


# Characters and names that Windows cannot check out; trailing dots and spaces are dropped there.
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]|[. ]$')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def unsafe_paths(settings) -> list[Problem]:
    """Files under content/ that are links to elsewhere, or that some computers cannot hold."""
    content_root = settings["PATH"]
    root = os.path.realpath(content_root)
    problems = []
    by_folded_name = defaultdict(list)
    # Top-down, each folder's entries in listing order, without recursion (however deep the tree).
    pending = [(content_root, os.path.basename(os.path.abspath(content_root)))]
    while pending:
        directory, shown_directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = [entry for entry in listing if not ignored(entry.name, settings)]
        except OSError:
            continue  # a folder that cannot be listed: its files are reported as they are read
        folders = []
        for entry in entries:
            shown = os.path.join(shown_directory, entry.name)
            by_folded_name[shown.casefold()].append(shown)
            if entry.is_symlink():
                if os.path.commonpath([os.path.realpath(entry.path), root]) != root:
                    problems.append(Problem(shown, 1, "file", LINK_OUTSIDE))
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, shown))
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(shown, 1, "file", NOT_A_FILE))
            if _WINDOWS_FORBIDDEN.search(entry.name) or _WINDOWS_RESERVED.match(entry.name):
                problems.append(
                    Problem(
                        shown,
                        1,
                        "file",
                        'has a name that Windows cannot hold (a reserved name, one of < > : " \\ | ? *, or a '
                        "trailing dot or space); rename it",
                    )
                )
        pending += reversed(folders)
    for names in by_folded_name.values():
        for name in names if len(names) > 1 else []:
            others = ", ".join(sorted(other for other in names if other != name))
            problems.append(
                Problem(
                    name,
                    1,
                    "file",
                    f"differs from {others} only in upper and lower case; Windows and macOS keep only one, "
                    "so rename one of them",
                )
            )
    return problems
