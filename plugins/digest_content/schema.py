"""The schema of an item, a page and a source, shared by the reader and ``make check``.

Every field is parsed by one pydantic model; the validators raise plain-language
messages that reach the curator as ``path:line: field: message``.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date, datetime, time
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    WithJsonSchema,
)

SUMMARY_MAX_CHARS = 600
QUOTE_MAX_WORDS = 50
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

CLAIM_STATUSES = ("reported", "unverified", "disputed", "denied", "confirmed", "false")
VIA_ROLES = ("wire", "cited", "translated", "aggregated")
SOURCE_KINDS = ("wire", "outlet", "broadcaster", "state-media", "agency", "ngo", "official", "social")
UPDATE_KINDS = ("correction", "update")
ITEM_STATUSES = ("published", "draft")

# Codes curators reach for that ISO 3166-1 spells otherwise.
COUNTRY_CODE_MISTAKES = {"UK": "GB", "EL": "GR", "KO": "XK", "KV": "XK"}
# Names in common use that ISO 3166 (as pycountry knows it) does not give, for the hint a
# curator gets on writing a name where a code goes.
COMMON_COUNTRY_NAMES = {
    "russia": "RU",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "kosovo": "XK",
    "turkey": "TR",
    "ivory coast": "CI",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "america": "US",
    "uae": "AE",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "burma": "MM",
    "swaziland": "SZ",
    "macedonia": "MK",
    "vatican": "VA",
    "cape verde": "CV",
    "east timor": "TL",
    "holland": "NL",
    "the netherlands": "NL",
    "brunei": "BN",
    "republic of korea": "KR",
}
# Countries as a reader knows them, where ISO 3166 (as pycountry knows it) has no common name
# but a formal one ("Palestine, State of", "Russian Federation"); and Kosovo, which has no ISO
# code yet but is in universal use (EU, IMF, news agencies).
SHORT_COUNTRY_NAMES = {
    "PS": "Palestine",
    "RU": "Russia",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "VA": "Vatican City",
    "BN": "Brunei",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "XK": "Kosovo",
}

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_PATTERN = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


# Characters no text of the digest holds: control characters (a tab or a line break aside),
# which a terminal runs (an escape sets its title, clears the screen) and HTML does not allow,
# and the overrides that make text read the other way from how it is stored.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202d\u202e]")
_CONTROL_NAMES = {0x1B: "escape", 0x07: "bell", 0x9B: "control sequence introducer"}
_CONTROL_NAMES |= {0x202D: "left-to-right override", 0x202E: "right-to-left override"}


def control_character_message(character: str, where: str = "", brought_by: str = "copied text") -> str:
    """What to say of an invisible control ``character``; ``where``: " in column 6", for a file."""
    code = ord(character)
    name = _CONTROL_NAMES.get(code, "a control character")
    return (
        f"holds U+{code:04X} ({name}){where}, an invisible character that changes how a page or a terminal "
        f"shows the text ({brought_by} can bring it): delete it"
    )


def _text(value):
    if value is None:
        raise ValueError("is empty; write it after the colon")
    if isinstance(value, bool):
        raise ValueError("must be text; put it in quotes if it is")
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise ValueError("must be text, not a list or a mapping")
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    control = CONTROL_CHARACTERS.search(value)
    if control:
        raise ValueError(control_character_message(control.group(), brought_by="a YAML escape such as \\e"))
    return value


Text = Annotated[str, BeforeValidator(_text)]


def _name(value: str) -> str:
    """A tag's or a source's name: the search page offers it as a filter, and Pagefind reads a
    filter's name as HTML (it decodes the page's character references, and its interface shows
    the name as markup), so a name cannot hold what makes markup or a character reference."""
    if "<" in value or ">" in value:
        raise ValueError(f"'{value}' holds < or >, which a name cannot; write it without them")
    if html.unescape(value) != value:
        reference = re.search(r"&#?\w+;?", value)
        raise ValueError(
            f"'{value}' holds '{reference.group() if reference else '&'}', which a web page reads as another "
            "character; write the name without it"
        )
    return value


Name = Annotated[Text, AfterValidator(_name)]


# Characters that show as nothing, which a copy from a web page can bring along.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _http_url(value: str) -> str:
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise ValueError("a URL cannot contain spaces or control characters")
    hidden = next((index for index, ch in enumerate(value) if ch in _INVISIBLE), None)
    if hidden is not None:
        raise ValueError(
            f"holds an invisible character (U+{ord(value[hidden]):04X}) after '{value[:hidden]}', which a copy "
            "from a web page can bring along; type the address again or delete that character"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"must be a full http:// or https:// address, not {value!r}")
    if "@" in parts.netloc:
        # https://www.reuters.com%2Fworld@phish.example/ is an address at phish.example.
        raise ValueError(
            f"holds '@' before its first '/': the site is what follows it ({parts.hostname}), whatever comes "
            "before; write the address of the page itself"
        )
    return value


HttpUrl = Annotated[
    Text, AfterValidator(_http_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})
]


def country_name(code: str) -> str | None:
    if code in SHORT_COUNTRY_NAMES:
        return SHORT_COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)


def _country(value) -> str:
    if isinstance(value, bool):
        raise ValueError('YAML read this code as true/false; write it in quotes, e.g. "NO"')
    code = _text(value).upper()
    if "," in code:
        parts = ", ".join(part.strip() for part in code.split(",") if part.strip())
        raise ValueError(f"'{value}' is several countries in one value; write a list: countries: [{parts}]")
    if code in COUNTRY_CODE_MISTAKES:
        raise ValueError(f"'{code}' is not an ISO 3166-1 code; use '{COUNTRY_CODE_MISTAKES[code]}'")
    if len(code) != 2 or country_name(code) is None:
        meant = _country_named(str(value))
        hint = f"; {country_name(meant)} is {meant}" if meant else " (e.g. SY, UA, PS)"
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


def _country_named(name: str) -> str | None:
    """The code of the country a name or a three-letter code stands for ("Syria", "SYR",
    "Russia"), if one does."""
    name = " ".join(name.split())
    if name.casefold() in COMMON_COUNTRY_NAMES:
        return COMMON_COUNTRY_NAMES[name.casefold()]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


CountryCode = Annotated[str, BeforeValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2}$"})]


def _one_or_list(value):
    """A single value where a list is expected becomes a list of one."""
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


def _tag(value: str) -> str:
    """A tag: ``tags: aleppo, evacuation`` is one tag with a comma, not two."""
    if "," in value:
        parts = ", ".join(part.strip() for part in value.split(",") if part.strip())
        raise ValueError(f"'{value}' is one tag with a comma in it; for several tags write a list: tags: [{parts}]")
    return value


def _timezone(info: ValidationInfo) -> ZoneInfo:
    return (info.context or {}).get("timezone") or ZoneInfo("UTC")


def _check_year(moment):
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"the year {moment.year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}; check the date")
    return moment


# A date and time followed by the name of a time zone ("EET", "UTC", "Europe/Kyiv").
_ZONE_NAMED = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)\s*([A-Za-z][A-Za-z_/+-]*)$")
# Offsets of time zones named by their abbreviation in news copy, for the example a curator gets.
_ZONE_OFFSETS = {"EET": "+02:00", "EEST": "+03:00", "CET": "+01:00", "CEST": "+02:00", "MSK": "+03:00"}
_ZONE_OFFSETS |= {"BST": "+01:00", "EST": "-05:00", "EDT": "-04:00", "PST": "-08:00", "PDT": "-07:00"}


def _offset_in(zone: str, stamp: str) -> str | None:
    """The offset from UTC of the time zone ``zone`` ("Europe/Kyiv") at ``stamp``, if it is one."""
    try:
        offset = datetime.fromisoformat(stamp).replace(tzinfo=ZoneInfo(zone)).strftime("%z")
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return None
    return f"{offset[:3]}:{offset[3:]}"


def _parse_date_text(value):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("must be a date like 2016-12-11 or 2016-12-11T18:00:00+00:00")
    text = str(value).strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{text}' is not a date; write it as 2016-12-11 or 2016-12-11T18:00:00+00:00")
    named = _ZONE_NAMED.match(text)
    if named and named.group(2).upper() in ("Z", "UTC", "GMT"):
        text = f"{named.group(1)}+00:00"
    elif named:
        stamp, zone = named.group(1).replace(" ", "T"), named.group(2)
        offset = _ZONE_OFFSETS.get(zone.upper()) or _offset_in(zone, stamp) or "+HH:MM"
        raise ValueError(
            f"'{text}' names its time zone ({zone}); write it as an offset from UTC, e.g. {stamp}{offset}, "
            "or leave it out for the site's time zone"
        )
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date or time (check the day, month and offset)") from None


def _datetime(value, info: ValidationInfo) -> datetime:
    """A date or date-time; without an offset, the site's timezone applies."""
    parsed = _parse_date_text(value)
    _check_year(parsed)
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time(0, 0))
    zone = _timezone(info)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


