"""Contributor Markdown (a fact's ``analysis``) to safe HTML.

Python-Markdown renders it; nh3 (the Ammonia sanitizer) then removes anything a page
must not run: scripts, event handlers, iframes, ``javascript:`` and ``data:`` links.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


@functools.cache
def _converter() -> markdown_lib.Markdown:
    # One converter for every fact: setting one up costs more than converting a short text.
    # Extensions given as objects, not names: a name makes Markdown scan every installed
    # package's entry points, which costs a small check more than its rules.
    return markdown_lib.Markdown(extensions=[SaneListExtension(), TableExtension()], output_format="html")


def _unsafe_html(text: str) -> str:
    return _converter().reset().convert(text)


def render_markdown(text: str) -> str:
    """Sanitized HTML for `text`; external links get ``rel="noopener noreferrer"``."""
    html = _unsafe_html(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, value) for name, value in attrs if name in ("href", "src") and value is not None]


def markdown_links(text: str) -> list[tuple[str, str]]:
    """Every (tag, target) of a link or image in `text`, as Markdown reads them and before sanitizing."""
    parser = _Links()
    parser.feed(_unsafe_html(text))
    return parser.found
