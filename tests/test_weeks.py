"""Weekly editions: ISO weeks in the site's timezone, the curators' notes checked like items,
the pages and feeds a build writes, the clock that ends a week, and `make week`."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from datetime import UTC, date, datetime
from types import SimpleNamespace
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import conflict_digest.generator
import digest
import digest_incremental.build
import feedparser
import pytest
import sites
from digest_content.body import Html
from digest_content.schema import Claim, Source, SourceRef
from digest_content.sources import Registry
from digest_feeds.feeds import Channel
from digest_incremental import key
from digest_taxonomies.taxonomy import build_taxonomies
from digest_weeks.editions import weekly_editions
from digest_weeks.feeds import edition_feed
from digest_weeks.isoweek import NotAWeek, Week, weeks_in
from digest_weeks.notes import Note
from test_incremental import build_both

FIXTURES = sites.FIXTURES
WEEKS_SITE = FIXTURES / "weeks_site"
NEW_YORK = ZoneInfo("America/New_York")
ATOM = "{http://www.w3.org/2005/Atom}"
SETTINGS = {
    "SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")],
    "TIMEZONE": "UTC",
    "SITENAME": "Conflict Digest",
}
REGISTRY = Registry.of(
    Source(name="Reuters", url="https://www.reuters.com", kind="wire"),
    Source(name="Middle East Eye", url="https://www.middleeasteye.net", kind="outlet"),
)


# ISO weeks


def test_a_week_is_an_iso_week_named_and_dated_as_readers_read_it():
    assert Week.of(date(2016, 12, 31)) == Week.of(date(2017, 1, 1)) == Week(2016, 52)
    assert Week.of(date(2017, 1, 2)) == Week(2017, 1)
    assert Week.of(date(2021, 1, 3)).name == "2020-W53" and Week.of(date(2021, 1, 4)).name == "2021-W01"
    assert (weeks_in(2020), weeks_in(2021)) == (53, 52)
    assert Week(2021, 1).before() == Week(2020, 53) and Week.parse("2016-W49").url == "weeks/2016-W49/"
    assert [Week(2016, 49).dates, Week(2016, 48).dates, Week(2016, 52).dates] == [
        "5–11 December 2016",
        "28 November – 4 December 2016",
        "26 December 2016 – 1 January 2017",
    ]


def test_a_week_ends_at_midnight_in_the_site_timezone():
    assert Week(2016, 52).ends_at(NEW_YORK) == datetime(2017, 1, 2, 5, tzinfo=UTC)
    sunday_night_in_new_york = datetime(2017, 1, 2, 3, 30, tzinfo=UTC)
    assert Week.of_moment(sunday_night_in_new_york, NEW_YORK) == Week(2016, 52)
    assert Week.of_moment(sunday_night_in_new_york, UTC) == Week(2017, 1)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("2016-w49", "write the ISO year, -W and the week's number in two digits, here 2016-W49"),
        ("2016-49", "write the ISO year, -W and the week's number in two digits, e.g. 2016-W49"),
        ("2016-W9", "write the ISO year, -W and the week's number in two digits, here 2016-W09"),
        ("2021-w53", "write the ISO year, -W and the week's number in two digits, e.g. 2016-W49"),  # not a week
        ("2021-W53", "the ISO year 2021 has weeks W01 to W52"),
        ("2016-W00", "the ISO year 2016 has weeks W01 to W52"),
        ("1850-W01", "the year 1850 is outside 1900-2100"),
    ],
)
def test_a_name_that_is_not_a_week_says_why(name, reason):
    with pytest.raises(NotAWeek) as refused:
        Week.parse(name)
    assert str(refused.value) == reason


# Editions, computed from items without building a site


class FakeItem(SimpleNamespace):
    """Stands in for a Pelican article: compared by identity, as articles are."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


def story(when: datetime, countries=(), source="Reuters", claims=()) -> FakeItem:
    return FakeItem(
        title=f"Story of {when:%d %B}",
        date=when,
        url=f"{when:%Y/%m/%d}/story/",
        source=SourceRef(name=source, url="https://news.example.org/story"),
        via=[],
        tag_names=[],
        countries=list(countries),
        claims=[Claim(text="Something happened", status=status) for status in claims],
        digest=SimpleNamespace(path="content/items/story.md", line=lambda *path: 1),
    )


