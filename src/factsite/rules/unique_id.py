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


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    group = context.same_folded.get(fact.id.casefold())
    if not group:
        return
    # A well-formed (lower-case) name keeps the id; the others are told to move.
    keeper_id, keeper_path = min(group, key=lambda f: (not ID_PATTERN.fullmatch(f[0]), f[1]))
    if fact.path != keeper_path:
        same = "is the same as" if fact.id == keeper_id else "differs only in letter case from"
        message = f"id '{fact.id}' {same} that of {keeper_path}; remove this file or give it another slug"
        yield Problem(fact.path, 1, 1, ID, "", message)
