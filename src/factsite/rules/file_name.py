"""file-name: a fact's file name is its id, ``YYYY-MM-DD--slug.yml``.

The id is the fact's permanent URL, so it must be predictable: a date at the fact's own
precision (``1992-04-08``, ``1992-04`` or ``1992``), two hyphens, then a slug of
lower-case ASCII letters and digits joined by single hyphens.

PASS: ``1992-04-08--diplomatic-relations.yml``
FAIL: ``1992-04-08-diplomatic-relations.yml``, ``1992-04-08--Diplomatic_Relations.yml``
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsite.files import ID_PATTERN, LoadedFact
from factsite.problems import Problem
from factsite.rules.base import RuleContext

ID = "file-name"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    if not ID_PATTERN.fullmatch(fact.id):
        yield Problem(
            fact.path,
            1,
            1,
            ID,
            "",
            f"file name '{fact.id}.yml' is not a fact id; rename it to '{_suggest(fact.id)}.yml' (YYYY-MM-DD--slug)",
        )


def _suggest(stem: str) -> str:
    stem = stem.lstrip(".")
    match = re.match(r"^([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)[-_ ]*(.*)$", stem)
    date, rest = (match.group(1), match.group(2)) if match else ("YYYY-MM-DD", stem)
    slug = re.sub(r"[^a-z0-9]+", "-", rest.lower()).strip("-") or "slug"
    return f"{date}--{slug}"
