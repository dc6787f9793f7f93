"""Measure the site at several sizes, side by side, and print the table of figures.

    python -m benchmarks [--sizes 1000,10000,100000] [--out benchmark-results] [--results FILE] [--keep DIR]

The smallest size gives live editing and the link check; the largest one gives page
weight and search; scaling divides each size's build by the one before. Validation,
build time and memory are given at every size, and the build ratios up to
`COMPARED_UP_TO`. Timings are the best of their repeats (noise on a
shared machine only ever adds time); medians are in the JSON copy. Scratch projects
live in a temporary folder, removed at the end unless ``--keep`` names one.
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import machine
from benchmarks.browser import BrowserFigures, gzipped_size, measure_in_browser
from benchmarks.build import COMPARED_UP_TO, Builds, measure_builds
from benchmarks.links import LinkCheck, measure_link_check
from benchmarks.live import LiveEdit, measure_live_edit
from benchmarks.measure import median
from benchmarks.projects import write_baseline, write_project
from benchmarks.report import Row, machine_lines, read_before, text_table, write, write_results
from benchmarks.validation import Validation, measure_validation

REPO = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 3600.0
QUERIES = 5

_started = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - _started:6.0f} s, load {machine.load()}] {message}", file=sys.stderr, flush=True)


def _count(size: int) -> str:
    return f"{size:,}"


def queries_for(ids: list[str], project: Path, count: int) -> list[str]:
    """One word from the titles of `count` facts spread over the synthetic ones: every query has hits."""
    chosen = []
    for index in range(count):
        fact_id = ids[(index * len(ids)) // count]
        text = (project / "facts" / f"{fact_id}.yml").read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.MULTILINE)
        words = sorted(set(re.findall(r"\b[A-Za-z]{5,}\b", title.group(1) if title else "")), key=len)
        chosen.append((words[-1] if words else "Tajikistan").lower())
    return chosen


def largest_fact_page(site: Path) -> str:
    """The fact page that weighs most gzipped (looking at the 20 largest raw pages)."""
    pages = sorted((site / "facts").glob("*/index.html"), key=lambda p: p.stat().st_size)[-20:]
    page = max(pages, key=gzipped_size)
    return page.parent.relative_to(site).as_posix() + "/"


MEMORY_TARGET_MB = 1536.0
"""Peak memory of a build at any size up to 100,000 facts: 1.5 GB, what a contributor's machine and CI can spare."""
BUILD_TARGET_S = 720.0
"""Wall time of a build of both editions at any size up to 100,000 facts, on two cores: 12 minutes."""
SEARCH_TARGET_KB = 300.0
"""Bytes a phone fetches, cold, before its first search result, at any size up to 100,000 facts."""
EDIT_TARGET_S = 2.0
"""Under ``make serve``: from saving one entry to the page showing it."""
REPEAT_ABOVE = 2
"""Validation runs per side above `COMPARED_UP_TO` facts, where each takes a minute or more."""


