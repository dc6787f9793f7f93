"""A smoke run of the benchmark (``make bench``) at 100 facts: every figure is produced.

Whether the figures meet their targets is the benchmark's own business (at 1,000 and
10,000 facts, on a quiet machine); here it only has to run end to end, offline, and
print a positive number for each row.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TODAY

from benchmarks.live import SERVE_FLAGS
from benchmarks.measure import run_measured
from benchmarks.report import Row, read_before, write_results
from benchmarks.synthetic import TODAY as BENCH_TODAY
from benchmarks.synthetic import dump, synthetic_facts
from factsite.pipeline import Layout, check_project

FIGURES = [
    "Validation at 50 facts",
    "Validation at 100 facts",
    "Build time at 50 facts",
    "First build at 50 facts",
    "Build time at 100 facts",
    "First build at 100 facts",
    "Build at 50 facts",
    "Build at 100 facts",
    "Two editions at 50 facts",
    "Two editions at 100 facts",
    "Scaling 100 ÷ 50",
    "Memory at 50 facts",
    "Memory at 100 facts",
    "Timeline first view at 100",
    "Fact page at 100",
    "Shared files at 100",
    "Search payload at 100",
    "Search latency at 100",
    "Live editing at 50",
    "Serve's first page at 50",
    "Serve's memory at 50",
    "Edit to page at 50",
    "Link check at 50",
]


def test_live_editing_is_timed_with_the_flags_make_serve_uses() -> None:
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert f"mkdocs serve {' '.join(SERVE_FLAGS)} " in recipe


def test_a_child_s_memory_is_its_own_not_the_benchmark_s(tmp_path: Path) -> None:
    """A child that holds 60 MB is measured near 60 MB while this process holds 300 MB more
    (wait4's ru_maxrss would start from this process's high-water mark)."""
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"\1" * len(held[::4096])  # touched: resident
    child = "import time; data = bytearray(60_000_000); data[::4096] = b'1' * len(data[::4096]); time.sleep(1.5)"
    run = run_measured([sys.executable, "-c", child], tmp_path, 30, tmp_path / "child.log")
    del held
    assert 60 <= run.peak_rss_mb < 200, run
    assert 60 <= run.peak_group_mb < 200, run


def test_results_page_shows_each_figure_beside_the_run_it_replaces(tmp_path: Path) -> None:
    page = tmp_path / "results.md"
    about = {"date": "2026-12-01 10:00 UTC", "code": "main abc1234"}
    old = [Row("Build time at 1,000 facts", 20.0, "s", 720.0, "how | with a bar"), Row("Gone", 1.0, "x", 2.0, "")]
    write_results(page, old, about, "python -m benchmarks --sizes 1000", [1000])
    before = read_before(page)
    assert before is not None and before.measured == {"Build time at 1,000 facts": "20.0 s", "Gone": "1.00 x"}
    new = [
        Row("Build time at 1,000 facts", 12.5, "s", 720.0, "how"),
        Row("Memory at 1,000 facts", 90.0, "MB", 1536.0, ""),
    ]
    write_results(page, new, {**about, "code": "main def5678"}, "python -m benchmarks", [1000], before)
    text = page.read_text(encoding="utf-8")
    assert "| Figure | Measured | Before | Target | Result | How |" in text
    assert "| Build time at 1,000 facts | 12.5 s | 20.0 s | ≤ 720 s | pass | how |" in text
    assert "| Memory at 1,000 facts | 90.0 MB | - | ≤ 1,536 MB | pass |  |" in text, "a new row has no before"
    assert (
        "Before: the figures of the run this page replaced, `python -m benchmarks --sizes 1000` at main abc1234" in text
    )
    assert read_before(tmp_path / "missing.md") is None


def test_synthetic_facts_pass_the_check_and_are_reproducible(tmp_path: Path) -> None:
    assert BENCH_TODAY == TODAY
    real = sorted(path.stem for path in (REPO / "facts").glob("*.yml"))
    facts = synthetic_facts(REPO, 60, seed=3, existing=real)
    assert [dump(f) for _, f in facts] == [dump(f) for _, f in synthetic_facts(REPO, 60, seed=3, existing=real)]
    (tmp_path / "facts").mkdir()
    for fact_id, fact in facts:
        (tmp_path / "facts" / f"{fact_id}.yml").write_text(dump(fact), encoding="utf-8")
    for path in (REPO / "facts").glob("*.yml"):
        (tmp_path / "facts" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = check_project(Layout(tmp_path, (tmp_path / "facts",), REPO / "vocab"), today=TODAY)
    synthetic = {f"facts/{fact_id}.yml" for fact_id, _ in facts}
    assert result.report.errors == []
    assert [p for p in result.report.warnings if p.path in synthetic] == []
    assert any("related" in fact for _, fact in facts)
    assert all(source.get("archive_url") for _, fact in facts for source in fact["sources"])


def test_benchmark_smoke_run_produces_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "out"
    quick = ["--sizes", "50,100", "--repeat", "1", "--build-repeat", "1", "--edits", "1", "--link-repeat", "1"]
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks", *quick, "--out", str(out), "--results", str(out / "results.md")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        process.terminate()  # the benchmark stops its own builds, server and browser on SIGTERM
        stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"the smoke run took over 900 s:\n{stderr[-3000:]}")
    assert process.returncode == 0, stdout[-3000:] + stderr[-5000:]
    data = json.loads((out / "benchmark.json").read_text(encoding="utf-8"))
    rows = {row["figure"]: row for row in data["rows"]}
    assert list(rows) == FIGURES
    for name, row in rows.items():
        assert math.isfinite(row["value"]) and row["value"] > 0, (name, row)
        assert name in stdout
    assert data["details"]["link_check"]["problems"] == 0, stdout
    assert data["details"]["link_check"]["runs"] == [rows["Link check at 50"]["value"]]  # --link-repeat 1
    for key in ("cpu", "cores", "memory", "python", "load at start (1/5/15 min)", "load at end (1/5/15 min)"):
        assert data["machine"][key], key
    assert "| Figure | Measured | Target | Result | How |" in (out / "benchmark.md").read_text(encoding="utf-8")
    results = (out / "results.md").read_text(encoding="utf-8")
    assert "Not yet measured at full size" in results and "| Validation at 50 facts |" in results
    assert f"- code: {data['machine']['code']}" in results
