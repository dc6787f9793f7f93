"""``check --base`` and ``diff --base``: the ordinary check plus the rules against the base.

One function serves both commands, so the summary a reviewer reads lists exactly the
problems that make the check fail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from factsite.files import display_path, find_fact_files
from factsite.pipeline import CheckResult, Layout, check_project
from factsite.problems import Problem
from factsite.review.diff import FactsDiff, diff_snapshots
from factsite.review.pages import BlockUse, find_block_uses
from factsite.review.rules import BASE_RULES
from factsite.review.snapshot import FACTS_FOLDER, snapshot_at, snapshot_of_worktree


@dataclass(frozen=True)
class Review:
    diff: FactsDiff
    result: CheckResult
    """The ordinary check's result, its report extended with the base rules' problems."""
    blocks: tuple[BlockUse, ...] = ()
    """The listing blocks of the hand-written pages, to tell which pages show a changed fact."""

    def problems_of(self, path: str) -> list[Problem]:
        return [problem for problem in self.result.report if problem.path == path]


def review_against(layout: Layout, base_ref: str, *, today: dt.date) -> Review:
    """Check the working tree of `layout` and compare it with git `base_ref` (raises `GitError`).

    Problems of the base rules are kept for the files asked about, and for deleted files
    when the whole facts folder is checked.
    """
    diff = diff_snapshots(snapshot_at(layout.root, base_ref), snapshot_of_worktree(layout.root))
    result = check_project(layout, today=today)
    files, _ = find_fact_files(layout.facts, layout.root)
    asked = {display_path(path, layout.root) for path in files}
    whole = (layout.root / FACTS_FOLDER) in layout.facts
    found = [problem for rule in BASE_RULES for problem in rule.check(diff, today)]
    result.report.extend(p for p in found if p.path in asked or (whole and p.path not in _head_paths(diff)))
    return Review(diff, result, find_block_uses(layout.root))


def _head_paths(diff: FactsDiff) -> set[str]:
    return {fact.path for fact in diff.head.facts.values()}
