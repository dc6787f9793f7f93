"""Long fact lists split into numbered pages, as fact-check archives list their checks.

At 100,000 entries one verdict lists tens of thousands of claims: a single page of many
megabytes, slow to build and slower to open on a phone. A list's first page keeps the
list's own address, so every link to it still holds; the rest sit in its folder
(``tags/education/page/2/``), each reachable from every other without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Generic, TypeVar

from factsite import i18n

PAGE_SIZE = 100
"""Facts on one page of a list: a phone's few screens of dates and titles."""

_AROUND = 2
"""Page links shown either side of the current one, besides the first and the last."""

T = TypeVar("T")


def page_uri(uri: str, number: int) -> str:
    """The source path of page `number` of the list at `uri` (``tags/x.md``): `uri` itself for the first."""
    return uri if number == 1 else f"{uri.removesuffix('.md')}/page/{number}.md"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items and where it stands among the list's pages."""

    uri: str
    """This page's source path."""
    items: Sequence[T]
    number: int
    count: int
    """How many pages the list has."""
    list_uri: str
    """The first page's source path: the list's own."""

    @property
    def previous(self) -> str | None:
        return page_uri(self.list_uri, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_uri(self.list_uri, self.number + 1) if self.number < self.count else None

    def links(self) -> list[tuple[int, str] | None]:
        """The numbered links to show, in order: the first, the last and those near this one; None for a gap."""
        shown = {1, self.count, *range(self.number - _AROUND, self.number + _AROUND + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        links: list[tuple[int, str] | None] = []
        for before, number in pairwise(numbers):
            links.append((before, page_uri(self.list_uri, before)))
            if number - before == 2:  # a gap of one page shows that page, not an ellipsis
                links.append((before + 1, page_uri(self.list_uri, before + 1)))
            elif number - before > 2:
                links.append(None)
        links.append((numbers[-1], page_uri(self.list_uri, numbers[-1])))
        return links


def numbered_title(title: str, page: Page[Any]) -> str:
    """A page's title: the first page's is the list's own, the others' say which page they are."""
    if page.number == 1:
        return title
    return f"{title}, " + i18n.gettext("page %(num)d of %(count)d") % {"num": page.number, "count": page.count}


def paginate(uri: str, items: Sequence[T], size: int | None = None) -> Iterator[Page[T]]:
    """The pages of the list at `uri`, `size` items each (`PAGE_SIZE`); an empty list still has its first page."""
    size = size or PAGE_SIZE
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * size : number * size]
        yield Page(page_uri(uri, number), chunk, number, count, uri)
