"""The open data: items.json against its JSON Schema, items.geojson by RFC 7946's rules,
items.csv through the csv module as a spreadsheet reads it, the /data/ page, the links from an
item page to its places, and the files rewritten exactly when what they hold changes."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil

import pytest
import sites
from digest_data.data import CSV_COLUMNS
from jsonschema import Draft202012Validator

FIXTURES = sites.FIXTURES
SITEURL = "https://example.org/digest"
LICENCE = {"license": "Open Data Commons Attribution License v1.0", "license_url": "https://opendatacommons.org/by/"}
PUBLISHED = {
    "item_in_arabic_with_locations.md": "2016/12/14/syrian-army-resumes-aleppo-operations/",
    "item_valid.md": "2016/12/11/russia-denies-aleppo-exit-deal/",
    "item_in_ukrainian_with_updates.md": "2016/12/09/avdiivka-water-repairs-halted/",
    "item_with_text_a_spreadsheet_would_run.md": "2016/12/08/formula-headline/",
}
HELD_BACK = ("item_draft_with_locations.md", "item_dated_in_the_future_with_locations.md")
ARABIC_TITLE = "الجيش السوري يستأنف عملياته في شرق حلب"
ARABIC_SUMMARY = "قال مسؤولون إن الجيش السوري استأنف القصف على شرق حلب بعد تعثر اتفاق الإجلاء."
CYRILLIC_TITLE = "Ремонт фільтрувальної станції в Авдіївці знову зупинено обстрілами"
CYRILLIC_SUMMARY = (
    "Ремонтні бригади не змогли дістатися до станції через обстріли, повідомили місцеві посадовці; "
    "«вода» буде не раніше понеділка."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The output folder of a site published at SITEURL, with a licence of its own."""
    folder = tmp_path_factory.mktemp("open_data")
    content = folder / "content"
    (content / "items").mkdir(parents=True)
    shutil.copy(FIXTURES / "sources.yaml", content / "sources.yaml")
    for name in [*PUBLISHED, *HELD_BACK]:
        shutil.copy(FIXTURES / name, content / "items" / name)
    settings = folder / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom publishconf import *\n"
        f"PLUGIN_PATHS = [{str(sites.ROOT / 'plugins')!r}]\nTHEME = {str(sites.ROOT / 'theme')!r}\n"
        f"DIGEST_DATA = {LICENCE!r}\n"
    )
    arguments = ["build", "--settings", str(settings), "--content", str(content), "--output", str(folder / "out")]
    result = sites.run_digest(arguments, {**os.environ, "SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    return folder / "out"


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def csv_rows(path) -> list[list[str]]:
    """The CSV as a spreadsheet reads it: Excel's dialect, the byte order mark taken as UTF-8's."""
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), dialect="excel"))


def links(page) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a [^>]*href="([^"]*)"', page.read_text(encoding="utf-8"))]


