"""The whole check, start to finish: find, load, validate, apply rules, build the model.

This is the one entry point that the command line, the MkDocs hook and the tests share,
so all three see the same problems from the same code.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsite.buildcache import NO_CACHE, FactCache
from factsite.files import SITE_INPUTS, fact_files_shown, link_problems
from factsite.model import Fact, spill
from factsite.problems import Level, Problem, Report
from factsite.rules import ACROSS, RULES, RuleContext
from factsite.siteconfig import ConfigurationError as ConfigurationError  # where adapters import it from
from factsite.vocab import load_vocabularies


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its inputs, and which fact files to report on."""

    root: Path
    facts: tuple[Path, ...]
    """The fact files or folders to check."""
    vocab: Path

    @classmethod
    def of(cls, root: Path, facts: Sequence[Path] = (), vocab: Path | None = None) -> Layout:
        """The standard layout under `root`: ``facts/`` and ``vocab/``, unless told otherwise."""
        return cls(root, tuple(facts) or (root / "facts",), vocab or root / "vocab")

    @property
    def context(self) -> tuple[Path, ...]:
        """Folders whose facts the cross-file rules see even when only some files are checked."""
        standard = self.root / "facts"
        return (standard,) if standard.is_dir() and standard not in self.facts else ()


def find_root(start: Path) -> Path:
    """The project folder `start` is in: the nearest folder upwards holding ``facts/`` and
    ``vocab/``, so that the checker works from any folder of the project (as git does).
    `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "facts").is_dir() and (folder / "vocab").is_dir():
            return folder
    return start


BATCH = 256
"""Fact files checked together. Each step (loading, the schema, each rule, the model) runs
over a batch, which keeps its code warm (a file at a time through every step was slower
than holding every document). The documents of a batch, a few MB, are let go together."""


@dataclass
class CheckResult:
    report: Report
    facts: list[Fact] = field(default_factory=list)
    """Every fact in chronological order (withdrawn ones included); empty when any error was
    found, also in a file that was not asked about but that the rules across files read."""


def check_project(
    layout: Layout, *, today: dt.date, cache: FactCache = NO_CACHE, across: bool = True, spilled: bool = False
) -> CheckResult:
    """Check the facts of `layout` and, when nothing is wrong, build their model.

    Cross-file rules (related ids, unique ids, whether there is a second edition) also see
    the project's other facts, so checking one file gives the same answer as checking them
    all; problems are reported only for the files asked about and the vocabularies. The
    files go through in batches (`BATCH`), each batch's documents let go once they are
    checked and their `Fact`s made, so memory grows with the facts, not with the loaded
    YAML. A `BuildCache` held across calls (``mkdocs serve``) keeps and reuses what it made
    from unchanged files; the answer is the same.

    Without `across`, only the files asked about are loaded and the rules across files
    (`ACROSS`) are left out: a quick look at a few files, which ``serve`` gives a saved
    entry before its full rebuild. The cache's generations are left as they are, so the
    full check after it still reuses everything.

    With `spilled`, each batch's facts are spilled (`spill`) as soon as they are made, for
    a build, which holds them to its end: what they let go is used again by the next
    batch, where spilling them all at the end would leave it in holes between the facts.
    """
    report = Report()
    for name in SITE_INPUTS:
        if (layout.root / name).is_dir():
            report.extend(link_problems(layout.root / name, layout.root))
    if layout.vocab.is_dir() and layout.vocab != layout.root / "vocab":
        report.extend(link_problems(layout.vocab, layout.root))
    vocabularies, vocab_problems = load_vocabularies(layout.vocab, layout.root)
    report.extend(vocab_problems)

    files, file_problems = fact_files_shown(layout.facts, layout.root)
    report.extend(file_problems)
    context_files, _ = fact_files_shown(layout.context, layout.root)
    shown = dict(files)  # the files asked about, then the others the rules across files see
    for seen, path in context_files.items():
        shown.setdefault(seen, path)
    asked = set(files)
    report.files_checked = len(files)
    context = RuleContext(vocabularies, today, tuple((path.stem, seen) for seen, path in shown.items()))

    # A batch of files at a time: load, check, note what the rules across files need, build
    # the `Fact`s, and let the documents go, so memory holds the facts but never every document.
    problems: list[Problem] = []
    notes: list[list[Any]] = [[] for _ in ACROSS]
    facts: list[Fact] = []
    failed = bool(report.errors)  # a broken vocabulary, say: no `Fact` can be built
    if across:
        cache.begin()
    todo = [(path, seen) for seen, path in shown.items() if across or seen in asked]
    for start in range(0, len(todo), BATCH):
        batch = [cache.load(path, seen) for path, seen in todo[start : start + BATCH]]
        owns = [list(cache.file_problems(fact)) for fact in batch]
        for rule in RULES:
            for fact, own in zip(batch, owns, strict=True):
                own.extend(rule.check(fact, context))
        for spanning, kept in zip(ACROSS, notes, strict=True):
            kept.extend(spanning.note(fact, context) for fact in batch)
        for fact, own in zip(batch, owns, strict=True):
            if any(problem.level is Level.ERROR for problem in own):
                failed = True
                facts.clear()  # none will be returned
            elif not failed:
                facts.append(cache.build_fact(fact, vocabularies))
            if fact.path in asked:
                problems += own
        if spilled:
            spill(facts[-len(batch) :])
        del batch, owns, fact, own  # the last file's too, before the next batch is loaded
    for rule, kept in zip(ACROSS, notes, strict=True):
        for problem in rule.across(kept, context) if across else ():
            failed = failed or problem.level is Level.ERROR
            if problem.path in asked:
                problems.append(problem)
    report.extend(problems)

    if report.errors or failed:
        return CheckResult(report, [])  # nothing is published from a failed check
    return CheckResult(report, sorted(facts, key=lambda f: f.sort_key))


def strict_from_environment() -> bool:
    """Whether ``FACTSITE_STRICT`` asks the build to fail on warnings too."""
    return os.environ.get("FACTSITE_STRICT", "") not in ("", "0")


def today_from_environment() -> dt.date:
    """Today, unless ``FACTSITE_TODAY`` (YYYY-MM-DD) pins it for tests and reproducible checks."""
    pinned = os.environ.get("FACTSITE_TODAY")
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise ConfigurationError(f"FACTSITE_TODAY={pinned!r} is not a date written YYYY-MM-DD") from None
