"""The full link check of a built site, anchors included, timed from start to report.

It uses the project's link gate, ``factsite.quality.linkcheck.check_site``, when the
core has it; otherwise it runs linkchecker the way the tests do (tests/sitelinks.py),
with its ``AnchorCheck`` plugin added, over the site served on 127.0.0.1.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.browser import serve

CONFIG = """\
[checking]
maxrequestspersecond=1000
threads=10
[filtering]
ignore=
  ^https?://(?!127\\.0\\.0\\.1)
[AnchorCheck]
"""


@dataclass(frozen=True)
class LinkCheck:
    seconds: float
    problems: int
    """Broken links or anchors found (the benchmark reports them; the tests fail on them)."""
    how: str


def measure_link_check(site: Path, timeout: float) -> LinkCheck:
    try:
        gate = importlib.import_module("factsite.quality.linkcheck")
    except ImportError:
        gate = None
    if gate is not None and hasattr(gate, "check_site"):
        start = time.perf_counter()
        try:
            report = gate.check_site(site)
        except subprocess.TimeoutExpired:
            return LinkCheck(time.perf_counter() - start, -1, "factsite.quality.linkcheck.check_site: timed out")
        seconds = time.perf_counter() - start
        return LinkCheck(seconds, len(report.findings), "factsite.quality.linkcheck.check_site")
    with tempfile.TemporaryDirectory(prefix="bench-linkcheck-") as scratch:
        config = Path(scratch) / "linkcheckerrc"
        config.write_text(CONFIG, encoding="utf-8")
        Path(scratch).chmod(0o755)  # linkchecker run as root reads it after dropping to 'nobody'
        with serve(site) as url:
            start = time.perf_counter()
            try:
                result = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "linkcheck",
                        "--no-status",
                        "--no-robots",
                        "-f",
                        str(config),
                        "-o",
                        "csv",
                        url,
                    ],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                return LinkCheck(
                    time.perf_counter() - start, -1, f"linkchecker with AnchorCheck: gave up after {timeout:.0f} s"
                )
            seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed ({result.returncode}): {result.stderr[-2000:]}")
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    problems = 0 if result.returncode == 0 else max(1, len(rows) - 1)
    return LinkCheck(seconds, problems, "linkchecker with AnchorCheck (as tests/sitelinks.py)")
