"""no-delete: a fact that is on the site is never deleted; it is withdrawn, with a reason.

Its page is a permanent URL that readers, other sites and archives cite. To take it back,
keep the file and set ``status: withdrawn`` with ``withdrawal: {date, reason}``: the page
stays online with a banner and the reason.

FAIL: ``facts/2022-09-01--schools.yml`` exists on the base branch and not in the pull request
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import ChangeKind, FactsDiff

ID = "no-delete"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change in diff.of_kind(ChangeKind.DELETED):
        yield Problem(
            change.path,
            1,
            1,
            ID,
            "",
            f"fact '{change.id}' is on the site and cannot be deleted; restore the file "
            f"(git checkout {diff.base.ref} -- {change.path}) and withdraw it instead: "
            "status: withdrawn, with withdrawal: {date, reason}",
        )
