"""translation: a translation matches the entry it translates, and every entry has one.

Readers of each edition see the same entry: a translation may only translate a field the
entry has (an error otherwise, since it would show text the English page does not), and
a field left untranslated is a warning, because readers of the other edition then get
only the English text. A project starts its Russian edition with its first translation:
until then nothing is missing. Verdicts, dates, sources and ids are never translated; the schema
refuses them inside ``translations``. The claim keeps the words it was said in: translate
``claim`` only where the source's words in that language are not on record, and the page
labels it as our translation.

FAIL: ``translations: {ru: {conclusion: …}}`` on an event, which has no conclusion
WARNING: an entry with ``analysis`` whose ``translations.ru`` has no ``analysis``
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from factsite.files import LoadedFact
from factsite.problems import FieldPath, Level, Problem
from factsite.rules.base import RuleContext
from factsite.schema import fact_schema

ID = "translation"
ELSEWHERE = ("text elsewhere has no translation", "texts elsewhere have no translation")
"""How a summary line counts this rule's warnings in files the contributor did not change."""

LANGUAGES = {"ru": "Russian"}
"""The editions besides English, by language tag; the schema lists the same tags."""

EXPECTED = ("title", "summary", "claim_short", "conclusion", "analysis")
"""Fields that every edition shows, so each needs its translation (``claim`` is optional: see above)."""


def translatable() -> tuple[str, ...]:
    """The fields a translation may hold, read from the schema."""
    return tuple(fact_schema()["$defs"]["translation"]["properties"])


def translated(data: dict[str, Any], field: str) -> Iterator[tuple[str, FieldPath, str]]:
    """Each translation of the text `field` (``analysis``, say): its language, field path and text."""
    blocks = data.get("translations")
    for language in LANGUAGES:
        block = blocks.get(language) if isinstance(blocks, dict) else None
        if isinstance(block, dict) and isinstance(text := block.get(field), str):
            yield language, ("translations", language, field), text


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    data = fact.data
    given = data.get("translations")
    blocks: dict[str, Any] = given if isinstance(given, dict) else {}
    for language, name in LANGUAGES.items():
        block = blocks.get(language)
        if isinstance(block, dict):
            yield from _extra(fact, data, language, block)
            yield from _missing(fact, data, language, name, block)


Untranslated = tuple[str, int, int, tuple[str, ...], tuple[str, ...]]
"""An entry without a translation, as `note` keeps it: path, line, column, the languages it
lacks and the fields it shows; the warning is worded only if the project has an edition."""


def note(fact: LoadedFact, context: RuleContext) -> tuple[bool, Untranslated | None]:
    """Whether the entry translates anything (the project then has an edition), and what it lacks if nothing."""
    data = fact.data
    given = data.get("translations")
    blocks: dict[str, Any] = given if isinstance(given, dict) else {}
    lacking = tuple(language for language in LANGUAGES if blocks.get(language) is None)
    if not lacking or not any(isinstance(data.get(field), str) for field in EXPECTED):
        return isinstance(given, dict), None
    at = fact.doc.position(())
    return isinstance(given, dict), (fact.path, at.line, at.column, lacking, tuple(f for f in EXPECTED if f in data))


def across(notes: Sequence[tuple[bool, Untranslated | None]], context: RuleContext) -> Iterator[Problem]:
    # A project starts its other edition with its first translation; from then on every entry
    # without one is listed. A project with none publishes in English alone and is not nagged.
    if not any(edition for edition, _ in notes):
        return
    for _, untranslated in notes:
        if untranslated is None:
            continue
        path, line, column, lacking, fields = untranslated
        for language in lacking:
            name = LANGUAGES[language]
            yield Problem(
                path,
                line,
                column,
                ID,
                "",
                f"no {name} translation: add 'translations:' with '{language}:' and the entry's "
                f"{', '.join(fields)} in {name}; until then readers of the {name} edition get only the English text",
                Level.WARNING,
            )


def _extra(fact: LoadedFact, data: dict[str, Any], language: str, block: dict[str, Any]) -> Iterator[Problem]:
    """A translated field the entry does not have: an error at the translation."""
    for field in block:
        if field not in translatable():
            continue  # the schema reports it
        if field == "claimant":
            claimant = data.get("claimant")
            has = isinstance(claimant, dict) and "role" in claimant
            what = "the claimant's role"
        else:
            has, what = field in data, field
        if not has:
            yield fact.doc.problem(
                ID,
                ("translations", language, field),
                f"translates {what}, which the entry does not have; remove the translation, or add {what} "
                "to the entry first",
                key=True,
            )


def _missing(
    fact: LoadedFact, data: dict[str, Any], language: str, name: str, block: dict[str, Any]
) -> Iterator[Problem]:
    """A shown field without its translation: a warning at the translation block."""
    missing = [field for field in EXPECTED if field in data and field not in block]
    claimant = data.get("claimant")
    if isinstance(claimant, dict) and "role" in claimant and "claimant" not in block:
        missing.append("claimant's role")
    if missing:
        yield fact.doc.problem(
            ID,
            ("translations", language),
            f"no {name} translation of {', '.join(missing)}; until it is added, readers of the {name} edition "
            "get only the English text",
            level=Level.WARNING,
            key=True,
        )
