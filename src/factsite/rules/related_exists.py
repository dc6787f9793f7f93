"""related-exists: every id in ``related`` names another fact that exists.

PASS: ``related: [1992-04-08--diplomatic-relations]`` when that file is in facts/
FAIL: a misspelt id, or a fact listing itself
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Problem, closest
from factsite.rules.base import RuleContext

ID = "related-exists"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    related = fact.data.get("related")
    for index, other in enumerate(related if isinstance(related, list) else ()):
        if not isinstance(other, str):
            continue
        if other == fact.id:
            yield fact.doc.problem(ID, ("related", index), "a fact cannot be related to itself; remove it")
        elif other not in context.known:
            close = closest(other, context.ids, cutoff=0.7)
            hint = f"; did you mean '{close}'?" if close else "; check the id against the file names in facts/"
            yield fact.doc.problem(ID, ("related", index), f"no fact has the id '{other}'{hint}")
