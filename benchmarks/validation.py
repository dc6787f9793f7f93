"""Validation against its floor: our whole check versus bare libyaml over the same files.

Each measurement is a fresh Python process, as a ``factsite check`` or a build is, and
times only the call (imports excluded, first-call setup such as compiling the schema
included). The floor reads and parses every fact file with ``yaml.load(...,
Loader=yaml.CLoader)`` and nothing else; ours is ``check_project``, the one entry point
the command line and the MkDocs hook share, reading the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import best, interleave, median, python_json
from benchmarks.synthetic import TODAY

FLOOR = """
import json, time, yaml
from pathlib import Path
root = Path({root!r})
start = time.perf_counter()
files = sorted((root / "facts").glob("*.yml"))
documents = [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CLoader) for path in files]
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "files": len(documents)}}))
"""

OURS = """
import datetime, json, time
from pathlib import Path
from factsite.pipeline import Layout, check_project
root = Path({root!r})
start = time.perf_counter()
result = check_project(Layout.of(root), today=datetime.date.fromisoformat({today!r}))
seconds = time.perf_counter() - start
report = result.report
print(json.dumps({{"seconds": seconds, "facts": len(result.facts), "errors": len(report.errors),
                  "warnings": len(report.warnings)}}))
"""


@dataclass(frozen=True)
class Validation:
    ours: list[float]
    floor: list[float]
    facts: int
    errors: int
    warnings: int

    @property
    def ratio(self) -> float:
        return best(self.ours) / best(self.floor)

    def summary(self) -> dict[str, object]:
        return {
            "ours_best_s": best(self.ours),
            "ours_median_s": median(self.ours),
            "floor_best_s": best(self.floor),
            "floor_median_s": median(self.floor),
            "ratio_of_best": self.ratio,
            "ratio_of_medians": median(self.ours) / median(self.floor),
            "runs": len(self.ours),
            "facts": self.facts,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def measure_validation(project: Path, logs: Path, repeat: int, timeout: float) -> Validation:
    ours: list[float] = []
    floor: list[float] = []
    found: dict[str, float] = {}
    # One unmeasured floor pass first, so both sides read the files from the page cache.
    python_json(FLOOR.format(root=str(project)), project, timeout, logs / "validation-warmup.log")

    def run_floor() -> None:
        floor.append(
            python_json(FLOOR.format(root=str(project)), project, timeout, logs / "validation-floor.log")["seconds"]
        )

    def run_ours() -> None:
        result = python_json(
            OURS.format(root=str(project), today=TODAY.isoformat()), project, timeout, logs / "validation-ours.log"
        )
        ours.append(result["seconds"])
        found.update(result)

    interleave(repeat, run_floor, run_ours)
    return Validation(ours, floor, int(found["facts"]), int(found["errors"]), int(found["warnings"]))
