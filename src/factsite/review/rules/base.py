"""The contract of a review rule: it reads the diff against the base, yields `Problem`s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol

from factsite.problems import Problem
from factsite.review.diff import ChangeKind, FactChange, FactsDiff


class BaseRule(Protocol):
    """A module with an ``ID`` and ``check(diff, today)``; its docstring says what it enforces."""

    ID: str

    def check(self, diff: FactsDiff, today: dt.date) -> Iterator[Problem]: ...


def edits(diff: FactsDiff) -> Iterator[tuple[FactChange, dict[str, Any], dict[str, Any]]]:
    """Each fact that exists on both sides, loaded cleanly, with its old and new data."""
    for change in diff.changes:
        if change.kind is not ChangeKind.ADDED and change.kind is not ChangeKind.DELETED and change.comparable:
            assert change.base is not None and change.head is not None
            yield change, change.base.data, change.head.data


def day(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` value as a date, or ``None`` (the schema reports bad ones)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def kind_of(data: dict[str, Any]) -> str:
    """The entry's kind; a file of the first format (no kind) was always a claim."""
    kind = data.get("kind", "claim")
    return kind if kind in ("claim", "event") else "claim"
