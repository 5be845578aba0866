"""The digest at a glance: counts, the bars drawn from them, and the charts of a built site,
whose numbers must be those of the pages they summarise."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import sites
from digest_taxonomies.taxonomy import items_per_month
from digest_theme.charts import FILTERS, day_chart, ranked_chart, timeline_chart
from jinja2 import Environment, FileSystemLoader

TEMPLATES = sites.ROOT / "theme" / "templates"
# A year of months, drawn and tabled, stays within this on a term page.
TWELVE_MONTHS_BUDGET = 4 * 1024
ANY_SPAN_BUDGET = 5 * 1024
ITEM_PAGE_BUDGET = 30 * 1024


def dated(*days: tuple[int, int, int]) -> list:
    return [SimpleNamespace(date=datetime(*day, 12, tzinfo=UTC)) for day in days]


def test_items_per_month_covers_the_span_with_empty_months_included():
    items = dated((2017, 2, 3), (2016, 11, 30), (2016, 11, 1), (2017, 2, 28))
    assert items_per_month(items) == (
        (date(2016, 11, 1), 2),
        (date(2016, 12, 1), 0),
        (date(2017, 1, 1), 0),
        (date(2017, 2, 1), 2),
    )
    assert items_per_month([]) == ()


def test_month_columns_are_whole_units_scaled_to_the_busiest_month():
    chart = timeline_chart([(date(2016, 11, 1), 2), (date(2016, 12, 1), 0), (date(2017, 1, 1), 5)])
    assert chart.caption == "Items per month" and chart.key == "Month"
    assert [(bar.label, bar.count) for bar in chart.bars] == [
        ("November 2016", 2),
        ("December 2016", 0),
        ("January 2017", 5),
    ]
    assert [(bar.x, bar.y, bar.width, bar.height) for bar in chart.bars] == [
        (1, 60, 8, 40),
        (11, 100, 8, 0),
        (21, 0, 8, 100),
    ]
    assert all(isinstance(value, int) for bar in chart.bars for value in (bar.x, bar.y, bar.width, bar.height))
    assert (chart.width, chart.height) == (30, 100)
    assert chart.bars[0].text == "November 2016: 2 items"
    assert chart.title == "Items per month, November 2016 to January 2017"
    assert chart.summary == "7 items; the most: January 2017, with 5."
    assert chart.axis == ("Nov 2016", "Jan 2017")


def test_a_month_of_one_item_among_hundreds_still_shows():
    chart = timeline_chart([(date(2016, 11, 1), 1), (date(2016, 12, 1), 900), (date(2017, 1, 1), 0)])
    # Four hundredths of the chart's height: a few pixels where one hundredth was one.
    assert [bar.height for bar in chart.bars] == [4, 100, 0]


def months(count: int, first: date = date(2012, 1, 1)) -> list[tuple[date, int]]:
    """``count`` months from ``first``, with counts that vary."""
    index = first.year * 12 + first.month - 1
    return [(date((index + step) // 12, (index + step) % 12 + 1, 1), step * 7 % 23) for step in range(count)]


def test_two_years_are_drawn_by_months_and_longer_spans_by_quarters_then_years():
    assert [len(timeline_chart(months(count)).bars) for count in (2, 24, 25, 72, 73, 162)] == [2, 24, 9, 24, 7, 14]
    quarters = timeline_chart(months(25, date(2014, 11, 1)))
    assert quarters.caption == "Items per quarter" and quarters.key == "Quarter"
    assert [bar.label for bar in quarters.bars[:2]] == ["October–December 2014", "January–March 2015"]
    assert quarters.axis == ("Q4 2014", "Q4 2016")
    assert [bar.count for bar in quarters.bars[:2]] == [0 + 7, 14 + 21 + 5]
    years = timeline_chart(months(162))
    assert years.title == "Items per year, 2012 to 2025" and years.bars[0].text == f"2012: {years.bars[0].count} items"
    assert sum(bar.count for bar in years.bars) == sum(count for _, count in months(162))


def test_few_columns_keep_room_for_their_labels_and_many_shrink_to_fit():
    few, many = timeline_chart(months(2)), timeline_chart(months(24))
    assert few.drawn_width >= 192 and few.axis == ("Jan 2012", "Feb 2012")
    assert many.drawn_width == 24 * 24 and many.width == 240


def test_day_columns_name_each_day():
    chart = day_chart([(date(2016, 12, day), day % 2) for day in range(9, 16)])
    assert chart.axis == ("Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu")
    assert chart.bars[0].text == "Friday 9 December 2016: 1 item"
    assert chart.bars[1].text == "Saturday 10 December 2016: 0 items"
    assert chart.title == "Items per day, 9 December 2016 to 15 December 2016"
    assert chart.summary == "4 items; 4 days have the most, 1."


def test_ranked_rows_show_the_terms_with_most_items_first():
    terms = [SimpleNamespace(name=name, count=count) for name, count in [("Yemen", 1), ("Syria", 8), ("Iraq", 4)]]
    terms += [SimpleNamespace(name=f"Country {index:02}", count=1) for index in range(20)]
    chart = ranked_chart(terms, "Countries by number of items", "Country")
    assert [(bar.label, bar.count) for bar in chart.bars[:4]] == [
        ("Syria", 8),
        ("Iraq", 4),
        ("Country 00", 1),
        ("Country 01", 1),
    ]
    assert len(chart.bars) == 12
    assert [bar.width for bar in chart.bars[:3]] == [100, 50, 12]
    assert chart.title == "Countries by number of items: the 12 with the most of 23"
    assert chart.summary == "Syria has the most, 8 items."


def render_chart(chart, id="chart") -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(FILTERS)
    return environment.from_string(
        '{% from "partials/charts.html" import bar_chart %}{{ bar_chart(chart, id) }}'
    ).render(chart=chart, id=id)


def test_twelve_months_of_chart_weigh_at_most_4_kb_and_any_span_5_kb():
    html = render_chart(timeline_chart(months(12)), "term-chart")
    assert html.count("<rect ") == 12 and html.count("<tr>") == 13
    assert len(html.encode()) <= TWELVE_MONTHS_BUDGET, len(html.encode())
    for count in range(1, 400):
        assert len(render_chart(timeline_chart(months(count)), "term-chart").encode()) <= ANY_SPAN_BUDGET, count


def test_names_in_a_chart_are_escaped():
    terms = [SimpleNamespace(name='<script>alert("x")</script>', count=2), SimpleNamespace(name="A & B", count=1)]
    html = render_chart(ranked_chart(terms, "Tags", "Tag"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


# The built fixture site: every chart against the pages it summarises.


class ChartsAndCards(HTMLParser):
    """A page's charts (each bar's title, each row of its table) and its items' dates."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.charts: list[dict] = []
        self.item_dates: list[str] = []
        self.older: str | None = None
        self.country_links: dict[str, str] = {}
        self._open: list[str] = []
        self._text = ""
        self._in_card = False
        self._href = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class", "").split()
        if tag == "figure" and "chart" in classes:
            self.charts.append({"bars": [], "rows": [], "title": ""})
        if tag == "article" and "card" in classes:
            self._in_card = True
        if tag == "time" and self._in_card:
            self.item_dates.append(attributes["datetime"])
            self._in_card = False
        if tag == "a" and attributes.get("rel") == "next":
            self.older = attributes["href"]
        if tag == "a":
            self._href = attributes.get("href")
        self._open.append(tag)
        self._text = ""

    def handle_data(self, data):
        self._text += data

    def handle_endtag(self, tag):
        chart = self.charts[-1] if self.charts else None
        inside = self._open[-2] if len(self._open) > 1 else None
        if chart is not None and tag == "title" and inside == "rect":
            chart["bars"].append(self._text)
        elif chart is not None and tag == "title" and inside == "svg":
            chart["title"] = self._text
        elif chart is not None and tag in ("th", "td") and "tbody" in self._open:
            chart["rows"].append(self._text)
        elif tag == "a" and re.fullmatch(r"/countries/[a-z]{2}/", self._href or ""):
            self.country_links[self._text.strip()] = self._href
        while self._open and self._open.pop() != tag:
            pass


