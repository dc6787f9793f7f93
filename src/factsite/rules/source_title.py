"""source-title: a title is the page's own headline, never a note of ours.

A source's or an appearance's ``title`` is the headline as read on the page. A title we
have not read is left out: the page then shows the publisher and says that the title was
not recorded. An editorial note in brackets, such as "[our description; headline not
recorded]", would pass our own words off as the page's headline, so it is an error. (A
headline's own brackets, such as "[VIDEO]", are not notes and pass.)

FAIL: ``title: Tajik president leaves for Moscow [our description; headline not recorded]``
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import FieldPath, Problem
from factsite.rules.base import RuleContext, mappings

ID = "source-title"

_BRACKETS = re.compile(r"\[[^\]\n]*\]?")
"""A bracketed part of a title, to its closing bracket or the end."""

_NOTE_WORDS = re.compile(r"\b(?:our description|not recorded|headline|placeholder)\b", re.IGNORECASE)
"""The words of an editor's note about the title, which a headline's own brackets do not hold."""


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    places: list[tuple[FieldPath, object]] = [
        (("sources", index, "title"), source.get("title")) for index, source in mappings(fact.data.get("sources"))
    ]
    appearance = fact.data.get("appearance")
    if isinstance(appearance, dict):
        places.append((("appearance", "title"), appearance.get("title")))
    for path, title in places:
        note = _editorial_note(title) if isinstance(title, str) else None
        if note:
            yield fact.doc.problem(
                ID,
                path,
                f"title holds an editorial note, '{note}', not the page's headline; copy the headline as "
                "read on the page, or remove title: a title not recorded is left out",
            )


def _editorial_note(title: str) -> str | None:
    """The first bracketed part of `title` that is a note about the title, if any."""
    return next((part for part in _BRACKETS.findall(title) if _NOTE_WORDS.search(part)), None)
