"""Shared fixtures: the repository, a pinned "today", and a runner for the CLI."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factsite.cli import run

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"
TODAY = dt.date(2026, 12, 4)
"""Every check in the tests runs as of this day, so results never depend on the clock."""


@pytest.fixture
def repo() -> Path:
    return REPO


def mkdocs_build(
    project: Path, site: Path, *extra: str, generator: str = "mkdocs", **env: str
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or `generator`'s, e.g. ProperDocs) of `project` into `site`,
    as of TODAY, with `env` on top."""
    environment = {
        **os.environ,
        "FACTSITE_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


CliRunner = Callable[..., tuple[int, str]]


@pytest.fixture
def run_cli() -> CliRunner:
    """Run ``factsite`` in-process with `args`; return (exit code, output)."""

    def runner(*args: str | Path) -> tuple[int, str]:
        out = io.StringIO()
        code = run([str(a) for a in args], out=out)
        return code, out.getvalue()

    return runner


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project's inputs and site config, safe to break."""
    for name in ("facts", "vocab", "docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