def test_items_json_validates_against_its_json_schema(site):
    schema = read_json(site / "data" / "items.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    checker = Draft202012Validator.FORMAT_CHECKER
    assert not checker.conforms("11 December 2016", "date-time")  # formats are checked, not only named
    validator = Draft202012Validator(schema, format_checker=checker)
    data = read_json(site / "data" / "items.json")
    assert [error.message for error in validator.iter_errors(data)] == []
    assert data["license"] == LICENCE["license"] and data["license_url"] == LICENCE["license_url"]


def test_items_json_holds_every_published_item_newest_first_with_its_fields(site):
    items = read_json(site / "data" / "items.json")["items"]
    assert [item["url"] for item in items] == [f"{SITEURL}/{url}" for url in PUBLISHED.values()]
    assert all((site / url / "index.html").is_file() for url in PUBLISHED.values())
    arabic, _, cyrillic, _ = items
    assert (arabic["title"], arabic["summary"], arabic["lang"]) == (ARABIC_TITLE, ARABIC_SUMMARY, "ar")
    assert arabic["source"]["name"] == "MEE" and arabic["source_registry"]["name"] == "Middle East Eye"
    assert arabic["locations"][0] == {"name": "حلب", "lat": 36.2021, "lon": 37.1343}
    assert cyrillic["date"] == "2016-12-09T12:00:00Z" and cyrillic["modified"] == "2016-12-10T08:00:00Z"
    assert cyrillic["via"] == [{"name": "Reuters", "role": "wire"}]
    assert cyrillic["claims"] == [
        {"text": "Обстріли зупинили ремонт", "by": "Місцеві посадовці", "status": "disputed", "history": []}
    ]
    assert cyrillic["updates"] == [
        {"date": "2016-12-10", "kind": "correction", "note": "Виправлено назву станції."},
        {"date": "2016-12-10", "kind": "update", "note": "Ремонт відновлено; вода буде у вівторок.\nСтанція працює."},
    ]
    assert cyrillic["archive_url"] == "https://web.archive.org/web/2016/https://ria.ru/avdiivka-water"
    assert cyrillic["id"] == "tag:example.org,2016-12-09:avdiivka-water-repairs-halted"


def test_the_geojson_follows_rfc_7946(site):
    collection = read_json(site / "data" / "items.geojson")
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    properties = {"id", "title", "date", "url", "source", "country", "location"}
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == properties
    by_place = {feature["properties"]["location"]: feature for feature in collection["features"]}
    assert sorted(by_place) == ["Gaziantep", "Авдіївка", "حلب"]
    aleppo = by_place["حلب"]
    lon, lat = aleppo["geometry"]["coordinates"]
    assert round(lon, 1) == 37.1 and round(lat, 1) == 36.2  # longitude first
    assert aleppo["properties"] == {
        "id": "tag:example.org,2016-12-14:syrian-army-resumes-aleppo-operations",
        "title": ARABIC_TITLE,
        "date": "2016-12-14T09:00:00Z",
        "url": f"{SITEURL}/2016/12/14/syrian-army-resumes-aleppo-operations/",
        "source": "Middle East Eye",
        "country": "SY",
        "location": "حلب",
    }


def test_the_csv_round_trips_with_arabic_and_cyrillic_text_intact(site):
    raw = (site / "data" / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    # Exactly as an RFC 4180 writer puts the rows it reads: CRLF after each, quotes where needed.
    again = io.StringIO()
    csv.writer(again, lineterminator="\r\n").writerows(csv_rows(site / "data" / "items.csv"))
    assert raw == b"\xef\xbb\xbf" + again.getvalue().encode()
    header, *rows = csv_rows(site / "data" / "items.csv")
    assert header == list(CSV_COLUMNS)
    assert len(rows) == len(PUBLISHED) and all(len(row) == len(header) for row in rows)
    arabic, _, cyrillic, _ = (dict(zip(header, row, strict=True)) for row in rows)
    assert (arabic["title"], arabic["summary"]) == (ARABIC_TITLE, ARABIC_SUMMARY)
    assert arabic["locations"] == "حلب (36.2021, 37.1343)\nGaziantep (37.0662, 37.3833)"
    assert arabic["claims"] == "reported: استؤنف القصف على الأحياء الشرقية (مسؤولون في المعارضة)"
    assert arabic["tags"] == "حلب\nevacuation" and arabic["countries"] == "SY\nTR"
    assert (cyrillic["title"], cyrillic["summary"]) == (CYRILLIC_TITLE, CYRILLIC_SUMMARY)
    assert cyrillic["source"] == "RIA Novosti" and cyrillic["source_kind"] == "state-media"
    assert cyrillic["via"] == "wire: Reuters"
    assert cyrillic["claims"] == "disputed: Обстріли зупинили ремонт (Місцеві посадовці)"
    # One member a line, whatever the members' text holds ("; ", a line break of its own).
    assert cyrillic["updates"].splitlines() == [
        "2016-12-10 correction: Виправлено назву станції.",
        "2016-12-10 update: Ремонт відновлено; вода буде у вівторок. Станція працює.",
    ]
    assert cyrillic["modified"] == "2016-12-10T08:00:00Z" and cyrillic["story"] == ""


def test_no_csv_cell_starts_as_a_formula(site):
    header, *rows = csv_rows(site / "data" / "items.csv")
    formula = dict(zip(header, rows[-1], strict=True))
    assert formula["title"] == '\'=HYPERLINK("https://attacker.example","Open")'
    assert formula["summary"] == "'@officials said the convoy was turned back at the checkpoint."
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # items.json keeps the text as written.
    assert read_json(site / "data" / "items.json")["items"][-1]["title"].startswith("=HYPERLINK")


def test_drafts_and_future_items_are_in_no_data_file(site):
    for name in ("items.json", "items.geojson", "items.csv"):
        text = (site / "data" / name).read_text(encoding="utf-8-sig")
        assert "Draftmarker" not in text and "Futuremarker" not in text, name
        assert "draftmarker" not in text and "futuremarker" not in text, name


def test_the_data_page_says_what_each_file_holds_and_names_the_licence(site):
    page = site / "data" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert LICENCE["license"] in text
    hrefs = links(page)
    assert LICENCE["license_url"] in hrefs
    for name in ("items.json", "items.schema.json", "items.geojson", "items.csv"):
        assert f"{SITEURL}/data/{name}" in hrefs
    assert "How to cite" in text
    assert f"{SITEURL}/data/" in links(site / "index.html")  # every page's footer links it


def test_the_data_page_says_ids_survive_a_move_of_the_site_only_when_they_do(site, tmp_path):
    """An id is a tag: URI of the site's host unless FEED_ID_AUTHORITY fixes it (see the README)."""
    said = "that stays the same when the item is edited"
    assert f"{said}: cite it" in (site / "data" / "index.html").read_text(encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\n"
        'FEED_ID_AUTHORITY = "digest.example.org"\n'
    )
    content = tmp_path / "content"
    (content / "items").mkdir(parents=True)
    shutil.copy(FIXTURES / "sources.yaml", content / "sources.yaml")
    shutil.copy(FIXTURES / "item_valid.md", content / "items" / "item_valid.md")
    assert sites.build(content, tmp_path / "out", settings=str(settings)).returncode == 0
    page = (tmp_path / "out" / "data" / "index.html").read_text(encoding="utf-8")
    assert f"{said}, and when the site moves: cite it" in page


def test_an_item_page_links_its_places_to_openstreetmap_and_the_geojson(site):
    hrefs = links(site / PUBLISHED["item_in_arabic_with_locations.md"] / "index.html")
    assert "https://www.openstreetmap.org/?mlat=36.2021&mlon=37.1343#map=11/36.2021/37.1343" in hrefs
    assert f"{SITEURL}/data/items.geojson" in hrefs
    without_places = links(site / PUBLISHED["item_valid.md"] / "index.html")
    assert not any("openstreetmap" in href or href.endswith(".geojson") for href in without_places)


def test_a_preview_gives_addresses_from_the_site_root(make_content, run_build, tmp_path):
    content = make_content("item_in_arabic_with_locations.md")
    assert run_build(content, tmp_path / "output").code == 0
    url = "/2016/12/14/syrian-army-resumes-aleppo-operations/"
    assert read_json(tmp_path / "output" / "data" / "items.json")["items"][0]["url"] == url
    feature = read_json(tmp_path / "output" / "data" / "items.geojson")["features"][0]
    assert feature["properties"]["url"] == url


ABOUT = "---\ntitle: About\nslug: about\n---\nWho keeps the digest.\n"


def test_the_data_files_are_rewritten_when_an_item_changes_and_only_then(make_content, run_build, tmp_path):
    content = make_content("item_valid.md", "item_in_arabic_with_locations.md", pages={"about.md": ABOUT})
    output = tmp_path / "output"
    files = [output / "data" / name for name in ("items.json", "items.geojson", "items.csv")]

    def stamps():
        return [path.stat().st_mtime_ns for path in files]

    assert run_build(content, output).code == 0
    first = stamps()
    assert run_build(content, output).code == 0
    assert stamps() == first
    # The site changes, but nothing the data files are made from.
    (content / "pages" / "about.md").write_text(ABOUT.replace("title: About", "title: About us"), encoding="utf-8")
    assert run_build(content, output).code == 0
    assert "About us" in (output / "about" / "index.html").read_text(encoding="utf-8")
    assert stamps() == first
    item = content / "items" / "item_valid.md"
    summary = "Moscow denied that any agreement had been reached with Washington."
    item.write_text(
        item.read_text(encoding="utf-8").replace("Moscow said no", "Moscow denied that any"), encoding="utf-8"
    )
    assert run_build(content, output).code == 0
    assert summary in [entry["summary"] for entry in read_json(files[0])["items"]]
    assert summary in [row[list(CSV_COLUMNS).index("summary")] for row in csv_rows(files[2])]
    assert stamps()[0] != first[0] and stamps()[2] != first[2]


def test_the_attribution_chain_names_its_sources_as_the_pages_do(make_content, run_build, tmp_path):
    """An item writes `via: [{name: MEE, ...}]`; its page says Middle East Eye, and so do the data
    files, or counting by via would split one outlet under several names."""
    item = (
        (FIXTURES / "item_valid.md")
        .read_text(encoding="utf-8")
        .replace("  name: Middle East Eye", "  name: Reuters")
        .replace("slug: russia", "via:\n  - {name: MEE, role: wire}\nslug: russia")
    )
    output = tmp_path / "output"
    assert run_build(make_content(items={"x.md": item}), output).code == 0
    assert read_json(output / "data" / "items.json")["items"][0]["via"] == [{"name": "Middle East Eye", "role": "wire"}]
    header, row = csv_rows(output / "data" / "items.csv")
    assert dict(zip(header, row, strict=True))["via"] == "wire: Middle East Eye"


def test_an_updates_moment_is_in_the_sites_timezone_on_the_page_and_in_the_data(make_content, run_build, tmp_path):
    """Written at 01:30 in Moscow on the 12th, an update was made on the 11th in the site's UTC:
    it is not shown a day after the item's last update."""
    item = (
        (FIXTURES / "item_valid.md")
        .read_text(encoding="utf-8")
        .replace(
            "slug: russia",
            "modified: 2016-12-11T23:00:00+00:00\nupdates:\n"
            '  - {date: "2016-12-12T01:30:00+03:00", kind: update, note: Moscow repeated the denial.}\nslug: russia',
        )
    )
    output = tmp_path / "output"
    assert run_build(make_content(items={"x.md": item}), output).code == 0
    assert read_json(output / "data" / "items.json")["items"][0]["updates"][0]["date"] == "2016-12-11T22:30:00Z"
    page = (output / "2016/12/11/russia-denies-aleppo-exit-deal/index.html").read_text(encoding="utf-8")
    assert "11 December 2016" in page.split("Corrections and updates")[1] and "12 December" not in page
