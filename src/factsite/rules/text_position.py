"""Positions inside a multi-line text value, so that a problem points at the words at fault.

The loader keeps one position per value: where the value starts. For a problem about a
few characters of a long ``analysis``, that is a dozen lines away. In every YAML style but
one, the source of a text value holds its characters in order, so the n-th occurrence of
a piece of text in the value is its n-th occurrence in the file after the value's start:
a literal (``|``) or folded (``>``) block, a plain scalar and a single-quoted one (whose
only escape, ``''``, cannot be part of the piece looked for). A double-quoted scalar may
spell a character as an escape, so there the value's start is the answer.
"""

from __future__ import annotations

import re

from factsite.problems import FieldPath
from factsite.yamlload import LoadedDocument, Position

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def position_in_value(doc: LoadedDocument, path: FieldPath, value: str, index: int, piece: str) -> Position:
    """Where `piece`, found at `index` of the text `value` at `path`, stands in the file."""
    start = doc.position(path)
    if doc.text is None or not piece:
        return start
    offsets = _line_offsets(doc.text)
    if start.line > len(offsets):
        return start
    begin = offsets[start.line - 1] + start.column - 1
    if doc.text.startswith('"', begin) and "\\" in doc.text[begin:]:
        return start
    at = begin - 1
    for _ in range(value.count(piece, 0, index) + 1):
        at = doc.text.find(piece, at + 1)
        if at < 0:
            return start
    line = max(number for number, offset in enumerate(offsets, 1) if offset <= at)
    return Position(line, at - offsets[line - 1] + 1)


def _line_offsets(text: str) -> list[int]:
    """The offset at which each line of `text` starts, as libyaml counts lines."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
