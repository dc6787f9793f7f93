"""Lint and type checks, so that style and typing are enforced like behaviour."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "src", "hooks", "tests", "benchmarks", "gates")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run("ruff", "format", "--check", "--no-cache", "src", "hooks", "tests", "benchmarks", "gates")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes_on_the_core() -> None:
    result = _run("mypy", "--cache-dir", "/dev/null" if sys.platform != "win32" else "nul")
    assert result.returncode == 0, result.stdout + result.stderr
