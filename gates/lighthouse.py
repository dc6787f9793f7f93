"""Lighthouse scores of pages of a served site, against the thresholds the site must keep.

Lighthouse (the pinned npm package) runs in the system Chromium with its default mobile
settings: a mid-range phone on a slow 4G network, simulated, so scores do not depend on
this machine's network. Accessibility, best practices and SEO must be perfect and
performance at least 0.95. A drop names the page, the category, the score and the
audits that cost points.

Performance varies from run to run: the simulation multiplies the CPU time it observes,
and that time grows when the machine is busy, never shrinks. So the gate judges
performance as Lighthouse CI does by default (its "optimistic" aggregation): the best of
up to `RUNS` runs, stopping at the first run that meets the threshold. Noise on a shared
machine only lowers a score, while a heavier page lowers every run, the best included
(the tests prove it on a page made slow on purpose). The other categories do not vary
from run to run; the lowest score of any run counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gates import nodetools

THRESHOLDS: Mapping[str, float] = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
RUNS = 5
"""Most Lighthouse runs per page; the gate judges their best performance. Five, as Lighthouse's
documentation on variability suggests: a page that meets the threshold takes one run on a
quiet machine, and only a page below it in every run takes all five."""
CHROME_FLAGS = ("--headless=new", *nodetools.CHROMIUM_FLAGS)
RUN_TIMEOUT = 240
"""Seconds for one Lighthouse run (about 12 s on an idle machine)."""
METRICS: Mapping[str, str] = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
"""The audits that weigh most in the performance score, by the short names the summary uses."""


@dataclass(frozen=True)
class Audit:
    """One audit that cost its category points."""

    id: str
    title: str
    score: float | None
    """None when the audit itself failed to run (then it counts as 0)."""
    value: str
    """Lighthouse's display value (``3.1 s``) or, for a failed audit, its error."""

    def describe(self) -> str:
        score = "error" if self.score is None else f"{self.score:.2f}"
        return f"{self.title} ({self.value}; {score})" if self.value else f"{self.title} ({score})"


@dataclass(frozen=True)
class PageScores:
    """The scores of one page in one run, and the audits below 1 in each category."""

    page: str
    """The page's path relative to the site root: ``""`` for the home page, ``timeline/``."""
    scores: Mapping[str, float | None]
    audits: Mapping[str, tuple[Audit, ...]]
    """Per category, the weighted audits that scored below 1, costliest first."""
    report: Path | None = None
    """The JSON report (an HTML report lies beside it)."""
    benchmark: float | None = None
    """Lighthouse's measure of this machine's CPU speed during the run (it expects 1000 or more);
    a busy machine scores lower, and its performance scores with it."""
    warnings: tuple[str, ...] = ()
    metrics: Mapping[str, float] = field(default_factory=dict)
    """The simulated metrics by short name (`METRICS`): milliseconds, CLS unitless."""
    load: float | None = None
    """The machine's one-minute load average as the run started (2 cores: above 2 is busy)."""

    @property
    def performance(self) -> float:
        """This run's performance score, as the gate compares it (a run without one counts as 0)."""
        return self.scores.get("performance") or 0.0

    def describe_run(self) -> str:
        """One line of what this run measured and how busy the machine was."""
        score = self.scores.get("performance")
        parts = [f"performance {'-' if score is None else f'{score:.2f}'}"]
        shown = [_metric(name, self.metrics[name]) for name in METRICS.values() if name in self.metrics]
        if shown:
            parts[0] += f" ({', '.join(shown)})"
        if self.benchmark is not None:
            parts.append(f"CPU benchmark {self.benchmark:.0f}")
        if self.load is not None:
            parts.append(f"load average {self.load:.2f}")
        return "; ".join(parts)


def _metric(name: str, value: float) -> str:
    if name == "CLS":
        return f"CLS {value:.3f}"
    return f"{name} {value / 1000:.2f} s" if value >= 1000 else f"{name} {value:.0f} ms"


@dataclass(frozen=True)
class PageResult:
    """Every Lighthouse run of one page, and the scores the gate judges: the best
    performance and the lowest score of each other category."""

    page: str
    runs: tuple[PageScores, ...]

    @property
    def performance_runs(self) -> tuple[float, ...]:
        """Each run's performance score in run order (a run without one counts as 0)."""
        return tuple(run.performance for run in self.runs)

    @property
    def scores(self) -> Mapping[str, float | None]:
        out: dict[str, float | None] = {}
        for category in dict.fromkeys(name for run in self.runs for name in run.scores):
            if category == "performance":
                out[category] = max(self.performance_runs)
            else:
                values = [run.scores.get(category) for run in self.runs]
                out[category] = None if None in values else min(value for value in values if value is not None)
        return out

    def deciding_run(self, category: str) -> PageScores:
        """The run whose audits explain `category`'s score: the best run for performance
        (the first of equals), else the lowest-scoring run."""
        if category == "performance":
            return max(self.runs, key=lambda run: run.performance)
        return min(self.runs, key=lambda run: run.scores.get(category) or 0.0)


@dataclass(frozen=True)
class ScoreDrop:
    """A category of a page below its threshold."""

    page: str
    category: str
    score: float | None
    threshold: float
    audits: tuple[Audit, ...]

    def format(self) -> str:
        score = "no score" if self.score is None else f"{self.score:.2f}"
        causes = "; ".join(audit.describe() for audit in self.audits) or "no audit below 1"
        return f"/{self.page}: {self.category} {score} < {self.threshold:.2f}: {causes}"


