"""The table: each figure with its measured value, target and verdict, as text, Markdown and JSON."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    figure: str
    value: float
    unit: str
    target: float | None
    """None for a figure reported without a target (shared theme assets)."""
    how: str
    strict: bool = False
    """The target is ``<`` rather than ``<=``."""

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.value < self.target if self.strict else self.value <= self.target

    def cells(self) -> list[str]:
        verdict = {True: "pass", False: "FAIL", None: "-"}[self.passed]
        target = "-" if self.target is None else f"{'<' if self.strict else '≤'} {_number(self.target)} {self.unit}"
        return [self.figure, f"{_number(self.value)} {self.unit}".strip(), target.strip(), verdict, self.how]


def _number(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


HEADER = ["Figure", "Measured", "Target", "Result", "How"]


def text_table(rows: list[Row]) -> str:
    table = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER) - 1)]
    lines = []
    for line in table:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])
    lines.insert(1, "  ".join("-" * width for width in widths) + "  " + "-" * 3)
    return "\n".join(lines)


def markdown_table(rows: list[Row], before: dict[str, str] | None = None) -> str:
    """The rows as a Markdown table; with `before`, each figure's earlier value beside the new one."""
    header = HEADER if before is None else [*HEADER[:2], "Before", *HEADER[2:]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = row.cells()
        if before is not None:
            cells.insert(2, before.get(row.figure, "-"))
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def machine_lines(machine: dict[str, str]) -> list[str]:
    return [f"{key}: {value}" for key, value in machine.items()]


def write(out: Path, rows: list[Row], machine: dict[str, str], details: dict[str, Any]) -> list[Path]:
    """``benchmark.json`` (every figure and the raw measurements) and ``benchmark.md`` in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine, "rows": [{**asdict(row), "passed": row.passed} for row in rows], "details": details}
    json_path = out / "benchmark.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path = out / "benchmark.md"
    machine_md = "\n".join(f"- {line}" for line in machine_lines(machine))
    md_path.write_text(f"{markdown_table(rows)}\n\n{machine_md}\n", encoding="utf-8")
    return [json_path, md_path]


FULL_SIZES = (1000, 10000, 100000)
"""The sizes the targets are set for; a run at other sizes is marked as a smoke run."""


@dataclass(frozen=True)
class Before:
    """The figures of the results page a run replaces, shown beside the new ones."""

    measured: dict[str, str]
    """Each figure's measured cell, as that page printed it."""
    source: str
    """Which run they are: that page's command, commit and date."""


def read_before(path: Path) -> Before | None:
    """The figures of an earlier results page (`write_results`), or None when there is none to read."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = next((line for line in lines if line.startswith("| Figure |")), None)
    if header is None:
        return None
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    at = columns.index("Measured")
    measured = {}
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        measured[cells[0]] = cells[at]
    about = {key: value for key, _, value in (line[2:].partition(": ") for line in lines if line.startswith("- "))}
    command = next((line.split("`")[1] for line in lines if line.startswith("Command: `")), "")
    source = f"`{command}` at {about.get('code', '?')}, {about.get('date', '?')}"
    return Before(measured, source)


def write_results(
    path: Path, rows: list[Row], machine: dict[str, str], command: str, sizes: list[int], before: Before | None = None
) -> Path:
    """The one file of measured figures the documentation links to (``docs-dev/benchmark-results.md``).

    Generated, never edited by hand: it names the machine, the commit and the command, so a
    figure is never quoted without where it came from. Beside each figure stands the same
    figure from the page it replaces (`before`), "-" where that run had no such row.
    """
    full = tuple(sizes) == FULL_SIZES
    scope = (
        "A full run at the sizes the targets are set for."
        if full
        else f"**Not yet measured at full size:** this is a smoke run at {', '.join(f'{s:,}' for s in sizes)} facts, "
        f"which proves every figure is produced; the targets are set for "
        f"{', '.join(f'{s:,}' for s in FULL_SIZES)} facts (`make bench`)."
    )
    met = sum(1 for row in rows if row.passed)
    judged = sum(1 for row in rows if row.passed is not None)
    lines = [
        "# Benchmark results",
        "",
        "<!-- Generated by `make bench` (benchmarks/report.py); do not edit by hand. -->",
        "",
        scope,
        "",
        f"Command: `{command}`. {met} of {judged} targets met.",
        "",
        *([f"Before: the figures of the run this page replaced, {before.source}.", ""] if before is not None else []),
        markdown_table(rows, before.measured if before is not None else None),
        "",
        "Machine and code:",
        "",
        *(f"- {line}" for line in machine_lines(machine)),
        "",
        "What each row measures, and why: [performance.md](performance.md).",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
