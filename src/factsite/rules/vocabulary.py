"""vocabulary: every tag and actor, and a claimant's actor, is defined in ``vocab/tags.yml`` or ``vocab/actors.yml``.

A controlled vocabulary keeps the index pages meaningful: ``migration`` and
``labour-migration`` must not both exist by accident. Add a new term to the vocabulary
file, with a description, in the same pull request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from factsite.files import LoadedFact
from factsite.problems import FieldPath, Problem, closest
from factsite.rules.base import RuleContext
from factsite.vocab import VOCABULARY_NAMES

ID = "vocabulary"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for name in VOCABULARY_NAMES:
        if name in context.vocabularies.unavailable:
            continue  # its file is missing or broken, and that is reported against the file
        terms = context.vocabularies.terms(name)
        for path, value in _uses(fact.data, name):
            if isinstance(value, str) and value not in terms:
                close = closest(value, sorted(terms))
                hint = f"did you mean '{close}'? Otherwise add" if close else "add"
                yield fact.doc.problem(
                    ID,
                    path,
                    f"'{value}' is not in {context.vocabularies.files[name]}; {hint} it there with a description",
                )


def _uses(data: dict[str, Any], name: str) -> Iterator[tuple[FieldPath, Any]]:
    """Where an entry names a term of vocabulary `name`: its list, and for actors the claimant."""
    values = data.get(name)
    for index, value in enumerate(values if isinstance(values, list) else ()):
        yield (name, index), value
    claimant = data.get("claimant")
    if name == "actors" and isinstance(claimant, dict) and "actor" in claimant:
        yield ("claimant", "actor"), claimant["actor"]
