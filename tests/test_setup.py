"""A contributor needs only Python and make: ``make install``, ``check`` and ``build`` work without Node.

Node and the browser tools are for ``make test`` alone, which says so when they are missing.
Runs on a copy of the project with every Node program hidden from PATH, reusing this
checkout's ``.venv`` (``VENV=``), so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, TODAY, commit_all

NODE = {"node", "nodejs", "npm", "npx", "corepack"}
PROJECT = ("facts", "vocab", "docs", "hooks", "overrides")
SETUP = ("mkdocs.yml", "Makefile", "requirements.txt", "pyproject.toml", "package.json", "package-lock.json")


@pytest.fixture
def without_node(tmp_path: Path) -> dict[str, str]:
    """The environment with PATH made of links to every program on it except Node's."""
    shims = tmp_path / "path"
    shims.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for program in sorted(os.listdir(folder)):
            target = shims / program
            if program not in NODE and not target.exists() and not target.is_symlink():
                target.symlink_to(os.path.join(folder, program))
    assert shutil.which("node", path=str(shims)) is None and shutil.which("npm", path=str(shims)) is None
    # A contributor's own make: not a sub-make of `make test`, which would print "Entering directory".
    outer = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
    env = {key: value for key, value in os.environ.items() if key not in outer}
    return {**env, "PATH": str(shims), "FACTSITE_TODAY": TODAY.isoformat()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in PROJECT:
        shutil.copytree(REPO / name, root / name)
    for name in SETUP:
        shutil.copy2(REPO / name, root / name)  # keeps the dates: the shared .venv stays up to date
    return root


def make(project: Path, env: dict[str, str], *targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", f"VENV={REPO / '.venv'}", *targets],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_install_check_and_build_work_without_node(project: Path, without_node: dict[str, str]) -> None:
    result = make(project, without_node, "install", "check", "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "index.html").is_file()
    assert not (project / "node_modules").exists()
    fresh = subprocess.run(  # what install would run in a fresh clone: no npm
        ["make", "-n", "install", f"VENV={project / 'fresh-venv'}"], cwd=project, capture_output=True, text=True
    )
    assert "pip install" in fresh.stdout and "npm" not in fresh.stdout


def test_make_test_says_what_is_missing_without_node(project: Path, without_node: dict[str, str]) -> None:
    result = make(project, without_node, "test")
    assert result.returncode != 0
    assert "make test needs Node 20 and npm" in result.stderr
    assert "No such file or directory" not in result.stderr


def test_make_check_starts_with_a_new_broken_files_errors(project: Path, without_node: dict[str, str]) -> None:
    commit_all(project)
    (project / "facts" / "2022-09-30--new-fact.yml").write_text('title: A new fact\ndate: "2022-09-31"\n')
    result = make(project, without_node, "check")
    assert result.returncode != 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("facts/2022-09-30--new-fact.yml:") and ": error: " in first, result.stdout
