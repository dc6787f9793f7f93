"""Dates at their own precision: a year, a month or a day.

A fact dated "1992" must never turn into 1 January 1992, so a `PartialDate` keeps the
precision it was written with and compares as the range of days it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from factsite.i18n import active
from factsite.schema import fact_schema

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, fixed here so output never depends on the machine's locale."""

_PATTERN = re.compile(fact_schema()["$defs"]["partialDate"]["pattern"])
"""The shape of a date, as the schema defines it (ASCII digits only)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError for anything else.

        The message says what is wrong in words a contributor can act on. Results are
        cached: the rules and the model read each date of every fact, and facts share
        dates (every source read on the same day).
        """
        return _parse(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"'{text}' is not written YYYY, YYYY-MM or YYYY-MM-DD")
        parts: list[int | None] = [int(part) for part in text.split("-")]
        year, month, day = [*parts, None, None][:3]
        assert year is not None
        if year < 1:
            raise ValueError(f"year {year} does not exist")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month:02d}; months run from 01 to 12")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' is not a calendar date: {MONTHS[month - 1]} {year} has {last} days")
        return cls(year, month, day)

    @staticmethod
    def looks_like(text: str) -> bool:
        """Whether `text` has the shape of a date, valid or not."""
        return bool(_PATTERN.match(text))

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day the date could mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date could mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The date as written: ``1992``, ``1992-04`` or ``1992-04-08``."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """For readers, at the date's own precision, in the edition being rendered:
        ``8 April 1992``, ``April 1992``, ``1992`` (``8 апреля 1992 г.``)."""
        return active().date(self.year, self.month, self.day)

    def __str__(self) -> str:
        return self.iso()


_parse = functools.lru_cache(maxsize=16384)(PartialDate._parse)
