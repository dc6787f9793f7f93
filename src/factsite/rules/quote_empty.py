"""quote-empty: a quote holds the source's words.

A ``quote`` is the source's exact words, so an empty or blank one quotes nothing, and so
does its ``quote_translation``: copy the passage, or remove the field. (A
``quote_translation`` without a ``quote`` is refused by the schema.) Where only a
paraphrase or a researcher's shorthand is known, write it in the analysis, never as a quote.

FAIL: ``quote: ""``, ``quote: " "``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext, mappings

ID = "quote-empty"

_FIXES = {"quote": "copy the source's exact words", "quote_translation": "write our English translation of the quote"}


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for index, source in mappings(fact.data.get("sources")):
        for field, fix in _FIXES.items():
            text = source.get(field)
            if isinstance(text, str) and not text.strip():
                yield fact.doc.problem(ID, ("sources", index, field), f"{field} is empty; {fix}, or remove {field}")
