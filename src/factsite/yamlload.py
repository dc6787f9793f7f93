"""Load one YAML file into plain JSON-like data plus the position of every value.

PyYAML's constructors drop node marks, so we compose the node graph with the C parser
and build the data ourselves. That keeps a line and column for every field, which the
schema check and the rules use to point at the offending line, and it lets us refuse
what has no place in a fact file before anything is built:

* anchors and aliases (the "billion laughs" bomb), custom and Python tags;
* duplicate keys, which PyYAML would silently let the last one win;
* YAML 1.1 type guessing: only the YAML 1.2 core schema is resolved, so ``no`` stays a
  string and ``2022-09-01`` stays the string the schema expects, never a ``datetime``.

Nothing here raises for bad input: every problem becomes a `Problem`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factsite.problems import FieldPath, Level, Problem, format_field_path

MAX_FILE_BYTES = 256 * 1024
"""A fact is a few kilobytes; anything this large is a mistake or an attack."""

MAX_DEPTH = 20
"""A fact nests four levels deep; deeper documents are refused."""

_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class LoadedDocument:
    """The data of one file, the positions of its values and keys, and its load problems.

    Positions are kept flat, as `marks`: the line and column of every node in the
    order the builder met them, a key just before its value. Only the few positions
    that a problem points at are ever read, and `position` finds one by counting
    nodes in `built`; keeping a table of field paths instead would cost a third of
    the whole load, most of it in memory for positions nobody asks for.
    """

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    """The decoded source, so that checks can scan it whole before walking the values."""
    built: Any = field(default=None, repr=False)
    """What the builder made, which is `data` unless a problem kept `data` empty."""
    marks: list[int] = field(default_factory=list, repr=False)
    """Line and column (0-based, as libyaml counts) of each node of `built` in document order, flattened."""

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The position of the value (or its key) at `path`, else of the nearest ancestor."""
        for end in range(len(path), -1, -1):
            found = _locate(self.built, path[:end]) if self.marks else None
            if found is not None:
                value_at, key_at = found
                at = key_at if key and key_at is not None else value_at
                return Position(self.marks[2 * at] + 1, self.marks[2 * at + 1] + 1)
        return Position(1, 1)

    @property
    def values(self) -> dict[FieldPath, Position]:
        """Every value's position by field path (for inspection; `position` looks one up)."""
        return {path: self.position(path) for path in _paths(self.built, ())} if self.marks else {}

    @property
    def keys(self) -> dict[FieldPath, Position]:
        """Every mapping key's position by field path (for inspection)."""
        found = _paths(self.built, ()) if self.marks else []
        return {path: self.position(path, key=True) for path in found if path and isinstance(path[-1], str)}

    def problem(
        self, rule: str, path: FieldPath, message: str, *, level: Level = Level.ERROR, key: bool = False
    ) -> Problem:
        """A problem positioned at the field `path` of this document."""
        pos = self.position(path, key=key)
        return Problem(self.path, pos.line, pos.column, rule, format_field_path(path), message, level)


def _locate(built: Any, path: FieldPath) -> tuple[int, int | None] | None:
    """The indexes in `marks` of the node at `path` and of its key (``None`` for a list item)."""
    at, key_at, value = 0, None, built
    for part in path:
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            at += 1
            for name, item in value.items():
                if name == part:
                    at, key_at, value = at + 1, at, item
                    break
                at += 1 + _size(item)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            at += 1 + sum(_size(item) for item in value[:part])
            key_at, value = None, value[part]
        else:
            return None
    return at, key_at


def _size(value: Any) -> int:
    """How many marks the node `value` and everything inside it take."""
    if isinstance(value, dict):
        return 1 + sum(1 + _size(item) for item in value.values())
    if isinstance(value, list):
        return 1 + sum(_size(item) for item in value)
    return 1


