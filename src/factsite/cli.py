"""The ``factsite`` command line: a thin adapter over the pipeline.

Parsing is kept apart from running, so tests call `run` with a list of arguments and
get the exit code: 0 clean, 1 problems found, 2 usage error (a bad argument, a git ref
that cannot be read, a fact file that already exists).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from factsite import wayback
from factsite.archive import archive_sources
from factsite.catalog import Catalog
from factsite.export import ExportError, build_export, check_destination, site_from_environment, write_export
from factsite.gitbase import GitError, changed_files
from factsite.invocation import factsite_command, shown_path
from factsite.pipeline import ConfigurationError, Layout, check_project, find_root, today_from_environment
from factsite.reporters import REPORTERS, format_github, format_text
from factsite.review.check import review_against
from factsite.review.diff import diff_snapshots
from factsite.review.snapshot import snapshot_at, snapshot_of_worktree
from factsite.review.summary import FORMATS, LinkPattern, LinkPatternError
from factsite.scaffold import KINDS, ScaffoldError, new_fact
from factsite.sourcecheck import source_report, sources

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
    check.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    check.add_argument("--vocab", type=Path, help="vocabulary folder (default: ROOT/vocab)")
    check.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default=_default_format(),
        help="output format (default: github under GitHub Actions, else text)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too (and list every one)")
    check.add_argument(
        "--all",
        action="store_true",
        help="list every warning; by default, warnings in files unchanged since git's HEAD are counted per rule",
    )
    check.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")
    check.add_argument("--base", metavar="REF", help="also apply the rules against this git ref (e.g. origin/main)")

    diff = commands.add_parser("diff", help="summarise the fact changes against a git ref, for review")
    diff.add_argument("--base", metavar="REF", required=True, help="the git ref to compare with (e.g. origin/main)")
    diff.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    diff.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    diff.add_argument(
        "--link-pattern",
        metavar="PATTERN",
        help="link each fact to its preview: {id} (fact id), {path} (facts/ID.yml) and {url} (facts/ID/) are "
        "filled in, e.g. 'https://preview.example/{url}'",
    )
    diff.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")

    new = commands.add_parser("new", help="create a claim or event file with every required field, ready to fill in")
    new.add_argument("date", help="the fact's date at its own precision: YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("slug", help="lower-case words joined by hyphens, e.g. russian-language-schools-opened")
    new.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    new.add_argument("--today", type=_date, help="date checked and accessed as this day (YYYY-MM-DD)")
    new.add_argument(
        "--kind",
        choices=KINDS,
        default="claim",
        help="claim: a statement someone made, which we rate (default); event: something that happened, no verdict",
    )

    export = commands.add_parser(
        "export-markdown", help="write every page, generated ones included, as Markdown files for a hookless build"
    )
    export.add_argument("out", type=Path, help="a new or empty folder, outside docs/, facts/, vocab/ and overrides/")
    export.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    export.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")

    fetch = commands.add_parser(
        "check-sources", help="fetch every URL the facts cite and report the ones that fail (needs network)"
    )
    fetch.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    fetch.add_argument(
        "--format",
        choices=sorted([*REPORTERS, "markdown"]),
        default=_default_format(),
        help="output format; markdown: one section per dead link with the entries citing it, for an issue",
    )
    fetch.add_argument(
        "--link-pattern",
        metavar="PATTERN",
        help="in the markdown report, link each entry: {id}, {path} and {url} as for diff --link-pattern",
    )
    fetch.add_argument(
        "--timeout", type=_seconds, default=sources.TIMEOUT, help="seconds per request (default: %(default)g)"
    )
    fetch.add_argument("--jobs", type=_count, default=sources.JOBS, help="requests at a time (default: %(default)s)")
    fetch.add_argument(
        "--retries",
        type=_retries,
        default=sources.RETRIES,
        help="tries again after a timeout, a dropped connection or a 5xx answer (default: %(default)s)",
    )
    fetch.add_argument(
        "--changed",
        action="store_true",
        help="fetch only the URLs the working tree adds or changes against --base (the pull-request check)",
    )
    fetch.add_argument("--base", metavar="REF", help="with --changed: the git ref to compare with (e.g. origin/main)")
    fetch.add_argument(
        "--allow-list",
        type=Path,
        default=sources.FLAKY_HOSTS,
        help="YAML list of hosts whose failures are warnings (default: the project's flaky-hosts.yml)",
    )
    fetch.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")

    archive = commands.add_parser(
        "archive",
        help="find Wayback Machine snapshots of the sources without archive_url and add them (needs network)",
    )
    archive.add_argument(
        "--root", type=Path, default=None, help="project folder (default: the one the current folder is in)"
    )
    archive.add_argument(
        "--write", action="store_true", help="write the new lines into the files (default: only show the diff)"
    )
    archive.add_argument("--save", action="store_true", help="ask Save Page Now to capture sources with no snapshot")
    archive.add_argument(
        "--timeout", type=_seconds, default=wayback.TIMEOUT, help="seconds per request (default: %(default)g)"
    )
    archive.add_argument(
        "--interval", type=_pause, default=wayback.INTERVAL, help="seconds between requests (default: %(default)g)"
    )
    archive.add_argument(
        "--max-retry-after",
        type=_pause,
        default=wayback.MAX_RETRY_AFTER,
        help="longest Retry-After to wait for after a 429 (default: %(default)g)",
    )
    archive.add_argument(
        "--availability-url", default=wayback.AVAILABILITY_URL, help="availability API (default: %(default)s)"
    )
    archive.add_argument("--save-url", default=wayback.SAVE_URL, help="Save Page Now prefix (default: %(default)s)")
    archive.add_argument("--today", type=_date, help="treat this day as today (YYYY-MM-DD)")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds between 0 and 600")
    return value


def _pause(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds between 0 and 3600")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1 to 64")
    return int(text)


def _retries(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 5:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 5")
    return int(text)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = args.root or find_root(Path.cwd())
    out = out or sys.stdout
    try:
        today = args.today or today_from_environment()
        if args.command == "new":
            path = shown_path(
                new_fact(args.root / "facts", args.date, args.slug, today=today, kind=args.kind), Path.cwd()
            )
            command = f"{factsite_command(Path.cwd())} check {path}"
            out.write(f"created {path}; fill in the empty values, then run: {command}\n")
            return EXIT_CLEAN
        if args.command == "export-markdown":
            return _export_markdown(args.root, args.out, today, out)
        if args.command == "check-sources":
            return _check_sources(args, today, out)
        if args.command == "archive":
            return _archive(args, today, out)
        if args.command == "diff":
            links = LinkPattern(args.link_pattern) if args.link_pattern else None
            review = review_against(Layout.of(args.root), args.base, today=today)
            out.write(FORMATS[args.format](review, links))
            return EXIT_CLEAN
        layout = Layout.of(args.root, args.paths, args.vocab)
        if args.base:
            review = review_against(layout, args.base, today=today)
            report = review.result.report
        else:
            report = check_project(layout, today=today).report
    except (
        ConfigurationError,
        ExportError,
        GitError,
        LinkPatternError,
        ScaffoldError,
        sources.AllowListError,
    ) as exc:
        sys.stderr.write(f"factsite: error: {exc}\n")
        return EXIT_USAGE
    changed = {change.current.path for change in review.diff.changes} if args.base else None
    if args.format == "github":
        out.write(format_github(report, focus=changed))
    elif args.format == "text":
        # Files named on the command line are the contributor's, changed or not.
        listed = args.all or args.strict or bool(args.paths)
        focus = None if listed else changed if args.base else changed_files(args.root)
        out.write(format_text(report, focus, list_all=f"{factsite_command(Path.cwd())} check --all"))
    else:
        out.write(REPORTERS[args.format](report))
    return EXIT_PROBLEMS if report.failed(strict=args.strict) else EXIT_CLEAN


def _export_markdown(root: Path, target: Path, today: dt.date, out: TextIO) -> int:
    """Check the facts, then write the docs tree with every generated page (see `factsite.export`)."""
    check_destination(target, root)
    site, repository = site_from_environment(root)
    result = check_project(Layout.of(root), today=today)
    if result.report.failed(strict=False):
        out.write(REPORTERS["text"](result.report))
        return EXIT_PROBLEMS
    export = build_export(root, Catalog(result.facts), site=site, repository=repository)
    if export.problems:
        out.write("".join(problem.format() + "\n" for problem in export.problems))
        return EXIT_PROBLEMS
    write_export(export, target, root)
    out.write(f"wrote {len(export.files)} files to {target}\n")
    return EXIT_CLEAN


def _check_sources(args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    """Check the facts, then fetch the URLs they cite, or with ``--changed`` only the new ones
    (see `factsite.sourcecheck.sources`)."""
    if args.changed != bool(args.base):
        raise ConfigurationError("check-sources: --changed and --base REF go together")
    flaky = sources.load_flaky_hosts(args.allow_list)
    links = LinkPattern(args.link_pattern) if args.link_pattern else None
    result = check_project(Layout.of(args.root), today=today)
    if result.report.failed(strict=False):
        out.write(REPORTERS.get(args.format, REPORTERS["text"])(result.report))
        return EXIT_PROBLEMS
    cited = None
    if args.changed:
        diff = diff_snapshots(snapshot_at(args.root, args.base), snapshot_of_worktree(args.root))
        cited = sources.changed_citations(diff)
    checked = sources.check_sources(
        result.facts,
        args.root,
        cited=cited,
        flaky=flaky,
        timeout=args.timeout,
        jobs=args.jobs,
        retries=args.retries,
        retry_delay=sources.RETRY_DELAY,
    )
    if args.format == "markdown":
        out.write(source_report.format_markdown(checked, result.facts, today=today, links=links))
    else:
        out.write(REPORTERS[args.format](checked.report))
    if args.format == "text":
        which = "new or changed URLs" if args.changed else "distinct URLs"
        out.write(f"{checked.urls_checked} {which} fetched\n")
    return EXIT_PROBLEMS if checked.report.errors else EXIT_CLEAN


def _archive(args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    """Check the facts, then look up archived copies of their sources (see `factsite.archive`)."""
    result = check_project(Layout.of(args.root), today=today)
    if result.report.failed(strict=False):
        out.write(REPORTERS["text"](result.report))
        return EXIT_PROBLEMS
    client = wayback.Wayback(
        availability_url=args.availability_url,
        save_url=args.save_url,
        timeout=args.timeout,
        interval=args.interval,
        max_retry_after=args.max_retry_after,
    )
    run = archive_sources(
        result.facts, args.root, client, save=args.save, write=args.write, on_file=lambda edit: out.write(edit.diff())
    )
    out.writelines(note.format() + "\n" for note in run.notes)
    out.write(run.summary(written=args.write))
    return EXIT_PROBLEMS if run.failures else EXIT_CLEAN


def main() -> None:
    sys.exit(run())
