"""source-removal-correction: a source removed from a published fact comes with a new ``corrections`` entry.

Readers may have followed the fact because of that source. When it goes (it was wrong,
or it is gone), a correction says so. A source whose URL changed while its publisher and
title stayed is the same source moved, not a removal; a withdrawn fact explains itself
in its withdrawal.

PASS: a source removed and a new ``corrections`` entry saying which and why
FAIL: a source removed from a published fact with the corrections as before
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import edits

ID = "source-removal-correction"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.base is not None and change.head is not None
        if old.get("status") != "published" or new.get("status") == "withdrawn" or change.corrections:
            continue
        urls = [source.get("url") if isinstance(source, dict) else None for source in old.get("sources") or []]
        lines = {url: change.base.doc.position(("sources", index)).line for index, url in enumerate(urls)}
        removed = [
            f"{source.url} (line {lines[source.url]} on the base branch)"
            for source in change.sources
            if source.kind == "removed" and source.url in lines
        ]
        if removed:
            which = "; ".join(removed)
            yield change.head.doc.problem(
                ID,
                ("sources",),
                f"{'a source was' if len(removed) == 1 else f'{len(removed)} sources were'} removed from the "
                f"published fact without a new corrections entry: {which}; add one under corrections: with the "
                "date, the source and why it was removed",
                key=True,
            )
