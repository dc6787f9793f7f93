"""A scratch git repository holding a small project, for the review tests.

The base commit has three facts (`tests/review/base`); tests then change the working
tree and compare it with the ``main`` branch, as a pull request would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BASE = Path(__file__).parent / "review" / "base"

_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_AUTHOR_DATE": "2026-11-28T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-11-28T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str, **env: str) -> str:
    """Run git in `root` as the test user, with `env` on top (``GIT_COMMITTER_DATE``, say)."""
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    result = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, env={**inherited, **_ENV, **env}
    )
    return result.stdout


def make_repo(root: Path) -> Path:
    """Copy the base project into `root`, commit it on ``main``; return `root`."""
    shutil.copytree(BASE / "facts", root / "facts")
    shutil.copytree(BASE / "vocab", root / "vocab")
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) by `new` in `path`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
