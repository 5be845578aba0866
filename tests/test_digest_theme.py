"""The theme's helpers: text direction, dates, script-safe JSON-LD, attribution chains."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from digest_content.schema import Claim, Location, Source, SourceRef, Via
from digest_content.sources import Registry
from digest_taxonomies.taxonomy import build_taxonomies
from digest_theme.presentation import (
    attribution_chain,
    date_time,
    long_date,
    news_article,
    related_terms,
    script_json,
    text_direction,
)

SETTINGS = {"SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]}
MEE = Source(name="Middle East Eye", url="https://www.middleeasteye.net", kind="outlet", aliases=["MEE"])
REUTERS = Source(name="Reuters", url="https://www.reuters.com", kind="wire")
RIA = Source(name="RIA Novosti", url="https://ria.ru", kind="state-media", aliases=["RIA"])


class FakeItem(SimpleNamespace):
    """Stands in for a Pelican article: compared by identity, as articles are."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


def item(day: int, source="MEE", via=(), countries=(), claims=()):
    when = datetime(2016, 12, day, 12, tzinfo=UTC)
    return FakeItem(
        title=f"Story of {day} December",
        date=when,
        url=f"2016/12/{day:02}/story/",
        lang="en",
        summary_text="What happened.",
        source=SourceRef(name=source, url="https://www.middleeasteye.net/news/story"),
        via=[Via(name=name, role=role) for name, role in via],
        tag_names=[],
        countries=list(countries),
        claims=[Claim(text="Something happened", status=status) for status in claims],
        digest=SimpleNamespace(path="content/items/story.md", line=lambda *path: 1),
    )


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("ar", "rtl"), ("fa-IR", "rtl"), ("he", "rtl"), ("ur", "rtl"), ("ku-Arab", "rtl"), ("ar-Latn", "ltr")]
    + [("en", "ltr"), ("ru", "ltr"), ("pt-BR", "ltr"), (None, "ltr")],
)
def test_text_direction_follows_the_language_and_its_script(lang, direction):
    assert text_direction(lang) == direction


def test_dates_read_as_words():
    assert long_date(date(2016, 12, 1)) == "1 December 2016"
    assert date_time(datetime(2016, 12, 11, 18, 5, tzinfo=UTC)) == "11 December 2016, 18:05 UTC"


def test_script_json_cannot_end_its_script_element():
    data = {"headline": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_attribution_chain_names_every_source_as_the_registry_does():
    story = item(11, source="MEE", via=[("Reuters", "wire"), ("RIA", "cited")])
    sources = Registry.of(MEE, REUTERS, RIA)
    build_taxonomies([story], sources, SETTINGS)
    chain = attribution_chain(story, sources)
    assert [(link.connector, link.name) for link in chain] == [
        ("", "Middle East Eye"),
        ("from", "Reuters"),
        ("citing", "RIA Novosti"),
    ]
    assert [link.term.url for link in chain] == ["sources/middle-east-eye/", "sources/reuters/", "sources/ria-novosti/"]


def test_news_article_points_at_the_item_and_the_story_it_summarises():
    story = item(11, via=[("Reuters", "wire")], countries=["SY"])
    story.locations = [Location(name="Aleppo", lat=36.2, lon=37.1)]
    story.source = SimpleNamespace(
        name="MEE",
        url="https://www.middleeasteye.net/news/story",
        title="Original headline",
        published=date(2016, 12, 10),
        byline=None,
    )
    build_taxonomies([story], Registry.of(MEE, REUTERS), SETTINGS)
    article = news_article(story, "https://digest.example.org/sub", "Conflict Digest")
    assert article["url"] == "https://digest.example.org/sub/2016/12/11/story/"
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "Conflict Digest",
        "url": "https://digest.example.org/sub/",
    }
    assert article["isBasedOn"]["headline"] == "Original headline"
    # Named by an alias in the item, the source is named as sources.yaml names it.
    assert article["isBasedOn"]["publisher"] == {"@type": "Organization", "name": "Middle East Eye"}
    assert article["isBasedOn"]["datePublished"] == "2016-12-10"
    assert article["spatialCoverage"] == [{"@type": "Country", "name": "Syria"}]
    assert article["contentLocation"][0]["geo"]["latitude"] == 36.2
    assert news_article(story, "", "Conflict Digest")["url"] == "/2016/12/11/story/"


def test_related_terms_count_what_the_items_of_a_term_share():
    items = [item(15, countries=["SY", "RU"]), item(14, countries=["SY", "TR"]), item(13, countries=["UA"])]
    terms, _ = build_taxonomies(items, Registry.of(MEE, REUTERS), SETTINGS)
    syria = next(term for term in terms["countries"] if term.name == "Syria")
    assert [(term.name, count) for term, count in related_terms(syria, "countries")] == [
        ("Russia", 1),
        ("Türkiye", 1),
    ]
    assert [(term.name, count) for term, count in related_terms(syria, "sources")] == [("Middle East Eye", 2)]


def test_the_week_at_a_glance_says_how_many_sources_it_leaves_out(make_content, run_build, tmp_path):
    names = [f"Outlet {letter}" for letter in "ABCDEFG"]
    sources = "".join(
        f"- name: {name}\n  url: https://{name[-1].lower()}.example.org\n  kind: outlet\n" for name in names
    )
    items = {
        f"{number}.md": (
            f'---\ntitle: "Story {number}"\ndate: 2016-12-{11 + number}T10:00:00+00:00\nsummary: What happened.\n'
            f"source:\n  name: {name}\n  url: https://{name[-1].lower()}.example.org/{number}\n---\n"
        )
        for number, name in enumerate(names[:6], start=1)
    }
    output = tmp_path / "output"
    assert run_build(make_content(items=items, sources=sources), output).code == 0
    front = (output / "index.html").read_text(encoding="utf-8")
    glance = front[front.index('id="glance-heading"') :]
    assert glance.count('class="count"') >= 5
    assert '<p class="glance-more"><a href="/weeks/2016-W50/">and 1 more</a></p>' in glance
