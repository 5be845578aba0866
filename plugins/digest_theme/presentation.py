"""Plain functions behind the theme, callable from tests without building a site."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import pycountry
from digest_content.schema import country_name
from digest_weeks.isoweek import date_span
from markupsafe import Markup

# Languages written right to left, and scripts that are, for tags that name one (ku-Arab, ar-Latn).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa"})

# How each link in the attribution chain reads: "Middle East Eye, from Reuters, citing RIA Novosti".
VIA_CONNECTORS = {"wire": "from", "cited": "citing", "translated": "translated from", "aggregated": "via"}

# A source's kind, as a heading on the sources page and as a fact on a source's page.
SOURCE_KIND_LABELS = {
    "wire": ("Wire service", "Wire services"),
    "outlet": ("News outlet", "News outlets"),
    "broadcaster": ("Broadcaster", "Broadcasters"),
    "state-media": ("State media", "State media"),
    "agency": ("Agency", "Agencies"),
    "ngo": ("NGO", "NGOs"),
    "official": ("Official", "Officials"),
    "social": ("Social media", "Social media"),
}

CLAIM_STATUS_ORDER = ("false", "denied", "disputed", "unverified", "reported", "confirmed")


def text_direction(lang: str | None) -> str:
    """ "rtl" for a language tag whose text runs right to left (ar, fa-IR, ku-Arab), otherwise "ltr"."""
    if not lang:
        return "ltr"
    subtags = lang.casefold().replace("_", "-").split("-")
    script = next((subtag for subtag in subtags[1:] if len(subtag) == 4 and subtag.isalpha()), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RTL_LANGUAGES else "ltr"


def long_date(value) -> str:
    """11 December 2016, for a date or a datetime."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def page_dates(page) -> str:
    """The days a page of a list covers, oldest to newest, by the dates of its items (or of the
    items of its claims): what tells its pages apart, since they are numbered from the oldest.
    Pages within one day (a busy day, one item's claims) are told apart by the times."""
    dates = [getattr(member, "item", member).date for member in page.object_list]
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    if first.date() != last.date():
        return date_span(first.date(), last.date())
    times = f"{first:%H:%M}" + (f"–{last:%H:%M}" if last != first else "")
    return f"{long_date(last)}, {times}"


def date_time(value: datetime) -> str:
    """11 December 2016, 18:00 UTC."""
    zone = value.tzname() if isinstance(value, datetime) and value.tzinfo else None
    if not isinstance(value, datetime):
        return long_date(value)
    return f"{long_date(value)}, {value:%H:%M}" + (f" {zone}" if zone else "")


def language_name(code: str | None) -> str:
    """English, for "en"; the code itself when it names no language."""
    if not code:
        return ""
    primary = code.split("-")[0]
    language = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    return language.name if language else code


def kind_label(kind: str, plural: bool = False) -> str:
    """ "Wire service" (or "Wire services") for the source kind "wire"."""
    labels = SOURCE_KIND_LABELS.get(kind)
    if labels is None:
        return kind.replace("-", " ").capitalize()
    return labels[1] if plural else labels[0]


def iso(value) -> str:
    return value.isoformat() if value is not None else ""


def script_json(data) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' are escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None, separators=(",", ":"))
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    # U+2028/U+2029 are valid in JSON but end a line in older script parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def absolute(siteurl: str, path: str) -> str:
    return f"{siteurl.rstrip('/')}/{path}" if siteurl else f"/{path}"


def _organization(name: str, url: str | None = None) -> dict:
    organization = {"@type": "Organization", "name": name}
    if url:
        organization["url"] = url
    return organization


def publisher_name(item) -> str:
    """The item's source by its name in sources.yaml, as its page names it: ``source.name`` may
    be one of its aliases."""
    term = item.digest.facts.source_term
    return term.name if term is not None else item.source.name