DateTime = Annotated[
    datetime,
    BeforeValidator(_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "description": "2016-12-11 or 2016-12-11T18:00:00+00:00; without an offset the site timezone applies",
        }
    ),
]


def _date_or_datetime(value, info: ValidationInfo):
    """A day, or a moment in the site's timezone (as an item's date is): an update written at
    00:30+03:00 is shown on the site's day, in order with the item's own dates."""
    parsed = _check_year(_parse_date_text(value))
    if not isinstance(parsed, datetime):
        return parsed
    zone = _timezone(info)
    return (parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)).astimezone(zone)


DateOrDateTime = Annotated[
    date | datetime,
    BeforeValidator(_date_or_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "description": "2016-12-11, or 2016-12-11T18:00:00+00:00 in the site timezone (the offset written is converted)",
        }
    ),
]


def _summary(value: str) -> str:
    if len(value) > SUMMARY_MAX_CHARS:
        raise ValueError(f"is {len(value)} characters; shorten it to at most {SUMMARY_MAX_CHARS}")
    return value


def _quote(value: str) -> str:
    words = len(value.split())
    if words > QUOTE_MAX_WORDS:
        raise ValueError(
            f"is {words} words; quote at most {QUOTE_MAX_WORDS} words and summarise the rest in your own words"
        )
    return value


