"""Where a fact sits on the timeline, so a changed date can say whether the entry moves.

The timeline lists published facts oldest first, grouped by year, ordered as the model
orders them (`factsite.model.Fact.sort_key`: the first day the date covers, then the id).
The place of an entry is its year and its two neighbours. The neighbours are taken from
the pull request's version of the other facts for both the old and the new date, so an
entry "moves" only when its own date change moves it, not when a neighbour is added.

Works on loaded data, not on the model: the summary is also written for a pull request
whose files do not pass the check, and then there is no model.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from factsite.dates import PartialDate
from factsite.review.snapshot import Snapshot


@dataclass(frozen=True)
class Spot:
    """A place on the timeline: the year section and the ids of the entries either side."""

    year: int
    before: str | None
    """The entry just above (earlier), or ``None`` at the start of the timeline."""
    after: str | None
    """The entry just below (later), or ``None`` at its end."""


@dataclass(frozen=True)
class Placement:
    """Where the entry was and is on the timeline; `old` is ``None`` for a new entry."""

    old: Spot | None
    new: Spot

    @property
    def moved(self) -> bool:
        """Whether the entry changes place: other neighbours, or another year's section."""
        return self.old is not None and self.old != self.new


def sort_key(data: dict[str, Any], fact_id: str) -> tuple[dt.date, str] | None:
    """The model's timeline order for loaded data, or ``None`` for a date that does not parse."""
    date = data.get("date")
    try:
        return (PartialDate.parse(date).earliest, fact_id) if isinstance(date, str) else None
    except ValueError:
        return None


def on_timeline(data: dict[str, Any]) -> bool:
    return data.get("status") == "published"


class Timeline:
    """The published facts of a snapshot in timeline order, built once for every change of a diff."""

    def __init__(self, head: Snapshot) -> None:
        self._keys = sorted(
            key
            for fact in head.facts.values()
            if on_timeline(fact.data) and (key := sort_key(fact.data, fact.id)) is not None
        )

    def placement(self, fact_id: str, old: dict[str, Any] | None, new: dict[str, Any]) -> Placement | None:
        """Where `fact_id` sits with its `old` and `new` data among the other published facts.

        ``None`` when the entry is not on the timeline now (withdrawn) or a date does not parse.
        """
        new_key = sort_key(new, fact_id)
        old_key = sort_key(old, fact_id) if old is not None else None
        if not on_timeline(new) or new_key is None or (old is not None and old_key is None):
            return None
        return Placement(self._spot(old_key, fact_id) if old_key is not None else None, self._spot(new_key, fact_id))

    def _spot(self, key: tuple[dt.date, str], fact_id: str) -> Spot:
        """The neighbours `key` would have, the entry's own current place left out."""
        at = bisect.bisect_left(self._keys, key)
        before = next((k[1] for k in reversed(self._keys[max(0, at - 2) : at]) if k[1] != fact_id), None)
        after = next((k[1] for k in self._keys[at : at + 2] if k[1] != fact_id), None)
        return Spot(key[0].year, before, after)
