"""Related items: up to five other published items for each one, by what they share.

An item's score against another is the sum of the weights of what both have:

    the same story: 8   each place: 4   each tag: 3   each country: 2   each source: 1

(sources count the attribution chain too: two stories carried from the same wire share it).
A place is shared when the names are the same, whatever the case, or when the two points are
at most 10 km apart. An item needs a score of at least 3 to be related: a shared tag, place or
story, or a country and a source; a country or a source alone says too little. Ties go to
the item nearer in time, then to the newer one, then to the slug that sorts first.

Only the items nearest in time within each story, tag, country, source and place of an item
(six on each side) are scored: a tag with thousands of items would otherwise make every one
of their pages depend on each new item. So a new item can enter the related lists of at most
twelve items per story, tag, country, source and place it has, whatever the digest's size.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict

WEIGHTS = {"stories": 8, "places": 4, "tags": 3, "countries": 2, "sources": 1}
MINIMUM_SCORE = 3
LIMIT = 5
NEAREST = 6  # items on each side, in time, within one term
NEAR_KM = 10
CELL = 0.2  # degrees: places are looked for in the cells around an item's own
COLUMNS = round(360 / CELL)
KM_PER_DEGREE = 111.2
EARTH_KM = 6371.0


def link_related(items) -> None:
    """Give each item (``items``: published, newest first) its related items, best first, as
    ``ItemFacts.related``. Its story and terms must be known (``ItemFacts``)."""
    terms = [_scored_terms(item) for item in items]
    weights = {term: WEIGHTS[name] for item in items for name, term in _named_terms(item)}
    places = [tuple(getattr(item, "locations", ())) for item in items]
    stamps = [item.date.timestamp() for item in items]
    postings = defaultdict(list)  # key -> the indices of its items, in order: newest first
    for index in range(len(items)):
        for key in (*terms[index], *_place_keys(places[index])):
            postings[key].append(index)
    for index, item in enumerate(items):
        candidates = set()
        for key in (*terms[index], *_nearby_keys(places[index])):
            candidates.update(_nearest(postings.get(key, ()), index))
        candidates.discard(index)
        ranked = []
        for other in candidates:
            score = sum(weights[term] for term in terms[index] & terms[other])
            if places[index] and places[other]:
                score += WEIGHTS["places"] * _shared_places(places[index], places[other])
            if score >= MINIMUM_SCORE:
                gap = abs(stamps[index] - stamps[other])
                ranked.append((-score, gap, -stamps[other], items[other].digest.slug, other))
        item.digest.facts.related = tuple(items[entry[-1]] for entry in heapq.nsmallest(LIMIT, ranked))


def _named_terms(item):
    facts = item.digest.facts
    named = [(name, term) for name in ("tags", "countries", "sources") for term in facts.terms.get(name, ())]
    return named + ([("stories", facts.story)] if facts.story is not None else [])


def _scored_terms(item) -> frozenset:
    return frozenset(term for _, term in _named_terms(item))


def _nearest(posting, index: int) -> list[int]:
    """The ``NEAREST`` items on each side of ``index`` in a term's items (``posting``)."""
    at = bisect_left(posting, index)
    own = 1 if at < len(posting) and posting[at] == index else 0
    return posting[max(0, at - NEAREST) : at + own + NEAREST]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lon / CELL) % COLUMNS


def _place_keys(places) -> list:
    """What an item is filed under by its places: each place's name and cell."""
    return [
        key for place in places for key in (("place", place.name.casefold()), ("cell", *_cell(place.lat, place.lon)))
    ]


def _nearby_keys(places) -> list:
    """Where to look for an item's places: each place's name, and the cells that hold every
    point within NEAR_KM of it (a degree of longitude narrows away from the equator)."""
    keys = []
    for place in places:
        row, column = _cell(place.lat, place.lon)
        width = CELL * KM_PER_DEGREE * math.cos(math.radians(min(89.0, abs(place.lat) + CELL)))
        reach = min(math.ceil(NEAR_KM / width), COLUMNS // 2)
        keys.append(("place", place.name.casefold()))
        keys += [
            ("cell", row + up, (column + side) % COLUMNS) for up in (-1, 0, 1) for side in range(-reach, reach + 1)
        ]
    return keys


def _shared_places(places, others) -> int:
    """How many of ``places`` are also among ``others``: the same name, or a point close by."""
    return sum(any(_same_place(place, other) for other in others) for place in places)


def _same_place(place, other) -> bool:
    return place.name.casefold() == other.name.casefold() or _km(place, other) <= NEAR_KM


def _km(place, other) -> float:
    """The great-circle distance between two places."""
    lat1, lon1, lat2, lon2 = map(math.radians, (place.lat, place.lon, other.lat, other.lon))
    half = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, half)))
