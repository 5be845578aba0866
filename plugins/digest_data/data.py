"""The digest's open data: every published item as JSON (beside its JSON Schema), GeoJSON and
CSV, and the /data/ page that says what each file holds, under which licence, how to cite it.

Each item is made into one record, ``ItemRecord``, from the digest's model. pydantic writes
each record into items.json and dumps it to JSON's types for the GeoJSON (json) and the CSV
(csv), so the three files spell every value alike. The JSON Schema is the record's own, so a
field the item schema gains (a claim's ``history``) reaches the data and its schema together.

The files hold every item: each is written in pieces, a record at a time, and never held whole
in memory (at 10,000 items, items.json alone is some 8 MB, made when the build's memory is at
its peak).
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Annotated

from digest_content.schema import Claim, HttpUrl, Location, Source, SourceRef, Update, Via
from digest_feeds.feeds import entry_id
from pydantic import BaseModel, ConfigDict, Field

FOLDER = "data/"
JSON_PATH, SCHEMA_PATH = FOLDER + "items.json", FOLDER + "items.schema.json"
GEOJSON_PATH, CSV_PATH = FOLDER + "items.geojson", FOLDER + "items.csv"
DEFAULTS = {
    "license": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}
# The members of a list share a cell a line each; a line break in a member's own text (a
# curator's note written on several lines) becomes a space, so that each line is one member.
LIST_SEPARATOR = "\n"
# A spreadsheet runs a cell that starts with one of these as a formula: such a cell gets a
# leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice for CSV).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def data_settings(settings) -> dict:
    """DIGEST_DATA merged over DEFAULTS; unknown keys are an error, not a silent no-op."""
    given = settings.get("DIGEST_DATA") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"DIGEST_DATA: unknown key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}")
    return {**DEFAULTS, **given}


def site_root(settings) -> str:
    """What every URL in the data starts with: SITEURL when it is absolute (``make publish``);
    otherwise nothing, so that a preview's URLs are from the site root ("/2016/12/11/x/"),
    right wherever the preview is served."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    return siteurl if siteurl.startswith(("http://", "https://")) else ""


class ItemRecord(BaseModel):
    """One published item, as the data files hold it."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    id: str
    """Stays the same when the item is edited, and when the site moves (``FEED_ID_AUTHORITY``):
    a tag: URI, as in the feeds."""
    url: Annotated[str, Field(json_schema_extra={"format": "uri-reference"})]
    """The item's page: absolute on the published site, from the site root in a preview."""
    title: str
    date: datetime
    """When the digest published it."""
    modified: datetime | None
    """Its last correction or update."""
    summary: str
    """The curators' own words."""
    source: SourceRef
    """Where the story was published, as the item names it."""
    source_registry: Source | None
    """The source's entry in the digest's registry of sources."""
    via: list[Via]
    """The attribution chain behind the source, each named as the registry names it."""
    quote: str | None
    tags: list[str]
    countries: list[Annotated[str, Field(pattern="^[A-Z]{2}$")]]
    """ISO 3166-1 alpha-2 codes (XK for Kosovo); the first is the primary country."""
    locations: list[Location]
    claims: list[Claim]
    """Who claimed what, and its standing when the item was last updated."""
    updates: list[Update]
    story: str | None
    """The developing story the item belongs to, by its slug."""
    archive_url: HttpUrl | None
    lang: str
    """BCP 47 tag of the item's text."""


class ItemsFile(BaseModel):
    """items.json: the digest's published items, newest first. (The model gives the file's
    JSON Schema; ``items_json`` writes the file itself, a record at a time.)"""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    title: str
    license: str
    license_url: str | None
    items: list[ItemRecord]


