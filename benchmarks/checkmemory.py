"""Where the check's memory goes: ``factsite check --all`` against the libyaml floor, and what it holds.

    python -m benchmarks.checkmemory PROJECT --label after [--src OLD/src] [--trace]

Each run is a fresh process over an existing project (``benchmarks.projects.write_project``
makes one). Rows are kept by project size and label in ``docs-dev/check-memory.json`` and
written out as ``docs-dev/check-memory.md``, so a run of the old code (``--src`` puts its
``src`` first on the path) and of the new one stand side by side. ``--trace`` adds what
tracemalloc sees in one more process (slower, so once per size): the check's traced peak,
what its result (the `Fact`s) holds, and the average bytes of one loaded document and of
one `Fact`, by part.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import environment, stop
from benchmarks.synthetic import TODAY
from benchmarks.validation import FLOOR, OURS

RESULTS = Path(__file__).resolve().parent.parent / "docs-dev" / "check-memory.md"

TRACE = """
import datetime, gc, json, sys, tracemalloc
from pathlib import Path
from factsite.files import find_fact_files, load_facts
from factsite.model import Fact
from factsite.pipeline import Layout, check_project
from factsite.schema import Verdict
from factsite.vocab import Term

root = Path({root!r})
SHARED = (type, Term, Verdict)


def deep(objects, parts, part_of):
    # Bytes of everything reachable from `objects`, once each, by part; shared vocabulary terms excluded.
    seen = set()
    stack = [(o, part_of(o, None)) for o in objects]
    while stack:
        obj, part = stack.pop()
        if id(obj) in seen or isinstance(obj, SHARED) or obj is None or obj is True or obj is False:
            continue
        seen.add(id(obj))
        parts[part] = parts.get(part, 0) + sys.getsizeof(obj)
        if not isinstance(obj, (str, bytes, int, float)):
            stack.extend((child, part_of(child, part)) for child in gc.get_referents(obj))
            if hasattr(obj, "__dict__"):  # an instance's dict, which get_referents may not name
                stack.append((obj.__dict__, part))


tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
result = check_project(Layout.of(root), today=datetime.date.fromisoformat({today!r}))
gc.collect()
held, peak = tracemalloc.get_traced_memory()
facts = result.facts
tracemalloc.stop()

fact_parts = {{}}
deep(facts, fact_parts, lambda o, part: "text" if isinstance(o, (str, bytes)) else "objects")

