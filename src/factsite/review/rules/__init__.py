"""Rules that compare the pull request with its base branch, one module each.

They run in ``factsite check --base REF`` and in the pull-request workflow, after the
ordinary checks. A new rule is one module and one line below.
"""

from __future__ import annotations

from factsite.review.rules import (
    checked_forward,
    corrections_kept,
    no_delete,
    no_rename,
    possible_duplicate,
    reinstate_correction,
    source_removal_correction,
    translation_stale,
    verdict_correction,
)
from factsite.review.rules.base import BaseRule

BASE_RULES: tuple[BaseRule, ...] = (
    no_delete,
    no_rename,
    verdict_correction,
    reinstate_correction,
    source_removal_correction,
    checked_forward,
    corrections_kept,
    translation_stale,
    possible_duplicate,
)

__all__ = ["BASE_RULES", "BaseRule"]
