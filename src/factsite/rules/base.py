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
    """What each fact is checked against: the project's fact files, the vocabularies, today.

    Every fact file is known by its name before any is loaded, so a rule that looks across
    files by id (related ids, unique ids) checks one file at a time against `files`, and
    each loaded document can be let go once its checks are done.
    """

    vocabularies: Vocabularies
    today: dt.date
    """Injected, so that tests and reproducible builds do not depend on the clock."""
    files: tuple[tuple[str, str], ...] = ()
    """Every fact file of the project, checked or not, as (id, shown path)."""

    @functools.cached_property
    def ids(self) -> list[str]:
        """Every fact id, sorted."""
        return sorted(fact_id for fact_id, _ in self.files)

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Every fact id, to look one up."""
        return frozenset(self.ids)

    @functools.cached_property
    def same_folded(self) -> dict[str, list[tuple[str, str]]]:
        """Files whose ids differ in letter case only, as (id, path), by the folded id: groups of two or more."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for fact_id, path in self.files:
            groups.setdefault(fact_id.casefold(), []).append((fact_id, path))
        return {folded: group for folded, group in groups.items() if len(group) > 1}


class Rule(Protocol):
    """The contract of a rule module (see `factsite.rules.RULES`): the problems of one loaded file."""

    ID: str

    def check(self, fact: LoadedFact, context: RuleContext) -> Iterator[Problem]: ...


class AcrossRule(Rule, Protocol):
    """A rule that also needs to see every file before it can speak about some (see `factsite.rules.ACROSS`).

    `note` keeps what the rule needs of one file while its document is loaded, and should be
    small (a flag, a position), since the notes of every file are held until `across` runs.
    """

    def note(self, fact: LoadedFact, context: RuleContext) -> Any: ...

    def across(self, notes: Sequence[Any], context: RuleContext) -> Iterator[Problem]: ...


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
