"""quote-shorthand (warning): a quote does not start with a note-taker's sign.

A ``quote`` is the source's exact words. Signs such as ``>``, ``<``, ``~`` or ``≈`` at the
start of a quote are how research notes abbreviate "more than" or "about"; a source
writes the words. When only the shorthand is known, say it in the analysis, outside the
quote, and quote the source only where its own words were read.

WARNING: ``quote: ">$1.5 billion over the past 10 years"``
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Level, Problem
from factsite.rules.base import RuleContext, mappings

ID = "quote-shorthand"
ELSEWHERE = ("quote elsewhere starts with shorthand", "quotes elsewhere start with shorthand")
"""How a summary line counts this rule's warnings in files the contributor did not change."""

_SHORTHAND = re.compile(r"\s*([<>~≈≥≤]=?|\+/-|±)\s*[$€£₽0-9]")
"""A comparison or approximation sign right before a number or an amount."""


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for index, source in mappings(fact.data.get("sources")):
        quote = source.get("quote")
        if not isinstance(quote, str):
            continue
        match = _SHORTHAND.match(quote)
        if match:
            yield fact.doc.problem(
                ID,
                ("sources", index, "quote"),
                f"quote starts with '{match.group(1)}', a note-taker's shorthand, not the source's words; "
                "copy the source's words, or say it in the analysis outside the quote",
                level=Level.WARNING,
            )
