"""unique-id: no two facts share an id, even in different letter case.

Ids become URLs, and case-insensitive file systems (macOS, Windows) cannot hold two
files that differ only in case.

FAIL: ``2022-09-01--schools.yml`` beside ``2022-09-01--Schools.yml``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext

ID = "unique-id"


def check(context: RuleContext) -> Iterator[Problem]:
    first: dict[str, LoadedFact] = {}
    for fact in sorted(context.facts, key=lambda f: f.path):
        key = fact.id.casefold()
        if key in first:
            yield fact.doc.problem(ID, (), f"id '{fact.id}' is already used by {first[key].path}; "
                                           "choose another slug")
        else:
            first[key] = fact
