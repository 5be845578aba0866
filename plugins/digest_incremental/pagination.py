"""List pages numbered from the oldest, so that adding an item changes one page, not all.

With the usual numbering, page 2 holds items 21-40 counted from the newest: every new item
moves every item one place, and every page of the list changes. Here the items are cut into
blocks of ``per_page`` counted from the oldest, and a block's page keeps its number and its
items as the list grows. The first page (the list's own address) holds the newest block,
which is filling up, and the full block before it; the others are at
``{base}/page/{number}/``, the oldest being page 2. "Newer" leads from page N to N + 1 and
from the highest number back to the first page.
"""

from __future__ import annotations

from math import ceil

from pelican.paginator import Page


def last_page(count: int, per_page: int | None) -> int:
    """The highest page number of a list of ``count`` items: pages 2..last hold whole blocks,
    oldest first; page 1 holds everything newer."""
    blocks = ceil(count / per_page) if per_page else 1
    return max(1, blocks - 1)


def numbered_pages(url: str, count: int, per_page: int | None) -> list[str]:
    """The addresses of a list's numbered pages (``tags/aleppo/page/2/``...), from ``url``, the list's."""
    return [f"{url}page/{number}/" for number in range(2, last_page(count, per_page) + 1)]


class StablePaginator:
    """Pages of ``items`` (newest first); page 1 is the list's own address."""

    def __init__(self, name: str, url: str, items, settings, per_page: int):
        self.name, self.url, self.items, self.settings = name, url, list(items), settings
        self.per_page = per_page
        self.count = len(self.items)
        self.last = last_page(self.count, per_page)
        self.num_pages = self.last
        self._pages: dict[int, StablePage] = {}

    def page(self, number: int) -> StablePage:
        """Page ``number``, the same object each time: a page is also its neighbours' link."""
        if number not in self._pages:
            total, size = self.count, self.per_page
            if number == 1:
                items = self.items[: total - (self.last - 1) * size]
            else:
                block = number - 1  # page 2 is the oldest block
                items = self.items[total - block * size : total - (block - 1) * size]
            self._pages[number] = StablePage(self, number, items)
        return self._pages[number]

    def __fingerprint__(self, describe) -> str:
        # Pages show their own number and items, not how many pages there are: a template
        # that showed num_pages would change every page of the list once a block fills.
        return f"paginator {self.per_page}"

    def newer(self, page: StablePage) -> StablePage | None:
        if page.number == 1:
            return None
        return self.page(1 if page.number == self.last else page.number + 1)

    def older(self, page: StablePage) -> StablePage | None:
        if page.number == 2 or self.last == 1:
            return None
        return self.page(self.last if page.number == 1 else page.number - 1)


class StablePage(Page):
    """One page of a StablePaginator: Pelican's page, with "previous" meaning newer items and
    "next" older ones, as in Pelican's templates."""

    def __init__(self, paginator: StablePaginator, number: int, object_list):
        super().__init__(paginator.name, paginator.url, object_list, number, paginator, paginator.settings)
        self._fingerprint: str | None = None

    def has_previous(self) -> bool:
        return self.paginator.newer(self) is not None

    def has_next(self) -> bool:
        return self.paginator.older(self) is not None

    def has_other_pages(self) -> bool:
        return self.paginator.last > 1

    def __fingerprint__(self, describe) -> str:
        """What a page shows of itself: its number, address and items, not the list's length."""
        if self._fingerprint is None:
            self._fingerprint = f"page {self.number} {self.url} {describe(self.object_list)}"
        return self._fingerprint
