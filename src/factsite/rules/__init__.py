"""The rules a schema cannot express, one module each, registered here in running order.

Each module has a docstring that tells contributors what it checks (the "Fact format"
page shows them), an ``ID``, and ``check(fact, context)`` yielding the `Problem`s of one
loaded file. A rule that must see every file before it can speak (whether the project has
a second edition at all) also keeps a small ``note`` of each file and gives the rest from
those notes in ``across``, and is listed in `ACROSS` too. The documents are let go once
their files are checked, so nothing else may be kept. A new rule is one module and one line below.
"""

from __future__ import annotations

from factsite.problems import plural
from factsite.rules import (
    analysis_links,
    calendar_date,
    claim_short,
    date_order,
    file_name,
    future_date,
    id_date,
    invisible_characters,
    quote_empty,
    quote_shorthand,
    quote_translation,
    related_exists,
    source_archive,
    source_citation,
    source_title,
    translations,
    unique_id,
    url_host,
    vocabulary,
)
from factsite.rules.base import AcrossRule, Rule, RuleContext

RULES: tuple[Rule, ...] = (
    file_name,
    id_date,
    unique_id,
    calendar_date,
    future_date,
    date_order,
    related_exists,
    vocabulary,
    source_archive,
    source_title,
    quote_empty,
    quote_shorthand,
    quote_translation,
    url_host,
    analysis_links,
    source_citation,
    translations,
    invisible_characters,
    claim_short,
)

ACROSS: tuple[AcrossRule, ...] = (translations,)
"""The rules of `RULES` that also speak from every file's note, once all are checked."""


def elsewhere(rule_id: str, count: int) -> str:
    """``133 sources elsewhere have no archived copy``: `count` warnings of one rule in files nobody changed."""
    for rule in RULES:
        words: tuple[str, str] | None = getattr(rule, "ELSEWHERE", None)
        if rule_id == rule.ID and words:
            return f"{count} {words[0] if count == 1 else words[1]}"
    return f"{plural(count, 'warning')} elsewhere [{rule_id}]"


__all__ = ["ACROSS", "RULES", "AcrossRule", "Rule", "RuleContext", "elsewhere"]
