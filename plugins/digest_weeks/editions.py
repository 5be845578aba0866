"""The weekly editions: the published items of each ISO week, grouped by primary country and
counted, with the curators' note. Plain computation over the model's items and notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from digest_content.problems import Problem
from digest_feeds.feeds import FeedLink
from digest_theme.presentation import CLAIM_STATUS_ORDER, ranked

from .isoweek import WEEKS_URL, Week
from .notes import Note

WEEK_FEEDS = (("rss", "RSS"), ("atom", "Atom"))


@dataclass(frozen=True)
class CountryGroup:
    """The items of a week whose first country is ``country`` (None: items naming no country)."""

    country: object  # a countries Term, or None
    items: tuple  # oldest first


@dataclass(frozen=True, eq=False)
class Edition:
    """One week of the digest, as its page, its feed entry and `make week` show it."""

    week: Week
    items: tuple  # oldest first: a week reads in the order it happened
    groups: tuple[CountryGroup, ...]  # most items first; items naming no country last
    sources: tuple  # (source Term, items it published), most first
    claims: tuple  # (status, count) in CLAIM_STATUS_ORDER, statuses with claims only
    note: Note | None
    over: bool  # whether the week had ended when the site was built
    ends_at: datetime  # when the next week starts, in the site's timezone
    older: Week | None  # the editions before and after it
    newer: Week | None

    @property
    def url(self) -> str:
        return self.week.url

    @property
    def claim_count(self) -> int:
        return sum(count for _, count in self.claims)

    @cached_property
    def countries(self) -> tuple:
        """(countries Term, items naming it) for every country the week's items name, first or
        not, most items first."""
        return ranked(Counter(term for item in self.items for term in item.digest.facts.terms.get("countries", ())))

    @property
    def per_day(self) -> tuple:
        """(day, items) for each day of the week, Monday first."""
        by_day = Counter(item.date.date() for item in self.items)
        days = [self.week.start + timedelta(days=offset) for offset in range(7)]
        return tuple((day, by_day[day]) for day in days)

    @property
    def updated(self) -> datetime:
        """The edition's last change: its end, or a later correction of one of its items."""
        changes = [getattr(item, "modified", None) or item.date for item in self.items]
        return max([self.ends_at, *changes])

    def __fingerprint__(self, describe) -> str:
        """What the edition's page, feed entry and line in /weeks/ show. Its items' descriptions
        hold their countries; its terms it shows by name and address, their other items are not on it."""
        groups = ";".join(f"{_link(group.country)}:{len(group.items)}" for group in self.groups)
        sources = ";".join(f"{_link(term)}:{count}" for term, count in self.sources)
        note = f"{self.note.title}|{self.note.source_hash}" if self.note else ""
        neighbours = f"{self.older and self.older.name}|{self.newer and self.newer.name}"
        shown = [self.week.name, describe(self.items), groups, sources, repr(self.claims), note, neighbours]
        return "|".join([*shown, repr(self.over), self.ends_at.isoformat()])


def _link(term) -> str:
    return "" if term is None else f"{term.name}|{term.url}"


@dataclass(frozen=True)
class Weeks:
    """Every edition, newest first, and the weekly feeds."""

    editions: tuple[Edition, ...]
    feeds: tuple[FeedLink, ...]
    # When the editions change with the clock alone: a week ends, a note's week starts.
    changes_at: tuple[float, ...]
    held_back: tuple[Problem, ...]  # notes of weeks that have not started

    def find(self, week: Week) -> Edition | None:
        return next((edition for edition in self.editions if edition.week == week), None)

    def latest(self, items) -> Edition | None:
        """The edition of the newest of ``items`` (newest first): the front page's week at a glance."""
        return self.find(Week.of(items[0].date.date())) if items else None

    @property
    def finished(self) -> tuple[Edition, ...]:
        """The editions whose week is over: those the feeds carry."""
        return tuple(edition for edition in self.editions if edition.over)


def week_feed_links(sitename: str) -> tuple[FeedLink, ...]:
    return tuple(
        FeedLink(kind, f"{WEEKS_URL}{kind}.xml", f"{sitename}: weekly editions ({label})") for kind, label in WEEK_FEEDS
    )


def country_groups(items) -> tuple[CountryGroup, ...]:
    by_country = {}
    for item in items:
        countries = item.digest.facts.terms.get("countries")
        by_country.setdefault(countries[0] if countries else None, []).append(item)
    named = sorted(
        (CountryGroup(country, tuple(members)) for country, members in by_country.items() if country is not None),
        key=lambda group: (-len(group.items), group.country.name.casefold()),
    )
    unnamed = [CountryGroup(None, tuple(by_country[None]))] if None in by_country else []
    return tuple([*named, *unnamed])


def _edition(week, items, note, zone, now, older, newer) -> Edition:
    sources = Counter(item.digest.facts.source_term for item in items if item.digest.facts.source_term is not None)
    claims = Counter(claim.status for item in items for claim in getattr(item, "claims", []))
    ends_at = week.ends_at(zone)
    return Edition(
        week=week,
        items=tuple(items),
        groups=country_groups(items),
        sources=ranked(sources),
        claims=tuple((status, claims[status]) for status in CLAIM_STATUS_ORDER if claims[status]),
        note=note,
        over=now >= ends_at,
        ends_at=ends_at,
        older=older,
        newer=newer,
    )


def weekly_editions(items, notes: dict[Week, Note], settings, now: datetime) -> Weeks:
    """An edition for each week with published ``items`` (newest first, as the model has them)
    or with a note, once the week has started; see the module's description."""
    zone = ZoneInfo(settings["TIMEZONE"])
    by_week = {}
    for item in reversed(items):
        by_week.setdefault(Week.of_moment(item.date, zone), []).append(item)
    waiting = {week: note for week, note in notes.items() if week not in by_week and week.starts_at(zone) > now}
    weeks = sorted(set(by_week) | (set(notes) - set(waiting)))
    editions = [
        _edition(
            week,
            by_week.get(week, []),
            notes.get(week),
            zone,
            now,
            weeks[index - 1] if index > 0 else None,
            weeks[index + 1] if index + 1 < len(weeks) else None,
        )
        for index, week in enumerate(weeks)
    ]
    changes = [edition.ends_at for edition in editions if not edition.over]
    changes += [week.starts_at(zone) for week in waiting]
    held_back = [
        Problem(
            note.path,
            1,
            "file",
            f"is the note of a week that has not started ({week.dates}); its edition appears in the first build once the week has begun",
        )
        for week, note in sorted(waiting.items())
    ]
    return Weeks(
        editions=tuple(reversed(editions)),
        feeds=week_feed_links(settings["SITENAME"]),
        changes_at=tuple(sorted(moment.timestamp() for moment in changes)),
        held_back=tuple(held_back),
    )
