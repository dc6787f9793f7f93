"""Publishing a built site all at once.

A build writes into a hidden sibling of the site folder and swaps it in only when the
whole build succeeded, so a failed build leaves the previous site (or none), never a
half-written one that a deploy step could upload. The sibling sits beside the target so
that the swap is a rename on one file system; it is removed whatever happens.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


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
