"""Problems are data: every check returns them, and only adapters decide what they mean.

A `Problem` is a frozen, sortable record with a position, so a report reads in file
order and two runs over the same input compare equal. A `Report` collects every
problem from every file; the CLI turns it into an exit code and the MkDocs hook into
one build failure, so neither logs nor counts problems on the side.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import operator
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

FieldPath = tuple[str | int, ...]
"""Where a value sits inside a document: mapping keys and list indexes, outermost first."""


class Level(enum.IntEnum):
    """How serious a problem is. Warnings fail only in strict mode."""

    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, at a 1-based line and column."""

    path: str
    """The file, as given to the checker (relative to the project when possible), '/'-separated."""
    line: int
    column: int
    rule: str
    """The id of the check that found it, e.g. ``schema`` or ``related-exists``."""
    field: str
    """The field path in dotted form, e.g. ``sources[0].url``; empty for the whole file."""
    message: str
    """What is wrong and, where one is known, how to fix it."""
    level: Level = Level.ERROR

    def format(self) -> str:
        """The parsable one-line form: ``path:line:col: level: field: message [rule]``.

        Contributor text inside it is made printable, so a crafted key or value cannot
        start a new line (a forged CI annotation), send terminal escape codes, or reorder
        the line with a bidirectional control.
        """
        where = f"{printable(self.field)}: " if self.field else ""
        return (
            f"{printable(self.path)}:{self.line}:{self.column}: {self.level}: "
            f"{where}{printable(self.message)} [{self.rule}]"
        )


_ORDER = operator.attrgetter(*(field.name for field in dataclasses.fields(Problem)))
"""Sorts problems as their dataclass order does: by file, line, column, then the rest."""

_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
"""Control, format (bidi, zero-width), line and paragraph separator, and lone surrogate characters."""


def printable(text: str) -> str:
    """`text` with control, bidi and zero-width characters shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _HIDDEN else char
        for char in text
    )


def value_at(data: Any, path: FieldPath) -> Any:
    """The value at `path` inside `data`, or ``None`` where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def format_field_path(path: FieldPath) -> str:
    """Render ``("sources", 0, "url")`` as ``sources[0].url``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Report:
    """All problems found in one run, kept sorted by file, line and column."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    """Fact files (or, for other checks, the files they are about): vocabularies are not counted."""

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)
        self.problems.sort(key=_ORDER)  # a problem's own order, with keys built once rather than per comparison

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WARNING]

    def failed(self, *, strict: bool = False) -> bool:
        """Whether this report should stop a build: any error, or any warning when strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def summary(self) -> str:
        """A count such as ``3 errors and 1 warning in 2 files (12 fact files checked)``."""
        checked = plural(self.files_checked, "fact file")
        if not self.problems:
            return f"no problems ({checked} checked)"
        errors, warnings = len(self.errors), len(self.warnings)
        files = len({p.path for p in self.problems})
        parts = [plural(errors, "error"), plural(warnings, "warning")]
        return f"{' and '.join(parts)} in {plural(files, 'file')} ({checked} checked)"


def plural(count: int, noun: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice most like `word`, for a "did you mean" hint, or ``None``."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None