def week_items() -> list[FakeItem]:
    """Items of 2016-W50 (12 to 18 December) and one of 2016-W49, newest first."""
    items = [
        story(datetime(2016, 12, 15, 9, tzinfo=UTC), ["SY", "RU"], claims=["denied"]),
        story(datetime(2016, 12, 14, 9, tzinfo=UTC), ["UA"], source="Middle East Eye"),
        story(datetime(2016, 12, 13, 9, tzinfo=UTC), [], claims=["disputed", "denied"]),
        story(datetime(2016, 12, 12, 1, tzinfo=UTC), ["SY"]),
        story(datetime(2016, 12, 11, 23, tzinfo=UTC), ["IQ"]),
    ]
    build_taxonomies(items, REGISTRY, SETTINGS)
    return items


def test_the_front_pages_week_at_a_glance_is_the_edition_of_the_newest_item():
    items = week_items()
    note = Note("content/weeks/2016-W51.md", Week(2016, 51), "A newer week", Html("<p>Soon.</p>"), "hash")
    weeks = weekly_editions(items, {Week(2016, 51): note}, SETTINGS, now=datetime(2017, 1, 1, tzinfo=UTC))
    glance = weeks.latest(items)
    # Thursday 15 December 2016 is in 2016-W50 (Monday 12 to Sunday 18 December), not the newer
    # week that only has a note.
    assert glance is weeks.find(Week(2016, 50)) and glance.url == "weeks/2016-W50/"
    assert glance.items == tuple(reversed(items[:4]))
    # Every country the items name counts, first or not.
    assert [(term.name, count) for term, count in glance.countries] == [("Syria", 2), ("Russia", 1), ("Ukraine", 1)]
    assert [(day.day, count) for day, count in glance.per_day] == [
        (12, 1),
        (13, 1),
        (14, 1),
        (15, 1),
        (16, 0),
        (17, 0),
        (18, 0),
    ]
    assert weeks.latest([]) is None


def test_an_edition_groups_its_items_by_primary_country_and_counts_them():
    items = week_items()
    weeks = weekly_editions(items, {}, SETTINGS, now=datetime(2017, 1, 1, tzinfo=UTC))
    assert [edition.week.name for edition in weeks.editions] == ["2016-W50", "2016-W49"]
    latest = weeks.editions[0]
    syria_first, ukraine, no_country, syria_later = items[3], items[1], items[2], items[0]
    assert [(group.country and group.country.name, group.items) for group in latest.groups] == [
        ("Syria", (syria_first, syria_later)),
        ("Ukraine", (ukraine,)),
        (None, (no_country,)),
    ]
    assert [(term.name, count) for term, count in latest.sources] == [("Reuters", 3), ("Middle East Eye", 1)]
    assert latest.claims == (("denied", 2), ("disputed", 1)) and latest.claim_count == 3
    assert (latest.older, latest.newer) == (Week(2016, 49), None)
    assert weeks.editions[1].newer == Week(2016, 50)
    assert weeks.finished == weeks.editions and weeks.changes_at == ()


def test_the_current_week_is_in_progress_and_the_digest_changes_when_it_ends():
    weeks = weekly_editions(week_items(), {}, SETTINGS, now=datetime(2016, 12, 15, 12, tzinfo=UTC))
    current, last = weeks.editions
    assert (current.over, last.over) == (False, True)
    assert weeks.finished == (last,)
    assert weeks.changes_at == (datetime(2016, 12, 19, tzinfo=UTC).timestamp(),)


def note(week: Week, title: str = "A quiet week") -> Note:
    return Note(f"content/weeks/{week.name}.md", week, title, Html("<p>Nothing.</p>"), "hash")