def _paths(value: Any, path: FieldPath) -> list[FieldPath]:
    found = [path]
    if isinstance(value, dict):
        for name, item in value.items():
            found += _paths(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


_NULL, _BOOL, _INT, _FLOAT = (_CORE + name for name in ("null", "bool", "int", "float"))

_WORDS = {
    word + end: tag
    for tag, words in (
        (_NULL, ["~", "null", "Null", "NULL", ""]),
        (_BOOL, ["true", "True", "TRUE", "false", "False", "FALSE"]),
    )
    for word in words
    for end in ("", "\n")  # as ``^(?:...)$`` would, since ``$`` also matches before a final line break
}
"""The plain scalars that are null or true/false in the YAML 1.2 core schema, all at most 6 characters."""

_INT_PATTERN = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_PATTERN = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


_WORD, _NUMBER, _POINT = 1, 2, 3
_STARTS = {**dict.fromkeys(["", *"~nNtTfF"], _WORD), **dict.fromkeys("-+0123456789", _NUMBER), ".": _POINT}
"""What a plain scalar may be by its first character; any other is text."""


_NOTHING: dict[Any, Any] = {}


class _CoreSchemaResolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars by the YAML 1.2 core schema only: null, bool, int, float, str."""

    # The composer calls these two around every node, for path resolvers, which we never
    # register; as built-in calls that do nothing, they cost a fraction of PyYAML's methods.
    descend_resolver = _NOTHING.get  # type: ignore[assignment]  # (parent, index): never found, so does nothing
    ascend_resolver = int  # type: ignore[assignment]  # (): makes 0

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of an untagged node: PyYAML's rule, without the path resolvers we never register.

        The composer calls this for every node, and PyYAML's general version costs about
        a fifth of composing a fact. Most values are text that starts with a letter, which
        their first character settles; null and true/false are a few short words.
        """
        if kind is not ScalarNode:
            return _SEQ if kind is SequenceNode else _MAP
        start = _STARTS.get(value[:1]) if implicit[0] else None
        if start is None:
            return _STR
        if start == _WORD:
            return _WORDS.get(value, _STR) if len(value) <= 6 else _STR
        if start == _NUMBER and _INT_PATTERN.match(value):
            return _INT
        return _FLOAT if _FLOAT_PATTERN.match(value) else _STR


_Parser = getattr(yaml.cyaml, "CParser", None) if yaml.__with_libyaml__ else None


if _Parser is not None:

    class _Composer(_Parser, _CoreSchemaResolver):  # type: ignore[valid-type,misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)  # type: ignore[misc]
            _CoreSchemaResolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _CoreSchemaResolver
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _CoreSchemaResolver.__init__(self)


def load_file(path: Path, display_path: str) -> LoadedDocument:
    """Read and load `path`; problems are reported against `display_path`."""
    doc = LoadedDocument(display_path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more: a huge file is refused unread
            size = len(raw) if len(raw) <= MAX_FILE_BYTES else os.fstat(handle.fileno()).st_size
    except OSError as exc:
        doc.problems.append(Problem(display_path, 1, 1, "read", "", f"cannot read file: {exc.strerror}"))
        return doc
    return load_bytes(raw, display_path, size=size)


def load_bytes(raw: bytes, display_path: str, *, size: int | None = None) -> LoadedDocument:
    """Load the bytes of a file (for example a blob read from git) under `display_path`.

    `size` is the whole file's size when `raw` holds only its first bytes.
    """
    doc = LoadedDocument(display_path)
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        doc.problems.append(
            Problem(
                display_path,
                1,
                1,
                "file-size",
                "",
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}: shorten the analysis or quotes",
            )
        )
        return doc
    text = _decode(raw, doc)
    if text is not None:
        load_text(text, doc)
    return doc


def load_text(text: str, doc: LoadedDocument) -> None:
    """Compose `text` and fill `doc` with its data, positions and problems."""
    doc.text = text
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(doc.path, exc, text))
        return
    except yaml.reader.ReaderError as exc:  # a character YAML does not accept
        doc.problems.append(_character_problem(doc.path, exc, text))
        return
    except yaml.YAMLError as exc:  # pragma: no cover - every other YAML error carries a mark
        doc.problems.append(Problem(doc.path, 1, 1, "yaml-syntax", "", f"YAML error: {exc}"))
        return
    finally:
        loader.dispose()
    if may_hold_anchors(text):
        _check_anchors(text, doc)
        if doc.problems:
            return
    data = doc.built = _Builder(doc).build(root, ()) if root is not None else None
    if data is None and not doc.problems:
        what = "is empty" if not text.strip() else "has no fields (only comments or an empty value)"
        doc.problems.append(
            Problem(
                doc.path,
                1,
                1,
                "empty-file",
                "",
                f"file {what}; write the fact's fields as 'name: value' lines (see the Fact format page)",
            )
        )
    if all(problem.rule in _CHECKABLE_DESPITE for problem in doc.problems):
        doc.data = data


_CHECKABLE_DESPITE = frozenset({"yaml-duplicate-key"})
"""Problems that leave the data whole (a repeated key keeps its first value), so the schema
and the rules still check the file and the contributor sees every problem in one pass."""


def _decode(raw: bytes, doc: LoadedDocument) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless: accept it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                "encoding",
                "",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            )
        )
        return None


