"""How alike two facts are: near-duplicate titles and claims, and renamed files.

RapidFuzz rather than `difflib`: its ``token_sort_ratio`` ignores word order, case and
punctuation ("Russia and Tajikistan …" against "Tajikistan and Russia …" scores 100),
is symmetric, and has no length-dependent "junk" heuristic, so the same two texts always
get the same score. Scores run from 0 to 100.
"""

from __future__ import annotations

import json
from typing import Any

from rapidfuzz import fuzz, utils

DUPLICATE_THRESHOLD = 85.0
"""A new fact whose title or claim scores at least this against another fact's gets a
"possible duplicate" warning. Rewordings of one headline score 85-100; different events
with similar wording ("talks in Moscow" against "talks in Dushanbe") stay around 80."""

RENAME_THRESHOLD = 90.0
"""A deleted fact and an added one whose whole content scores at least this are one fact
renamed: the same fields with a few edits."""


def text_similarity(first: str, second: str) -> float:
    """Word-order-insensitive similarity of two texts, 0-100."""
    return float(fuzz.token_sort_ratio(first, second, processor=utils.default_process))


def content_similarity(first: dict[str, Any], second: dict[str, Any]) -> float:
    """Similarity of two facts' whole content (every field, in a canonical order), 0-100."""
    return float(fuzz.ratio(_canonical(first), _canonical(second)))


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)
