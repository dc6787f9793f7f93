"""Time from saving a fact file to the rebuilt page under ``mkdocs serve``, against a full build.

    .venv/bin/python scripts/live_edit.py PROJECT_DIR [--plain]

PROJECT_DIR is a project with facts (``site_benchmark.py --keep DIR`` makes one). Runs
``mkdocs build`` once for the full-build time, then ``mkdocs serve --dirty`` (as ``make
serve``; ``--plain`` drops ``--dirty``), edits the title of the first fact and polls its
page every 50 ms until the new title is served. Restores the file afterwards.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ENV = {**os.environ, "FACTSITE_TODAY": "2026-11-28", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, needle: str, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8"):
                    return time.monotonic()
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{needle!r} never appeared at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--plain", action="store_true", help="serve without --dirty")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        start = time.monotonic()
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", scratch]
        subprocess.run(command, cwd=args.project, env=ENV, check=True)
        full = time.monotonic() - start
    fact = sorted((args.project / "facts").glob("*.yml"))[0]
    original = fact.read_text(encoding="utf-8")
    port = _port()
    flags = [] if args.plain else ["--dirty"]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=args.project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/facts/{fact.stem}/"
        _wait(url, "livereload", 1200)
        time.sleep(2)  # let the watcher settle after the first build
        lines = original.splitlines(keepends=True)
        edited = "".join("title: Edited while serving\n" if line.startswith("title:") else line for line in lines)
        saved = time.monotonic()
        fact.write_text(edited, encoding="utf-8")
        shown = _wait(url, "Edited while serving", 1200)
    finally:
        server.terminate()
        server.wait(timeout=30)
        fact.write_text(original, encoding="utf-8")
    edit = shown - saved
    mode = "serve" if args.plain else "serve --dirty"
    print(f"full build: {full:.1f} s; {mode}, save to page: {edit:.1f} s ({edit / full:.2f} of a full build)")


if __name__ == "__main__":
    main()
