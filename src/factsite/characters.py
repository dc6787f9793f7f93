"""Characters a reviewer cannot see: bidirectional controls and invisible format characters.

They make text differ from what a reviewer reads: a right-to-left override can show a
link's end before its start, a zero-width space makes two ids or hosts look identical.
In a URL or an id they are never right, so they are errors; in prose they are almost
always pasted by accident, so they are warnings. Zero-width (non-)joiners are allowed in
prose: Persian, Indic scripts and emoji need them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from factsite.problems import FieldPath, Level, Problem
from factsite.yamlload import LoadedDocument

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks, embeddings, overrides and isolates (Unicode Bidi_Control)."""

_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
"""Not format characters, but drawn as nothing: grapheme joiner, Hangul fillers, blank Braille."""

_JOINERS = frozenset("\u200c\u200d")

RULE = "invisible-character"


def is_invisible(char: str) -> bool:
    """Whether `char` is a format character (category Cf, which includes bidi controls) or draws as nothing."""
    return char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def invisible_characters(text: str, *, allow_joiners: bool = False) -> list[tuple[int, str]]:
    """The (0-based index, character) of every invisible character in `text`."""
    return [
        (index, char)
        for index, char in enumerate(text)
        if is_invisible(char) and not (allow_joiners and char in _JOINERS)
    ]


def strings(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value inside loaded YAML data, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def matches(path: FieldPath, pattern: tuple[str, ...]) -> bool:
    """Whether `path` is one of the schema paths `pattern` (``*`` stands for any list index)."""
    return len(path) == len(pattern) and all(
        isinstance(part, int) if want == "*" else part == want for part, want in zip(path, pattern, strict=True)
    )


Paths = tuple[tuple[str, ...], ...]


def invisible_problems(doc: LoadedDocument, strict: Paths = (), skip: Paths = ()) -> Iterator[Problem]:
    """One problem per value of `doc` holding invisible characters: an error on a `strict` path, else a warning.

    Values on `skip` paths are left to checks that already refuse them.
    """
    for path, text in strings(doc.data):
        if any(matches(path, pattern) for pattern in skip):
            continue
        is_strict = any(matches(path, pattern) for pattern in strict)
        found = invisible_characters(text, allow_joiners=not is_strict)
        if not found:
            continue
        index, char = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        where = f"invisible character {describe(char)} at character {index + 1}{more}"
        if is_strict:
            yield doc.problem(RULE, path, f"{where}; a URL must not contain one: retype it")
        else:
            yield doc.problem(RULE, path, f"{where}; delete it unless the text needs it", level=Level.WARNING)
