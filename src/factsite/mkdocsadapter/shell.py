"""Fact pages wrapped in the theme without rendering the theme for each one.

Material's ``main.html`` takes a few milliseconds a page; at 100,000 entries in two
editions that is most of a build. Yet fact pages differ in the theme only in a few
values: their title, description, head, content, canonical address and language
switch. Pages that agree in everything else (a `ShellKey`: their depth, table of
contents, links to the nav, metadata and which branches of the theme they take) share
one `Shell`: the theme rendered once with a marker in place of each value, then filled
in per page by joining strings.

A shell is trusted only after two checks. Each marker is rendered with awkward text
after it (``<&"'>``), so every place the theme puts a value shows whether it is put
there as it is or escaped (anything else, such as ``striptags``, is refused); and the
first page of each family is rendered both ways and must come out byte for byte the
same. A family that fails either check is rendered by the theme as before, page by
page. ``FACTSITE_NO_SHELL=1`` turns shells off, to compare (tests/test_shell.py).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.structure.pages import Page

OFF_VARIABLE = "FACTSITE_NO_SHELL"

_MARK = "x9Qf7shell"
_AWKWARD = "<&\"'>"
_BRANCHES = {"content": ("<h1",), "head": ("og:title",)}
"""Text whose presence in a value changes what the theme renders around it (content.html's own
heading; main.html's Open Graph fallback): part of the key, and carried by the markers."""


@dataclass(frozen=True)
class _Piece:
    text: str
    slot: str | None = None
    escaped: bool = False


class Shell:
    """A theme page with holes: literal text and, between, each value as it is or escaped."""

    def __init__(self, pieces: list[_Piece]) -> None:
        self.pieces = pieces

    def fill(self, values: dict[str, str]) -> str:
        parts = []
        for piece in self.pieces:
            parts.append(piece.text)
            if piece.slot is not None:
                value = values[piece.slot]
                parts.append(str(escape(value)) if piece.escaped else value)
        return "".join(parts)

    @classmethod
    def cut(cls, output: str, probes: dict[str, str]) -> Shell | None:
        """The shell of `output`, rendered with `probes` for the values; None if a value went in transformed."""
        pieces: list[_Piece] = []
        start = 0
        while True:
            found = output.find(_MARK, start)
            if found < 0:
                pieces.append(_Piece(output[start:]))
                return cls(pieces)
            end = output.find(_MARK, found + len(_MARK))
            slot = output[found + len(_MARK) : end] if end > 0 else ""
            probe = probes.get(slot)
            if probe is None:
                return None
            rest = output[found:]
            if rest.startswith(probe):
                pieces.append(_Piece(output[start:found], slot))
                start = found + len(probe)
            elif rest.startswith(str(escape(probe))):
                pieces.append(_Piece(output[start:found], slot, escaped=True))
                start = found + len(str(escape(probe)))
            else:
                return None


def page_values(page: Page, alternates: list[dict[str, str]]) -> dict[str, str]:
    """The values a fact page differs in, by slot."""
    meta = page.meta
    values = {
        "meta_title": str(meta.get("title") or ""),
        "title": str(page.title or ""),
        "description": str(meta.get("description") or ""),
        "head": str(meta.get("factsite_head") or ""),
        "content": page.content or "",
        "canonical": page.canonical_url or "",
    }
    values.update((f"alt{index}", alt["href"]) for index, alt in enumerate(alternates))
    return values


_OWN_META = {"title", "description", "factsite_head", "factsite_lastmod", "search", "template"}
"""Metadata the theme reads as a slot, or not at all (the sitemap's date, the search settings)."""


def shell_key(page: Page, values: dict[str, str], alternates: list[dict[str, str]], sidebars: Hashable) -> Hashable:
    """What the theme's output depends on besides the slots' values: pages with equal keys share a shell."""
    meta = sorted((key, repr(value)) for key, value in page.meta.items() if key not in _OWN_META)
    branches = tuple((slot, token, token in values[slot]) for slot, tokens in _BRANCHES.items() for token in tokens)
    return (
        page.url.count("/"),
        sidebars,
        tuple(meta),
        branches,
        tuple(sorted((slot, bool(value)) for slot, value in values.items())),
        tuple((alt["lang"], alt["name"]) for alt in alternates),
        page.edit_url,
        page.previous_page.url if page.previous_page else None,
        page.next_page.url if page.next_page else None,
    )


def _probe_value(slot: str, real: str) -> str:
    if not real:
        return ""  # an empty value stays empty: the theme may test it
    tokens = "".join(token for token in _BRANCHES.get(slot, ()) if token in real)
    return f"{_MARK}{slot}{_MARK}{_AWKWARD}{tokens}"


class ShellRenderer:
    """Renders pages of one build through `Shell`s, one per family (the hook's pages: `pagefiles.PageWriter`)."""

    def __init__(self) -> None:
        self._shells: dict[Hashable, Shell | None] = {}
        self.enabled = os.environ.get(OFF_VARIABLE, "") in ("", "0")
        self.filled = 0
        self.rendered = 0

    @property
    def families(self) -> int:
        """Shells made and trusted so far."""
        return sum(1 for shell in self._shells.values() if shell is not None)

    def clear(self) -> None:
        self._shells.clear()
        self.filled = self.rendered = 0

    def render(
        self,
        env: Environment,
        context: dict[str, Any],
        alternates: Callable[[Page | None], list[dict[str, str]]],
        sidebars: Callable[[Page | None, Any], Hashable | None],
    ) -> str:
        page: Page = context["page"]
        theme = env.get_template("main.html")
        sidebar_key = sidebars(page, context.get("nav"))
        if not self.enabled or sidebar_key is None:
            self.rendered += 1
            return theme.render(context)
        here = alternates(page)
        values = page_values(page, here)
        key = shell_key(page, values, here, sidebar_key)
        if key not in self._shells:
            self._shells[key] = self._make(theme, context, page, values, here)
        shell = self._shells[key]
        if shell is None:
            self.rendered += 1
            return theme.render(context)
        self.filled += 1
        return shell.fill(values)

    def _make(
        self, theme: Any, context: dict[str, Any], page: Page, values: dict[str, str], here: list[dict[str, str]]
    ) -> Shell | None:
        """The shell of `page`'s family, if both checks pass (see the module's docstring)."""
        probes = {slot: _probe_value(slot, value) for slot, value in values.items()}
        probe = copy.copy(page)
        probe.meta = {**page.meta}
        for slot, key in (("meta_title", "title"), ("description", "description"), ("head", "factsite_head")):
            if key in page.meta:
                probe.meta[key] = probes[slot]
        probe.title = probes["title"] or page.title
        probe.content = probes["content"]
        probe.canonical_url = probes["canonical"] or page.canonical_url
        probe.factsite_alternates = [{**alt, "href": probes[f"alt{i}"]} for i, alt in enumerate(here)]  # type: ignore[attr-defined]
        shell = Shell.cut(theme.render({**context, "page": probe}), {s: p for s, p in probes.items() if p})
        if shell is None or shell.fill(values) != theme.render(context):
            return None
        return shell
