"""Full ``mkdocs build`` runs of our site and of the plain Markdown baseline, timed in turns."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Run, best, interleave, median, run_measured

BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
"""As ``make build`` runs it (``--strict``), quiet so that printing costs nothing."""


@dataclass(frozen=True)
class Builds:
    ours: list[Run]
    baseline: list[Run]

    @property
    def ours_s(self) -> float:
        return best([run.seconds for run in self.ours])

    @property
    def baseline_s(self) -> float:
        return best([run.seconds for run in self.baseline])

    @property
    def ratio(self) -> float:
        return self.ours_s / self.baseline_s

    @property
    def peak_rss_mb(self) -> float:
        """The largest peak of our builds (the worst case, not the best)."""
        return max(run.peak_rss_mb for run in self.ours)

    def summary(self) -> dict[str, object]:
        return {
            "ours_best_s": self.ours_s,
            "ours_median_s": median([run.seconds for run in self.ours]),
            "baseline_best_s": self.baseline_s,
            "baseline_median_s": median([run.seconds for run in self.baseline]),
            "ratio_of_best": self.ratio,
            "runs": len(self.ours),
            "ours_peak_rss_mb": self.peak_rss_mb,
            "baseline_peak_rss_mb": max(run.peak_rss_mb for run in self.baseline),
        }


def build(project: Path, site: Path, log: Path, timeout: float) -> Run:
    """One full build of `project` into `site`, from an empty output folder."""
    shutil.rmtree(site, ignore_errors=True)
    return run_measured([*BUILD, "--site-dir", str(site)], project, timeout, log)


def measure_builds(ours: Path, baseline: Path, sites: Path, logs: Path, repeat: int, timeout: float) -> Builds:
    """Both builds `repeat` times in turns; the last builds stay in ``sites/ours`` and ``sites/baseline``."""
    runs: dict[str, list[Run]] = {"ours": [], "baseline": []}

    def step(name: str, project: Path) -> None:
        runs[name].append(build(project, sites / name, logs / f"build-{name}.log", timeout))

    interleave(repeat, lambda: step("ours", ours), lambda: step("baseline", baseline))
    return Builds(runs["ours"], runs["baseline"])
