"""calendar-date: every date is a real calendar date.

The schema checks the shape (``YYYY-MM-DD``); this rule checks the calendar.

PASS: ``2024-02-29``   FAIL: ``2022-02-30``, ``2022-13``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.dates import PartialDate
from factsite.files import LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext, date_fields, parse_date

ID = "calendar-date"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for path, text in date_fields(fact.data):
        parsed = parse_date(text)
        if isinstance(parsed, str) and PartialDate.looks_like(text):  # a wrong shape is the schema's to report
            yield fact.doc.problem(ID, path, parsed)
