"""claim-short (warning): a claim longer than 75 characters comes with ``claim_short``.

Fact-check aggregators show ``claimReviewed`` from the page's ClaimReview markup, and
Google asks for it to stay under 75 characters. Write ``claim_short``: the same claim,
in at most 75 characters, without the verdict. Until it is there the whole claim is
used, never a cut-off quote.
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Level, Problem
from factsite.rules.base import RuleContext
from factsite.schema import fact_schema

ID = "claim-short"
ELSEWHERE = ("long claim elsewhere has no claim_short", "long claims elsewhere have no claim_short")
"""How a summary line counts this rule's warnings in files the contributor did not change."""
LEVEL = Level.WARNING


def limit() -> int:
    """The longest ``claim`` that needs no short form: ``claim_short``'s own maximum, from the schema."""
    maximum: int = fact_schema()["properties"]["claim_short"]["maxLength"]
    return maximum


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    claim = fact.data.get("claim")
    if isinstance(claim, str) and len(claim) > limit() and "claim_short" not in fact.data:
        yield fact.doc.problem(
            ID,
            ("claim",),
            f"claim is {len(claim)} characters; add claim_short with the claim in at most {limit()} "
            "characters, for fact-check aggregators",
            level=LEVEL,
        )
