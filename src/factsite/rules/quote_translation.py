"""quote-translation (warning): a quote in another language carries our English translation.

Quotes keep their original wording, with ``language`` set; readers who do not read it
get ``quote_translation``, which the site marks as our translation.
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.problems import Level, Problem
from factsite.rules.base import RuleContext, mappings

ID = "quote-translation"
LEVEL = Level.WARNING


def check(context: RuleContext) -> Iterator[Problem]:
    for fact in context.facts:
        for index, source in mappings(fact.data.get("sources")):
            if "quote" not in source or "quote_translation" in source:
                continue
            language = source.get("language")
            if language is None:
                yield fact.doc.problem(
                    ID,
                    ("sources", index, "quote"),
                    "quote has no language; add language: en (or the quote's language)",
                    level=LEVEL,
                )
            elif isinstance(language, str) and language.split("-")[0] != "en":
                yield fact.doc.problem(
                    ID,
                    ("sources", index, "quote"),
                    f"quote is in '{language}'; add quote_translation with our English translation",
                    level=LEVEL,
                )