def test_a_note_makes_an_edition_once_its_week_has_started():
    now = datetime(2016, 12, 20, tzinfo=UTC)  # a Tuesday of 2016-W51
    notes = {week: note(week) for week in (Week(2016, 49), Week(2016, 51), Week(2016, 52))}
    weeks = weekly_editions(week_items(), notes, SETTINGS, now)
    assert [edition.week.name for edition in weeks.editions] == ["2016-W51", "2016-W50", "2016-W49"]
    quiet = weeks.editions[0]
    assert quiet.items == () and quiet.note is notes[Week(2016, 51)] and not quiet.over
    assert weeks.editions[2].note is notes[Week(2016, 49)]
    assert [str(held) for held in weeks.held_back] == [
        "content/weeks/2016-W52.md:1: file: is the note of a week that has not started "
        "(26 December 2016 – 1 January 2017); its edition appears in the first build once the week has begun"
    ]
    # The week in progress ends, and the next one starts: the digest changes at that moment.
    assert weeks.changes_at == (datetime(2016, 12, 26, tzinfo=UTC).timestamp(),) * 2


# Notes in a content folder


def add_note(content, name: str, text: str) -> None:
    folder = content / "weeks"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_notes_are_checked_like_every_content_file(make_content, run_check, run_build, tmp_path):
    content = make_content("item_valid.md")
    good = "---\ntitle: A week\n---\nText.\n"
    add_note(content, "2016-w49.md", good)
    add_note(content, "2021-W53.md", good)
    add_note(content, "2016-W50.txt", good)
    add_note(content, "2016-W48.md", (FIXTURES / "week_note_with_unknown_field.md").read_text())
    add_note(content, "2016-W47.md", (FIXTURES / "week_note_without_title.md").read_text())
    checked, built = run_check(content), run_build(content, tmp_path / "output")
    problems = [line for line in checked.lines if line.startswith("content/")]
    assert problems == [
        "content/weeks/2016-W47.md:2: heading: unknown field (known fields: title)",
        "content/weeks/2016-W47.md:2: title: required field is missing; add it",
        "content/weeks/2016-W48.md:3: summery: unknown field (known fields: title)",
        "content/weeks/2016-W50.txt:1: file: is not read: a week's note is content/weeks/YYYY-Www.md, "
        "e.g. 2016-W49.md; move or rename it",
        "content/weeks/2016-w49.md:1: file: '2016-w49' is not a week: write the ISO year, -W and the week's "
        "number in two digits, here 2016-W49; rename the file",
        "content/weeks/2021-W53.md:1: file: '2021-W53' is not a week: the ISO year 2021 has weeks W01 to W52; "
        "rename the file",
    ]
    assert checked.code == built.code == 1
    assert problems == [line for line in built.lines if line.startswith("content/")]
    assert not (tmp_path / "output").exists()


def test_a_notes_links_and_images_are_checked_as_item_bodies_are(make_content, run_check, run_build, tmp_path, caplog):
    content = make_content("item_valid.md")
    note = (
        "---\ntitle: A week\n---\nSee [the denial](/2016/12/11/russia-denies-aleppo-exit-dea/).\n\n"
        "![map](https://maps.example.org/aleppo.png)\n"
    )
    add_note(content, "2016-W49.md", note)
    assert [line for line in run_check(content).lines if line.startswith("content/")] == [
        "content/weeks/2016-W49.md:4: body: the link '/2016/12/11/russia-denies-aleppo-exit-dea/' leads nowhere: no "
        "published item has the address /2016/12/11/russia-denies-aleppo-exit-dea/ (did you mean "
        "'/2016/12/11/russia-denies-aleppo-exit-deal/'?)"
    ]
    add_note(content, "2016-W49.md", note.replace("exit-dea/", "exit-deal/"))
    built = run_build(content, tmp_path / "output")
    assert built.code == 0
    assert (
        "content/weeks/2016-W49.md:6: body: the image at https://maps.example.org/aleppo.png is left out: the digest "
        "loads nothing from other sites; save the image in content/images/ and show it from /images/<its name>"
    ) in caplog.messages


