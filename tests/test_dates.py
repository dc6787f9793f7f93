"""Partial dates keep their precision and compare as the days they cover."""

from __future__ import annotations

import datetime as dt

import pytest

from factsite.dates import PartialDate


@pytest.mark.parametrize(
    ("text", "shown", "precision"),
    [("1992", "1992", "year"), ("1992-04", "April 1992", "month"), ("1992-04-08", "8 April 1992", "day")],
)
def test_display_keeps_the_precision(text: str, shown: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert date.display() == shown
    assert date.precision == precision
    assert date.iso() == text


def test_range_of_days_covered() -> None:
    assert PartialDate.parse("2024-02").latest == dt.date(2024, 2, 29)
    assert PartialDate.parse("1992").earliest == dt.date(1992, 1, 1)
    assert PartialDate.parse("1992").latest == dt.date(1992, 12, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-02-30", "February 2022 has 28 days"),
        ("2022-13", "months run from 01 to 12"),
        ("8 April 1992", "is not written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("0000", "year 0 does not exist"),
    ],
)
def test_impossible_dates_are_rejected_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)
