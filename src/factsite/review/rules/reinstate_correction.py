"""reinstate-correction: a withdrawn fact published again comes with a new ``corrections`` entry.

Readers saw it withdrawn, with a reason; the entry tells them why it is back.

PASS: ``status`` from ``withdrawn`` to ``published``, ``withdrawal`` removed, a new ``corrections`` entry
FAIL: the same without a new entry
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import ChangeKind, FactsDiff
from factsite.review.rules.base import edits
from factsite.review.rules.verdict_correction import new_corrections

ID = "reinstate-correction"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        if change.kind is ChangeKind.REINSTATED and not new_corrections(old.get("corrections"), new.get("corrections")):
            yield change.head.doc.problem(
                ID,
                ("status",),
                "the withdrawn fact is published again without a new corrections entry; add one under "
                "corrections: with the date and why it is back",
            )
