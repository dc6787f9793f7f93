"""The full link check of a built site, anchors included, timed from start to report.

It is the project's link gate, ``gates.linkcheck.check_site`` (linkchecker
over the site served on 127.0.0.1, plus the anchor check), the same check the tests run.
Like every other timing of the benchmark, the figure is the best of its runs: noise on
a shared machine only adds time, and this check is all CPU (on one 2-core machine the
same check has taken from 23 s to 37 s within an hour).
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.measure import best
from gates.linkcheck import check_site

HOW = "gates.linkcheck.check_site (one linkchecker per core, plus anchors parsed once per page)"


@dataclass(frozen=True)
class LinkCheck:
    seconds: float
    """The fastest run."""
    problems: int
    """Broken links or anchors found (the benchmark reports them; the tests fail on them); -1 if cut short."""
    how: str
    runs: list[float] = field(default_factory=list)
    """Every run's seconds, in order."""


def measure_link_check(site: Path, repeat: int = 3) -> LinkCheck:
    """Check `site` `repeat` times; the best run counts, the most problems any run found are reported."""
    runs: list[float] = []
    problems, urls = 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            report = check_site(site)
        except subprocess.TimeoutExpired as exc:
            runs.append(time.perf_counter() - start)
            return LinkCheck(best(runs), -1, f"{HOW}: gave up after {exc.timeout:.0f} s", runs)
        runs.append(time.perf_counter() - start)
        problems, urls = max(problems, len(report.findings)), report.urls_checked
    return LinkCheck(best(runs), problems, f"{HOW}; {urls} URLs; best of {len(runs)} runs", runs)
