"""invisible-character: no hidden bidirectional controls or zero-width characters.

Characters that draw as nothing (zero-width spaces, byte-order marks, Hangul fillers)
or reorder text (right-to-left overrides and isolates) make a value differ from what a
reviewer reads. They are errors in URLs (and in ids, which the schema keeps to lower-case
ASCII) and warnings in any other text; zero-width joiners are allowed in text, where some
scripts need them.

FAIL: ``url: https://example.org/\\u202egnp.exe`` (``\\u202e`` stands for a right-to-left override)
WARNING: a title with a zero-width space pasted into it
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.characters import invisible_problems
from factsite.problems import Problem
from factsite.rules.base import RuleContext
from factsite.schema import id_paths, url_paths

ID = "invisible-character"
ELSEWHERE = ("invisible character elsewhere in a text", "invisible characters elsewhere in texts")
"""How a summary line counts this rule's warnings in files the contributor did not change."""


def check(context: RuleContext) -> Iterator[Problem]:
    for fact in context.facts:
        # Ids (related facts, tags, actors) are lower-case ASCII by the schema, which
        # already refuses these characters there and shows them escaped.
        yield from invisible_problems(fact.doc, strict=url_paths(), skip=id_paths())