def _slug(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a slug: use lower-case letters, digits and single hyphens, e.g. russia-denies-exit-deal"
        )
    return value


# Countries' codes that are not languages' codes, written for the country's language.
_LANGUAGE_OF_COUNTRY = {
    **{"ua": "uk", "cz": "cs", "jp": "ja", "gr": "el", "dk": "da", "il": "he", "ir": "fa", "cn": "zh"},
    **{"by": "be", "rs": "sr", "vn": "vi", "al": "sq", "kz": "kk"},
}


def _language(code: str):
    return pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code.lower()})


def _lang(value: str) -> str:
    """A language tag (BCP 47) whose language is one of ISO 639: ``uk``, ``ar``, ``pt-BR``."""
    if not LANG_PATTERN.match(value):
        try:
            named = pycountry.languages.lookup(value.strip())
        except LookupError:
            named = None
        code = getattr(named, "alpha_2", None) or getattr(named, "alpha_3", None)
        hint = f"; for {named.name} write {code}" if code else ""
        raise ValueError(f"'{value}' is not a language tag such as en, ar or pt-BR{hint}")
    primary = value.split("-")[0].lower()
    if _language(primary) is None:
        library = pycountry.languages.get(bibliographic=primary) if len(primary) == 3 else None
        if library is not None:
            code = getattr(library, "alpha_2", None) or library.alpha_3
            raise ValueError(f"'{value}' is a libraries' code for {library.name}; write {code}")
        meant = _LANGUAGE_OF_COUNTRY.get(primary)
        if meant:
            country = pycountry.countries.get(alpha_2=primary.upper()).name
            raise ValueError(f"'{value}' is the country code of {country}; for {_language(meant).name} write {meant}")
        raise ValueError(f"'{value}' is not a language of ISO 639: write a code such as en, ar, uk or pt-BR")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    """Where the story was published."""

    name: Text
    url: HttpUrl
    title: Text | None = None
    published: DateOrDateTime | None = None
    byline: Text | None = None


class Via(Strict):
    """One link of the attribution chain behind the source."""

    name: Text
    role: Literal[VIA_ROLES]


