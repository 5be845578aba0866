"""Sources, tags, countries and months: grouping rules, and the pages a reader browses."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from digest_content.schema import Source, Via
from digest_content.sources import Registry
from digest_taxonomies.taxonomy import build_taxonomies

SETTINGS = {"SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]}


REUTERS = Source(name="Reuters", url="https://www.reuters.com", kind="wire", aliases=["Reuters News"])
MEE = Source(name="Middle East Eye", url="https://www.middleeasteye.net", kind="outlet")
RIA = Source(name="RIA Novosti", url="https://ria.ru", kind="state-media")


class FakeItem(SimpleNamespace):
    """Stands in for a Pelican article: compared by identity, as articles are."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


def item(day, source="Middle East Eye", via=(), tags=(), countries=()):
    return FakeItem(
        date=datetime(2016, 12, day, tzinfo=UTC),
        source=SimpleNamespace(name=source),
        via=[Via(name=name, role=role) for name, role in via],
        tag_names=list(tags),
        countries=list(countries),
        digest=SimpleNamespace(path="content/items/x.md", line=lambda *path: 7),
    )


def terms_by_slug(terms):
    return {term.slug: term for term in terms}


def test_source_page_lists_items_carried_by_others():
    own, carried = item(12, source="Reuters News"), item(11, via=[("Reuters", "wire"), ("RIA Novosti", "cited")])
    terms, problems = build_taxonomies([own, carried], Registry.of(REUTERS, MEE, RIA), SETTINGS)
    sources = terms_by_slug(terms["sources"])
    assert problems == []
    assert sources["reuters"].items == [own, carried]
    assert sources["reuters"].roles == {own: "source", carried: "wire"}
    assert sources["ria-novosti"].roles == {carried: "cited"}
    assert carried.digest.facts.source_term is sources["middle-east-eye"]
    assert [term.name for term in carried.digest.facts.terms["sources"]] == [
        "Middle East Eye",
        "Reuters",
        "RIA Novosti",
    ]


def test_tags_that_slug_the_same_are_one_term_named_by_the_commonest_spelling():
    items = [item(3, tags=["Aleppo"]), item(2, tags=["aleppo"]), item(1, tags=["Aleppo", "ALEPPO"])]
    terms, _ = build_taxonomies(items, Registry.of(MEE), SETTINGS)
    assert [(term.slug, term.name, term.count) for term in terms["tags"]] == [("aleppo", "Aleppo", 3)]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Донбас", "donbas"), ("Sécurité alimentaire", "securite-alimentaire"), ("حلب", "hlb"), ("Kraków", "krakow")],
)
def test_names_in_any_script_get_readable_ascii_slugs(name, slug):
    terms, _ = build_taxonomies([item(1, tags=[name])], Registry.of(MEE), SETTINGS)
    assert terms["tags"][0].slug == slug
    assert terms["tags"][0].url == f"tags/{slug}/"


def test_a_tag_with_no_letters_or_digits_is_a_problem_with_file_and_line():
    terms, problems = build_taxonomies([item(1, tags=["🔥🔥"])], Registry.of(MEE), SETTINGS)
    assert terms["tags"] == []
    assert [str(problem) for problem in problems] == [
        "content/items/x.md:7: tags[0]: '🔥🔥' gives no usable page address; use letters or digits"
    ]


def test_two_tags_of_other_letters_that_would_share_a_page_are_a_problem():
    """حلب (Aleppo) and حلبا (Halba) both transliterate to hlb: merged, one town's page would
    show the other's name. Spellings of one tag (case, accents) stay one tag."""
    items = [item(3, tags=["حلب", "Alëppo", "Łódź", "Diyarbakır"]), item(2, tags=["حلبا", "aleppo", "Aleppo", "Lodz"])]
    terms, problems = build_taxonomies(items, Registry.of(MEE), SETTINGS)
    assert [(term.slug, term.name, term.count) for term in terms["tags"]] == [
        ("aleppo", "Aleppo", 2),
        ("diyarbakir", "Diyarbakır", 1),
        ("lodz", "Lodz", 2),
        ("hlb", "حلب", 1),
    ]
    assert [str(problem) for problem in problems] == [
        "content/items/x.md:7: tags[0]: 'حلبا' and the tag 'حلب' (content/items/x.md) would share one page, "
        "/tags/hlb/; spell one of them otherwise (in Latin letters, say)"
    ]


