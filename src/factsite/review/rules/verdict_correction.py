"""verdict-correction: what readers relied on changes only with a new entry in ``corrections``.

Readers who saw the old verdict must be able to find out that it changed, when and why.
For a claim that is its verdict; for an event, which has none, it is its date and its
summary; and an entry that changes kind (a claim re-filed as an event, or back) drops
or gains a verdict, so it needs one too.

PASS: verdict from ``accurate`` to ``inaccurate`` and a new ``corrections`` entry
FAIL: verdict from ``accurate`` to ``inaccurate`` with the corrections as before
FAIL: an event's date moved from ``"1992-05"`` to ``"1992-05-04"`` with the corrections as before
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import Problem
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import edits, kind_of

ID = "verdict-correction"


ADD_ONE = "add one under corrections: with the date and what changed and why"

EVENT_FIELDS = ("date", "summary")
"""What an event's readers rely on, as a claim's rely on its verdict."""


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        if new_corrections(old.get("corrections"), new.get("corrections")):
            continue
        for field, message in _changes(old, new):
            yield change.head.doc.problem(ID, (field,), f"{message} without a new corrections entry; {ADD_ONE}")


def _changes(old: dict[str, object], new: dict[str, object]) -> Iterator[tuple[str, str]]:
    """(field, what changed) for each change that readers must be told of."""
    old_kind, new_kind = kind_of(old), kind_of(new)
    if old_kind != new_kind and isinstance(new.get("kind"), str):
        yield "kind", f"kind changed from {old_kind} to {new_kind}, so the entry {_verdict_fate(old, new_kind)}"
    elif new_kind == "claim" and old.get("verdict") != new.get("verdict") and isinstance(new.get("verdict"), str):
        yield "verdict", f"verdict changed from '{old.get('verdict')}' to '{new['verdict']}'"
    elif new_kind == "event":
        for field in EVENT_FIELDS:
            if field in old and old.get(field) != new.get(field) and isinstance(new.get(field), str):
                yield field, f"the event's {field} changed"


def _verdict_fate(old: dict[str, object], new_kind: str) -> str:
    if new_kind == "event":
        return f"loses its verdict '{old.get('verdict')}'" if "verdict" in old else "has no verdict"
    return "gains a verdict"


def new_corrections(old: object, new: object) -> list[object]:
    """The entries of `new` that were not in `old`."""
    before = old if isinstance(old, list) else []
    return [entry for entry in (new if isinstance(new, list) else []) if entry not in before]