_SYNTAX_HINTS = (
    (
        "expected a single document",
        "file holds more than one YAML document; a fact file holds exactly one (remove the '---' separator)",
    ),
    (
        "mapping values are not allowed",
        "unexpected ':'; check this line's indentation against the line above, "
        "or put a value that contains ': ' in quotes",
    ),
    ("could not find expected ':'", "a line is not 'key: value'; check the indentation, or quote the value"),
    (
        "did not find expected key",
        "this line does not continue the block above: check its indentation, and keep "
        "any text after a quoted value inside the quotes",
    ),
    ("expected <block end>", "the indentation does not match the lines above; line keys up under their parent"),
    (
        "did not find expected '-' indicator",
        "this line is indented less than the list item above it; line its key up with the item's "
        "other keys (the column after '- '), or start a new item with '- '",
    ),
    ("exceeded maximum nesting depth", "the document nests too deeply; a fact needs at most 4 levels"),
    ("found undefined alias", "YAML aliases are not allowed; write the value out in full"),
)


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error as a `Problem`, with libyaml's wording replaced by a fix where we know one."""
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        what = "tab character; indent with spaces, not tabs"
    elif context.startswith("while scanning a quoted scalar") and exc.context_mark:
        mark = exc.context_mark
        what = "quoted text is never closed; add the closing quote"
    elif context.startswith(("while parsing a flow", "while scanning a flow")) and exc.context_mark:
        mark = exc.context_mark
        what = "a '[' or '{' is never closed; add the closing bracket"
    else:
        raw = f"{context}, {exc.problem}" if context else (exc.problem or "invalid YAML")
        what = next((hint for key, hint in _SYNTAX_HINTS if key in raw), raw)
        opened = _unclosed_quote_before(text, mark.line if mark else 0)
        if opened is not None:
            return Problem(
                path,
                opened[0],
                opened[1],
                "yaml-syntax",
                "",
                "YAML syntax: quoted text is never closed; add the closing quote",
            )
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, "yaml-syntax", "", f"YAML syntax: {what}")


