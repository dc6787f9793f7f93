"""checked-forward: ``checked`` never moves back, and moves forward when the verdict or
the conclusion of a claim, or the summary of an event, changes.

``checked`` is the day the entry is "as of"; a new verdict, conclusion or summary means
the evidence was looked at again, so the date must be later than before, or today when
the entry was last checked today (no later day is allowed yet). An entry re-filed as
the other kind is a change of format, not a new reading of the evidence: the
``verdict-correction`` rule asks for its correction instead.

PASS: verdict changed and ``checked`` from 2026-11-28 to 2026-12-03
PASS: verdict changed on 2026-11-28, the day it was last checked, ``checked`` left there
FAIL: conclusion reworded and ``checked`` left at 2026-11-28 (today 2026-12-03)
FAIL: ``checked`` from 2026-11-28 back to 2026-11-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import day, edits, kind_of

ID = "checked-forward"

RESTS_ON = {"claim": ("verdict", "conclusion"), "event": ("summary",)}
"""What the evidence decides, for each kind of entry."""


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        same_kind = kind_of(old) == kind_of(new)
        moved = [name for name in RESTS_ON[kind_of(new)] if same_kind and old.get(name) != new.get(name)]
        before, after = day(old.get("checked")), day(new.get("checked"))
        if not (before and after):
            continue
        if after < before:
            yield change.head.doc.problem(
                ID,
                ("checked",),
                f"checked moved back from {before.isoformat()} to {after.isoformat()}; it only moves forward: "
                f"set it to {before.isoformat()} or the day the evidence was checked again",
            )
        elif moved and after == before and before != today:
            yield change.head.doc.problem(
                ID,
                ("checked",),
                f"the {' and '.join(moved)} changed, so checked must move forward from {before.isoformat()}; "
                "set it to the day the evidence was checked again",
            )
