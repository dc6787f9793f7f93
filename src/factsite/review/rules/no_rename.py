"""no-rename: a fact's id (its file name) never changes once it is on the site.

The id is the page's URL. A file deleted and re-added under a new name with nearly the
same content (see `factsite.review.similarity.RENAME_THRESHOLD`) is a rename: keep the old
name. A genuinely new fact gets a new file, and the old one is withdrawn.

FAIL: ``facts/2022-09-01--schools.yml`` renamed to ``facts/2022-09-01--schools-opened.yml``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import ChangeKind, FactsDiff

ID = "no-rename"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change in diff.of_kind(ChangeKind.RENAMED):
        yield Problem(
            change.path,
            1,
            1,
            ID,
            "",
            f"this is fact '{change.renamed_from}' renamed ({change.similarity:.0f}% the same content); "
            f"an id is a permanent URL: rename the file back to {change.renamed_from}.yml",
        )
