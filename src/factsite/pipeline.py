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

from factsite import schemacheck
from factsite.files import find_fact_files, load_facts
from factsite.model import Fact, build_fact
from factsite.problems import Report
from factsite.rules import RULES, RuleContext
from factsite.vocab import Vocabularies, load_vocabularies


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its inputs."""

    root: Path
    facts: tuple[Path, ...]
    vocab: Path

    @classmethod
    def of(cls, root: Path, facts: Sequence[Path] = (), vocab: Path | None = None) -> Layout:
        """The standard layout under `root`: ``facts/`` and ``vocab/``, unless told otherwise."""
        return cls(root, tuple(facts) or (root / "facts",), vocab or root / "vocab")


@dataclass
class CheckResult:
    report: Report
    facts: list[Fact] = field(default_factory=list)
    """Every fact in chronological order (withdrawn ones included); empty when any error was found."""
    vocabularies: Vocabularies = field(default_factory=Vocabularies)


def check_project(layout: Layout, *, today: dt.date) -> CheckResult:
    """Check every input of `layout` and build the model of the facts that passed."""
    report = Report()
    vocabularies, vocab_problems, vocab_files = load_vocabularies(layout.vocab, layout.root)
    report.extend(vocab_problems)

    files, file_problems = find_fact_files(layout.facts, layout.root)
    report.extend(file_problems)
    loaded = load_facts(files, layout.root)
    report.files_checked = len(loaded) + vocab_files + len({p.path for p in file_problems})
    for fact in loaded:
        report.extend(fact.doc.problems)
        report.extend(schemacheck.check_document(fact.doc))

    context = RuleContext(facts=loaded, vocabularies=vocabularies, today=today)
    for rule in RULES:
        report.extend(rule.check(context))

    if report.errors:
        return CheckResult(report, [], vocabularies)  # nothing is published from a failed check
    facts = sorted((build_fact(f.id, f.path, f.data, vocabularies) for f in loaded), key=lambda f: f.sort_key)
    return CheckResult(report, facts, vocabularies)


def today_from_environment() -> dt.date:
    """Today, unless ``FACTSITE_TODAY`` (YYYY-MM-DD) pins it for tests and reproducible checks."""
    pinned = os.environ.get("FACTSITE_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()
