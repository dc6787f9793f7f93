"""Full ``mkdocs build`` runs of our site and of the plain Markdown baseline, timed in turns.

Our site is first built once from nothing (`Builds.first`): every social card is drawn,
as on a site's very first build. The timed builds after it reuse the cards of the build
before, as every later build does (a deploy restores them, see
``.github/workflows/deploy.yml``): a card is drawn again only when its text changes.
"""

from __future__ import annotations

import math
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Run, best, interleave, median, run_measured
from benchmarks.projects import ENGLISH_CONFIG
from factsite.render.cards import CARD_DIR

BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
"""As ``make build`` runs it (``--strict``), quiet so that printing costs nothing."""

COMPARED_UP_TO = 10_000
"""Above this size only our site is built: the English-alone and plain-Material builds it
would be weighed against take as long again each, and no target compares with them there."""


def _best(runs: Sequence[Run]) -> float:
    return best([run.seconds for run in runs]) if runs else math.nan


def _median(runs: Sequence[Run]) -> float:
    return median([run.seconds for run in runs]) if runs else math.nan


@dataclass(frozen=True)
class Builds:
    first: Run
    """Our site's first build, from nothing: every card drawn."""
    ours: list[Run]
    """Our site as published, both editions, each build reusing the cards of the one before."""
    english: list[Run]
    """Our site with its English edition alone (``extra.editions`` removed)."""
    baseline: list[Run]

    @property
    def ours_s(self) -> float:
        return _best(self.ours)

    @property
    def english_s(self) -> float:
        return _best(self.english)

    @property
    def baseline_s(self) -> float:
        return _best(self.baseline)

    @property
    def compared(self) -> bool:
        """Whether the English-alone and plain-Material builds were measured too."""
        return bool(self.english and self.baseline)

    @property
    def ratio(self) -> float:
        """Our English edition against the same pages as plain Markdown: like for like."""
        return self.english_s / self.baseline_s

    @property
    def editions_ratio(self) -> float:
        """What the Russian edition adds: both editions ÷ the English one alone."""
        return self.ours_s / self.english_s

    @property
    def peak_rss_mb(self) -> float:
        """The largest single process of our builds of both editions (the worst run, not the best)."""
        return max(run.peak_rss_mb for run in [self.first, *self.ours])

    @property
    def peak_group_mb(self) -> float:
        """The peak summed PSS of all the processes of our builds of both editions (the worst run)."""
        return max(run.peak_group_mb for run in [self.first, *self.ours])

    def summary(self) -> dict[str, object]:
        return {
            "first_s": self.first.seconds,
            "ours_best_s": self.ours_s,
            "ours_median_s": _median(self.ours),
            "english_best_s": self.english_s,
            "english_median_s": _median(self.english),
            "baseline_best_s": self.baseline_s,
            "baseline_median_s": _median(self.baseline),
            "ratio_of_best": self.ratio,
            "editions_ratio_of_best": self.editions_ratio,
            "runs": len(self.ours),
            "ours_peak_rss_mb": self.peak_rss_mb,
            "ours_peak_group_mb": self.peak_group_mb,
            "english_peak_rss_mb": max((run.peak_rss_mb for run in self.english), default=math.nan),
            "english_peak_group_mb": max((run.peak_group_mb for run in self.english), default=math.nan),
            "baseline_peak_rss_mb": max((run.peak_rss_mb for run in self.baseline), default=math.nan),
        }


def build(
    project: Path, site: Path, log: Path, timeout: float, config: str = "mkdocs.yml", *, cards_from: Path | None = None
) -> Run:
    """One full build of `project` (with its `config`) into `site`; a fresh site unless
    `cards_from` names a built site whose cards it may reuse (`site` itself: the build before)."""
    if cards_from is None or cards_from != site:
        keep = site.parent / f".{site.name}.cards"
        shutil.rmtree(keep, ignore_errors=True)
        if cards_from is not None:
            shutil.copytree(cards_from / CARD_DIR, keep)
        shutil.rmtree(site, ignore_errors=True)
        if cards_from is not None:
            (site / CARD_DIR).parent.mkdir(parents=True)
            keep.rename(site / CARD_DIR)
    return run_measured([*BUILD, "--config-file", config, "--site-dir", str(site)], project, timeout, log)


def measure_builds(
    ours: Path, baseline: Path, sites: Path, logs: Path, repeat: int, timeout: float, compare: bool = True
) -> Builds:
    """The three builds `repeat` times in turns (ours alone without `compare`); the last builds
    stay in ``sites/ours`` and ``sites/baseline``."""
    runs: dict[str, list[Run]] = {"ours": [], "english": [], "baseline": []}
    first = build(ours, sites / "ours", logs / "build-first.log", timeout)

    def step(name: str, project: Path, config: str = "mkdocs.yml", cards: Path | None = None) -> None:
        runs[name].append(build(project, sites / name, logs / f"build-{name}.log", timeout, config, cards_from=cards))

    def english() -> None:  # the English cards are the English edition's of our site
        step("english", ours, ENGLISH_CONFIG, cards=sites / "ours")
        shutil.rmtree(sites / "english", ignore_errors=True)

    def again() -> None:
        step("ours", ours, cards=sites / "ours")

    if compare:
        interleave(repeat, again, english, lambda: step("baseline", baseline))
    else:
        interleave(repeat, again)
    return Builds(first, runs["ours"], runs["english"], runs["baseline"])
