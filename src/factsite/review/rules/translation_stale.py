"""translation-stale: an English text that changes takes its translation along.

A translation says what the English says. When the pull request changes a field that
has a translation (title, summary, claim, claim_short, conclusion, analysis, the
claimant's role) and leaves the translation exactly as it was on the base branch, the
other edition may now say something else. A warning, at the English field: update the
translation, or leave it and say why in the pull request (a typo fixed in English
changes nothing in Russian). A translation changed on its own is fine.

WARN: ``conclusion`` reworded, ``translations.ru.conclusion`` as before
PASS: ``conclusion`` and ``translations.ru.conclusion`` both reworded
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factsite.problems import FieldPath, Level, Problem, format_field_path, value_at
from factsite.review.diff import FactsDiff
from factsite.review.rules.base import edits
from factsite.rules.translations import LANGUAGES, translatable

ID = "translation-stale"


def check(diff: FactsDiff, today: dt.date) -> Iterator[Problem]:
    for change, old, new in edits(diff):
        assert change.head is not None
        for language, name in LANGUAGES.items():
            for path in _translated_paths():
                english, translation = value_at(new, path), value_at(new, ("translations", language, *path))
                if not isinstance(english, str) or not isinstance(translation, str):
                    continue  # nothing to fall behind, or the schema reports the value
                if english == value_at(old, path) or translation != value_at(old, ("translations", language, *path)):
                    continue
                field = format_field_path(path)
                yield change.head.doc.problem(
                    ID,
                    path,
                    f"{field} changed but its {name} translation did not: the translation may be out of date; "
                    f"update translations.{language}.{field} (or leave it and say why in the pull request)",
                    level=Level.WARNING,
                )


def _translated_paths() -> list[FieldPath]:
    """Where each text a translation may hold sits in the entry: ``title``, …, ``claimant.role``."""
    return [("claimant", "role") if field == "claimant" else (field,) for field in translatable()]
