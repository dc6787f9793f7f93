"""The full link check of a built site, anchors included, timed from start to report.

It is the project's link gate, ``factsite.quality.linkcheck.check_site`` (linkchecker
over the site served on 127.0.0.1, plus the anchor check), the same check the tests run.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from factsite.quality.linkcheck import check_site

HOW = "factsite.quality.linkcheck.check_site (one linkchecker per core, plus anchors parsed once per page)"


@dataclass(frozen=True)
class LinkCheck:
    seconds: float
    problems: int
    """Broken links or anchors found (the benchmark reports them; the tests fail on them); -1 if cut short."""
    how: str


def measure_link_check(site: Path) -> LinkCheck:
    start = time.perf_counter()
    try:
        report = check_site(site)
    except subprocess.TimeoutExpired as exc:
        return LinkCheck(time.perf_counter() - start, -1, f"{HOW}: gave up after {exc.timeout:.0f} s")
    seconds = time.perf_counter() - start
    return LinkCheck(seconds, len(report.findings), f"{HOW}; {report.urls_checked} URLs")
