"""Bar charts drawn at build time: counts in, the geometry of their bars out.

A template draws one with the ``bar_chart`` macro of ``partials/charts.html``:

    {% from "partials/charts.html" import bar_chart %}
    {{ bar_chart(term.per_month|timeline_chart, "term-chart") }}

Columns (counts over time) have whole coordinates in a viewBox that the page stretches to
the width it has, so that two years of months still fit a phone. Rows (counts by name) carry
a line of text each: their heights are in ems, so the text keeps the reader's font size, and
their lengths in per cent of the width. Labels and titles are plain text: the macro escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COLUMN_SLOT = 10  # viewBox units per column: the bar, then a gap
COLUMN_BAR = 8
COLUMN_HEIGHT = 100  # viewBox units; the stylesheet sets the drawn height
LOWEST_COLUMN = 4  # the height of a column that counts anything, at the least
COLUMN_WIDTH = 24  # CSS pixels a column takes at most; more columns shrink to fit
DAY_WIDTH = 36
NARROWEST = 192  # CSS pixels: room for the labels under the first and the last column
ROW_PITCH = 2.2  # ems per row: a line for the name and the count, then the bar
ROW_BAR = 0.6  # ems
RANKED_ROWS = 12


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it counts, and where it is drawn."""

    label: str  # what the bar counts, in words: "December 2016", "Syria"
    count: int
    text: str  # its title: "December 2016: 5 items"
    x: float
    y: float  # columns: viewBox units; rows: ems, the top of the bar
    width: float  # columns: viewBox units; rows: per cent of the chart's width
    height: float


@dataclass(frozen=True, slots=True)
class BarChart:
    """What the ``bar_chart`` macro draws: the bars, and the words that say what they show."""

    kind: str  # "columns" or "rows"
    caption: str  # shown above the chart: "Items per month"
    title: str  # its accessible name: "Items per month, November 2016 to December 2016"
    summary: str  # its description: "7 items; the most: December 2016, with 5."
    key: str  # what the table's first column holds: "Month"
    unit: str  # what the counts count, for the table's second column: "Items"
    bars: tuple[Bar, ...]
    width: int  # columns: the viewBox's width; rows: 0
    height: float  # columns: the viewBox's height; rows: ems
    drawn_width: int = 0  # columns: the widest it is drawn, in CSS pixels
    axis: tuple[str, ...] = ()  # labels under the columns: one a column, or the first and the last


ITEMS = ("item", "items")


def _counted(count: int, nouns: tuple[str, str] = ITEMS) -> str:
    return f"{count} {nouns[count != 1]}"


def columns(
    counts,
    caption: str,
    key: str,
    span: str,
    slot_width: int,
    axis: tuple[str, ...],
    nouns: tuple[str, str] = ITEMS,
    scale: int = 0,
) -> BarChart:
    """A column for each (label, count) of ``counts``, in order; ``span`` says what they cover,
    ``nouns`` what is counted (one, more: "claim", "claims"). The tallest column is ``scale``
    high, when charts side by side share one, else the highest count."""
    counts = list(counts)
    peak = max((count for _, count in counts), default=0)
    top = max(scale, peak)
    bars = []
    for index, (label, count) in enumerate(counts):
        # A column of one item among hundreds still shows: none is drawn lower than a few units.
        height = max(LOWEST_COLUMN, round(count * COLUMN_HEIGHT / top)) if count else 0
        x = index * COLUMN_SLOT + (COLUMN_SLOT - COLUMN_BAR) // 2
        bars.append(
            Bar(label, count, f"{label}: {_counted(count, nouns)}", x, COLUMN_HEIGHT - height, COLUMN_BAR, height)
        )
    total = sum(count for _, count in counts)
    busiest = [label for label, count in counts if count == peak]
    summary = _counted(total, nouns)
    if peak and len(busiest) == 1:
        summary += f"; the most: {busiest[0]}, with {peak}"
    elif peak:
        summary += f"; {len(busiest)} {key.lower()}s have the most, {peak}"
    return BarChart(
        kind="columns",
        caption=caption,
        title=f"{caption}, {span}",
        summary=summary + ".",
        key=key,
        unit=nouns[1].capitalize(),
        bars=tuple(bars),
        width=len(bars) * COLUMN_SLOT,
        height=COLUMN_HEIGHT,
        drawn_width=max(NARROWEST, len(bars) * slot_width),
        axis=axis,
    )


# Months a column adds up, and what it is called. A long span is drawn by quarters or years,
# so that no chart has more than MOST_COLUMNS columns and it stays a few kilobytes.
PERIODS = {1: "month", 3: "quarter", 12: "year"}
MOST_COLUMNS = 24


