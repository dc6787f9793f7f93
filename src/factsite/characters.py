"""Characters a reviewer cannot see: bidirectional controls and invisible format characters.

They make text differ from what a reviewer reads: a right-to-left override can show a
link's end before its start, a zero-width space makes two ids or hosts look identical.
In a URL or an id they are never right, so they are errors; in prose they are almost
always pasted by accident, so they are warnings. Zero-width (non-)joiners are allowed in
prose: Persian, Indic scripts and emoji need them.
"""

from __future__ import annotations

import re
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
BIDI_RULE = "bidi-control"

_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
"""Embeddings and overrides: they reorder what follows, so the text shown is not the text reviewed."""
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_ISOLATE_CLOSER = "\u2069"
_DISPLAY_CONTROLS = _OVERRIDES | _ISOLATE_OPENERS | {_ISOLATE_CLOSER}


def is_invisible(char: str) -> bool:
    """Whether `char` is a format character (category Cf, which includes bidi controls) or draws as nothing."""
    return char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"


INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u17b4-\u17b5"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff\uffa0"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Every character `is_invisible` accepts, as one compiled class.

Asking `unicodedata` about each character of every fact costs more than loading the
facts; a regular expression scans a whole text in C. A test compares this class with
`is_invisible` over every code point, so a new Unicode version cannot slip by.
"""


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def invisible_characters(text: str, *, allow_joiners: bool = False) -> list[tuple[int, str]]:
    """The (0-based index, character) of every invisible character in `text`."""
    return [
        (match.start(), match.group())
        for match in INVISIBLE.finditer(text)
        if not (allow_joiners and match.group() in _JOINERS)
    ]


def may_hide_characters(source: str) -> bool:
    """Whether a YAML text could hold an invisible character in any of its values.

    Either the character is in the text itself, or a double-quoted escape such as
    ``"\\u200b"`` produces it, and every escape starts with a backslash. Most facts are
    plain ASCII, for which both questions are answered without scanning a character;
    `str.isprintable` answers for the rest several times faster than the pattern.
    """
    if "\\" in source:
        return True
    if source.isascii():
        return False
    if source.replace("\n", "").isprintable() and not any(char in source for char in _BLANK_LETTERS):
        return False  # a format character is never printable; each blank letter is looked for
    return INVISIBLE.search(source) is not None


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


def unsafe_bidi(text: str) -> list[tuple[int, str, str]]:
    """The (index, character, why) of each bidirectional control that changes how `text` is shown.

    An override or embedding is always one. An isolate is not when it is closed within
    the same text (U+2066/7/8 … U+2069): that is how right-to-left words are set safely
    inside left-to-right text, and it cannot leak past the value's end.
    """
    found: list[tuple[int, str, str]] = []
    open_isolates: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if char in _OVERRIDES:
            found.append((index, char, "it reorders the text, so readers would see other text than reviewers"))
        elif char in _ISOLATE_OPENERS:
            open_isolates.append((index, char))
        elif char == _ISOLATE_CLOSER:
            if open_isolates:
                open_isolates.pop()
            else:
                found.append((index, char, "it closes an isolate that was never opened"))
    found += [(index, char, "this isolate is never closed with U+2069") for index, char in open_isolates]
    return sorted(found)


def invisible_problems(
    doc: LoadedDocument, strict: Paths = (), skip: Paths = (), private: Paths = ()
) -> Iterator[Problem]:
    """One problem per value of `doc` holding invisible characters: an error on a `strict` path, else a warning.

    Text shown to readers (every path but the `strict`, `skip` and `private` ones) must
    also hold no bidirectional control that changes its display: that is an error
    (`unsafe_bidi`), and balanced isolates are allowed there without a warning.
    Values on `skip` paths are left to checks that already refuse them. A document whose
    source shows no invisible character and no escape is not walked at all.
    """
    if doc.text is not None and not may_hide_characters(doc.text):
        return
    for path, text in strings(doc.data):
        if INVISIBLE.search(text) is None:
            continue
        if any(matches(path, pattern) for pattern in skip):
            continue
        is_strict = any(matches(path, pattern) for pattern in strict)
        found = invisible_characters(text, allow_joiners=not is_strict)
        if not is_strict and not any(matches(path, pattern) for pattern in private):
            for index, char, why in unsafe_bidi(text):
                yield doc.problem(
                    BIDI_RULE, path, f"{describe(char)} at character {index + 1}: {why}; delete it", level=Level.ERROR
                )
            # Each override or unbalanced isolate is the error above; balanced isolates are fine.
            found = [(index, char) for index, char in found if char not in _DISPLAY_CONTROLS]
        if not found:
            continue
        index, char = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        where = f"invisible character {describe(char)} at character {index + 1}{more}"
        if is_strict:
            yield doc.problem(RULE, path, f"{where}; a URL must not contain one: retype it")
        else:
            yield doc.problem(RULE, path, f"{where}; delete it unless the text needs it", level=Level.WARNING)
