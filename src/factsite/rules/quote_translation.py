"""quote-translation (warning): a quote in another language carries our English translation.

Quotes keep their original wording, with ``language`` set; readers who do not read it
get ``quote_translation``, which the site marks as our translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Level, Problem
from factsite.rules.base import RuleContext, mappings

ID = "quote-translation"
ELSEWHERE = ("quote elsewhere has no translation", "quotes elsewhere have no translation")
"""How a summary line counts this rule's warnings in files the contributor did not change."""
LEVEL = Level.WARNING

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")


def missing_language_hint(quote: object) -> str:
    """The fix for a quote without ``language``, guessed from its script.

    Our sources are mostly Russian and Tajik, both written in Cyrillic, so a Cyrillic
    quote should not be told to declare English; the guess names the choice, never decides it.
    """
    text = quote if isinstance(quote, str) else ""
    if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)):
        return "quote is in Cyrillic but has no language; add language: ru or tg, and quote_translation"
    return "quote has no language; add language: en (or the quote's language)"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for index, source in mappings(fact.data.get("sources")):
        if "quote" not in source or "quote_translation" in source:
            continue
        language = source.get("language")
        if language is None:
            yield fact.doc.problem(
                ID,
                ("sources", index, "quote"),
                missing_language_hint(source["quote"]),
                level=LEVEL,
            )
        elif isinstance(language, str) and language.split("-")[0] != "en":
            yield fact.doc.problem(
                ID,
                ("sources", index, "quote"),
                f"quote is in '{language}'; add quote_translation with our English translation",
                level=LEVEL,
            )