files, _ = find_fact_files([root / "facts"], root)
sample = load_facts(files[:: max(1, len(files) // 500)], root)
doc_parts = {{}}
for loaded in sample:
    doc = loaded.doc
    doc_parts["source text"] = doc_parts.get("source text", 0) + sys.getsizeof(doc.text)
    marks = getattr(doc, "marks", None)
    if marks is not None:
        seen_marks = {{}}
        deep([marks], seen_marks, lambda o, part: "positions")
        doc_parts["positions"] = doc_parts.get("positions", 0) + seen_marks.get("positions", 0)
    values = {{}}
    deep([doc.data], values, lambda o, part: "values")
    doc_parts["values"] = doc_parts.get("values", 0) + values.get("values", 0)

print(json.dumps({{
    "facts": len(facts),
    "traced_peak_mb": (peak - base) / 1e6,
    "traced_held_mb": (held - base) / 1e6,
    "fact_bytes": {{k: v / max(1, len(facts)) for k, v in sorted(fact_parts.items())}},
    "document_bytes": {{k: v / len(sample) for k, v in sorted(doc_parts.items())}},
}}))
"""


@dataclass(frozen=True)
class Child:
    seconds: float
    cpu_seconds: float
    """User and system CPU time: less disturbed than wall time by other work on a shared machine."""
    peak_rss_mb: float
    """The child's peak resident set (``ru_maxrss`` from wait4), in MB of 10^6 bytes."""
    output: str


def measured(args: list[str], cwd: Path, timeout: float) -> Child:
    """Run `args` as a fresh process: wall time, CPU time, peak RSS and its output.

    Exit status 1 is accepted: ``factsite check`` exits 1 when it finds errors, and is measured all the same.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    timer = threading.Timer(timeout, stop, (process,))
    timer.start()
    try:
        output = process.stdout.read() if process.stdout else b""
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        stop(process)
        raise
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = output.decode("utf-8", errors="replace")
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} failed ({process.returncode}):\n{text[-4000:]}")
    return Child(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / 1e6, text)


def last_json(child: Child) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(child.output.strip().splitlines()[-1])
    return found


@dataclass(frozen=True)
class Measurement:
    label: str
    facts: int
    check_s: float
    check_cpu_s: float
    check_rss_mb: float
    call_s: float
    """`check_project` alone, timed inside the process as the validation row times it."""
    floor_s: float
    floor_cpu_s: float
    floor_rss_mb: float
    runs: int
    load: tuple[float, float]
    """The machine's 1-minute load average before and after: the time figures' noise."""
    trace: dict[str, Any] | None = None


def measure(project: Path, label: str, repeat: int, timeout: float, trace: bool) -> Measurement:
    """Best of `repeat` runs of each, in turns: the check as a contributor runs it, and the floor."""
    facts = sum(1 for _ in (project / "facts").glob("*.yml"))
    load_before = os.getloadavg()[0]
    floor_code = FLOOR.format(root=str(project))
    measured([sys.executable, "-c", floor_code], project, timeout)  # warm the page cache for both
    ours_code = OURS.format(root=str(project), today=TODAY.isoformat())
    checks: list[Child] = []
    floors: list[Child] = []
    calls: list[Child] = []
    for _ in range(repeat):
        checks.append(measured([sys.executable, "-m", "factsite", "check", "--all"], project, timeout))
        floors.append(measured([sys.executable, "-c", floor_code], project, timeout))
        calls.append(measured([sys.executable, "-c", ours_code], project, timeout))
    traced = None
    if trace:
        traced = last_json(
            measured([sys.executable, "-c", TRACE.format(root=str(project), today=TODAY.isoformat())], project, timeout)
        )
    return Measurement(
        label=label,
        facts=facts,
        check_s=min(c.seconds for c in checks),
        check_cpu_s=min(c.cpu_seconds for c in checks),
        check_rss_mb=max(c.peak_rss_mb for c in checks),
        call_s=min(last_json(c)["seconds"] for c in calls),
        floor_s=min(last_json(f)["seconds"] for f in floors),
        floor_cpu_s=min(f.cpu_seconds for f in floors),
        floor_rss_mb=max(f.peak_rss_mb for f in floors),
        runs=repeat,
        load=(load_before, os.getloadavg()[0]),
        trace=traced,
    )


def markdown(rows: list[dict[str, Any]]) -> str:
    """The results page: one line per size and label, then what tracemalloc saw."""
    out = [
        "# Check memory",
        "",
        "Generated by `python -m benchmarks.checkmemory` (see [performance.md](performance.md)); do not edit.",
        "Times are the best of the runs on a shared 2-core machine (the load average is given: other",
        "builds ran alongside, so times are noisy); memory is the largest peak RSS of those runs.",
        "`factsite check --all` is the whole command (wall and CPU time of the process); `check_project`",
        "and the floor (every file's `yaml.load(..., Loader=yaml.CLoader)`, all held) are timed inside",
        "their processes, imports excluded, as the validation row of the benchmark times them.",
        "",
        "| Facts | Code | `factsite check --all` | CPU | Peak RSS | `check_project` | libyaml floor | CPU | Peak RSS "
        "| `check_project` ÷ floor | Load |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    ordered = sorted(rows, key=lambda r: (r["facts"], r["label"] != "before", r["label"]))
    for r in ordered:
        out.append(
            f"| {r['facts']:,} | {r['label']} | {r['check_s']:.1f} s | {r['check_cpu_s']:.1f} s | "
            f"{r['check_rss_mb']:,.0f} MB | {r['call_s']:.1f} s | {r['floor_s']:.1f} s | {r['floor_cpu_s']:.1f} s | "
            f"{r['floor_rss_mb']:,.0f} MB | {r['call_s'] / r['floor_s']:.2f} x | "
            f"{r['load'][0]:.1f}–{r['load'][1]:.1f} |"
        )
    traced = [r for r in ordered if r.get("trace")]
    if traced:
        out += [
            "",
            "What tracemalloc sees (one more run; Python allocations only, so below the RSS), per 10,000 facts:",
            "",
            "| Facts | Code | Traced peak of `check_project` | Held by its result (the `Fact`s) | "
            "One `Fact` | One loaded document |",
            "|---|---|---|---|---|---|",
        ]
        for r in traced:
            t = r["trace"]
            per = 10_000 / max(1, t["facts"] or r["facts"])
            out.append(
                f"| {r['facts']:,} | {r['label']} | {t['traced_peak_mb'] * per:,.0f} MB | "
                f"{t['traced_held_mb'] * per:,.0f} MB | {_parts(t['fact_bytes'])} | {_parts(t['document_bytes'])} |"
            )
    return "\n".join(out) + "\n"


def _parts(parts: dict[str, float]) -> str:
    total = sum(parts.values())
    return f"{total:,.0f} B (" + ", ".join(f"{name} {value:,.0f}" for name, value in parts.items()) + ")"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checkmemory", description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path, help="a synthetic project (facts/, vocab/)")
    parser.add_argument("--label", required=True, help="what code was measured: before, after")
    parser.add_argument("--src", type=Path, help="another checkout's src/, put first on the path (the old code)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--trace", action="store_true", help="also run once under tracemalloc")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.src:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(args.src.resolve()), os.environ.get("PYTHONPATH", "")])
    result = measure(args.project.resolve(), args.label, args.repeat, args.timeout, args.trace)
    store = args.results.with_suffix(".json")
    rows: list[dict[str, Any]] = json.loads(store.read_text(encoding="utf-8")) if store.exists() else []
    rows = [r for r in rows if (r["facts"], r["label"]) != (result.facts, result.label)]
    rows.append(asdict(result))
    rows.sort(key=lambda r: (r["facts"], r["label"]))
    store.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    args.results.write_text(markdown(rows), encoding="utf-8")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
