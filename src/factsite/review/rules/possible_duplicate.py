"""possible-duplicate: a new fact whose title or claim closely resembles another fact's.

A warning, for the reviewer to decide: if it is the same claim, update the existing
fact instead. Similarity ignores case, punctuation and word order; the threshold is
`factsite.review.similarity.DUPLICATE_THRESHOLD` (85 of 100).

WARN: a new "Tajikistan and Russia establish diplomatic relations" beside an existing
"Russia and Tajikistan establish diplomatic relations"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Level, Problem
from factsite.review.diff import ChangeKind, FactsDiff, loaded
from factsite.review.similarity import DUPLICATE_THRESHOLD, text_similarity

ID = "possible-duplicate"
FIELDS = ("title", "claim")


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    added = {change.id for change in diff.of_kind(ChangeKind.ADDED)}
    others = [fact for fact in diff.head.facts.values() if loaded(fact)]
    for fact_id in sorted(added):
        new = diff.head.facts[fact_id]
        if not loaded(new):
            continue
        for other in others:
            if other.id == fact_id or (other.id in added and other.id > fact_id):
                continue  # two new look-alikes are reported once, on the later id
            scores = [
                (text_similarity(mine, theirs), name)
                for name in FIELDS
                if isinstance(mine := new.data.get(name), str) and isinstance(theirs := other.data.get(name), str)
            ]
            if not scores:
                continue
            score, name = max(scores, key=lambda pair: (pair[0], pair[1] == "title"))
            if score >= DUPLICATE_THRESHOLD:
                yield new.doc.problem(
                    ID,
                    (name,),
                    f"possible duplicate of {other.id} ({other.path}): its {name} is {score:.0f}% similar; "
                    "if it is the same claim, update that fact instead of adding this one",
                    level=Level.WARNING,
                )
