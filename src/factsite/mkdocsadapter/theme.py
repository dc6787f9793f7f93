"""What the theme (``overrides/main.html``) asks of the hook: parts shared by many pages, rendered once."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import normalize_url


class RenderOnce:
    """Theme parts shared by many pages, rendered once per build (``factsite_once`` in the theme)."""

    def __init__(self) -> None:
        self._done: dict[Hashable, str] = {}

    def clear(self) -> None:
        self._done.clear()

    def __call__(self, key: Hashable | None, caller: Callable[[], str]) -> str:
        """What `caller` renders, rendered only the first time `key` is asked for (always, without a key)."""
        if key is None:
            return caller()
        if key not in self._done:
            self._done[key] = caller()
        return self._done[key]


def sidebars_key(page: Page | None, nav: Navigation | None) -> Hashable | None:
    """All that the theme's sidebars show of a page outside the nav: none for a page in it.

    Nothing in the nav is active for such a page, so its navigation differs from another's
    only in the relative links to the nav's pages; its other sidebar is its table of contents.
    """
    if page is None or nav is None or page.parent is not None or any(p.file is page.file for p in nav.pages):
        return None
    links = tuple(normalize_url(p.url, page) for p in nav.pages)
    return links, _toc_key(page.toc), repr(page.meta.get("hide"))


def _toc_key(items: Iterable[AnchorLink]) -> tuple[object, ...]:
    return tuple((item.id, item.title, item.level, _toc_key(item.children)) for item in items)


def nav_pages(nav: Any) -> frozenset[str] | None:
    """Every page the ``nav:`` setting names; None without one, when MkDocs lists every page itself."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, list):
            for each in item:
                walk(each)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)

    walk(nav)
    return frozenset(found)


def nav_titles(nav: Any) -> Iterator[tuple[str, str]]:
    """(page, title) for each page the ``nav:`` setting names with a title."""
    if isinstance(nav, list):
        for item in nav:
            yield from nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                yield value, title
            else:
                yield from nav_titles(value)
