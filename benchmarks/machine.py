"""The machine a run was measured on, printed with the table: timings mean little without it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def describe(repo: Path) -> dict[str, str]:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kb) / 1024**2:.1f} GiB" if memory_kb.isdigit() else "unknown"
    dirty = " (with uncommitted changes)" if _git(repo, "status", "--porcelain") else ""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs-material": metadata.version("mkdocs-material"),
        "code": f"{_git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')} {_git(repo, 'rev-parse', '--short', 'HEAD')}"
        + dirty,
        "load at start (1/5/15 min)": load(),
    }
