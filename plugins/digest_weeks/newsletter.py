"""A week's edition as Markdown, ready to paste into a newsletter: what `make week` prints."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from digest_feeds.feeds import site_root
from digest_theme.presentation import long_date

from .feeds import NO_COUNTRY, absolute_links, counts_text
from .isoweek import NotAWeek, Week

_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>])")


class NoEdition(Exception):
    """The week asked for is not a week, or has no edition; the message says which."""


def escaped(text: str) -> str:
    """Text that Markdown shows as it is: a title with [brackets] or *stars* stays a title."""
    text = _MARKDOWN_SIGNS.sub(r"\\\1", text)
    return "\\" + text if text.startswith(("#", "+", "-")) else text


def address(url: str) -> str:
    """A URL that a Markdown link cannot end early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def chosen_week(name: str | None, settings, now) -> Week:
    """The week called ``name``, or the last complete week."""
    if name is None:
        return Week.of_moment(now, ZoneInfo(settings["TIMEZONE"])).before()
    try:
        return Week.parse(name)
    except NotAWeek as reason:
        raise NoEdition(f"WEEK={name} is not a week: {reason}") from None


def newsletter(digest, name: str | None, settings, now) -> str:
    """The edition of the week called ``name`` (default: the last complete week) in Markdown."""
    week = chosen_week(name, settings, now)
    edition = digest.weeks.find(week)
    if edition is None:
        latest = ", ".join(edition.week.name for edition in digest.weeks.editions[:4])
        later = week.starts_at(ZoneInfo(settings["TIMEZONE"])) > now
        why = "has not begun" if later else "has no published items"
        raise NoEdition(
            f"{week.name} ({week.dates}) {why}, so there is no edition to print"
            + (f"; the latest editions are {latest}" if latest else "; no week has any yet")
        )
    return edition_markdown(edition, settings)


def _attribution(item) -> str:
    chain = item.digest.facts.attribution
    return ", ".join(f"{link.connector} {link.name}" if link.connector else link.name for link in chain)


def _url(item, settings) -> str:
    # Items read without building (`make check` reads them so) have no address yet: it is made
    # as Pelican makes it.
    return getattr(item, "url", None) or settings["ARTICLE_URL"].format(date=item.date, slug=item.slug)


def _item(item, root: str, settings) -> list[str]:
    lines = [
        f"### [{escaped(item.title)}]({address(f'{root}/{_url(item, settings)}')})",
        "",
        f"{long_date(item.date)} · Reported by {escaped(_attribution(item))}",
        "",
        escaped(item.summary_text),
        "",
    ]
    claims = getattr(item, "claims", [])
    changed = long_date(getattr(item, "modified", None) or item.date)
    for claim in claims:
        by = f" ({escaped(claim.by)})" if claim.by else ""
        lines.append(f"- **{claim.status.capitalize()}**: {escaped(claim.text)}{by}")
        if claim.history:
            # Its standings before, as the item's page lists them.
            earlier = [f"{before.status.capitalize()} on {long_date(before.date)}" for before in claim.history]
            lines.append(f"  ({' · '.join([*earlier, f'{claim.status.capitalize()} as of {changed}'])})")
    updates = getattr(item, "updates", [])
    if updates:
        # As the weekly feed's entry and the item's page give them: a newsletter reader sees what changed.
        lines += [*([""] if claims else []), "Corrections and updates:", ""]
        for update in updates:
            lines.append(f"- **{update.kind.capitalize()}**, {long_date(update.date)}: {escaped(update.note)}")
    publisher = item.digest.facts.attribution[0].name if item.digest.facts.attribution else item.source.name
    return [
        *lines,
        *([""] if claims or updates else []),
        f"[Read the original at {escaped(publisher)}]({address(item.source.url)})",
        "",
    ]


def edition_markdown(edition, settings) -> str:
    """The edition's heading, counts, note and items by country, with absolute links."""
    root = site_root(settings)
    week = edition.week
    lines = [f"# {escaped(settings['SITENAME'])}: the week of {week.dates}", ""]
    lines += [f"Week {week.number} of {week.year}: {counts_text(edition)}. On the site: {root}/{edition.url}", ""]
    if not edition.over:
        lines += [f"*This week is in progress: it runs until the end of Sunday {long_date(week.end)}.*", ""]
    if edition.note:
        # The note as the week's page shows it: rendered and sanitised (no script, no image
        # from elsewhere, links to web addresses only), which Markdown keeps as it is.
        lines += [
            f"## {escaped(edition.note.title)}",
            "",
            absolute_links(str(edition.note.html), root, f"{root}/{edition.url}").strip(),
            "",
        ]
    if edition.sources:
        lines += [
            "Published by: " + ", ".join(f"{escaped(term.name)} ({count})" for term, count in edition.sources),
            "",
        ]
    if edition.claims:
        lines += ["Claims: " + ", ".join(f"{count} {status}" for status, count in edition.claims), ""]
    for group in edition.groups:
        name = group.country.name if group.country else NO_COUNTRY
        lines += [f"## {escaped(name)} ({len(group.items)})", ""]
        for item in group.items:
            lines += _item(item, root, settings)
    return "\n".join(lines).rstrip("\n") + "\n"
