"""date-order: dates that follow each other are in order.

* ``end_date`` is not before ``date``;
* a source is not accessed before it was published;
* the verdict is not ``checked`` before the claim appeared.

Dates of different precision are compared as the days they cover: ``2022`` may end in
``2022-05``, but ``2022-06`` may not end in ``2022-05``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from factsite.files import LoadedFact
from factsite.problems import FieldPath, Problem, format_field_path
from factsite.rules.base import RuleContext, mappings, parse_or_none

ID = "date-order"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    data = fact.data
    appearance = data.get("appearance")
    pairs: list[tuple[FieldPath, Any, FieldPath, Any, str]] = [
        (
            ("date",),
            data.get("date"),
            ("end_date",),
            data.get("end_date"),
            "the period cannot end before it starts",
        ),
        (
            ("appearance", "date"),
            appearance.get("date") if isinstance(appearance, dict) else None,
            ("checked",),
            data.get("checked"),
            "a claim cannot be checked before it appeared",
        ),
    ]
    for index, source in mappings(data.get("sources")):
        pairs.append(
            (
                ("sources", index, "published"),
                source.get("published"),
                ("sources", index, "accessed"),
                source.get("accessed"),
                "a source cannot be read before it was published",
            )
        )
    for first_path, first_text, later_path, later_text, why in pairs:
        first, later = parse_or_none(first_text), parse_or_none(later_text)
        if first and later and later.latest < first.earliest:
            yield fact.doc.problem(
                ID, later_path, f"'{later_text}' is before {format_field_path(first_path)} '{first_text}'; {why}"
            )
