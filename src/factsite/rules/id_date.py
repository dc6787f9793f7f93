"""id-date: the date in a fact's id is the fact's ``date``, at the same precision.

PASS: ``1992-04-08--diplomatic-relations.yml`` with ``date: "1992-04-08"``
FAIL: the same file with ``date: "1992-04"`` or ``date: "1993-04-08"``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.dates import PartialDate
from factsite.files import ID_PATTERN, LoadedFact, split_id
from factsite.problems import Problem
from factsite.rules.base import RuleContext

ID = "id-date"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    date = fact.data.get("date")
    if not ID_PATTERN.fullmatch(fact.id) or not isinstance(date, str) or not PartialDate.looks_like(date):
        return  # a malformed name or date is reported by file-name or the schema
    id_date, slug = split_id(fact.id)
    if id_date != date:
        yield fact.doc.problem(
            ID,
            ("date",),
            f"'{date}' differs from the file name's '{id_date}'; "
            f"rename the file to '{date}--{slug}.yml' or correct the date",
        )
