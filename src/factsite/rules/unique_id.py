"""unique-id: no two facts share an id, even in different letter case.

Ids become URLs, and case-insensitive file systems (macOS, Windows) cannot hold two
files that differ only in case.

FAIL: ``2022-09-01--schools.yml`` beside ``2022-09-01--Schools.yml``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import ID_PATTERN, LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext

ID = "unique-id"


def check(context: RuleContext) -> Iterator[Problem]:
    groups: dict[str, list[LoadedFact]] = {}
    for fact in context.facts:
        groups.setdefault(fact.id.casefold(), []).append(fact)
    for group in groups.values():
        # A well-formed (lower-case) name keeps the id; the others are told to move.
        keeper, *others = sorted(group, key=lambda f: (not ID_PATTERN.fullmatch(f.id), f.path))
        for other in others:
            same = "is the same as" if other.id == keeper.id else "differs only in letter case from"
            message = f"id '{other.id}' {same} that of {keeper.path}; remove this file or give it another slug"
            yield Problem(other.path, 1, 1, ID, "", message)