def _coordinate(limit: int, example: str):
    """A latitude or longitude: a finite number within +-limit (YAML's true, .nan, .inf are not)."""

    def check(value):
        message = f"must be a number between -{limit} and {limit}, e.g. {example}"
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError(message)
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"{message}, not {value!r}") from None
        if not math.isfinite(number) or abs(number) > limit:
            raise ValueError(f"{message}, not {value}")
        return number

    return BeforeValidator(check)


class Location(Strict):
    name: Text
    lat: Annotated[float, _coordinate(90, "36.2021"), WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90})]
    lon: Annotated[
        float, _coordinate(180, "37.1343"), WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180})
    ]


def _claim_status(value):
    # Unquoted, "status: false" reaches us as YAML's false; the status "false" is what was meant.
    return "false" if value is False else value


ClaimStatus = Annotated[Literal[CLAIM_STATUSES], BeforeValidator(_claim_status)]


class Standing(Strict):
    """A standing a claim had before its present one, and since when."""

    date: DateOrDateTime
    status: ClaimStatus


class Claim(Strict):
    text: Text
    by: Text | None = None
    status: ClaimStatus
    history: list[Standing] = []  # its earlier standings, oldest first


class Update(Strict):
    date: DateOrDateTime
    kind: Literal[UPDATE_KINDS]
    note: Text


class Item(Strict):
    """One digest item: the YAML front matter of a file under content/items/."""

    title: Text
    date: DateTime
    modified: DateTime | None = None
    summary: Annotated[Text, AfterValidator(_summary)]
    source: SourceRef
    via: list[Via] = []
    quote: Annotated[Text, AfterValidator(_quote)] | None = None
    tags: Annotated[list[Annotated[Name, AfterValidator(_tag)]], BeforeValidator(_one_or_list)] = []
    countries: Annotated[list[CountryCode], BeforeValidator(_one_or_list)] = []
    locations: list[Location] = []
    claims: list[Claim] = []
    updates: list[Update] = []
    archive_url: HttpUrl | None = None
    story: Text | None = None  # a slug from content/stories.yaml, checked there (stories.unknown_stories)
    lang: Annotated[Text, AfterValidator(_lang)] | None = None
    slug: Annotated[Text, AfterValidator(_slug)] | None = None
    status: Literal[ITEM_STATUSES] = "published"


class PageMeta(Strict):
    """A standalone page under content/pages/."""

    title: Text
    slug: Annotated[Text, AfterValidator(_slug)] | None = None
    summary: Text | None = None
    modified: DateTime | None = None
    lang: Annotated[Text, AfterValidator(_lang)] | None = None
    status: Literal["published", "hidden", "draft"] = "published"


class WeekNote(Strict):
    """The curators' note heading a weekly edition: content/weeks/YYYY-Www.md."""

    title: Text


class Source(Strict):
    """One entry of content/sources.yaml."""

    name: Name
    url: HttpUrl
    kind: Literal[SOURCE_KINDS]
    country: CountryCode | None = None
    language: Annotated[Text, AfterValidator(_lang)] | None = None
    aliases: Annotated[list[Name], BeforeValidator(_one_or_list)] = []
    # The page address sources/<slug>/; derived from the name when absent. Worth setting for
    # names in non-Latin scripts, whose transliteration may read poorly ("الجزيرة" -> "ljzyr").
    slug: Annotated[Text, AfterValidator(_slug)] | None = None


class Story(Strict):
    """One entry of content/stories.yaml: a developing story that items can belong to."""

    slug: Annotated[Text, AfterValidator(_slug)]  # the page address stories/<slug>/, and what items' story: names
    title: Text
    summary: Annotated[Text, AfterValidator(_summary)] | None = None


def json_schemas() -> dict[str, dict]:
    """JSON Schemas for editors, keyed by file name."""

    def listing(name: str, model) -> dict:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"conflict-digest {name}",
            "type": "array",
            "items": model.model_json_schema(),
        }

    item = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Item.model_json_schema()}
    return {
        "item.schema.json": item,
        "sources.schema.json": listing("sources.yaml", Source),
        "stories.schema.json": listing("stories.yaml", Story),
    }
