"""Timing child processes: wall time and peak memory, always cleaned up.

A build works in several processes at once (the Russian edition beside the English one,
card drawers, the search indexer), so its whole process group is sampled every
`SAMPLE_S`: the peak of the summed proportional set size (PSS: a page shared by n
processes counts 1/n in each, so what a fork shares is counted once), and the largest
resident set of a single process. Not ``ru_maxrss`` from wait4: Linux carries the
high-water mark of the process that started a child across the exec, so every child of
this benchmark reported at least the benchmark's own peak (2.85 GB at 100,000 facts, when
the build's own largest process held under 1 GB).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import TODAY

ENV = {
    "FACTSITE_TODAY": TODAY.isoformat(),
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
}


def environment() -> dict[str, str]:
    return {**os.environ, **ENV}


SAMPLE_S = 0.2
"""How often a measured run's process group is sampled for its memory."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    """The largest resident set of a single process of the group, sampled every `SAMPLE_S`, in MB of 10^6 bytes."""
    output: str
    peak_group_mb: float = 0.0
    """The peak of the process group's summed PSS, sampled every `SAMPLE_S` (0 where /proc has no PSS)."""


def group_memory_mb(group: int) -> tuple[float, float]:
    """The summed PSS of the live processes of process group `group`, and their largest RSS (MB of 10^6 bytes)."""
    total_kb = largest_kb = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[2]) != group:  # field 5, after "pid (comm) state ppid"
                continue
            for line in Path(entry.path, "smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    largest_kb = max(largest_kb, int(line.split()[1]))
                elif line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break  # Rss comes first
        except (OSError, ValueError):
            continue  # gone meanwhile, or not ours to read
    return total_kb * 1024 / 1e6, largest_kb * 1024 / 1e6


@dataclass
class PeakMemory:
    """The peak memory of process group `group` so far: `sample` it as often as you like, it reads
    /proc at most every `SAMPLE_S`."""

    group: int
    summed_mb: float = 0.0
    """The peak summed PSS (`group_memory_mb`)."""
    largest_mb: float = 0.0
    """The peak RSS of a single process."""
    _next: float = 0.0

    def sample(self) -> None:
        now = time.perf_counter()
        if now >= self._next:
            summed, largest = group_memory_mb(self.group)
            self.summed_mb, self.largest_mb = max(self.summed_mb, summed), max(self.largest_mb, largest)
            self._next = now + SAMPLE_S


class ChildFailed(RuntimeError):
    pass


def run_measured(args: Sequence[str], cwd: Path, timeout: float, log: Path) -> Run:
    """Run `args` with output to `log`, returning wall time and the peak memory of it and its children."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(args), cwd=cwd, env=environment(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        memory = PeakMemory(process.pid)
        try:
            deadline = start + timeout
            while True:
                pid, status = os.waitpid(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{' '.join(args)} took over {timeout:.0f} s")
                memory.sample()
                time.sleep(0.02)
        except BaseException:
            stop(process)
            raise
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise ChildFailed(f"{' '.join(args)} failed ({process.returncode}):\n{text[-4000:]}")
    return Run(seconds, memory.largest_mb, text, memory.summed_mb)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a child and anything it started (its own session), politely first."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def python_json(code: str, cwd: Path, timeout: float, log: Path) -> dict[str, float]:
    """Run `code` in a fresh Python; it prints one JSON object last, which is returned."""
    run = run_measured([sys.executable, "-c", code], cwd, timeout, log)
    result: dict[str, float] = json.loads(run.output.strip().splitlines()[-1])
    return result


def best(values: Sequence[float]) -> float:
    return min(values)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def interleave(count: int, *steps: Callable[[], None]) -> None:
    """Run the steps in turn, `count` rounds, so slow phases of a shared machine hit both sides alike."""
    for _ in range(count):
        for step in steps:
            step()
