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
    return None if nav is None else frozenset(page for page, _ in _nav_entries(nav))


def nav_titles(nav: Any) -> Iterator[tuple[str, str]]:
    """(page, title) for each page the ``nav:`` setting names with a title."""
    return ((page, title) for page, title in _nav_entries(nav) if title is not None)


def _nav_entries(nav: Any, title: str | None = None) -> Iterator[tuple[str, str | None]]:
    """(page, its title or None) for each page the ``nav:`` setting names; a section's title is not a page's."""
    if isinstance(nav, str):
        yield nav, title
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_entries(item)
    elif isinstance(nav, dict):
        for name, value in nav.items():
            yield from _nav_entries(value, name)
