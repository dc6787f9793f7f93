"""source-citation: the analysis cites every listed source, and every citation names one.

A reader must be able to follow each statement of an analysis to a listed source. Cite a
source with its number in brackets, ``[1]`` for the first source, ``[2]`` for the second,
or by naming its publisher ("TASS reported…"). A name counts when the analysis contains
the publisher as written, the part before a parenthesis or comma ("Fergana" for
"Fergana (citing Kommersant)"), or the part in the parentheses ("Kremlin"); when two
sources share a publisher, number them to tell them apart.

A source the analysis never cites is a warning at that source: say what it supports, or
remove it. A number that names no source is an error at the number, in the analysis and
in its translation (``translations.ru.analysis``), which carries the same numbers as the
English analysis: a number only one of the two has is a warning. A fact without an
analysis states nothing beyond its claim or summary and conclusion, so one source is
plainly its evidence; with several, the reader cannot tell which supports what, which is
one warning at ``sources`` (one fix: write the analysis), not one per source.

This fits the format without a new field: the bracketed numbers are plain text on the
page, in the order of ``sources``, and the check reads the Markdown as the page does:
a link (``[1](https://…)``, or ``[1]`` and ``[text][1]`` where a definition
``[1]: https://…`` makes them links), an image, a footnote (``[^1]``) or a number in code
is not a citation. (Indented code blocks are not recognised; use a fenced one.)

FAIL: ``analysis: As the ministry said [3].`` with two sources
WARNING: a second source from a publisher the analysis neither names nor numbers
WARNING: ``translations: {ru: {analysis: …[1]…}}`` beside an English analysis citing [1] and [2]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from factsite.files import LoadedFact
from factsite.problems import FieldPath, Level, Problem, format_field_path
from factsite.rules.base import RuleContext, mappings
from factsite.rules.text_position import position_in_value
from factsite.rules.translations import LANGUAGES, translated
from factsite.yamlload import LoadedDocument

ID = "source-citation"
ELSEWHERE = ("source elsewhere is not cited by its analysis", "sources elsewhere are not cited by their analyses")
"""How a summary line counts this rule's warnings in files the contributor did not change."""

_MARKER = re.compile(r"(?<!!)\[([0-9]{1,4})\](?!\()(?:(?=\s?\[([^\]\n]*)\]))?")
"""``[n]``, not as an image (``![n]``) nor as an inline link's text (``[n](…)``); the
``[label]`` that may follow it, and make it a reference link's text, is looked at, not consumed."""

_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.MULTILINE)
"""A link reference definition, which makes ``[label]`` a link wherever it stands."""

_CODE = re.compile(
    r"^ {0,3}(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?(?: {0,3}\1[`~]*[ \t]*$|\Z)|(`+)(?!`).+?(?<!`)\2(?!`)",
    re.MULTILINE | re.DOTALL,
)
"""Fenced code blocks and code spans, in which brackets are only text."""


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    sources = [source for _, source in mappings(fact.data.get("sources"))]
    if not sources:
        return
    analysis = fact.data.get("analysis")
    if not isinstance(analysis, str) or not analysis.strip():
        if len(sources) > 1:
            yield fact.doc.problem(
                ID,
                ("sources",),
                f"there is no analysis to say what each of the {len(sources)} sources supports; "
                "add one that cites them as [1], [2]…",
                level=Level.WARNING,
            )
        return
    found = markers(analysis)
    cited = {number for number, _ in found}
    for number, index in found:
        if not 1 <= number <= len(sources):
            yield _marker_problem(fact.doc, ("analysis",), analysis, number, index, len(sources))
    yield from _translation_problems(fact.doc, fact.data, cited, len(sources))
    lowered = analysis.casefold()
    for index, source in mappings(fact.data.get("sources")):
        if index + 1 in cited or any(_names(name, lowered) for name in publisher_names(source.get("publisher"))):
            continue
        yield fact.doc.problem(
            ID,
            ("sources", index),
            f"the analysis does not cite this source; cite it as [{index + 1}] or by its publisher where "
            "it supports a statement, or remove it",
            level=Level.WARNING,
        )


def markers(analysis: str) -> list[tuple[int, int]]:
    """Every citation ``[n]`` in the Markdown `analysis`, as (n, index in the text)."""
    if "[" not in analysis:
        return []
    plain = (
        _CODE.sub(lambda match: " " * len(match.group()), analysis)
        if "`" in analysis or "~~~" in analysis
        else analysis
    )
    defined = {label.strip().casefold() for label in _DEFINITION.findall(plain)}
    return [
        (int(match.group(1)), match.start())
        for match in _MARKER.finditer(plain)
        if match.group(1) not in defined
        and (match.group(2) is None or match.group(2).strip().casefold() not in defined)
    ]


def publisher_names(publisher: Any) -> list[str]:
    """The names that cite a source from `publisher`: ``"Fergana (citing Kommersant)"`` gives
    itself, ``"Fergana"`` and ``"citing Kommersant"``."""
    if not isinstance(publisher, str) or not publisher.strip():
        return []
    names = {publisher.strip(), re.split(r"\s*[(,]", publisher, maxsplit=1)[0].strip()}
    names.update(part.strip() for part in re.findall(r"\(([^()]+)\)", publisher))
    return sorted(name for name in names if len(name) >= 2)


def _names(name: str, lowered_text: str) -> bool:
    """Whether `name` stands in the text as a whole word (case aside).

    A plain substring test first: most names are absent, and it costs a tenth of the pattern.
    """
    folded = name.casefold()
    if folded not in lowered_text:
        return False
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", lowered_text) is not None


def _translation_problems(doc: LoadedDocument, data: dict[str, Any], cited: set[int], count: int) -> Iterator[Problem]:
    """A translated analysis cites the same sources with the same markers as the English one.

    A marker that names no source is the same error as in English, at its place in the
    translation. A marker only one of the two has is a warning: the translation was
    written from another version of the analysis, or lost or gained a citation.
    """
    for language, path, text in translated(data, "analysis"):
        found = markers(text)
        for number, index in found:
            if not 1 <= number <= count:
                yield _marker_problem(doc, path, text, number, index, count)
        theirs = {number for number, _ in found}
        if theirs != cited:
            yield doc.problem(
                ID,
                path,
                f"the {LANGUAGES[language]} analysis cites {_listed(theirs)}, the English one {_listed(cited)}; "
                "give the translation the same [n] source markers as the English analysis",
                level=Level.WARNING,
            )


def _listed(numbers: set[int]) -> str:
    """``no [n] marker``, ``[2]``, ``[2] and [3]``, ``[1], [2] and [4]``."""
    shown = [f"[{number}]" for number in sorted(numbers)]
    if len(shown) < 2:
        return shown[0] if shown else "no [n] marker"
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def _marker_problem(
    doc: LoadedDocument, path: FieldPath, analysis: str, number: int, index: int, count: int
) -> Problem:
    line, column = position_in_value(doc, path, analysis, index, f"[{number}]")
    listed = f"the fact lists {count} source{'s' if count > 1 else ''}"
    return Problem(
        doc.path,
        line,
        column,
        ID,
        format_field_path(path),
        f"[{number}] cites no source: {listed}; number sources from [1] in the order of sources",
    )
