"""ISO weeks, Monday to Sunday in the site's timezone: the one way the digest tells weeks apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKS_URL = "weeks/"
WEEK_NAME = re.compile(r"(\d{4})-W(\d{2})")
# A week written otherwise: "2016-w49", "2016-W5", "2016 W49", "2016W49".
_MEANT = re.compile(r"(\d{4})[-_ ]?[wW](\d{1,2})")
# The years an item's date may have (digest_content.schema).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class NotAWeek(ValueError):
    """A name that is not one of an ISO week; the message says why, in the curator's words."""


@dataclass(frozen=True, order=True)
class Week:
    year: int  # the ISO year, which differs from the calendar year around new year
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def of_moment(cls, moment: datetime, zone) -> Week:
        return cls.of(moment.astimezone(zone).date())

    @classmethod
    def parse(cls, name: str) -> Week:
        match = WEEK_NAME.fullmatch(name)
        if match is None:
            meant = _MEANT.fullmatch(name.strip())
            written = meant and f"{meant[1]}-W{int(meant[2]):02d}"
            example = f"here {written}" if written and _exists(written) else "e.g. 2016-W49"
            raise NotAWeek(f"write the ISO year, -W and the week's number in two digits, {example}")
        year, number = int(match[1]), int(match[2])
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise NotAWeek(f"the year {year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}")
        weeks = weeks_in(year)
        if not 1 <= number <= weeks:
            raise NotAWeek(f"the ISO year {year} has weeks W01 to W{weeks}")
        return cls(year, number)

    @property
    def name(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def url(self) -> str:
        return f"{WEEKS_URL}{self.name}/"

    @property
    def start(self) -> date:
        """Its Monday."""
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """Its Sunday."""
        return self.start + timedelta(days=6)

    def starts_at(self, zone) -> datetime:
        return datetime.combine(self.start, time(0), zone)

    def ends_at(self, zone) -> datetime:
        """The moment the next week starts: the week is over from then on."""
        return datetime.combine(self.start + timedelta(days=7), time(0), zone)

    def before(self) -> Week:
        return Week.of(self.start - timedelta(days=7))

    @property
    def dates(self) -> str:
        return date_span(self.start, self.end)


def date_span(start: date, end: date) -> str:
    """5–11 December 2016; 28 November – 4 December 2016; 26 December 2016 – 1 January 2017;
    11 December 2016 for one day."""
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    if start.day != end.day:
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{end.day} {end:%B %Y}"


def weeks_in(year: int) -> int:
    """52 or 53: 28 December is always in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar().week


def _exists(name: str) -> bool:
    """Whether the week written ``name`` (as a week is written) is one of the calendar."""
    try:
        Week.parse(name)
    except NotAWeek:
        return False
    return True
