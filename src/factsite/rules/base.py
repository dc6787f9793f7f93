"""What every rule receives, and tolerant accessors over not-yet-validated data.

Rules run on every loaded fact, including ones that failed the schema, so that a
contributor sees all problems in one pass. The accessors here therefore skip values of
the wrong type instead of failing: the schema check has already reported those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from factsite.dates import PartialDate
from factsite.files import LoadedFact
from factsite.problems import FieldPath, Problem
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


def date_fields(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """Every date-valued field of a fact that holds text, with its field path."""
    for name in ("date", "end_date", "checked"):
        if isinstance(data.get(name), str):
            yield (name,), data[name]
    appearance = data.get("appearance")
    if isinstance(appearance, dict) and isinstance(appearance.get("date"), str):
        yield ("appearance", "date"), appearance["date"]
    for index, source in mappings(data.get("sources")):
        for name in ("published", "accessed"):
            if isinstance(source.get(name), str) and source[name] != "undated":
                yield ("sources", index, name), source[name]
    for index, correction in mappings(data.get("corrections")):
        if isinstance(correction.get("date"), str):
            yield ("corrections", index, "date"), correction["date"]
    withdrawal = data.get("withdrawal")
    if isinstance(withdrawal, dict) and isinstance(withdrawal.get("date"), str):
        yield ("withdrawal", "date"), withdrawal["date"]


def parse_or_none(text: Any) -> PartialDate | None:
    """A `PartialDate` for valid date text, else ``None`` (other rules report why)."""
    if not isinstance(text, str):
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def mappings(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The (index, item) pairs of a list that are mappings."""
    for index, item in enumerate(value if isinstance(value, list) else ()):
        if isinstance(item, dict):
            yield index, item
