"""Related items: up to five other published items for each one, by what they share.

An item is related to another when they share a story, a place or a tag. Its score adds up
the weights of all they share:

    the same story: 8   each place: 4   each tag: 3   each country: 2   each source: 1

(sources count the attribution chain too: two stories carried from the same wire share it).
Countries and sources only rank the related items; alone they say too little. A place is
shared when the names are the same, whatever the case, or when the two points are at most
10 km apart. Ties go to the item nearer in time, then to the newer one, then to the slug that
sorts first.

A story, tag, country, source or place counts only when the two items are at most six apart
among its items in time order: a rare tag reaches across years, one with thousands of items
only to its neighbours in time. Otherwise every page of a big tag would depend on each new
item; this way the newest item can change the related lists of at most six items per story,
tag, country and source it has, and of six per name and per cell of the map for each of its
places, whatever the digest's size; and each item is scored against a few dozen others, not
thousands.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict

WEIGHTS = {"stories": 8, "places": 4, "tags": 3, "countries": 2, "sources": 1}
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
    weighted = [_weighted_terms(item) for item in items]
    places = [tuple(getattr(item, "locations", ())) for item in items]
    stamps = [item.date.timestamp() for item in items]
    slugs = [item.digest.slug for item in items]
    postings = defaultdict(list)  # key -> the indices of its items, in order: newest first
    for index, terms in enumerate(weighted):
        for key in (*(term for term, _, _ in terms), *_place_keys(places[index])):
            postings[key].append(index)
    for index, item in enumerate(items):
        # Each neighbour in a term once per point the term is worth, counted by Counter: at
        # 10,000 items, half a million scores are added up.
        hits, found = [], set()
        for term, weight, leads in weighted[index]:
            nearest = _nearest(postings[term], index)
            hits += nearest * weight
            if leads:
                found.update(nearest)
        scores = Counter(hits)
        for other in _placed_near(index, places, postings):
            shared = _shared_places(places[index], places[other])
            if shared:
                scores[other] += WEIGHTS["places"] * shared
                found.add(other)
        found.discard(index)
        item.digest.facts.related = tuple(items[other] for other in _best(found, scores, stamps[index], stamps, slugs))


def _best(found: set, scores: Counter, stamp: float, stamps: list, slugs: list) -> list[int]:
    """The ``LIMIT`` items of ``found`` that score best; ties go to the nearer in time, then the
    newer, then the slug that sorts first."""

    def rank(other: int) -> tuple:
        return -scores[other], abs(stamp - stamps[other]), -stamps[other], slugs[other]

    return sorted(found, key=rank)[:LIMIT]


def _weighted_terms(item) -> list[tuple]:
    """(term, weight, whether sharing it makes items related) of an item's story, tags,
    countries and sources."""
    facts = item.digest.facts
    weighted = [(facts.story, WEIGHTS["stories"], True)] if facts.story is not None else []
    return weighted + [
        (term, WEIGHTS[name], name == "tags")
        for name in ("tags", "countries", "sources")
        for term in facts.terms.get(name, ())
    ]


def _placed_near(index: int, places: list, postings: dict) -> set[int]:
    """The items nearest in time among those at a place of the item ``index``, or close by:
    those filed under its places' names and cells."""
    keys = _own_place_keys(places[index])
    return {other for key in keys for other in _nearest(postings.get(key, ()), index) if places[other]}


def _nearest(posting, index: int) -> list[int]:
    """The ``NEAREST`` items on each side of ``index`` in a term's items (``posting``)."""
    at = bisect_left(posting, index)
    own = 1 if at < len(posting) and posting[at] == index else 0
    return posting[max(0, at - NEAREST) : at + own + NEAREST]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lon / CELL) % COLUMNS


def _own_place_keys(places) -> list:
    """Each place's name and cell."""
    return [
        key for place in places for key in (("place", place.name.casefold()), ("cell", *_cell(place.lat, place.lon)))
    ]


def _place_keys(places) -> list:
    """What an item is filed under by its places: each place's name, and every cell that holds
    a point within NEAR_KM of it (a degree of longitude narrows away from the equator). An item
    looks for the others under its own places' names and cells: within one list, where it is
    too, so that a new item is among the nearest of a bounded number of others."""
    keys = []
    for place in places:
        row, column = _cell(place.lat, place.lon)
        width = CELL * KM_PER_DEGREE * math.cos(math.radians(min(89.0, abs(place.lat) + CELL)))
        reach = min(math.ceil(NEAR_KM / width), COLUMNS // 2)
        keys.append(("place", place.name.casefold()))
        keys += [
            ("cell", row + up, (column + side) % COLUMNS) for up in (-1, 0, 1) for side in range(-reach, reach + 1)
        ]
    return list(dict.fromkeys(keys))  # once each: two places close together share cells


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