def item_record(item, registry, settings) -> ItemRecord:
    """The record of a published item (Pelican's article with its ``digest`` record). Made from
    values the item's schema has validated, so not validated again: ten thousand records are
    made on every build that changes the digest."""
    meta = item.digest.meta
    return ItemRecord.model_construct(
        id=entry_id(item, settings),
        url=f"{site_root(settings)}/{item.url}",
        title=meta.title,
        date=meta.date,
        modified=meta.modified,
        summary=meta.summary,
        source=meta.source,
        source_registry=registry.resolve(meta.source.name),
        # As the pages and feeds name them: by the registry's name, not the alias an item used.
        via=[Via.model_construct(name=_registered(registry, via.name), role=via.role) for via in meta.via],
        quote=meta.quote,
        tags=meta.tags,
        countries=meta.countries,
        locations=meta.locations,
        claims=meta.claims,
        updates=meta.updates,
        # The contract's optional `story`, as soon as the item schema reads it.
        story=getattr(meta, "story", None),
        archive_url=meta.archive_url,
        lang=meta.lang or settings["DEFAULT_LANG"],
    )


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_with_list(fields: dict, name: str, members: Iterable[str]) -> Iterator[str]:
    """The JSON text of ``{**fields, name: [*members]}``, in pieces: a member at a time. Each
    member is JSON text from a serializer; only the list's brackets and commas are put here."""
    yield _compact({**fields, name: []}).removesuffix("]}")
    for index, member in enumerate(members):
        yield "," + member if index else member
    yield "]}\n"


def items_json(records: Iterable[ItemRecord], licence: dict, title: str) -> Iterator[str]:
    """items.json, as ``ItemsFile`` describes it."""
    return json_with_list({"title": title, **licence}, "items", (record.model_dump_json() for record in records))


def items_schema() -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ItemsFile.model_json_schema(mode="serialization"),
    }
    # items.json writes every field of every object, null when it has no value: each is required
    # (the item schema's own defaults make them optional to write in a content file).
    for shape in [schema, *schema["$defs"].values()]:
        if "properties" in shape:
            shape["required"] = list(shape["properties"])
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _registered(registry, name: str) -> str:
    source = registry.resolve(name)
    return source.name if source is not None else name


def source_name(record: dict) -> str:
    """The source as its registry names it ("MEE" in the front matter reads "Middle East Eye")."""
    return (record["source_registry"] or record["source"])["name"]


def dumped(records: Iterable[ItemRecord]) -> Iterator[dict]:
    """Each record in JSON's types, as items.json spells it."""
    for record in records:
        yield record.model_dump(mode="json")


def items_geojson(records: Iterable[ItemRecord]) -> Iterator[str]:
    """An RFC 7946 FeatureCollection: a Point per location of an item, longitude first."""
    features = (
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
            "properties": {
                "id": record["id"],
                "title": record["title"],
                "date": record["date"],
                "url": record["url"],
                "source": source_name(record),
                "country": next(iter(record["countries"]), None),
                "location": location["name"],
            },
        }
        for record in dumped(records)
        for location in record["locations"]
    )
    return json_with_list({"type": "FeatureCollection"}, "features", map(_compact, features))


def _joined(values) -> str:
    return LIST_SEPARATOR.join(_one_line(value) for value in values)


def _one_line(text: str) -> str:
    """``text`` with each of its line breaks (as ``str.splitlines`` finds them) made a space."""
    lines = text.splitlines()
    return " ".join(line.strip() for line in lines) if len(lines) > 1 else text


def _claim(claim: dict) -> str:
    return f"{claim['status']}: {claim['text']}" + (f" ({claim['by']})" if claim["by"] else "")