def read_report(
    report: Mapping[str, Any], page: str, path: Path | None = None, load: float | None = None
) -> PageScores:
    """The scores, costly audits and main metrics of one Lighthouse JSON report."""
    audits = report["audits"]
    scores: dict[str, float | None] = {}
    costly: dict[str, tuple[Audit, ...]] = {}
    for name, category in report["categories"].items():
        scores[name] = category["score"]
        below = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] <= 0 or audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual"):
                continue
            score = audit.get("score")
            if score is None or score < 1:
                value = audit.get("errorMessage") if score is None else audit.get("displayValue", "")
                below.append((ref["weight"] * (1 - (score or 0)), Audit(ref["id"], audit["title"], score, value or "")))
        costly[name] = tuple(audit for _, audit in sorted(below, key=lambda item: -item[0]))
    metrics = {
        short: float(audits[audit_id]["numericValue"])
        for audit_id, short in METRICS.items()
        if isinstance(audits.get(audit_id, {}).get("numericValue"), int | float)
    }
    benchmark = report.get("environment", {}).get("benchmarkIndex")
    warnings = tuple(str(warning) for warning in report.get("runWarnings", []))
    return PageScores(page, scores, costly, path, benchmark, warnings, metrics, load)


def drops(result: PageResult, thresholds: Mapping[str, float] = THRESHOLDS) -> list[ScoreDrop]:
    """Every category of `result` below its threshold (a missing score is a drop)."""
    out = []
    scores = result.scores
    for category, threshold in thresholds.items():
        score = scores.get(category)
        if score is None or score < threshold:
            audits = result.deciding_run(category).audits.get(category, ())
            out.append(ScoreDrop(result.page, category, score, threshold, audits))
    return out


def run_page(
    base_url: str,
    page: str,
    out_dir: Path,
    *,
    lighthouse: Path,
    chrome: str,
    categories: Sequence[str] = tuple(THRESHOLDS),
) -> PageScores:
    """One Lighthouse run of `page`; writes ``<name>.report.json`` and ``.html`` to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = page.strip("/").replace("/", "-") or "home"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    # Chromium and Lighthouse leave profile folders in TMPDIR (Lighthouse kills Chromium
    # rather than closing it), so each run gets a scratch TMPDIR that is removed after.
    with tempfile.TemporaryDirectory(prefix="lighthouse-", ignore_cleanup_errors=True) as scratch:
        environment = {**os.environ, "CHROME_PATH": chrome, "TMPDIR": scratch}
        command = [
            str(lighthouse),
            base_url + page,
            "--quiet",
            "--output=json",
            "--output=html",
            f"--output-path={out_dir / name}",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        result = subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
        )
    report_path = out_dir / f"{name}.report.json"
    if result.returncode != 0 or not report_path.exists():
        raise RuntimeError(f"Lighthouse failed on /{page} (exit {result.returncode}): {result.stderr[-2000:]}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load /{page}: {report['runtimeError'].get('message')}")
    return read_report(report, page, report_path, load)


def repeat_runs(run: Callable[[int], PageScores], threshold: float | None, runs: int = RUNS) -> tuple[PageScores, ...]:
    """Call ``run(1)``, ``run(2)``, … until one run's performance meets `threshold` (the
    best cannot fall below it then) or `runs` runs are done. Without a performance
    threshold one run is enough."""
    if runs < 1:
        raise ValueError(f"runs must be positive, not {runs}")
    done: list[PageScores] = []
    while len(done) < runs:
        done.append(run(len(done) + 1))
        if threshold is None or done[-1].performance >= threshold:
            break
    return tuple(done)


def check_pages(
    base_url: str,
    pages: Sequence[str],
    out_dir: Path,
    *,
    tools: nodetools.NodeTools,
    chrome: str | None = None,
    thresholds: Mapping[str, float] = THRESHOLDS,
    runs: int = RUNS,
) -> list[PageResult]:
    """Run Lighthouse on each page, one run at a time (parallel runs would slow each
    other down), as often as `repeat_runs` needs; run N's reports go to ``out_dir/run-N``."""
    lighthouse = tools.lighthouse
    browser = chrome or nodetools.chromium()
    results = []
    for page in pages:

        def one(number: int, page: str = page) -> PageScores:
            return run_page(
                base_url,
                page,
                out_dir / f"run-{number}",
                lighthouse=lighthouse,
                chrome=browser,
                categories=tuple(thresholds),
            )

        results.append(PageResult(page, repeat_runs(one, thresholds.get("performance"), runs)))
    return results


def summary(results: Sequence[PageResult], thresholds: Mapping[str, float] = THRESHOLDS) -> str:
    """A table of the judged scores, every run's performance and load, then every drop;
    what the tests print and keep."""
    names = list(thresholds)
    rule = f" (the best of up to {RUNS} runs)" if "performance" in thresholds else ""
    lines = [
        "Lighthouse (mobile), thresholds: "
        + ", ".join(f"{name} {thresholds[name]:.2f}{rule if name == 'performance' else ''}" for name in names),
        f"{'page':<50} " + " ".join(f"{name:>14}" for name in names),
    ]
    for result in results:
        scores = result.scores
        cells = []
        for name in names:
            score = scores.get(name)
            cells.append(f"{'-' if score is None else f'{score:.2f}':>14}")
        lines.append(f"{'/' + result.page:<50} " + " ".join(cells))
        for number, run in enumerate(result.runs, start=1):
            lines.append(f"  run {number}: {run.describe_run()}")
            lines += [f"    Lighthouse warns: {warning}" for warning in run.warnings]
    found = [drop.format() for result in results for drop in drops(result, thresholds)]
    lines += ["Below the thresholds:", *found] if found else ["Every page meets every threshold."]
    return "\n".join(lines)
