"""checked-forward: when the verdict or the conclusion changes, ``checked`` moves forward.

``checked`` is the day the verdict is "as of"; a new verdict or conclusion means the
evidence was looked at again, so the date must be later than before.

PASS: verdict changed and ``checked`` from 2026-11-28 to 2026-12-03
FAIL: conclusion reworded and ``checked`` left at 2026-11-28
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import day, edits

ID = "checked-forward"


def check(diff: FactsDiff) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        moved = [name for name in ("verdict", "conclusion") if old.get(name) != new.get(name)]
        before, after = day(old.get("checked")), day(new.get("checked"))
        if moved and before and after and after <= before:
            yield change.head.doc.problem(
                ID,
                ("checked",),
                f"the {' and '.join(moved)} changed, so checked must move forward from {before.isoformat()}; "
                "set it to the day the evidence was checked again",
            )
