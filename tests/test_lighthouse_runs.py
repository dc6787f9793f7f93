"""How the Lighthouse gate judges several runs of a page: the best performance, stopping at
the first run that meets the threshold, and the lowest score of every other category. Runs
here are made-up reports, so no browser is needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gates import lighthouse

THRESHOLDS = {"performance": 0.95, "accessibility": 1.0}


def report(performance: float, accessibility: float = 1.0, tbt: float = 120.0) -> dict[str, Any]:
    """A Lighthouse JSON report cut down to what the gate reads."""
    tbt_score = 1.0 if tbt <= 200 else 0.6
    return {
        "categories": {
            "performance": {
                "score": performance,
                "auditRefs": [
                    {"id": "total-blocking-time", "weight": 30},
                    {"id": "first-contentful-paint", "weight": 10},
                ],
            },
            "accessibility": {"score": accessibility, "auditRefs": [{"id": "html-has-lang", "weight": 7}]},
        },
        "audits": {
            "total-blocking-time": {
                "title": "Total Blocking Time",
                "score": tbt_score,
                "numericValue": tbt,
                "displayValue": f"{tbt:.0f} ms",
            },
            "first-contentful-paint": {
                "title": "First Contentful Paint",
                "score": 0.9,
                "numericValue": 1850.0,
                "displayValue": "1.9 s",
            },
            "largest-contentful-paint": {"title": "Largest Contentful Paint", "score": 1, "numericValue": 2050.0},
            "cumulative-layout-shift": {"title": "Cumulative Layout Shift", "score": 1, "numericValue": 0.0},
            "html-has-lang": {
                "title": "`<html>` element has a `[lang]` attribute",
                "score": 1 if accessibility == 1.0 else 0,
            },
        },
        "environment": {"benchmarkIndex": 1500},
    }


def scripted(*runs: dict[str, Any]) -> tuple[lighthouse.PageResult, list[int]]:
    """The gate's result for a page whose runs give `runs` in turn, and the run numbers asked for."""
    supply: Iterator[dict[str, Any]] = iter(runs)
    asked: list[int] = []

    def run(number: int) -> lighthouse.PageScores:
        asked.append(number)
        return lighthouse.read_report(next(supply), "timeline/", load=0.5 * number)

    return lighthouse.PageResult("timeline/", lighthouse.repeat_runs(run, THRESHOLDS["performance"])), asked


def test_a_first_run_at_the_threshold_passes_without_a_second() -> None:
    result, asked = scripted(report(0.95), report(0.10))
    assert asked == [1]
    assert lighthouse.drops(result, THRESHOLDS) == []


def test_a_later_passing_run_ends_the_runs_and_decides() -> None:
    result, asked = scripted(report(0.91, tbt=320), report(0.96), report(0.10))
    assert asked == [1, 2]
    assert result.scores["performance"] == 0.96
    assert lighthouse.drops(result, THRESHOLDS) == []


def test_every_run_below_the_threshold_fails_with_the_best_runs_audits() -> None:
    result, asked = scripted(
        *(report(score, tbt=tbt) for score, tbt in ((0.91, 330), (0.93, 300), (0.92, 320), (0.9, 340), (0.92, 310))),
        report(0.99),
    )
    assert asked == [1, 2, 3, 4, 5]
    (drop,) = lighthouse.drops(result, THRESHOLDS)
    assert drop.score == 0.93
    assert drop.format().startswith("/timeline/: performance 0.93 < 0.95: Total Blocking Time (300 ms; 0.60)")


def test_other_categories_take_the_lowest_score_of_any_run() -> None:
    result, asked = scripted(report(0.90), report(0.93, accessibility=0.9), report(0.97))
    assert asked == [1, 2, 3]
    (drop,) = lighthouse.drops(result, THRESHOLDS)
    assert drop.format() == "/timeline/: accessibility 0.90 < 1.00: `<html>` element has a `[lang]` attribute (0.00)"


def test_without_a_performance_threshold_one_run_is_enough() -> None:
    asked: list[int] = []

    def run(number: int) -> lighthouse.PageScores:
        asked.append(number)
        return lighthouse.read_report(report(0.5), "")

    assert len(lighthouse.repeat_runs(run, None)) == 1
    assert asked == [1]
    with pytest.raises(ValueError, match="positive"):
        lighthouse.repeat_runs(run, 0.95, runs=0)


def test_the_summary_reports_every_run_with_its_metrics_and_load() -> None:
    result, _ = scripted(report(0.91, tbt=320), report(0.94), report(0.96))
    text = lighthouse.summary([result], THRESHOLDS)
    assert "performance 0.95 (the best of up to 5 runs)" in text
    first = (
        "  run 1: performance 0.91 (FCP 1.85 s, LCP 2.05 s, TBT 320 ms, CLS 0.000);"
        " CPU benchmark 1500; load average 0.50"
    )
    assert first in text.split("\n")
    assert "  run 2: performance 0.94" in text and "load average 1.00" in text
    assert "  run 3: performance 0.96" in text and "load average 1.50" in text
    assert text.endswith("Every page meets every threshold.")
