"""What every rule receives, and tolerant accessors over not-yet-validated data.

Rules run on every loaded fact, including ones that failed the schema, so that a
contributor sees all problems in one pass. The accessors here therefore skip values of
the wrong type instead of failing: the schema check has already reported those.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from factsite.dates import PartialDate
from factsite.files import LoadedFact
from factsite.problems import FieldPath, Problem
from factsite.schema import date_paths
from factsite.vocab import Vocabularies


@dataclass(frozen=True)
class RuleContext:
    """The facts under check and what they are checked against."""

    facts: Sequence[LoadedFact]
    vocabularies: Vocabularies
    today: dt.date
    """Injected, so that tests and reproducible builds do not depend on the clock."""


class Rule(Protocol):
    """The contract of a rule module (see `factsite.rules.RULES`)."""

    ID: str

    def check(self, context: RuleContext) -> Iterator[Problem]: ...


def date_fields(data: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """Every date field of a fact that holds text (other than "undated"), with its field path."""
    return [
        (path, value) for path, value in values_at(data, date_paths()) if isinstance(value, str) and value != "undated"
    ]


def values_at(data: dict[str, Any], patterns: Sequence[tuple[str, ...]]) -> list[tuple[FieldPath, Any]]:
    """The values at the schema paths `patterns` (``*`` for any list item), with their field paths.

    Only the named branches are visited, level by level, so this costs a few lookups
    per fact where a walk over every value would cost a hundred; most optional fields
    are absent, which the first lookup settles.
    """
    found: list[tuple[FieldPath, Any]] = []
    for head, *rest in patterns:
        if head not in data:
            continue
        level: list[tuple[FieldPath, Any]] = [((head,), data[head])]
        for part in rest:
            deeper: list[tuple[FieldPath, Any]] = []
            for path, value in level:
                if part == "*":
                    if isinstance(value, list):
                        deeper += [((*path, index), item) for index, item in enumerate(value)]
                elif isinstance(value, dict) and part in value:
                    deeper.append(((*path, part), value[part]))
            level = deeper
        found += level
    return found


def parse_or_none(text: Any) -> PartialDate | None:
    """A `PartialDate` for valid date text, else ``None`` (other rules report why)."""
    if not isinstance(text, str):
        return None
    parsed = parse_date(text)
    return parsed if isinstance(parsed, PartialDate) else None


@functools.lru_cache(maxsize=16384)
def parse_date(text: str) -> PartialDate | str:
    """The date `text` means, or the message saying why it means none.

    Cached: three rules read every date of every fact, and facts share dates.
    """
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        return str(exc)


def mappings(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The (index, item) pairs of a list that are mappings."""
    for index, item in enumerate(value if isinstance(value, list) else ()):
        if isinstance(item, dict):
            yield index, item
