"""corrections-kept: ``corrections`` is a public log; earlier entries stay as they were.

Fix a mistake in an entry by adding a new one that says so.

FAIL: an entry that is on the base branch is removed or reworded
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import edits

ID = "corrections-kept"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        before = old.get("corrections") if isinstance(old.get("corrections"), list) else []
        after = new.get("corrections") if isinstance(new.get("corrections"), list) else []
        assert isinstance(before, list) and isinstance(after, list)
        for index, entry in enumerate(before):
            if entry not in after:
                # A reworded entry is still at its place: point at it; a removed one at the list.
                reworded = index < len(after) and after[index] not in before
                yield change.head.doc.problem(
                    ID,
                    ("corrections", index) if reworded else ("corrections",),
                    f"corrections entry {index + 1} of the published fact was "
                    f"{'changed' if reworded else 'removed'}; keep it as it was and add a new entry for the change",
                    key=not reworded,
                )