def test_a_note_is_rendered_and_sanitised_as_item_bodies_are(make_content, run_build, tmp_path):
    content = make_content("item_valid.md")
    add_note(content, "2016-W49.md", (FIXTURES / "week_note_with_script.md").read_text())
    assert run_build(content, tmp_path / "output").code == 0
    page = (tmp_path / "output" / "weeks/2016-W49/index.html").read_text(encoding="utf-8")
    feed = (tmp_path / "output" / "weeks/atom.xml").read_text(encoding="utf-8")
    assert '<h2 id="note-heading">A note that tries to run script</h2>' in page
    for text in (page, feed):
        assert "alert" not in text and "javascript:" not in text and "tracker.example.org" not in text
    assert '<a href="/2016/12/11/russia-denies-aleppo-exit-deal/">item</a>' in page  # a link of the site, followed
    # Feed readers get every link absolute.
    assert 'href="http://127.0.0.1:8000/2016/12/11/russia-denies-aleppo-exit-deal/"&gt;item&lt;/a&gt;' in feed


# The built fixture site: ISO weeks in New York, across two new years


@pytest.fixture(scope="module")
def weeks_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("weeks_site")
    shutil.copytree(WEEKS_SITE / "content", folder / "content")
    result = sites.build(folder / "content", folder / "output", settings=str(WEEKS_SITE / "settings.py"))
    assert result.returncode == 0, result.stderr
    return folder / "output"


def item_links(page: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="https://example.github.io/digest/([^"]+)"', page)


def test_items_are_in_the_iso_week_of_their_date_in_the_site_timezone(weeks_site):
    editions = sorted(path.parent.name for path in (weeks_site / "weeks").glob("*/index.html"))
    assert editions == ["2016-W52", "2017-W01", "2017-W02", "2020-W53", "2021-W01"]
    page = (weeks_site / "weeks/2016-W52/index.html").read_text(encoding="utf-8")
    # Sunday 1 January 2017 at 22:30 and 20:00 in New York, Monday in UTC: both in 2016-W52.
    assert item_links(page) == [
        "2016/12/27/last-buses-leave-eastern-aleppo-as-the-evacuation-ends/",
        "2016/12/31/russia-and-turkey-announce-a-nationwide-ceasefire-in-syria/",
        "2017/01/01/shelling-around-avdiivka-on-new-years-night/",
        "2017/01/01/un-appeals-for-winter-aid/",
    ]
    assert item_links((weeks_site / "weeks/2020-W53/index.html").read_text(encoding="utf-8")) == [
        "2020/12/31/mosuls-old-city-rebuilding-slows-as-funds-run-short/",
        "2021/01/03/families-return-to-sinjar-under-a-new-agreement/",
    ]
    quiet = (weeks_site / "weeks/2017-W02/index.html").read_text(encoding="utf-8")
    assert "A quiet week" in quiet and "No items were published this week." in quiet
    # The editions link to each other across the years without items.
    assert 'rel="next" href="https://example.github.io/digest/weeks/2020-W53/"' in quiet