# The CSV's columns, with what each holds; shown on /data/ too.
CSV_COLUMNS = {
    "id": "stable identifier (tag: URI), as in items.json and the feeds",
    "url": "the item's page",
    "title": "the item's title",
    "date": "when the digest published it (ISO 8601)",
    "modified": "its last correction or update (ISO 8601), or empty",
    "summary": "the curators' own words",
    "source": "the source as the registry names it",
    "source_kind": "wire, outlet, broadcaster, state-media, agency, ngo, official or social",
    "source_country": "the source's country (ISO 3166-1 alpha-2), or empty",
    "source_url": "the original story",
    "source_title": "the original headline, or empty",
    "source_published": "when the original was published, or empty",
    "source_byline": "the original's author or agency, or empty",
    "via": "the attribution chain, each as role: name, named as the registry names it",
    "quote": "an excerpt of the original, or empty",
    "tags": "the item's tags",
    "countries": "ISO 3166-1 alpha-2 codes, the primary country first",
    "locations": "each as name (latitude, longitude)",
    "claims": "each as status: text (by), with its standing when the item was last updated (items.json keeps the text and who made it apart, and each claim's earlier standings)",
    "updates": "each as date kind: note",
    "story": "the developing story's slug, or empty",
    "archive_url": "an archived copy of the original, or empty",
    "lang": "the language of the item's text (BCP 47)",
}


def csv_row(record: dict) -> dict:
    source, registered = record["source"], record["source_registry"] or {}
    return {
        **{name: record[name] for name in ("id", "url", "title", "date", "modified", "summary")},
        "source": source_name(record),
        "source_kind": registered.get("kind"),
        "source_country": registered.get("country"),
        **{f"source_{name}": source[name] for name in ("url", "title", "published", "byline")},
        "via": _joined(f"{via['role']}: {via['name']}" for via in record["via"]),
        "quote": record["quote"],
        "tags": _joined(record["tags"]),
        "countries": _joined(record["countries"]),
        "locations": _joined(f"{place['name']} ({place['lat']}, {place['lon']})" for place in record["locations"]),
        "claims": _joined(_claim(claim) for claim in record["claims"]),
        "updates": _joined(f"{update['date']} {update['kind']}: {update['note']}" for update in record["updates"]),
        **{name: record[name] for name in ("story", "archive_url", "lang")},
    }


def spreadsheet_cell(value) -> str:
    """None as an empty cell; text a spreadsheet would run as a formula, with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def items_csv(records: Iterable[ItemRecord]) -> Iterator[str]:
    """RFC 4180, a row at a time: a header row, each row ending in CRLF, fields quoted by the csv
    module when they need it. It starts with a byte order mark: without one, Excel reads UTF-8
    as the system's code page and shows Arabic or Cyrillic as mojibake."""
    row = io.StringIO()
    writer = csv.DictWriter(row, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")

    def taken() -> str:
        text = row.getvalue()
        row.seek(0)
        row.truncate()
        return text

    writer.writeheader()
    yield "\ufeff" + taken()
    for record in dumped(records):
        writer.writerow({column: spreadsheet_cell(value) for column, value in csv_row(record).items()})
        yield taken()


def write_data(writer, digest, context, get_template, settings) -> None:
    """The data files and the /data/ page, through ``writer``."""
    licence, title = data_settings(settings), settings["SITENAME"]

    @functools.cache
    def records() -> list[ItemRecord]:
        """Every item's record, made once for the files that are written again, if any is."""
        return [item_record(item, digest.registry, settings) for item in digest.items]

    def placed() -> Iterator[ItemRecord]:
        return (record for record in records() if record.locations)

    # What the files are made from; the code that makes them and the settings are covered by
    # the cache folder's key (see digest_incremental/key.py).
    shows = {
        "items": digest.items,
        "registry": digest.registry,
        "siteurl": site_root(settings),
        "title": title,
        **licence,
    }
    writer.write_text(JSON_PATH, lambda: items_json(records(), licence, title), shows, "data:json")
    writer.write_text(SCHEMA_PATH, items_schema, {}, "data:schema")
    writer.write_text(GEOJSON_PATH, lambda: items_geojson(placed()), shows, "data:geojson")
    writer.write_text(CSV_PATH, lambda: items_csv(records()), shows, "data:csv")
    writer.write_file(
        FOLDER + "index.html",
        get_template("data"),
        context,
        relative_urls=settings["RELATIVE_URLS"],
        url=FOLDER,
        licence=licence,
        csv_columns=CSV_COLUMNS,
        item_count=len(digest.items),
        location_count=sum(len(item.digest.meta.locations) for item in digest.items),
    )
