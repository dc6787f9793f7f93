"""verdict-correction: a changed verdict comes with a new entry in ``corrections``.

Readers who saw the old verdict must be able to find out that it changed, when and why.

PASS: verdict from ``accurate`` to ``inaccurate`` and a new ``corrections`` entry
FAIL: verdict from ``accurate`` to ``inaccurate`` with the corrections as before
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import edits

ID = "verdict-correction"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        if old.get("verdict") == new.get("verdict") or not isinstance(new.get("verdict"), str):
            continue
        if not new_corrections(old.get("corrections"), new.get("corrections")):
            yield change.head.doc.problem(
                ID,
                ("verdict",),
                f"verdict changed from '{old.get('verdict')}' to '{new['verdict']}' without a new corrections "
                "entry; add one under corrections: with the date and what changed and why",
            )


def new_corrections(old: object, new: object) -> list[object]:
    """The entries of `new` that were not in `old`."""
    before = old if isinstance(old, list) else []
    return [entry for entry in (new if isinstance(new, list) else []) if entry not in before]
