"""invisible-character and bidi-control: no hidden characters, and no text shown other than reviewed.

Characters that draw as nothing (zero-width spaces, byte-order marks, Hangul fillers)
or reorder text (right-to-left overrides and isolates) make a value differ from what a
reviewer reads. They are errors in URLs (and in ids, which the schema keeps to lower-case
ASCII) and warnings in any other text; zero-width joiners are allowed in text, where some
scripts need them. In text that readers see (titles, claims, summaries, conclusions,
analysis, quotes, names) an embedding or override (U+202A to U+202E) is an error
(``bidi-control``), and so is an isolate (U+2066 to U+2069) that is not closed within the
same value; balanced isolates are allowed. Right-to-left text needs neither.

FAIL: ``url: https://example.org/\\u202egnp.exe`` (``\\u202e`` stands for a right-to-left override)
FAIL: ``title: "Ministers meet \\u202eten\\u202c"``
WARNING: a title with a zero-width space pasted into it
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.characters import invisible_problems
from factsite.files import LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext
from factsite.schema import id_paths, url_paths

ID = "invisible-character"
NOT_SHOWN = (("notes",),)
"""Text no reader sees: hidden characters there are only warned about."""
ELSEWHERE = ("invisible character elsewhere in a text", "invisible characters elsewhere in texts")
"""How a summary line counts this rule's warnings in files the contributor did not change."""


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    # Ids (related facts, tags, actors) are lower-case ASCII by the schema, which
    # already refuses these characters there and shows them escaped.
    yield from invisible_problems(fact.doc, strict=url_paths(), skip=id_paths(), private=NOT_SHOWN)
