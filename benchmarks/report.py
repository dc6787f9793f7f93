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


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in rows]
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
