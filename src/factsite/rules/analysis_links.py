"""analysis-links: links in the analysis lead to real public pages.

The page drops any link that is not ``http``, ``https`` or ``mailto``, and any image or
frame, so these are warned about rather than silently lost. An ``http(s)`` link must pass
the same host check as a source URL (see ``url-host``). Links within the site, such as
``../2022-09-01--schools/``, are fine. A translated analysis (``translations.ru.analysis``)
is checked the same way: the Russian page renders it.

FAIL: ``[see](https://t\u0430ss.ru/)`` (a Cyrillic "а")
WARNING: ``[see](javascript:alert(1))``, ``![chart](https://example.org/chart.png)``
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from factsite.files import LoadedFact
from factsite.hosts import host_problem
from factsite.problems import FieldPath, Level, Problem
from factsite.render.markdown import markdown_links
from factsite.rules.base import RuleContext
from factsite.rules.translations import translated
from factsite.yamlload import LoadedDocument

ID = "analysis-links"
ELSEWHERE = ("link elsewhere in an analysis would be dropped", "links elsewhere in analyses would be dropped")
"""How a summary line counts this rule's warnings in files the contributor did not change."""


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for path, analysis in analyses(fact.data):
        yield from _link_problems(fact.doc, path, analysis)


def analyses(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """The analysis and each translation of it, with their field paths: every edition renders one."""
    if isinstance(analysis := data.get("analysis"), str):
        yield ("analysis",), analysis
    for _, path, text in translated(data, "analysis"):
        yield path, text


def _link_problems(doc: LoadedDocument, path: FieldPath, analysis: str) -> Iterator[Problem]:
    for tag, link in links(analysis):
        shown = link if len(link) <= 60 else link[:57] + "..."
        if tag != "a":
            yield doc.problem(
                ID, path, f"<{tag}> is not shown in the analysis; link to it instead", level=Level.WARNING
            )
            continue
        try:
            scheme = urlsplit(link.strip()).scheme.lower()
        except ValueError:
            scheme = "?"
        if scheme in ("http", "https"):
            problem = host_problem(link)
            if problem:
                yield doc.problem(ID, path, f"link '{shown}': {problem}")
        elif scheme not in ("", "mailto"):
            message = f"link '{shown}' is not an http(s) or mailto link, so the page drops it; link to a web page"
            yield doc.problem(ID, path, message, level=Level.WARNING)


def may_link(text: str) -> bool:
    """Whether Markdown could make a link or an image of `text`.

    Every way to write one starts with ``[`` (inline, reference and image links, link
    definitions) or ``<`` (autolinks, raw HTML), so text without either is not rendered:
    rendering is the most expensive step of the whole check.
    """
    return "[" in text or "<" in text


def links(text: str) -> list[tuple[str, str]]:
    """Every (tag, target) of a link or image that Markdown makes of `text` (see `markdown_links`).

    Rendering is the most expensive step of the whole check, so the common cases are
    read off the text: no link syntax at all, or only plain inline links.
    """
    if not may_link(text):
        return []
    plain = plain_links(text)
    return markdown_links(text) if plain is None else plain


_INLINE_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^\s()\[\]<>\"'&]+)\)")
"""``[text](target)``: text without brackets or line breaks; a target without spaces,
brackets, quotes or ``&``, which the renderer would read or the HTML would escape."""

_UNUSUAL = re.compile(r"[<`\\|\t\r\x00-\x03]|!\[| {4}")
"""What could make Markdown read a bracket otherwise: raw HTML and autolinks, code spans,
escapes, tables, tabs and deep indentation (code blocks), images, and Python-Markdown's
own placeholder characters."""


_MARKER = re.compile(r"(?<!\])\[[0-9]+\](?![(\[:])")
"""A source marker such as ``[2]``: shown as written, since no definition makes it a reference link."""

_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
"""A reference definition (``[2]: https://…``), which would turn a marker into a link."""


def plain_links(text: str) -> list[tuple[str, str]] | None:
    """The links of `text` when every bracket in it belongs to a plain inline link or a
    source marker, else ``None``.

    Python-Markdown turns each ``[text](target)`` into ``<a href="target">`` wherever it
    stands, unless a code block, code span, escape or raw HTML intervenes; a marker such
    as ``[2]`` stays text while no definition names it. With no other bracket around there
    is no reference link to read instead. Anything else is left to the renderer (`None`).
    """
    if _UNUSUAL.search(text) or _DEFINITION.search(text):
        return None
    found = [("a", match.group(2)) for match in _INLINE_LINK.finditer(text)]
    brackets = len(found) + len(_MARKER.findall(text))
    if text.count("[") != brackets or text.count("]") != brackets:
        return None
    return found