def read(site: Path, url: str) -> ChartsAndCards:
    return ChartsAndCards((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8"))


def all_item_dates(site: Path, url: str) -> list[str]:
    """The dates of a list's items over all its pages, from its address."""
    dates, page = [], read(site, url)
    while True:
        dates += page.item_dates
        if page.older is None:
            return dates
        page = read(site, page.older)


def bar_counts(chart: dict) -> dict[str, int]:
    """{label: count} from the bars' titles, checked against the table of the same numbers."""
    bars = {}
    for title in chart["bars"]:
        label, count = re.fullmatch(r"(.+): (\d+) items?", title).groups()
        bars[label] = int(count)
    table = dict(zip(chart["rows"][::2], (int(count) for count in chart["rows"][1::2]), strict=True))
    assert table == bars and list(table) == list(bars)
    return bars


def term_pages(site: Path):
    for taxonomy in ("sources", "tags", "countries"):
        for index in sorted((site / taxonomy).glob("*/index.html")):
            yield f"/{taxonomy}/{index.parent.name}/"


def test_each_term_chart_counts_the_items_of_its_pages_month_by_month(taxonomy_site):
    drawn = 0
    for url in term_pages(taxonomy_site):
        page = read(taxonomy_site, url)
        months = Counter(datetime.fromisoformat(when).strftime("%B %Y") for when in all_item_dates(taxonomy_site, url))
        if len(months) < 2:
            assert page.charts == [], f"{url}: a chart of a single month"
            continue
        (chart,) = page.charts
        bars = bar_counts(chart)
        assert sum(bars.values()) == months.total(), url
        assert {label: count for label, count in bars.items() if count} == dict(months), url
        # Every month from the first to the last, in order, empty ones too.
        spans = [datetime.strptime(label, "%B %Y") for label in bars]
        assert (
            spans == sorted(spans)
            and len(spans) == (spans[-1].year - spans[0].year) * 12 + spans[-1].month - spans[0].month + 1
        )
        drawn += 1
    assert drawn >= 10


def test_a_term_chart_is_on_its_first_page_only(taxonomy_site):
    first = read(taxonomy_site, "/tags/topic-1/")
    assert len(first.charts) == 1 and first.older
    assert read(taxonomy_site, first.older).charts == []


def test_the_countries_chart_counts_the_items_of_each_country_page(taxonomy_site):
    page = read(taxonomy_site, "/countries/")
    (chart,) = page.charts
    bars = bar_counts(chart)
    assert list(bars.values()) == sorted(bars.values(), reverse=True)
    assert set(bars) == set(page.country_links)  # the fixture has fewer countries than the chart's rows
    for name, count in bars.items():
        assert len(all_item_dates(taxonomy_site, page.country_links[name])) == count, name


def test_the_week_chart_counts_the_items_of_each_day_of_the_week(taxonomy_site):
    (chart,) = read(taxonomy_site, "/").charts
    bars = bar_counts(chart)
    days = [datetime.strptime(label, "%A %d %B %Y").date() for label in bars]
    assert len(days) == 7 and days == sorted(days) and (days[-1] - days[0]).days == 6
    listed = Counter(datetime.fromisoformat(when).date() for when in all_item_dates(taxonomy_site, "/"))
    assert [bars[label] for label in bars] == [listed[day] for day in days]
    # The newest item's ISO week, Monday to Sunday.
    assert days[0].isoweekday() == 1 and days[0] <= max(listed) <= days[-1]


def chart_bytes(html: str) -> int:
    return sum(len(figure.encode()) for figure in re.findall(r'<figure class="chart.*?</figure>', html, flags=re.S))


def test_charts_cost_list_pages_a_few_kilobytes_and_item_pages_nothing(taxonomy_site):
    costs = {
        url: chart_bytes((taxonomy_site / url.lstrip("/") / "index.html").read_text())
        for url in ("/", "/countries/", "/tags/topic-1/")
    }
    assert all(0 < cost <= TWELVE_MONTHS_BUDGET for cost in costs.values()), costs
    for path in taxonomy_site.glob("2024/*/*/*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert "<svg" not in html, path
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        css = sum((taxonomy_site / href.lstrip("/")).stat().st_size for href in stylesheets)
        assert len(html.encode()) + css < ITEM_PAGE_BUDGET, path


def redated(path: Path, when: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^date: .*$", f"date: {when}", text, count=1, flags=re.M), encoding="utf-8")


def test_the_charts_of_an_incremental_build_follow_new_and_moved_items(tmp_path):
    content, output = sites.write_taxonomy_site(tmp_path / "site"), tmp_path / "output"
    # Lists of four items a page: topic-1's first page is far from the pages of its January items.
    settings = str(sites.ROOT / "tests" / "fixtures" / "theme_site" / "settings.py")
    assert sites.build(content, output, settings).returncode == 0
    norway = bar_counts(read(output, "/countries/no/").charts[0])
    assert list(norway) == ["January 2024", "February 2024", "March 2024", "April 2024"]

    (content / "items" / "story-904.md").write_text(sites.item_text(904), encoding="utf-8")
    redated(content / "items" / "story-904.md", "2024-06-30T10:00:00+00:00")
    assert sites.build(content, output, settings).returncode == 0
    norway = bar_counts(read(output, "/countries/no/").charts[0])
    assert (norway["May 2024"], norway["June 2024"]) == (0, 1)

    # January's last item moves to February without changing places in any list: topic-1's first
    # page neither lists it nor links to a page that does, and still draws it in its new month.
    topic = bar_counts(read(output, "/tags/topic-1/").charts[0])
    redated(content / "items" / "story-027.md", "2024-02-01T03:00:00+00:00")
    assert sites.build(content, output, settings).returncode == 0
    moved = bar_counts(read(output, "/tags/topic-1/").charts[0])
    assert moved == {**topic, "January 2024": topic["January 2024"] - 1, "February 2024": topic["February 2024"] + 1}
    clean = tmp_path / "clean"
    assert sites.build(content, clean, settings).returncode == 0
    for url in ("/countries/no/", "/countries/sd/", "/tags/topic-1/", "/"):
        assert read(output, url).charts == read(clean, url).charts, url