def news_article(item, siteurl: str, sitename: str) -> dict:
    """The schema.org NewsArticle describing an item page and the story it summarises."""
    url = absolute(siteurl, item.url)
    site = _organization(sitename, absolute(siteurl, ""))
    source = item.source
    original = {"@type": "NewsArticle", "url": source.url, "publisher": _organization(publisher_name(item))}
    if source.title:
        original["headline"] = source.title
    if source.published:
        original["datePublished"] = source.published.isoformat()
    if source.byline:
        original["author"] = _organization(source.byline)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary_text,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": item.date.isoformat(),
        "dateModified": (getattr(item, "modified", None) or item.date).isoformat(),
        "inLanguage": item.lang,
        "author": site,
        "publisher": site,
        "isBasedOn": original,
    }
    terms = item.digest.facts.terms
    if getattr(item, "tag_names", None):
        data["keywords"] = list(item.tag_names)
    if terms.get("countries"):
        data["spatialCoverage"] = [{"@type": "Country", "name": term.name} for term in terms["countries"]]
    if getattr(item, "locations", None):
        data["contentLocation"] = [
            {
                "@type": "Place",
                "name": location.name,
                "geo": {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon},
            }
            for location in item.locations
        ]
    if getattr(item, "archive_url", None):
        data["archivedAt"] = item.archive_url
    return data


def news_article_json_ld(item, siteurl: str, sitename: str) -> Markup:
    return script_json(news_article(item, siteurl, sitename))


@dataclass(frozen=True)
class ChainLink:
    """One name in an attribution chain, the word that joins it to the one before, its source page."""

    connector: str  # "" for the publisher, then "from", "citing", ...
    name: str
    term: object = None
    lang: str | None = None  # the language the source publishes in (sources.yaml's language)


def attribution_chain(item, registry) -> list[ChainLink]:
    """The publisher, then each source behind it, named as the registry names them."""
    source_terms = {id(term.details): term for term in item.digest.facts.terms.get("sources", [])}
    named = [("", item.source.name)] + [
        (VIA_CONNECTORS.get(via.role, via.role), via.name) for via in getattr(item, "via", [])
    ]
    chain = []
    for connector, name in named:
        source = registry.resolve(name)
        term = source_terms.get(id(source)) if source is not None else None
        chain.append(ChainLink(connector, term.name if term else name, term, source.language if source else None))
    return chain


def ranked(counts: Counter) -> tuple:
    """(term, count) pairs, most first, then by name."""
    return tuple(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].name.casefold())))


def related_terms(term, taxonomy: str) -> list:
    """(Term, count) of ``taxonomy`` found on the items of ``term``, most often found first, the
    term itself left out.

    Kept on the term: every page of a term shows the same, and a big term has many pages.
    """
    remembered = term.__dict__.setdefault("_related", {})
    if taxonomy not in remembered:
        counts = Counter(
            other for item in term.items for other in item.digest.facts.terms.get(taxonomy, []) if other is not term
        )
        remembered[taxonomy] = ranked(counts)
    return remembered[taxonomy]


class Fragments:
    """Parts of pages that many pages show alike, each rendered once per build: an item's card
    is in up to seven lists, and the site's navigation is on every page. A template keys a
    fragment by everything it shows that differs from page to page:

        {% call fragment("card", item, SITEURL) %}...{% endcall %}
    """

    def __init__(self):
        self._kept: dict[tuple, tuple] = {}

    def __call__(self, *parts, caller) -> Markup:
        # Text by value; objects by identity, kept alive with the fragment so that no other
        # object can take their id during the build.
        key = tuple(part if isinstance(part, (str, int, float, bool, type(None))) else id(part) for part in parts)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = (parts, Markup(caller()))
        return kept[1]


FILTERS = {
    "direction": text_direction,
    "long_date": long_date,
    "page_dates": page_dates,
    "date_time": date_time,
    "iso": iso,
    "country_name": lambda code: country_name(code) or code,
    "language_name": language_name,
    "kind_label": kind_label,
    "related_terms": related_terms,
    "news_article_json_ld": news_article_json_ld,
}
