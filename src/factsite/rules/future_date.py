"""future-date: no date lies in the future.

A fact records what has happened, and a source is read before it is cited. "Today" is
injected (``--today`` on the command line, ``FACTSITE_TODAY`` for the build) so that
checks are reproducible.

FAIL on 2026-11-28: ``checked: 2026-12-01``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext, date_fields, parse_or_none

ID = "future-date"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for path, text in date_fields(fact.data):
        date = parse_or_none(text)
        if date and date.earliest > context.today:
            yield fact.doc.problem(ID, path, f"'{text}' is in the future (today is {context.today.isoformat()})")
