"""Read the files of a project folder as they are at a git ref, and when each last changed.

Review compares a pull request with its base branch. The base is read with git
plumbing (``rev-parse``, ``ls-tree``, ``cat-file --batch``), so nothing is checked out
and the working tree, the index and HEAD are never touched: a contributor's unsaved
work is safe, and the check runs the same on a CI clone and on a laptop. The feeds
date each entry by the commit that last changed its file (`last_commit_times`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """The ref or the repository cannot be read; adapters report it as a usage error."""


@dataclass(frozen=True)
class TreeFiles:
    """The regular files under some folders at one commit, keyed by '/'-separated path."""

    ref: str
    commit: str
    files: dict[str, bytes]

    @property
    def label(self) -> str:
        """The ref as given and the short commit, e.g. ``origin/main (1a2b3c4)``."""
        return f"{self.ref} ({self.commit[:7]})"


def read_tree(root: Path, ref: str, folders: Sequence[str]) -> TreeFiles:
    """The files under `folders` (relative to `root`) at `ref`, read without a checkout.

    Paths are relative to `root`, which may be a sub-folder of the repository. Symbolic
    links and submodules are left out: the working-tree check reports those.
    """
    if ref.startswith("-") or not ref.strip():
        raise GitError(f"'{ref}' is not a git ref")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", missing_ref=ref).decode().strip()
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", *folders)
    wanted: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):
            wanted.append((name.decode("utf-8", errors="surrogateescape"), oid))
    blobs = _cat_blobs(root, [oid for _, oid in wanted])
    files = {path: blobs[oid] for path, oid in sorted(wanted)}
    return TreeFiles(ref, commit, files)


def head_commit(root: Path) -> str | None:
    """The commit HEAD names, or ``None`` without git (or before the first commit)."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "HEAD").decode().strip()
    except GitError:
        return None


def last_commit_times(root: Path, folder: str) -> dict[str, int] | None:
    """When the last commit that changed each file under `folder` was made, in seconds since
    the epoch (its committer time), keyed by path relative to `root`; ``None`` without git.

    One ``git log`` reads the whole history of the folder, newest first, so the first
    commit that names a file is its last change; the cost stays one process at 10,000
    files. The answer depends only on the history: the same commits give the same times.
    Files never committed are missing, and a file's uncommitted edits do not count.
    """
    try:
        out = _git(
            root,
            "-c",
            "core.quotePath=false",
            "log",
            "--format=@%ct",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            folder,
        )
    except GitError:
        return None
    times: dict[str, int] = {}
    when = 0
    for line in out.decode("utf-8", errors="surrogateescape").splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:
            times.setdefault(line, when)
    return times


def _cat_blobs(root: Path, oids: Sequence[str]) -> dict[str, bytes]:
    if not oids:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in oids).encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for oid in oids:
        header_end = out.index(b"\n", at)
        _, _, size = out[at:header_end].decode().split()
        start = header_end + 1
        blobs[oid] = out[start : start + int(size)]
        at = start + int(size) + 1
    return blobs


def _git(root: Path, *args: str, stdin: bytes | None = None, missing_ref: str | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed; comparing with a base ref needs it")
    if not root.is_dir():
        raise GitError(f"{root} is not a folder")
    result = subprocess.run([git, *args], cwd=root, input=stdin, capture_output=True, check=False, env=_environment())
    if result.returncode == 0:
        return result.stdout
    message = result.stderr.decode(errors="replace").strip()
    if "not a git repository" in message:
        raise GitError(f"{root} is not inside a git repository")
    if missing_ref is not None:
        raise GitError(
            f"'{missing_ref}' is not a commit in this repository; fetch it first "
            "(for example `git fetch origin main`, then --base origin/main)"
        )
    raise GitError(f"git {args[0]} failed: {message.splitlines()[-1] if message else result.returncode}")


_LOCATING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
"""Variables that point git at another repository (a git hook sets some): `root` decides."""


def _environment() -> dict[str, str]:
    """The caller's environment with git's messages in English, so they can be recognised."""
    kept = {key: value for key, value in os.environ.items() if key not in _LOCATING}
    return {**kept, "LC_ALL": "C", "LANGUAGE": "C", "GIT_OPTIONAL_LOCKS": "0"}


def changed_files(root: Path) -> frozenset[str] | None:
    """The files under `root` that differ from git's HEAD, new ones included, relative to `root`.

    These are the contributor's own, whose problems are printed first and in full. None
    when there is nothing to compare with (no git, not a repository, no commit yet): then
    every file counts as the contributor's.
    """
    try:
        changed = _git(root, "diff", "--name-only", "-z", "--relative", "HEAD", "--")
        new = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    except GitError:
        return None
    names = (changed + b"\0" + new).split(b"\0")
    return frozenset(name.decode("utf-8", errors="surrogateescape") for name in names if name)
