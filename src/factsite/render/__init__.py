"""Renderers: turn the model into site pages and files, without knowing about MkDocs.

Each renderer returns `GeneratedFile`s (a site-relative ``src_uri`` and its content) or
`GeneratedPage`s (a page whose HTML is final). The MkDocs hook hands both to MkDocs,
wrapping a `GeneratedPage` in the theme without reading its body as Markdown; any
other generator could take the same list as plain files (``content``), so a later move
away from MkDocs is a pre-build step, not a rewrite.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str
    """Path inside the docs tree, '/'-separated, e.g. ``facts/1992-04-08--x.md``."""
    content: str

    def parts(self) -> Iterator[str]:
        """The content in pieces that join to `content`, for a writer that never needs it whole."""
        yield self.content


class StreamedFile(GeneratedFile):
    """A generated file made piece by piece, anew each time it is read.

    The data downloads hold every fact: at 10,000 facts ``facts.json`` is 44 MB of text,
    and building it whole took five times that in memory at once. A writer that takes
    `parts` holds one piece (one record) at a time; `content` still gives the whole text.
    """

    _make: Callable[[], Iterable[str]]

    def __init__(self, src_uri: str, make: Callable[[], Iterable[str]]) -> None:
        object.__setattr__(self, "src_uri", src_uri)
        object.__setattr__(self, "_make", make)

    @property
    def content(self) -> str:
        return "".join(self._make())

    def parts(self) -> Iterator[str]:
        yield from self._make()

    def __repr__(self) -> str:
        return f"StreamedFile({self.src_uri!r})"


class BinaryFile(GeneratedFile):
    """A generated file of bytes, such as a social card image: `data` holds it, `content` is empty."""

    data: bytes

    def __init__(self, src_uri: str, data: bytes) -> None:
        object.__setattr__(self, "src_uri", src_uri)
        object.__setattr__(self, "content", "")
        object.__setattr__(self, "data", data)

    def parts(self) -> Iterator[str]:
        raise TypeError(f"{self.src_uri} holds bytes: read its data")

    def __repr__(self) -> str:
        return f"BinaryFile({self.src_uri!r}, {len(self.data)} bytes)"


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page, listed in the page's table of contents."""

    level: int
    id: str
    title: str
    """Plain text, not escaped."""


def front_matter(*, search: Mapping[str, object] | None = None, **fields: str) -> str:
    """YAML front matter with HTML-escaped values.

    Material inserts ``title`` and ``description`` into the page head and header without
    escaping, so they are escaped here; JSON quoting then keeps them valid YAML. `search`
    holds the search plugin's settings for the page (``exclude``, ``boost``).
    """
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    if search:
        lines.append(f"search: {json.dumps(dict(search), sort_keys=True)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class GeneratedPage:
    """A page rendered to its final HTML body, with the metadata a theme needs around it.

    Its structured parts never go through Markdown: the generator only wraps `html` in
    the theme, and takes the table of contents from `headings`.
    """

    src_uri: str
    title: str
    description: str
    html: str
    headings: tuple[Heading, ...] = ()
    search: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    """The search plugin's settings for the page (``exclude``, ``boost``)."""

    @property
    def meta(self) -> dict[str, object]:
        """The front matter as a generator would read it: title and description escaped (see `front_matter`)."""
        meta: dict[str, object] = {"title": html.escape(self.title), "description": html.escape(self.description)}
        if self.search:
            meta["search"] = dict(self.search)
        return meta

    @property
    def front_matter(self) -> str:
        """What `content` puts before the HTML body."""
        return front_matter(title=self.title, description=self.description, search=self.search)

    @property
    def content(self) -> str:
        """The page as a Markdown file: front matter, then the HTML body, which Markdown passes through."""
        return self.front_matter + self.html
