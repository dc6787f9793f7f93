"""Publishing a built site all at once, and dating it from the data.

A build writes into a hidden sibling of the site folder and swaps it in only when the
whole build succeeded, so a failed build leaves the previous site (or none), never a
half-written one that a deploy step could upload. The sibling sits beside the target so
that the swap is a rename on one file system; it is removed whatever happens.

Pages are dated from the data, not the clock: ``SOURCE_DATE_EPOCH`` when it is set (the
reproducible-builds convention, which MkDocs honours), else the day the fact (or, for
other pages, any fact) last changed. Two builds of the same input are then byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from factsite.model import Fact


@dataclass(frozen=True)
class StagedSite:
    """Where a build writes (`staging`) before it replaces `target`."""

    target: Path

    @property
    def staging(self) -> Path:
        return self.target.with_name(f".{self.target.name}.building")

    @property
    def _previous(self) -> Path:
        return self.target.with_name(f".{self.target.name}.previous")

    def begin(self) -> Path:
        """A clean staging folder (a leftover from a killed build is removed first)."""
        self.discard()
        shutil.rmtree(self._previous, ignore_errors=True)
        return self.staging

    def commit(self) -> None:
        """Replace `target` with the staged build: two renames, then the old site is removed."""
        if not self.staging.is_dir():
            return
        had_previous = self.target.exists()
        if had_previous:
            self.target.rename(self._previous)
        self.staging.rename(self.target)
        if had_previous:
            shutil.rmtree(self._previous, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def last_changed(fact: Fact) -> dt.date:
    """The last day the fact's verdict, corrections or withdrawal changed."""
    days = [fact.checked, *(c.date for c in fact.corrections)]
    if fact.withdrawal:
        days.append(fact.withdrawal.date)
    return max(days)


def page_date(facts: Sequence[Fact], src_uri: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """The date (YYYY-MM-DD) to give the page built from `src_uri`, or ``None`` to keep the builder's.

    ``None`` when ``SOURCE_DATE_EPOCH`` is set (the builder uses it) or there are no facts.
    """
    if environ.get("SOURCE_DATE_EPOCH") or not facts:
        return None
    own = [last_changed(fact) for fact in facts if fact.src_uri == src_uri]
    return max(own or [last_changed(fact) for fact in facts]).isoformat()