def _periods(per_month, months: int) -> list[tuple[date, int]]:
    """``(first day of the month, count)`` pairs added up into periods of ``months`` months."""
    totals: dict[date, int] = {}
    for month, count in per_month:
        start = date(month.year, (month.month - 1) // months * months + 1, 1)
        totals[start] = totals.get(start, 0) + count
    return list(totals.items())


def _period_names(start: date, months: int) -> tuple[str, str]:
    """In full and short: November 2016, Nov 2016; January–March 2016, Q1 2016; 2016, 2016."""
    if months == 1:
        return f"{start:%B %Y}", f"{start:%b %Y}"
    if months == 3:
        return f"{start:%B}–{start.replace(month=start.month + 2):%B %Y}", f"Q{start.month // 3 + 1} {start.year}"
    return str(start.year), str(start.year)


def timeline_chart(per_month, nouns: tuple[str, str] = ITEMS, scale: int = 0) -> BarChart:
    """Columns for ``(first day of the month, count)`` pairs, oldest first, with no month left
    out (``Term.per_month``): a column a month, or a quarter or a year over a long span.
    ``scale``: the count of the tallest column, for charts that are compared (see ``columns``)."""
    per_month = list(per_month)
    months = _grouping(per_month)
    periods, period = _periods(per_month, months), PERIODS[months]
    names = [_period_names(start, months) for start, _ in periods]
    counts = [(full, count) for (full, _), (_, count) in zip(names, periods, strict=True)]
    span = f"{names[0][0]} to {names[-1][0]}" if names else "none"
    ends = tuple(dict.fromkeys([names[0][1], names[-1][1]])) if names else ()
    caption = f"{nouns[1].capitalize()} per {period}"
    return columns(counts, caption, period.capitalize(), span, COLUMN_WIDTH, ends, nouns, scale)


def _grouping(per_month: list) -> int:
    """How many months a column adds up: the fewest that keep the chart to MOST_COLUMNS."""
    return next((months for months in PERIODS if len(_periods(per_month, months)) <= MOST_COLUMNS), 12)


def shared_timelines(series) -> tuple[BarChart, ...]:
    """A timeline chart for each of ``series`` (each with ``nouns`` and ``per_month``, as a
    claim standing has), all over the same months, drawn to one scale so that they compare."""
    series = [(member.nouns, list(member.per_month)) for member in series]
    scale = max((count for _, per_month in series for _, count in _periods(per_month, _grouping(per_month))), default=0)
    return tuple(timeline_chart(per_month, tuple(nouns), scale) for nouns, per_month in series)


def day_chart(per_day, nouns: tuple[str, str] = ITEMS) -> BarChart:
    """Columns for ``(date, count)`` pairs, oldest first, each labelled with its weekday."""
    per_day = list(per_day)
    span = f"{_day(per_day[0][0])} to {_day(per_day[-1][0])}" if per_day else "none"
    counts = [(f"{day:%A} {_day(day)}", count) for day, count in per_day]
    caption = f"{nouns[1].capitalize()} per day"
    return columns(counts, caption, "Day", span, DAY_WIDTH, tuple(f"{day:%a}" for day, _ in per_day), nouns)


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def ranked_chart(terms, caption: str, key: str, limit: int = RANKED_ROWS) -> BarChart:
    """Rows for the ``limit`` terms with the most items, most first (ties by name)."""
    ranked = sorted(terms, key=lambda term: (-term.count, term.name.casefold()))
    shown = ranked[:limit]
    peak = shown[0].count if shown else 0
    bars = tuple(
        Bar(
            term.name,
            term.count,
            f"{term.name}: {_counted(term.count)}",
            x=0,
            y=round(index * ROW_PITCH + 1.4, 1),
            width=max(1, round(term.count * 100 / peak)),
            height=ROW_BAR,
        )
        for index, term in enumerate(shown)
    )
    every = f"all {len(ranked)}" if len(shown) == len(ranked) else f"the {len(shown)} with the most of {len(ranked)}"
    summary = f"{shown[0].name} has the most, {_counted(peak)}." if shown else "None."
    return BarChart(
        kind="rows",
        caption=caption,
        title=f"{caption}: {every}",
        summary=summary,
        key=key,
        unit="Items",
        bars=bars,
        width=0,
        height=round(len(bars) * ROW_PITCH, 1),
    )


FILTERS = {
    "timeline_chart": timeline_chart,
    "shared_timelines": shared_timelines,
    "day_chart": day_chart,
    "ranked_chart": ranked_chart,
}
