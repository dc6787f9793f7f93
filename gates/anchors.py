"""Check that every ``#anchor`` in a built site's internal links exists on its target page.

linkchecker checks that pages and files load; this module checks the part after ``#``.
linkchecker's own AnchorCheck plugin was tried first and dropped: it treats every
``page#anchor`` as a separate URL, fetching and parsing the whole page again for each
(the 46-fact site took 207 s with it against 17 s without, on the 2-core machine), and
on the full site it reported no anchor at all, while a two-page site's broken anchor was
found. Here each page is parsed once, with lxml (libxml2's HTML parser, in C: the
standard library's took 9 s of CPU for the 1,000-fact site's 38 MB of pages, while
linkchecker needed both cores), and every fragment link is looked up in the ids of the
page it points to. libxml2 gives each element's line only; the column of a broken link
is looked up in that line when it is reported.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

_LINKS = frozenset({"a", "area"})


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)
    """Every ``href`` of a link with its line (1-based), in page order."""


@dataclass(frozen=True)
class AnchorProblem:
    page: str
    """The page holding the link, relative to the site folder (``timeline/index.html``)."""
    line: int
    column: int
    link: str
    message: str


def scan(path: Path) -> _Page:
    """The ids a page defines (``id``, and ``name`` on ``<a>``) and the links it holds."""
    page = _Page()
    root = etree.fromstring(path.read_bytes(), etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return page  # an empty file
    for element in root.iter(etree.Element):
        attributes = element.attrib
        if (value := attributes.get("id")) is not None:
            page.ids.add(value)
        if element.tag in _LINKS:
            if element.tag == "a" and (value := attributes.get("name")) is not None:
                page.ids.add(value)
            if (value := attributes.get("href")) is not None:
                line = element.sourceline
                page.links.append((value, line if isinstance(line, int) else 0))
    return page


def column(path: Path, line: int, href: str) -> int:
    """The column (1-based) where the tag holding `href` starts on `line` of `path`, or
    1 when it is not found there (an attribute written with entities, a tag across lines)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    at = text.find(f'"{href}"')
    return max(1, text.rfind("<", 0, at) + 1) if at > 0 else 1


def target_page(page: str, href: str, site: Path) -> str | None:
    """The HTML file in `site` that `href` on `page` points to, or ``None`` when it leaves
    the site, is not a page, or does not exist (a missing page is linkchecker's to report)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return None  # root-relative links (the 404 page's) depend on where the site is hosted
    if not parts.path:
        return page
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if path.startswith("../") or path == "..":
        return None
    if parts.path.endswith("/") or path == ".":
        path = posixpath.join("" if path == "." else path, "index.html")
    elif (site / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path if path.endswith(".html") and (site / path).is_file() else None


def check_anchors(site: Path) -> list[AnchorProblem]:
    """Every internal link whose ``#anchor`` is missing from its target page."""
    pages = {path.relative_to(site).as_posix(): scan(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for name, page in pages.items():
        for href, line in page.links:
            fragment = urlsplit(href).fragment
            if not fragment:
                continue
            target = target_page(name, href, site)
            if target is None or target not in pages:
                continue
            if unquote(fragment) not in pages[target].ids:
                at = column(site / name, line, href)
                problems.append(AnchorProblem(name, line, at, href, f"anchor #{fragment} not found on {target}"))
    return problems