def test_countries_are_shown_by_name_and_addressed_by_lower_case_code():
    terms, _ = build_taxonomies([item(1, countries=["SY", "NO"])], Registry.of(MEE), SETTINGS)
    assert [(term.slug, term.name, term.url) for term in terms["countries"]] == [
        ("no", "Norway", "countries/no/"),
        ("sy", "Syria", "countries/sy/"),
    ]


def test_months_and_neighbours():
    newest, middle, oldest = item(20), item(10), item(1)
    oldest.date = datetime(2016, 11, 30, tzinfo=UTC)
    terms, _ = build_taxonomies([newest, middle, oldest], Registry.of(MEE), SETTINGS)
    assert [(term.url, term.name, term.count) for term in terms["months"]] == [
        ("2016/12/", "December 2016", 2),
        ("2016/11/", "November 2016", 1),
    ]
    assert (middle.digest.facts.newer_item, middle.digest.facts.older_item) == (newest, oldest)
    assert newest.digest.facts.newer_item is None and oldest.digest.facts.older_item is None


# The built fixture site: every page of the contract exists and shows what it should.


def page(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """What a reader sees: the page without tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_contract_page_exists(taxonomy_site):
    for url in ["", "page/2", "page/3", "page/4", "sources", "tags", "countries", "archives", "2024/01"]:
        assert (taxonomy_site / url / "index.html").is_file(), url
    for url in [
        "sources/reuters",
        "sources/reuters/page/2",
        "sources/al-jazeera-arabic",
        "tags/topic-1/page/2",
        "tags/topic-1/page/3",
        "countries/no",
    ]:
        assert (taxonomy_site / url / "index.html").is_file(), url


def test_paginated_tag_does_not_overwrite_a_similar_tag(taxonomy_site):
    # Pelican's default pattern would write page 2 of topic-1 to topic-12.html.
    topic_12 = page(taxonomy_site, "tags/topic-12")
    assert "Story 2:" in topic_12 and "Story 0:" not in topic_12
    # Pages are numbered from the oldest: page 2 of topic-1 holds its oldest stories.
    assert "Story 0:" in page(taxonomy_site, "tags/topic-1/page/2")


def test_index_pages_count_items_and_group_sources_by_kind(taxonomy_site):
    sources = text(page(taxonomy_site, "sources"))
    # Reuters: 15 stories of its own, 30 carried by others.
    assert re.search(r"Wire.*Reuters \(?45\b.*Broadcaster.*الجزيرة \(?15\b", sources)
    tags = text(page(taxonomy_site, "tags"))
    assert re.search(r"Aleppo \(?30\b", tags) and "aleppo" not in tags
    assert re.search(r"Norway \(?15\b", text(page(taxonomy_site, "countries")))


def test_source_page_shows_kind_homepage_and_country(taxonomy_site):
    reuters = page(taxonomy_site, "sources/reuters")
    assert "Wire" in reuters and 'href="https://www.reuters.com"' in reuters and "United Kingdom" in reuters
    # Items published by Al Jazeera from Reuters' wire are on Reuters' page too.
    assert "Story 1: الجزيرة" in reuters + page(taxonomy_site, "sources/reuters/page/2")


def test_two_sources_with_the_same_page_address_are_a_problem_not_an_overwrite():
    first = Source(name="Al Jazeera", url="https://www.aljazeera.com", kind="broadcaster")
    second = Source(name="Al-Jazeera", url="https://www.aljazeera.net", kind="broadcaster")
    sources = Registry()
    sources.add(first, line=3)
    sources.add(second, line=8)
    terms, problems = build_taxonomies([item(1, source="Al-Jazeera")], sources, SETTINGS)
    assert [str(problem) for problem in problems] == [
        "content/sources.yaml:8: name: 'Al-Jazeera' and 'Al Jazeera' give the same page address "
        "sources/al-jazeera/; rename one"
    ]


def test_a_source_slug_in_the_registry_names_its_page():
    arabic = Source(name="الجزيرة", url="https://www.aljazeera.net", kind="broadcaster", slug="al-jazeera-arabic")
    terms, _ = build_taxonomies([item(1, source="الجزيرة")], Registry.of(arabic), SETTINGS)
    assert [term.url for term in terms["sources"]] == ["sources/al-jazeera-arabic/"]


def test_index_pages_name_their_terms_in_the_plural_and_empty_months_in_words(taxonomy_site):
    assert "8 countries." in text(page(taxonomy_site, "countries"))
    assert "7 sources." in text(page(taxonomy_site, "sources"))
    archives = page(taxonomy_site, "archives")
    assert "4 months with items." in text(archives)
    # Read without CSS (a text browser, a screen reader), an empty month says so in words.
    empty = re.search(r'<li class="month-empty">(.*?)</li>', archives, re.S)[1]
    assert re.fullmatch(r"[A-Z][a-z]+ no items", text(empty))


def test_newer_leads_from_the_last_numbered_page_to_the_lists_own_address(taxonomy_site):
    last = page(taxonomy_site, "page/4")
    assert re.search(r'<a rel="prev" href="/">', last)
    assert 'rel="prev" href="/tags/topic-1/"' in page(taxonomy_site, "tags/topic-1/page/3")


def test_a_numbered_page_is_named_by_the_days_it_covers(taxonomy_site):
    """Pages are numbered from the oldest, so that they keep their items as the list grows: a
    reader going to older items sees dates that run back, not numbers that run down."""
    headings, positions = [], []
    for number in (4, 3, 2):
        html = page(taxonomy_site, f"page/{number}")
        headings.append(re.search(r'<h1>Items <span class="page-number">([^<]+)</span></h1>', html)[1])
        positions.append(re.search(r'<span class="pagination-position">([^<]+)</span>', html)[1])
    assert headings == positions == ["13 February – 4 March 2024", "21 January – 12 February 2024", "1–20 January 2024"]
    assert "<title>Conflict Digest · 1–20 January 2024</title>" in page(taxonomy_site, "page/2")


def test_pages_within_one_day_are_told_apart_by_their_times():
    """A busy day, or one item's many claims: two pages of one day do not share a name."""
    from digest_theme.presentation import page_dates

    def at(day: int, hour: int, minute: int = 0) -> SimpleNamespace:
        return SimpleNamespace(date=datetime(2024, 1, day, hour, minute, tzinfo=UTC))

    pages = [
        [at(11, 18), at(11, 12, 30)],
        [at(11, 9), at(11, 8)],
        [SimpleNamespace(item=at(11, 7))],
        [at(12, 1), at(10, 23)],
    ]
    assert [page_dates(SimpleNamespace(object_list=members)) for members in pages] == [
        "11 January 2024, 12:30–18:00",
        "11 January 2024, 08:00–09:00",
        "11 January 2024, 07:00",
        "10–12 January 2024",
    ]


def test_a_months_page_links_the_months_before_and_after_it(make_content, run_build, tmp_path):
    def item(slug: str, when: str) -> str:
        return (
            f'---\ntitle: "{slug}"\ndate: {when}T10:00:00+00:00\nsummary: What happened.\n'
            f"source:\n  name: Reuters\n  url: https://www.reuters.com/{slug}\n---\n"
        )

    content = make_content(items={"a.md": item("november", "2016-11-20"), "b.md": item("december", "2016-12-11")})
    output = tmp_path / "output"
    assert run_build(content, output).code == 0
    december = (output / "2016/12/index.html").read_text(encoding="utf-8")
    assert '<p class="month-neighbours"><a rel="prev" href="/2016/11/">Earlier: November 2016</a></p>' in december
    # A new month: the month before it now links to it, as a clean build would.
    (content / "items" / "c.md").write_text(item("february", "2017-02-02"), encoding="utf-8")
    assert run_build(content, output).code == 0
    december = (output / "2016/12/index.html").read_text(encoding="utf-8")
    assert (
        '<p class="month-neighbours"><a rel="prev" href="/2016/11/">Earlier: November 2016</a> · '
        '<a rel="next" href="/2017/02/">Later: February 2017</a></p>'
    ) in december
