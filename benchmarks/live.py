"""Live editing: ``mkdocs serve`` as ``make serve`` runs it, one fact file saved, the page rebuilt.

The server starts on the scratch project, and its first build is awaited (the fact page
is served). Then one fact's title is changed on disk, and the clock runs from just
before the save until the served fact page shows the new title, polled every 50 ms.
The server is always stopped, even on failure.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import PeakMemory, environment, stop


@dataclass(frozen=True)
class LiveEdit:
    first_build_s: float
    """From starting ``mkdocs serve`` to the fact page being served."""
    rebuilds_s: list[float]
    """From each save to the changed page being served."""
    peak_group_mb: float = 0.0
    """The server's memory while it built and rebuilt: the peak of its processes' summed PSS."""
    peak_rss_mb: float = 0.0
    """The largest resident set of one of its processes (the server itself)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(
    url: str, needle: str, timeout: float, server: subprocess.Popen[bytes], interval: float, memory: PeakMemory
) -> float:
    """Poll `url` until it holds `needle`; returns the moment it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if needle in _fetch(url):
            return time.perf_counter()
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({server.returncode}) before {url} showed {needle!r}")
        memory.sample()
        time.sleep(interval)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout:.0f} s")


SERVE_FLAGS = ("--dirty",)
"""The flags ``make serve`` passes (a test holds the two together)."""


def measure_live_edit(project: Path, fact_id: str, log: Path, edits: int, timeout: float) -> LiveEdit:
    port = _free_port()
    fact = project / "facts" / f"{fact_id}.yml"
    original = fact.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/facts/{fact_id}/"
    with log.open("wb") as out:
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        memory = PeakMemory(server.pid)
        try:
            first = _wait_for(url, "livereload", timeout, server, 0.25, memory) - start
            _settle(memory)  # let the watcher settle after the first build
            rebuilds = []
            for number in range(1, edits + 1):
                marker = f"Edited while serving {number}"
                text = original.replace("\ntitle: ", f"\ntitle: {marker} ", 1)
                saved = time.perf_counter()
                fact.write_text(text, encoding="utf-8")
                rebuilds.append(_wait_for(url, marker, timeout, server, 0.05, memory) - saved)
                _settle(memory)
        finally:
            stop(server)
            fact.write_text(original, encoding="utf-8")
    return LiveEdit(first, rebuilds, memory.summed_mb, memory.largest_mb)


def _settle(memory: PeakMemory, seconds: float = 2) -> None:
    """Wait `seconds` with the server left alone, its memory still sampled."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        memory.sample()
        time.sleep(0.1)
