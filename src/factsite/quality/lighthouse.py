"""Lighthouse scores of pages of a served site, against the thresholds the site must keep.

Lighthouse (the pinned npm package) runs in the system Chromium with its default mobile
settings: a mid-range phone on a slow 4G network, simulated, so scores do not depend on
this machine's network. Accessibility, best practices and SEO must be perfect and
performance at least 0.95. A drop names the page, the category, the score and the
audits that cost points. Performance drifts by about ±0.02 between runs, so a page whose
only drop is performance is run once more, and the report says so.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsite.quality import nodetools

THRESHOLDS: Mapping[str, float] = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
CHROME_FLAGS = ("--headless=new", *nodetools.CHROMIUM_FLAGS)
RUN_TIMEOUT = 240
"""Seconds for one Lighthouse run (about 12 s on an idle machine)."""


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
    earlier_performance: float | None = None
    """The performance score of the first run, when the page was run a second time."""

    @property
    def retried(self) -> bool:
        return self.earlier_performance is not None


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


def read_report(report: Mapping[str, Any], page: str, path: Path | None = None) -> PageScores:
    """The scores and costly audits of one Lighthouse JSON report."""
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
    benchmark = report.get("environment", {}).get("benchmarkIndex")
    warnings = tuple(str(warning) for warning in report.get("runWarnings", []))
    return PageScores(page, scores, costly, path, benchmark, warnings)


def drops(result: PageScores, thresholds: Mapping[str, float] = THRESHOLDS) -> list[ScoreDrop]:
    """Every category of `result` below its threshold (a missing score is a drop)."""
    out = []
    for category, threshold in thresholds.items():
        score = result.scores.get(category)
        if score is None or score < threshold:
            out.append(ScoreDrop(result.page, category, score, threshold, result.audits.get(category, ())))
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
    return read_report(report, page, report_path)


def check_pages(
    base_url: str,
    pages: Sequence[str],
    out_dir: Path,
    *,
    tools: nodetools.NodeTools,
    chrome: str | None = None,
    parallel: int = 1,
    thresholds: Mapping[str, float] = THRESHOLDS,
) -> list[PageScores]:
    """Run Lighthouse on each page (`parallel` at a time), and once more on a page whose only drop is performance."""
    lighthouse = tools.lighthouse
    browser = chrome or nodetools.chromium()

    def one(page: str) -> PageScores:
        return run_page(base_url, page, out_dir, lighthouse=lighthouse, chrome=browser, categories=tuple(thresholds))

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        results = list(pool.map(one, pages))
    for index, result in enumerate(results):
        found = drops(result, thresholds)
        if found and all(drop.category == "performance" for drop in found):
            again = one(result.page)
            results[index] = dataclasses.replace(again, earlier_performance=result.scores.get("performance") or 0.0)
    return results


def summary(results: Sequence[PageScores], thresholds: Mapping[str, float] = THRESHOLDS) -> str:
    """A table of the scores, then every drop; what the tests print and keep."""
    names = list(thresholds)
    lines = [
        "Lighthouse (mobile), thresholds: " + ", ".join(f"{name} {thresholds[name]:.2f}" for name in names),
        f"{'page':<50} " + " ".join(f"{name:>14}" for name in names),
    ]
    for result in results:
        cells = []
        for name in names:
            score = result.scores.get(name)
            cells.append(f"{'-' if score is None else f'{score:.2f}':>14}")
        lines.append(f"{'/' + result.page:<50} " + " ".join(cells))
        if result.retried:
            lines.append(f"  run twice: performance was {result.earlier_performance:.2f} the first time")
        if result.benchmark is not None:
            lines.append(f"  CPU benchmark index {result.benchmark:.0f} (Lighthouse expects 1000 or more)")
        lines += [f"  Lighthouse warns: {warning}" for warning in result.warnings]
    found = [drop.format() for result in results for drop in drops(result, thresholds)]
    lines += ["Below the thresholds:", *found] if found else ["Every page meets every threshold."]
    return "\n".join(lines)
