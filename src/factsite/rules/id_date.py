"""id-date: the date in a fact's id is the fact's ``date``, at the same precision.

PASS: ``1992-04-08--diplomatic-relations.yml`` with ``date: "1992-04-08"``
FAIL: the same file with ``date: "1992-04"`` or ``date: "1993-04-08"``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.dates import PartialDate
from factsite.files import ID_PATTERN
from factsite.problems import Problem
from factsite.rules.base import RuleContext

ID = "id-date"


def check(context: RuleContext) -> Iterator[Problem]:
    for fact in context.facts:
        match = ID_PATTERN.match(fact.id)
        date = fact.data.get("date")
        if match and isinstance(date, str) and PartialDate.looks_like(date) and match.group("date") != date:
            yield fact.doc.problem(
                ID,
                ("date",),
                f"'{date}' differs from the file name's '{match.group('date')}'; "
                f"rename the file to '{date}--{match.group('slug')}.yml' or correct the date",
            )