_SCAN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _character_problem(path: str, exc: yaml.reader.ReaderError, text: str) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
    return Problem(
        path,
        line,
        column,
        "yaml-syntax",
        "",
        f"control character {code} is not allowed in YAML; delete it (it is usually invisible)",
    )


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+(["'])""")


def _unclosed_quote_before(text: str, last_line: int) -> tuple[int, int] | None:
    """Where a one-line ``key: "value`` opens a quote it never closes, if such a line comes first.

    A quoted scalar may run over several lines, so libyaml reports an unclosed quote only
    where the text after it stops making sense; pointing back at the quote is more useful.
    """
    for number, line in enumerate(text.splitlines()[: last_line + 1], start=1):
        match = _QUOTED_VALUE.match(line)
        if match:
            quote, rest = match.group(1), line[match.end() :]
            closed = rest.replace("\\" + quote, "").replace(quote * 2, "") if quote == '"' else rest.replace("''", "")
            if quote not in closed:
                return number, match.end()
    return None


_PROPERTY_BACKWARDS = re.compile(r"[&*](?:[ \t]+[^ \t\r\n]*!)?[ \t\ufeff]*(?:[-?:,\[{\n\r\x85\u2028\u2029\ufeff]|\Z)")
"""Read backwards from an ``&`` or ``*``: blanks and an optional tag, then an indicator
(``- ``, ``? ``, ``: ``, ``[``, ``{``, ``,``), a line break (any of YAML 1.1's) or the
start of the text, which is where a node, and so an anchor or alias, may start."""


def may_hold_anchors(text: str) -> bool:
    """Whether the YAML scanner could read an anchor or alias in `text` (which composed).

    Scanning the tokens costs a tenth of the whole check, and prose often holds ``&`` or
    ``*``: "R&D", "*not*". The scanner starts an anchor or alias token only where a node
    may start, so only the few signs found are looked at, each backwards from itself
    (over the reversed text, where the pattern can start at the sign). It may answer
    "maybe" too often (a sign inside a scalar), never "no" too often.
    """
    if "&" not in text and "*" not in text:
        return False
    backwards, last = text[::-1], len(text) - 1
    for sign in "&*":
        at = text.find(sign)
        while at >= 0:
            if _PROPERTY_BACKWARDS.match(backwards, last - at):
                return True
            at = text.find(sign, at + 1)
    return False


def _check_anchors(text: str, doc: LoadedDocument) -> None:
    """Refuse anchors and aliases: facts never need them, and aliases enable expansion bombs.

    One problem per file, at the first one, so that a bomb does not flood the report.
    """
    try:
        found = [t for t in yaml.scan(text, Loader=_SCAN_LOADER) if isinstance(t, (yaml.AnchorToken, yaml.AliasToken))]
    except yaml.YAMLError:
        return  # the composer has already accepted the text; nothing more to learn here
    if found:
        first = found[0]
        sign = "&" if isinstance(first, yaml.AnchorToken) else "*"
        more = f" (and {len(found) - 1} more anchors or aliases)" if len(found) > 1 else ""
        doc.problems.append(
            Problem(
                doc.path,
                first.start_mark.line + 1,
                first.start_mark.column + 1,
                "yaml-anchor",
                "",
                f"YAML anchors and aliases are not allowed in fact files: found '{sign}{first.value}'{more}; "
                "write each value out in full",
            )
        )


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions on the way.

    This runs once per value of every fact, so the common case (a text value, a mapping
    of text keys) takes the shortest path; anything unusual goes through `_scalar`.
    A node that fails still gets its mark, and a key that fails gets none, so that the
    marks always follow `LoadedDocument.built`.
    """

    def __init__(self, doc: LoadedDocument) -> None:
        self.doc = doc
        self.mark = doc.marks.append

    def build(self, node: Node, path: FieldPath) -> Any:
        mark = node.start_mark
        self.mark(mark.line)
        self.mark(mark.column)
        if len(path) > MAX_DEPTH:
            self._fail(
                node, "yaml-depth", path[:2], f"nesting is deeper than {MAX_DEPTH} levels; a fact needs at most 4"
            )
            return None
        if isinstance(node, ScalarNode):
            return node.value if node.tag == _STR else self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node, path)
            return self._sequence(node, path)
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                return self._bad_tag(node, path)
            return self._mapping(node, path)
        return None  # pragma: no cover - the composer yields only these three kinds

    def _sequence(self, node: SequenceNode, path: FieldPath) -> list[Any]:
        result: list[Any] = []
        add = self.mark
        plain = len(path) < MAX_DEPTH
        for index, item in enumerate(node.value):
            if plain and item.tag == _STR and isinstance(item, ScalarNode):
                mark = item.start_mark  # a text item (tags, actors, related ids): `build` inlined
                add(mark.line)
                add(mark.column)
                result.append(item.value)
            else:
                result.append(self.build(item, (*path, index)))
        return result

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        add = self.mark
        plain = len(path) < MAX_DEPTH  # whether a text value here is within the depth limit
        for key_node, value_node in node.value:
            if key_node.tag == _STR and isinstance(key_node, ScalarNode):
                key = key_node.value  # a text key, as every key should be: `_scalar` inlined
            else:
                key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self._fail(key_node, "yaml-key", path, "field names must be plain words such as 'title'")
                continue
            if key in result:
                first = next(k for k, _ in node.value if k.tag == _STR and k.value == key)
                self._fail(
                    key_node,
                    "yaml-duplicate-key",
                    (*path, key),
                    f"duplicate key '{key}' (first set on line {first.start_mark.line + 1}); keep one",
                )
                continue
            mark = key_node.start_mark
            add(mark.line)
            add(mark.column)
            if plain and value_node.tag == _STR and isinstance(value_node, ScalarNode):
                mark = value_node.start_mark  # a text value, by far the most common: `build` inlined
                add(mark.line)
                add(mark.column)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        tag, value = node.tag, str(node.value)
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        try:
            if tag == _BOOL:
                return {"true": True, "false": False}[value.lower()]
            if tag == _INT:
                return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            if tag == _FLOAT:
                special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
                return float(special.get(value.lower(), value))
        except (KeyError, ValueError):
            shown = value if len(value) <= 40 else value[:37] + "..."
            self._fail(
                node,
                "yaml-value",
                path,
                f"{shown!r} cannot be read as {tag.replace(_CORE, '')}; write it as text in quotes",
            )
            return None
        return self._bad_tag(node, path)

    def _bad_tag(self, node: Node, path: FieldPath) -> None:
        tag = node.tag.replace(_CORE, "!!", 1) if node.tag.startswith(_CORE) else node.tag
        self._fail(node, "yaml-tag", path, f"YAML tag '{tag}' is not allowed; write plain values without '!' tags")

    def _fail(self, node: Node, rule: str, path: FieldPath, message: str) -> None:
        mark = node.start_mark
        self.doc.problems.append(
            Problem(self.doc.path, mark.line + 1, mark.column + 1, rule, format_field_path(path), message)
        )
