"""Ways to print a `Report`: plain lines for people and editors, annotations for CI.

Reporters only format; deciding the exit code is the command line's job. Text puts the
contributor's own problems first (`own_problems_first`): a hundred warnings about files
nobody touched must not bury the one error in a new file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection

from factsite.problems import Level, Problem, Report, printable
from factsite.rules import elsewhere

LIST_ALL = "factsite check --all"
"""The command that lists every problem, as a summary line names it (adapters may give a runnable path)."""


def format_text(report: Report, focus: Collection[str] | None = None, list_all: str = LIST_ALL) -> str:
    """One ``path:line:col: level: field: message [rule]`` line per problem, then a summary.

    With `focus` (the files the contributor changed), see `own_problems_first`.
    """
    return "\n".join([*own_problems_first(report, focus, list_all), report.summary()]) + "\n"


def own_problems_first(report: Report, focus: Collection[str] | None, list_all: str = LIST_ALL) -> list[str]:
    """Every error (those in `focus` first), then every warning in `focus`, then one line per rule
    counting the warnings elsewhere: ``133 sources elsewhere have no archived copy: `factsite
    check --all` lists them``. Without `focus` (no git, ``--all``, strict), every file counts as in it.
    """
    mine: Callable[[Problem], bool] = (lambda p: True) if focus is None else (lambda p: p.path in focus)
    errors = sorted(report.errors, key=lambda p: not mine(p))  # stable: file order within each part
    own = [p for p in report.warnings if mine(p)]
    others = Counter(p.rule for p in report.warnings if not mine(p))
    return [
        *(problem.format() for problem in (*errors, *own)),
        *(f"{elsewhere(rule, count)}: `{list_all}` lists them" for rule, count in sorted(others.items())),
    ]


def format_github(report: Report, focus: Collection[str] | None = None) -> str:
    """GitHub Actions workflow commands: each problem shows on its line in the pull request.

    GitHub shows only the first ten annotations of each kind per step, so with `focus`
    (the files a pull request changes) only errors and the focused files' warnings become
    annotations; other warnings are printed as plain lines after them.
    """
    if focus is None:
        return "\n".join([*(_annotation(problem) for problem in report), report.summary()]) + "\n"
    shown = sorted(
        (p for p in report if p.level is Level.ERROR or p.path in focus),
        key=lambda p: (p.level is not Level.ERROR, p.path not in focus, p),
    )
    rest = [p for p in report if p not in shown]
    lines = [_annotation(problem) for problem in shown]
    if rest:
        lines.append(f"{len(rest)} warnings on files this change does not touch:")
        lines += [problem.format() for problem in rest]
    return "\n".join([*lines, report.summary()]) + "\n"


def format_json(report: Report) -> str:
    """Machine-readable problems, for editors and other tools."""
    items = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "level": str(p.level),
            "rule": p.rule,
            "field": p.field,
            "message": p.message,
        }
        for p in report
    ]
    return json.dumps({"files_checked": report.files_checked, "problems": items}, indent=2, ensure_ascii=False) + "\n"


def _annotation(problem: Problem) -> str:
    command = "error" if problem.level is Level.ERROR else "warning"
    title = _escape_property(f"{problem.rule}: {problem.field}" if problem.field else problem.rule)
    return (
        f"::{command} file={_escape_property(problem.path)},line={problem.line},col={problem.column},"
        f"title={title}::{_escape_data(problem.message)}"
    )


def _escape_data(text: str) -> str:
    """Escaped for a workflow command; control and bidi characters shown as escapes, as in text output."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


REPORTERS: dict[str, Callable[[Report], str]] = {"text": format_text, "github": format_github, "json": format_json}
