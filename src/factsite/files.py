"""Find fact files and load each into a `LoadedFact`: its id, data and positions.

Everything in a facts folder is accounted for: a fact file is ``<id>.yml``; anything
else (a stray README, a ``.yaml`` file, a link leading outside the folder) is reported,
never silently skipped.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factsite.problems import Problem
from factsite.schema import fact_schema
from factsite.yamlload import LoadedDocument, load_file

FACT_SUFFIX = ".yml"
ID_PATTERN = re.compile(fact_schema()["$defs"]["factId"]["pattern"])
"""A fact id, as the schema defines it: ``YYYY-MM-DD--slug`` (or ``YYYY-MM--`` / ``YYYY--``).

Use ``fullmatch``: Python's ``$`` also matches before a final newline.
"""


def split_id(fact_id: str) -> tuple[str, str]:
    """The date and slug parts of a well-formed id."""
    date, _, slug = fact_id.partition("--")
    return date, slug


@dataclass
class LoadedFact:
    """One fact file after loading: not yet validated, so `doc.data` may be anything."""

    id: str
    doc: LoadedDocument

    @property
    def path(self) -> str:
        return self.doc.path

    @functools.cached_property
    def data(self) -> dict[str, object]:
        """The mapping of fields, or an empty one when the file did not load as a mapping."""
        return self.doc.data if isinstance(self.doc.data, dict) else {}


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, '/'-separated, for messages (links not followed)."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    if os.sep == "/" and full.startswith(base + "/") and base != "/":
        return full[len(base) + 1 :]  # the common case, as a string: called for every fact
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


def find_fact_files(paths: Sequence[Path], root: Path) -> tuple[list[Path], list[Problem]]:
    """The fact files under `paths` (files or folders), sorted, and problems with the rest."""
    found, problems = fact_files_shown(paths, root)
    return list(found.values()), problems


def fact_files_shown(paths: Sequence[Path], root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """`find_fact_files` by the path each is shown as (`display_path`), sorted by it."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for given in paths:
        if given.is_dir():
            plain, candidates = _plain_fact_files(given)
            shown_folder = display_path(given, root)
            prefix = "" if shown_folder == "." else shown_folder + "/"  # each file's path, without working it out
            for name in plain:
                found.setdefault(prefix + name, given / name)
            folder = given
        elif given.exists() or given.is_symlink():
            candidates, folder = [given], given.parent
        else:
            problems.append(Problem(display_path(given, root), 1, 1, "fact-file", "", "no such file or folder"))
            continue
        for path in candidates:
            if path.name == ".gitkeep" and path.is_file() and not path.stat().st_size:
                continue  # keeps an empty folder in git; not content
            problem = _refuse(path, folder)
            shown = display_path(path, root)
            if problem:
                problems.append(Problem(shown, 1, 1, "fact-file", "", problem))
            else:
                found.setdefault(shown, path)
    return {key: found[key] for key in sorted(found)}, problems


def _plain_fact_files(folder: Path) -> tuple[list[str], list[Path]]:
    """The names in `folder` that are plainly fact files, and every other entry, sorted.

    A plain fact file is a regular file (not a link) named ``*.yml`` without a leading
    dot. The directory listing already says which entries are regular files, so these
    need no further system call; the others get `_refuse`'s full examination.
    """
    plain: list[str] = []
    others: list[Path] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.endswith(FACT_SUFFIX) and not name.startswith(".") and entry.is_file(follow_symlinks=False):
                plain.append(name)
            else:
                others.append(Path(entry.path))
    return sorted(plain), sorted(others)


def _refuse(path: Path, folder: Path) -> str | None:
    """Why `path` cannot be a fact file, or ``None`` when it can."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "symbolic link is broken or loops; add the file itself"
        if not target.is_relative_to(folder.resolve()):
            return "symbolic link points outside the facts folder; add the file itself"
    if path.is_dir():
        return "folders are not allowed in the facts folder; keep it flat"
    if not path.is_file():
        return "not a regular file (a pipe, socket or device); add the file itself"
    if path.name.startswith("."):
        return "hidden files do not belong in the facts folder; remove it (or drop the leading dot of a fact)"
    if path.suffix.lower() in (".yaml", ".yml") and path.suffix != FACT_SUFFIX:
        return f"fact files end in .yml; rename it to {path.stem}.yml"
    if path.suffix != FACT_SUFFIX:
        return "only fact files (<id>.yml) belong in the facts folder; move this file elsewhere"
    return None


SITE_INPUTS = ("docs", "vocab", "overrides")
"""Folders besides facts/ whose files reach the site: hand-written pages, vocabularies, theme overrides."""


def link_problems(folder: Path, root: Path) -> list[Problem]:
    """Symbolic links under `folder` that lead outside it (or nowhere).

    MkDocs follows links in docs/, so a link to ``../.git/config`` or a file elsewhere on
    the build machine would be published; the same goes for vocabularies and templates.
    """
    problems = []
    for parent, dirs, names in os.walk(folder):
        for name in sorted([*dirs, *names]):
            path = Path(parent) / name
            if not path.is_symlink():
                continue
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                reason = "symbolic link is broken or loops; add the file itself"
            else:
                if target.is_relative_to(folder.resolve()):
                    continue
                reason = (
                    f"symbolic link leads outside {folder.name}/, so the build would publish "
                    "what it points at; add the file itself"
                )
            problems.append(Problem(display_path(path, root), 1, 1, "site-file", "", reason))
    return problems


def leads_outside(path: Path, folder: Path) -> bool:
    """Whether `path` is a symbolic link that is broken or resolves outside `folder`."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def load_facts(files: Sequence[Path], root: Path) -> list[LoadedFact]:
    """Load each file; YAML problems stay on each `LoadedFact`'s document."""
    return [LoadedFact(path.stem, load_file(path, display_path(path, root))) for path in files]
