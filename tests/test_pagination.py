"""List pages numbered from the oldest: a page keeps its items as the list grows."""

from __future__ import annotations

import pytest
from digest_incremental.pagination import StablePaginator
from pelican.settings import read_settings

# The patterns of pelicanconf.py: page N of a list at <list>/page/N/.
SETTINGS = read_settings(
    override={
        "PAGINATION_PATTERNS": (
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        )
    }
)


def pages(count: int, per_page: int = 20, name: str = "tags/aleppo/index.html"):
    items = list(range(count, 0, -1))  # newest first: item N is the Nth oldest
    paginator = StablePaginator(name, "tags/aleppo/", items, SETTINGS, per_page)
    return {page.url: page.object_list for page in map(paginator.page, range(1, paginator.last + 1))}, paginator


@pytest.mark.parametrize("count", [0, 1, 20, 40])
def test_up_to_two_blocks_fit_on_the_first_page(count):
    listed, _ = pages(count)
    assert listed == {"tags/aleppo/": list(range(count, 0, -1))}


def test_the_oldest_block_is_page_2_and_the_first_page_holds_the_newer_items():
    listed, paginator = pages(95)
    assert list(listed) == ["tags/aleppo/", "tags/aleppo/page/2/", "tags/aleppo/page/3/", "tags/aleppo/page/4/"]
    assert listed["tags/aleppo/page/2/"] == list(range(20, 0, -1))
    assert listed["tags/aleppo/page/4/"] == list(range(60, 40, -1))
    assert listed["tags/aleppo/"] == list(range(95, 60, -1))
    first = paginator.page(1)
    assert paginator.older(first).number == 4 and paginator.newer(first) is None
    assert paginator.newer(paginator.page(4)).number == 1
    assert paginator.older(paginator.page(2)) is None


def test_adding_items_changes_only_the_first_page_until_a_block_is_full():
    before, _ = pages(95)
    after, _ = pages(100)
    assert {url: items for url, items in after.items() if url != "tags/aleppo/"} == {
        url: items for url, items in before.items() if url != "tags/aleppo/"
    }
    grown, _ = pages(101)
    # A new full block gets the next number; the pages before it keep theirs.
    assert grown["tags/aleppo/page/5/"] == list(range(80, 60, -1))
    assert all(grown[url] == items for url, items in before.items() if url != "tags/aleppo/")


def test_the_front_page_numbers_its_pages_under_the_site_root():
    listed, _ = pages(95, name="index.html")
    assert "page/2/" in listed
