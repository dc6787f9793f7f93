"""The ``factsite`` command line: a thin adapter over the pipeline.

Parsing is kept apart from running, so tests call `run` with a list of arguments and
get the exit code: 0 clean, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from factsite.pipeline import ConfigurationError, Layout, check_project, today_from_environment
from factsite.reporters import REPORTERS

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factsite", description="Check and build the fact-check timeline.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="validate fact files and report every problem")
    check.add_argument("paths", nargs="*", type=Path, help="fact files or folders (default: facts/)")
    check.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    check.add_argument("--vocab", type=Path, help="vocabulary folder (default: ROOT/vocab)")
    check.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default=_default_format(),
        help="output format (default: github under GitHub Actions, else text)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")
    return parser


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = out or sys.stdout
    layout = Layout.of(args.root, args.paths, args.vocab)
    try:
        today = args.today or today_from_environment()
    except ConfigurationError as exc:
        sys.stderr.write(f"factsite: error: {exc}\n")
        return EXIT_USAGE
    result = check_project(layout, today=today)
    out.write(REPORTERS[args.format](result.report))
    return EXIT_PROBLEMS if result.report.failed(strict=args.strict) else EXIT_CLEAN


def main() -> None:
    sys.exit(run())