class Benchmark:
    def __init__(self, args: argparse.Namespace, scratch: Path, about: dict[str, str]) -> None:
        self.about = about
        self.sizes: list[int] = sorted(set(args.sizes))
        self.args = args
        self.scratch = scratch
        self.validations: dict[int, Validation] = {}
        self.builds: dict[int, Builds] = {}
        self.browser: BrowserFigures | None = None
        self.live: LiveEdit | None = None
        self.live_size = args.live_size or self.sizes[0]
        self.links: LinkCheck | None = None

    def build_repeat(self, size: int) -> int:
        return int(self.args.build_repeat or (3 if size <= 1000 else 1))

    def run(self) -> None:
        """Every size in turn, then the link check; a partial table is written after each phase."""
        small, large = self.sizes[0], self.sizes[-1]
        for size in self.sizes:
            root = self.scratch / str(size)
            logs = root / "logs"
            logs.mkdir(parents=True)
            progress(f"{_count(size)} facts: writing the projects")
            ids = write_project(REPO, root / "ours", size, self.args.seed)
            write_baseline(root / "ours", root / "baseline")
            repeat = self.args.repeat if size <= COMPARED_UP_TO else min(self.args.repeat, REPEAT_ABOVE)
            progress(f"{_count(size)} facts: validation, {repeat} runs each side")
            self.validations[size] = validation = measure_validation(root / "ours", logs, repeat, BUILD_TIMEOUT)
            if validation.errors:
                raise RuntimeError(f"the synthetic facts have {validation.errors} errors; see `factsite check`")
            self.checkpoint()
            repeat = self.build_repeat(size)
            compare = size <= COMPARED_UP_TO
            progress(f"{_count(size)} facts: builds, {repeat} of {'each side in turns' if compare else 'ours alone'}")
            self.builds[size] = done = measure_builds(
                root / "ours", root / "baseline", root / "sites", logs, repeat, BUILD_TIMEOUT, compare=compare
            )
            progress(
                f"{_count(size)} facts: ours {done.ours_s:.1f} s (English alone {done.english_s:.1f} s), "
                f"plain {done.baseline_s:.1f} s; memory {done.peak_group_mb:.0f} MB"
            )
            self.checkpoint()
            shutil.rmtree(root / "sites" / "baseline", ignore_errors=True)
            shutil.rmtree(root / "baseline")
            if size == self.live_size:
                progress(f"{_count(size)} facts: live editing under mkdocs serve")
                self.live = measure_live_edit(
                    root / "ours", ids[len(ids) // 2], logs / "serve.log", self.args.edits, BUILD_TIMEOUT
                )
                self.checkpoint()
            if size == large:
                progress(f"{_count(size)} facts: page weight and search in Chromium")
                site = root / "sites" / "ours"
                queries = queries_for(ids, root / "ours", QUERIES)
                self.browser = measure_in_browser(site, largest_fact_page(site), queries)
                self.checkpoint()
            if size not in (small, large):
                shutil.rmtree(root / "sites")
                shutil.rmtree(root / "ours")  # at 100,000 facts, gigabytes
        progress(f"{_count(small)} facts: link check, {self.args.link_repeat} runs")
        self.links = measure_link_check(self.scratch / str(small) / "sites" / "ours", self.args.link_repeat)
        progress("done")

    def checkpoint(self) -> None:
        """The figures so far, in case a long run is cut short."""
        write(self.args.out, self.rows(), {**self.about, "complete": "no (partial results)"}, self.details())

    def rows(self) -> list[Row]:
        small, large = self.sizes[0], self.sizes[-1]
        rows = []
        for size, validation in self.validations.items():
            summary = validation.summary()
            rows.append(
                Row(
                    f"Validation at {_count(size)} facts",
                    validation.ratio,
                    "x",
                    1.5,
                    f"check_project {summary['ours_best_s']:.2f} s ÷ yaml CLoader {summary['floor_best_s']:.2f} s "
                    f"(best of {summary['runs']}, fresh process each)",
                )
            )
        for size, builds in self.builds.items():
            rows.append(
                Row(
                    f"Build time at {_count(size)} facts",
                    builds.ours_s,
                    "s",
                    BUILD_TARGET_S,
                    f"mkdocs build --strict of both editions, reusing the last build's social cards as every build "
                    f"after the first does (best of {len(builds.ours)})",
                )
            )
            rows.append(
                Row(
                    f"First build at {_count(size)} facts",
                    builds.first.seconds,
                    "s",
                    None,
                    "the same from nothing: every social card drawn (a site's first build; reported)",
                )
            )
        for size, builds in self.builds.items():
            if builds.compared:
                rows.append(
                    Row(
                        f"Build at {_count(size)} facts",
                        builds.ratio,
                        "x",
                        1.0,
                        f"our English edition {builds.english_s:.1f} s ÷ plain Markdown + Material "
                        f"{builds.baseline_s:.1f} s (best of {len(builds.ours)}, mkdocs build --strict)",
                    )
                )
        for size, builds in self.builds.items():
            if builds.compared:
                rows.append(
                    Row(
                        f"Two editions at {_count(size)} facts",
                        builds.editions_ratio,
                        "x",
                        2.0,
                        f"English and Russian {builds.ours_s:.1f} s ÷ English alone {builds.english_s:.1f} s "
                        f"(best of {len(builds.ours)}, one mkdocs build --strict)",
                    )
                )
        measured = sorted(self.builds)
        for smaller, larger in itertools.pairwise(measured):
            rows.append(
                Row(
                    f"Scaling {_count(larger)} ÷ {_count(smaller)}",
                    self.builds[larger].ours_s / self.builds[smaller].ours_s,
                    "x",
                    1.1 * larger / smaller,
                    f"our build {self.builds[larger].ours_s:.1f} s ÷ {self.builds[smaller].ours_s:.1f} s "
                    f"({larger / smaller:.0f}x the facts; the target allows 10% over linear)",
                )
            )
        for size, builds in self.builds.items():
            english = builds.summary()["english_peak_group_mb"]
            rows.append(
                Row(
                    f"Memory at {_count(size)} facts",
                    builds.peak_group_mb,
                    "MB",
                    MEMORY_TARGET_MB,
                    f"peak of the build's summed PSS over all its processes (both editions, card drawers, search "
                    f"indexer), sampled every 0.2 s, worst run; largest single process {builds.peak_rss_mb:.0f} MB"
                    + (f"; English alone {english:.0f} MB" if builds.compared else ""),
                )
            )
        rows += self.browser_rows(large) + self.live_rows(self.live_size) + self.link_rows(small)
        return rows

    def browser_rows(self, large: int) -> list[Row]:
        if self.browser is None:
            return []
        rows = []
        figures = self.browser
        timeline = figures.timeline
        rows.append(
            Row(
                f"Timeline first view at {_count(large)}",
                timeline.total(timeline.page) / 1000,
                "KB gz",
                150.0,
                f"HTML and data the page loads ({', '.join(p for p, _ in timeline.page)}); without theme assets",
            )
        )
        fact = figures.fact_page
        rows.append(
            Row(
                f"Fact page at {_count(large)}",
                fact.total(fact.page) / 1000,
                "KB gz",
                30.0,
                f"the heaviest fact page ({figures.fact_path}) and what it loads; without theme assets",
            )
        )
        theme = [entry for entry in timeline.shared if entry[0].startswith("assets/")]
        site_wide = ", ".join(f"{p} {size / 1000:.1f} KB" for p, size in timeline.shared if not p.startswith("assets/"))
        rows.append(
            Row(
                f"Shared files at {_count(large)}",
                timeline.total(timeline.shared) / 1000,
                "KB gz",
                None,
                f"loaded by every page, cached after the first: {len(theme)} theme assets (CSS, JS, icons) "
                f"{timeline.total(theme) / 1000:.1f} KB" + (f"; {site_wide}" if site_wide else ""),
            )
        )
        search = figures.search
        rows.append(
            Row(
                f"Search payload at {_count(large)}",
                search.download.total(search.download.search) / 1000,
                "KB gz",
                SEARCH_TARGET_KB,
                "fetched, cold, from opening the home page to the first result: "
                + ", ".join(p for p, _ in search.download.search),
            )
        )
        settled = [t.settled_ms for t in search.timings]
        first = [t.first_result_ms for t in search.timings]
        rows.append(
            Row(
                f"Search latency at {_count(large)}",
                median(settled),
                "ms",
                500.0,
                f"last keystroke → results shown, median of {len(settled)} typed queries (max {max(settled):.0f} ms; "
                f"first keystroke → first row: median {median(first):.0f} ms)",
            )
        )
        return rows

    def live_rows(self, size: int) -> list[Row]:
        if self.live is None:
            return []
        rows = []
        full = self.builds[size].ours_s
        rebuild = min(self.live.rebuilds_s)
        rows.append(
            Row(
                f"Live editing at {_count(size)}",
                rebuild / full,
                "x",
                0.5,
                f"save → changed page served {rebuild:.1f} s (best of {len(self.live.rebuilds_s)}) ÷ full build "
                f"{full:.1f} s; mkdocs serve as make serve runs it",
            )
        )
        rows.append(
            Row(
                f"Serve's first page at {_count(size)}",
                self.live.first_build_s,
                "s",
                None,
                "from starting mkdocs serve, with no site built before, to the first fact page served; "
                "the social cards are drawn behind it (reported)",
            )
        )
        rows.append(
            Row(
                f"Serve's memory at {_count(size)}",
                self.live.peak_group_mb,
                "MB",
                None,
                "peak of the server's summed PSS over its processes, from its start through the edits, "
                f"sampled every 0.2 s; largest single process {self.live.peak_rss_mb:.0f} MB (reported)",
            )
        )
        rows.append(
            Row(
                f"Edit to page at {_count(size)}",
                rebuild,
                "s",
                EDIT_TARGET_S,
                f"the same edits: save → the served page shows the change (best of {len(self.live.rebuilds_s)}); "
                "--live-size chooses the size",
            )
        )
        return rows

    def link_rows(self, small: int) -> list[Row]:
        if self.links is None:
            return []
        rows = []
        rows.append(
            Row(
                f"Link check at {_count(small)}",
                self.links.seconds,
                "s",
                30.0,
                f"{self.links.how} ({', '.join(f'{s:.1f}' for s in self.links.runs)} s); "
                f"{self.links.problems} problems found",
                strict=True,
            )
        )
        return rows

    def details(self) -> dict[str, Any]:
        details: dict[str, Any] = {
            "sizes": self.sizes,
            "seed": self.args.seed,
            "validation": {str(size): v.summary() for size, v in self.validations.items()},
            "builds": {str(size): b.summary() for size, b in self.builds.items()},
        }
        if self.browser:
            details["browser"] = {
                "timeline": self.browser.timeline.summary(),
                "fact_page": {"path": self.browser.fact_path, **self.browser.fact_page.summary()},
                "search_download": self.browser.search.download.summary(),
                "search_queries": [t.__dict__ for t in self.browser.search.timings],
            }
        if self.live:
            details["live_edit"] = self.live.__dict__
        if self.links:
            details["link_check"] = self.links.__dict__
        return details


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError("sizes are positive numbers separated by commas, e.g. 1000,10000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 10000, 100000],
        help="fact counts (default 1000,10000,100000, the sizes the targets are set for)",
    )
    parser.add_argument("--live-size", type=int, help="the size live editing is timed at (default the smallest)")
    parser.add_argument("--repeat", type=int, default=5, help="validation runs per side (default 5)")
    parser.add_argument(
        "--build-repeat", type=int, default=0, help="builds per side (default 3 up to 1,000 facts, 1 above)"
    )
    parser.add_argument("--edits", type=int, default=2, help="fact edits timed under mkdocs serve (default 2)")
    parser.add_argument("--link-repeat", type=int, default=3, help="link checks of the smaller site (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic facts (default 1)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmark-results", help="where the JSON and Markdown go")
    parser.add_argument(
        "--results",
        type=Path,
        default=REPO / "docs-dev" / "benchmark-results.md",
        help="the generated results page the documentation links to (default docs-dev/benchmark-results.md)",
    )
    parser.add_argument("--keep", type=Path, help="keep the scratch projects and sites in this (new) folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument(
        "--before",
        type=Path,
        help="results page whose figures are shown beside the new ones (default: --results as it is)",
    )
    args = parser.parse_args(argv)
    if args.live_size and args.live_size not in args.sizes:
        parser.error("--live-size must be one of --sizes")
    before = read_before(args.before or args.results)
    # A terminated run still stops its builds, server and browser (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    about = machine.describe(REPO)
    print("\n".join(machine_lines(about)), flush=True)
    if args.keep:
        args.keep.mkdir(parents=True)
        scratch = args.keep
        benchmark = Benchmark(args, scratch, about)
        benchmark.run()
    else:
        with tempfile.TemporaryDirectory(prefix="factsite-bench-") as folder:
            benchmark = Benchmark(args, Path(folder), about)
            benchmark.run()
    about["load at end (1/5/15 min)"] = machine.load()
    rows = benchmark.rows()
    print()
    print(text_table(rows))
    print("\n" + "\n".join(machine_lines(about)))
    command = " ".join(["python -m benchmarks", *(sys.argv[1:] if argv is None else argv)])
    for path in [
        *write(args.out, rows, about, benchmark.details()),
        write_results(args.results, rows, about, command, args.sizes, before),
    ]:
        print(f"written: {path}")
    failed = [row.figure for row in rows if row.passed is False]
    print(
        f"\n{len(rows) - len(failed)} of {len(rows)} rows within target"
        + (f"; not met: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed and args.strict else 0