def test_the_weekly_feeds_carry_one_entry_a_week_with_the_whole_edition(weeks_site):
    for kind in ("rss", "atom"):
        parsed = feedparser.parse((weeks_site / f"weeks/{kind}.xml").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert [entry.link.rsplit("/", 2)[1] for entry in parsed.entries] == [
            "2021-W01",
            "2020-W53",
            "2017-W02",
            "2017-W01",
            "2016-W52",
        ]
        edition = parsed.entries[-1]
        assert (
            edition.title
            == "The week of 26 December 2016 – 1 January 2017: Aleppo empties, and a ceasefire few have signed"
        )
        assert edition.id == "tag:example.github.io,2016-12-26:weeks/2016-W52"
        # Published when the week ended, midnight in New York, whatever the time of the build.
        assert edition.published_parsed[:4] == (2017, 1, 2, 5)
        html = edition.content[0].value if kind == "atom" else edition.description
        for text in (
            "4 items from 4 sources in 4 countries; 3 claims",
            "rebel groups say they never\nsigned</a>",
            "<h2>No country named (1)</h2>",
            'href="https://www.afp.com/en/news/syria-ceasefire-announced"',
            "<strong>Denied</strong>: All the main rebel groups signed the agreement",
        ):
            assert text in html, text


def test_every_weekly_page_links_the_weekly_feeds(weeks_site):
    for page in ("weeks/index.html", "weeks/2016-W52/index.html"):
        html = (weeks_site / page).read_text(encoding="utf-8")
        for kind in ("rss", "atom"):
            assert f'href="https://example.github.io/digest/weeks/{kind}.xml">' in html
    front = (weeks_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.github.io/digest/weeks/2021-W01/">Read the week\'s edition</a>' in front
    assert '<a href="https://example.github.io/digest/weeks/">Weeks</a>' in front


# The clock: a week in progress, then over


ITEM = """---
title: "Story {name}"
date: {date}
summary: "What happened in story {name}."
source:
  name: Reuters
  url: https://www.reuters.com/{name}
countries: [SY]
---
"""


def frozen_clock(monkeypatch, moment: datetime) -> None:
    """The build's time is ``moment``: for the digest's model and for the "nothing changed" check."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    monkeypatch.setattr(conflict_digest.generator, "datetime", Clock)
    monkeypatch.setattr(
        digest_incremental.build, "time", SimpleNamespace(time=moment.timestamp, perf_counter=time.perf_counter)
    )
    monkeypatch.setattr(digest, "dt", SimpleNamespace(datetime=Clock, UTC=UTC))


def test_a_week_in_progress_reaches_the_feeds_in_the_first_build_after_it_ends(
    make_content, run_build, monkeypatch, tmp_path
):
    items = {
        "earlier.md": ITEM.format(name="earlier", date="2024-02-27T10:00:00+00:00"),
        "monday.md": ITEM.format(name="monday", date="2024-03-04T10:00:00+00:00"),
        "wednesday.md": ITEM.format(name="wednesday", date="2024-03-06T10:00:00+00:00"),
    }
    content, output = make_content(items=items), tmp_path / "output"
    page, feed = output / "weeks/2024-W10/index.html", output / "weeks/atom.xml"

    frozen_clock(monkeypatch, datetime(2024, 3, 10, 23, 59, tzinfo=UTC))
    assert run_build(content, output).code == 0
    assert "This week is in progress." in page.read_text()
    assert [entry.id for entry in feedparser.parse(feed.read_bytes()).entries] == [
        "tag:127.0.0.1,2024-02-26:weeks/2024-W09"
    ]

    frozen_clock(monkeypatch, datetime(2024, 3, 11, tzinfo=UTC))
    built = run_build(content, output)
    assert built.code == 0 and "nothing changed" not in built.out
    assert "in progress" not in page.read_text()
    entries = feedparser.parse(feed.read_bytes()).entries
    assert [entry.id for entry in entries] == [
        "tag:127.0.0.1,2024-03-04:weeks/2024-W10",
        "tag:127.0.0.1,2024-02-26:weeks/2024-W09",
    ]
    assert entries[0].published == "2024-03-11T00:00:00+00:00"

    frozen_clock(monkeypatch, datetime(2024, 3, 12, tzinfo=UTC))
    assert "nothing changed" in run_build(content, output).out


def test_a_weekly_feed_before_the_first_week_is_over_is_as_new_as_that_week():
    channel = Channel(
        title="Conflict Digest: weekly editions",
        page_url="https://digest.example.org/weeks/",
        feed_url="https://digest.example.org/weeks/atom.xml",
        description="One entry a week.",
        language="en",
        author="Conflict Digest curators",
    )
    atom = ElementTree.fromstring(edition_feed("atom", channel, [], Week(2024, 10).starts_at(UTC)))
    assert atom.find(f"{ATOM}entry") is None
    # Atom requires the feed's date; it comes from the content, not from the time of the build.
    assert atom.findtext(f"{ATOM}updated") == "2024-03-04T00:00:00+00:00"


def test_make_week_prints_the_last_complete_week_by_default(monkeypatch, capsys):
    frozen_clock(monkeypatch, datetime(2017, 1, 4, 12, tzinfo=UTC))  # a Wednesday of 2017-W01
    settings, content = str(WEEKS_SITE / "settings.py"), str(WEEKS_SITE / "content")
    assert digest.main(["week", "--settings", settings, "--content", content]) == 0
    assert capsys.readouterr().out.startswith(
        "# Conflict Digest: the week of 26 December 2016 – 1 January 2017\n\n"
        "Week 52 of 2016: 4 items from 4 sources in 4 countries; 3 claims. "
        "On the site: https://example.github.io/digest/weeks/2016-W52/\n"
    )


def test_make_week_shows_the_standings_a_claim_had_before(capsys):
    settings, content = str(WEEKS_SITE / "settings.py"), str(WEEKS_SITE / "content")
    assert digest.main(["week", "--settings", settings, "--content", content, "--week", "2020-W53"]) == 0
    printed = capsys.readouterr().out
    assert (
        "- **Unverified**: More than 500 families returned in one week (Local officials)\n"
        "  (Reported on 3 January 2021 · Unverified as of 3 January 2021)\n"
    ) in printed


@pytest.mark.parametrize(
    ("week", "said"),
    [
        (
            "2016-49",
            "make week: WEEK=2016-49 is not a week: write the ISO year, -W and the week's number in two digits, "
            "e.g. 2016-W49\n",
        ),
        (
            "2018-W10",
            "make week: 2018-W10 (5–11 March 2018) has no published items, so there is no edition to print; "
            "the latest editions are 2021-W01, 2020-W53, 2017-W02, 2017-W01\n",
        ),
        (
            "2090-W10",
            "make week: 2090-W10 (6–12 March 2090) has not begun, so there is no edition to print; "
            "the latest editions are 2021-W01, 2020-W53, 2017-W02, 2017-W01\n",
        ),
    ],
)
def test_make_week_explains_a_week_it_cannot_print(week, said):
    command = ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "week", f"WEEK={week}"]
    command.append(f"CONTENT={WEEKS_SITE / 'content'}")
    run = subprocess.run(command, cwd=sites.ROOT, capture_output=True, text=True)
    assert run.returncode != 0 and run.stdout == ""
    assert run.stderr.startswith(said)


def test_make_week_prints_a_week_ready_to_paste():
    command = ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "week", "WEEK=2017-W01"]
    command.append(f"CONTENT={WEEKS_SITE / 'content'}")
    run = subprocess.run(command, cwd=sites.ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    # The content is built with pelicanconf.py here, in UTC: Monday 2 January at 01:00 UTC is in 2017-W01.
    assert run.stdout.startswith("# Conflict Digest: the week of 2–8 January 2017\n")
    assert "### [UN appeals for winter aid](http://127.0.0.1:8000/2017/01/02/un-appeals-for-winter-aid/)" in run.stdout
    # Links to the preview would lead nowhere in a reader's mail: said, beside the edition.
    assert run.stderr == (
        "make week: the links lead to http://127.0.0.1:8000/, the preview on this computer; for a newsletter, give "
        "the site's public address: SITEURL=https://... make week\n"
    )


def public_newsletter(content, monkeypatch, capsys) -> str:
    """What `SITEURL=https://digest.example.org make week WEEK=2024-W10` prints for ``content``."""
    import digest

    monkeypatch.setenv("SITEURL", "https://digest.example.org")
    assert digest.main(["week", "--week", "2024-W10", "--settings", "publishconf.py", "--content", str(content)]) == 0
    return capsys.readouterr().out


def test_a_newsletter_has_every_link_of_the_note_absolute(make_content, monkeypatch, capsys):
    """A newsletter is read in an email: links from the site's root would lead nowhere there,
    however the note writes them (inline, by reference, in HTML)."""

    content = make_content(items={"tuesday.md": TWO_WEEKS["tuesday.md"]})
    note = (
        '---\ntitle: The week\n---\nSee [the item][d], [the editions](/weeks/) and <a href="/search/">search</a>.\n\n'
        "[d]: /2024/03/05/story-tuesday/\n"
    )
    add_note(content, "2024-W10.md", note)
    printed = public_newsletter(content, monkeypatch, capsys)
    assert '<a href="https://digest.example.org/weeks/">the editions</a>' in printed
    assert '<a href="https://digest.example.org/search/">search</a>' in printed
    assert '<a href="https://digest.example.org/2024/03/05/story-tuesday/">the item</a>' in printed


def test_a_newsletter_gives_each_items_corrections_and_updates(make_content, monkeypatch, capsys):
    """As the weekly feed's entry and the item's page do: what changed is not only on the site."""

    corrected = TWO_WEEKS["tuesday.md"].replace(
        "countries: [SY]",
        "countries: [SY]\nmodified: 2024-03-06T09:00:00+00:00\nupdates:\n"
        '  - {date: 2024-03-06, kind: correction, note: "The town is *Saraqib*, not Sarmin."}',
    )
    content = make_content(items={"tuesday.md": corrected})
    printed = public_newsletter(content, monkeypatch, capsys)
    assert (
        "Corrections and updates:\n\n- **Correction**, 6 March 2024: The town is \\*Saraqib\\*, not Sarmin.\n\n"
        "[Read the original at Reuters]"
    ) in printed


def test_a_newsletter_holds_the_note_as_the_site_shows_it_not_what_it_leaves_out(make_content, monkeypatch, capsys):
    """A mail client loads images and follows links: the note's tracking image, frame, script,
    script link and styled paragraph, left out of the week's page, are left out of the newsletter."""

    content = make_content(items={"tuesday.md": TWO_WEEKS["tuesday.md"]})
    note = (
        "---\ntitle: The week\n---\nQuiet week. ![pixel](https://evil.example/pixel.gif)\n\n"
        '<iframe src="https://evil.example/frame"></iframe>\n\n<script>alert(1)</script>\n\n'
        "[click](javascript:alert(1)) and ![ref][img]\n\n"
        '<p style="background:url(https://evil.example/css.png)">Styled.</p>\n\n'
        "[img]: https://evil.example/ref.png\n"
    )
    add_note(content, "2024-W10.md", note)
    printed = public_newsletter(content, monkeypatch, capsys)
    assert "Quiet week." in printed and "Styled." in printed and "click" in printed
    for gone in ("evil.example", "<iframe", "<script", "javascript:", "style="):
        assert gone not in printed, gone


# Incremental builds


TWO_WEEKS = {
    "monday.md": ITEM.format(name="monday", date="2024-03-04T10:00:00+00:00"),
    "tuesday.md": ITEM.format(name="tuesday", date="2024-03-05T10:00:00+00:00"),
    "next-week.md": ITEM.format(name="next-week", date="2024-03-12T10:00:00+00:00"),
}


def stamps(output, names) -> dict:
    return {name: (output / name).stat().st_mtime_ns for name in names}


def test_an_edit_rewrites_its_week_and_the_weekly_feeds_and_no_other_edition(make_content, tmp_path):
    content = make_content(items=TWO_WEEKS)
    add_note(content, "2024-W10.md", "---\ntitle: The week's note\n---\nFirst words.\n")
    output = tmp_path / "incremental"
    build_both(content, "pelicanconf.py", tmp_path, "first")
    week, other = "weeks/2024-W10/index.html", "weeks/2024-W11/index.html"
    watched = [week, other, "weeks/rss.xml", "weeks/atom.xml"]
    before = {path: path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()}
    again = sites.build(content, output)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()} == before

    first = stamps(output, watched)
    edited = content / "items" / "tuesday.md"
    edited.write_text(edited.read_text().replace("What happened in story tuesday.", "A corrected summary."))
    build_both(content, "pelicanconf.py", tmp_path, "edit-item")
    changed = stamps(output, watched)
    assert [name for name in watched if changed[name] != first[name]] == [week, "weeks/rss.xml", "weeks/atom.xml"]
    assert (
        "A corrected summary." in (output / week).read_text()
        and "A corrected summary." in (output / "weeks/rss.xml").read_text()
    )

    # A note is an input like an item: the input key holds it, and the build sees its edit.
    note_file = content / "weeks" / "2024-W10.md"
    assert str(note_file) in key.input_files(content)
    note_file.write_text(note_file.read_text().replace("First words.", "Second words."))
    build_both(content, "pelicanconf.py", tmp_path, "edit-note")
    assert "Second words." in (output / week).read_text()
    assert stamps(output, [other]) == {other: changed[other]}

    add_note(content, "2024-W11.md", "---\ntitle: A note for the next week\n---\nWords.\n")
    build_both(content, "pelicanconf.py", tmp_path, "add-note")
    assert "A note for the next week" in (output / other).read_text()
