"""Validate loaded documents against the JSON Schema and word each error for a contributor.

Two engines, one schema. `jsonschema-rs` (compiled Rust) decides whether a document is
valid: nearly every fact is, and it answers in microseconds. Only a document it rejects
(or cannot take, such as a string with a lone surrogate) goes to the `jsonschema`
library, whose errors carry the paths and keywords that this module turns into
positioned `Problem`s that say what to change. So every problem is found and worded by
one engine, and a test holds the two engines to the same verdict. Custom wording lives
in the schema itself (``x-message`` beside a pattern), so a constraint and its
explanation cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from factsite.problems import FieldPath, Problem, closest, plural, value_at
from factsite.schema import fact_schema
from factsite.yamlload import LoadedDocument

RULE = "schema"

FACT = "#"
VOCABULARY = "#/$defs/vocabulary"


@functools.cache
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """`pattern` with JSON Schema's (ECMA-262) meaning of ``$``: the end of the text.

    Python's ``$`` also matches before a final newline, which would let ``"trade\\n"``
    pass as an id and a one-line title end in a line break.
    """
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "[]":
            in_class = char == "["
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]


@functools.cache
def _validator(pointer: str) -> Any:
    schema = fact_schema()
    Draft202012Validator.check_schema(schema)
    if pointer == FACT:
        return _Validator(schema)
    return _Validator({"$ref": pointer, "$defs": schema["$defs"]})


@functools.cache
def _fast_validator(pointer: str) -> jsonschema_rs.Validator:
    schema = fact_schema()
    if pointer != FACT:
        schema = {"$ref": pointer, "$defs": schema["$defs"]}
    return jsonschema_rs.Draft202012Validator(schema, offline=True)


def is_valid(data: Any, pointer: str = FACT) -> bool:
    """Whether `data` passes the definition at `pointer`, by the compiled engine.

    ``False`` also when that engine cannot take the data at all: the full check then
    decides, so the fast path can only skip work, never a problem.
    """
    try:
        return _fast_validator(pointer).is_valid(data)
    except Exception:  # any refusal means "let the full check look"
        return False


def file_problems(doc: LoadedDocument) -> list[Problem]:
    """The problems of a fact file on its own: YAML, then schema."""
    return [*(_indent_hint(problem, doc) for problem in doc.problems), *check_document(doc)]


def _indent_hint(problem: Problem, doc: LoadedDocument) -> Problem:
    """A repeated top-level key that belongs to an empty block above it (``date:`` of an
    ``appearance:`` whose fields lost their indentation) says so."""
    if problem.rule != "yaml-duplicate-key" or "." in problem.field or "[" in problem.field:
        return problem
    data = doc.data if isinstance(doc.data, dict) else {}
    properties = fact_schema().get("properties", {})
    above = [
        (doc.position((name,), key=True).line, name)
        for name, value in data.items()
        if value is None and problem.field in _resolved(properties.get(name, {})).get("properties", {})
    ]
    owners = [name for line, name in sorted(above) if line < problem.line]
    if not owners:
        return problem
    hint = f"; if it belongs under '{owners[-1]}:', indent it by two spaces instead"
    return dataclasses.replace(problem, message=problem.message + hint)


def check_document(doc: LoadedDocument, pointer: str = FACT) -> list[Problem]:
    """Schema problems of `doc` against the definition at `pointer` (the fact by default)."""
    if doc.data is None:
        return []
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else f"a single value ({_type_name(doc.data)})"
        return [doc.problem(RULE, (), f"file holds {kind}; it must hold the fact's fields as 'name: value' lines")]
    if is_valid(doc.data, pointer):
        return []
    if pointer == FACT and _is_first_format(doc.data):
        return [doc.problem(RULE, (), FIRST_FORMAT_MESSAGE)]
    problems: list[Problem] = []
    for error in _validator(pointer).iter_errors(doc.data):
        problems.extend(_problems_for(error, doc))
    return sorted(set(problems))


FIRST_FORMAT_MESSAGE = (
    "this file is in the old fact format (v1), which had no 'kind'. Add 'kind: claim' if it rates what "
    "someone said, and write the claimant as fields: 'claimant:' then '  name: …' (and '  role: …', "
    "'  actor: …') on the lines below. Or, for something that happened, add 'kind: event', write what "
    "happened in 'summary:', and remove claim, claim_short, claimant, appearance, verdict and conclusion"
)
"""The one message a v1 file gets, instead of a list of symptoms of the same cause."""


def _is_first_format(data: dict[str, Any]) -> bool:
    """A v1 fact: no kind, and the claim fields v1 required."""
    return "kind" not in data and "verdict" in data and "claimant" in data


def _problems_for(error: ValidationError, doc: LoadedDocument) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    kind = str(error.validator)
    expected: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance

    if "propertyNames" in error.schema_path and isinstance(instance, str):
        # The key itself is wrong: point at it, not at the mapping that holds it.
        yield doc.problem(RULE, (*path, instance), _message(error, kind, schema, instance), key=True)
        return
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for key in _unexpected_keys(instance, schema):
            owner = _unindented_owner(instance, schema, key)
            hint = f"; if it belongs under '{owner}:', indent it by two spaces" if owner else _did_you_mean(key, known)
            if "x-unknown" in schema and not hint:  # a likely typo is named before the general rule
                hint = f"; {schema['x-unknown']}"
            yield doc.problem(RULE, (*path, key), f"unknown field '{key}'{hint}", key=True)
        return
    if kind == "required" and "x-message" in schema:
        at = (*path, schema["x-at"]) if "x-at" in schema else path
        yield doc.problem(RULE, at, str(schema["x-message"]))
        return
    if kind == "required":
        for name in expected:
            if isinstance(instance, dict) and name not in instance:
                yield doc.problem(RULE, path, f"missing required field '{name}'{_describe(schema, name)}")
        return
    if kind == "dependentRequired":
        for name, needs in expected.items():
            if name in instance:
                for need in needs:
                    if need not in instance:
                        yield doc.problem(RULE, (*path, name), f"'{name}' needs '{need}' beside it", key=True)
        return
    if kind == "type" and instance is None and _wants_fields(expected) and path:
        yield doc.problem(RULE, path, _empty_block_message(doc.data, path, schema))
        return
    yield doc.problem(RULE, path, _message(error, kind, schema, instance), key=kind == "not")


def _wants_fields(expected: Any) -> bool:
    return expected == "object" or (isinstance(expected, list) and "object" in expected)


def _empty_block_message(data: Any, path: FieldPath, schema: dict[str, Any]) -> str:
    """For a block such as ``appearance:`` with nothing under it: most often its fields lost their indentation."""
    name = str(path[-1])
    parent = value_at(data, path[:-1])
    fields = set(schema.get("properties", {}))
    keys = list(parent) if isinstance(parent, dict) else []
    after = keys[keys.index(name) + 1 :] if name in keys else []
    lost = [key for key in after if key in fields]
    if lost:
        listed = ", ".join(f"'{key}'" for key in lost)
        return (
            f"is empty, and {listed} below it lost their indentation: indent the fields under '{name}:' by two spaces"
        )
    return f"is empty; write its fields on the lines below '{name}:', each indented by two spaces"


def _unindented_owner(instance: Any, schema: dict[str, Any], key: str) -> str | None:
    """The empty block above `key` that has a field named `key`: where an unindented line belongs."""
    if not isinstance(instance, dict):
        return None
    keys: list[str] = list(instance)
    properties = schema.get("properties", {})
    for name in reversed(keys[: keys.index(key)]):
        if instance[name] is None and key in _resolved(properties.get(name, {})).get("properties", {}):
            return name
    return None


def _resolved(definition: dict[str, Any]) -> dict[str, Any]:
    ref = definition.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found: dict[str, Any] = fact_schema()["$defs"].get(ref.rsplit("/", 1)[-1], {})
        return found
    return definition


def _message(error: ValidationError, kind: str, schema: dict[str, Any], instance: Any) -> str:
    custom = schema.get("x-message")
    expected: Any = error.validator_value
    if kind == "type" and custom and expected == "object":
        return f"{custom}; got {_type_name(instance)}"
    if kind == "type":
        return f"must be {_article(expected)}, not {_type_name(instance)}{_quote_hint(instance, expected)}"
    if custom and kind == "not":
        return str(custom)
    if custom and kind in ("pattern", "anyOf", "format"):
        return f"{custom}; got {_show(instance)}{_quote_hint(instance, 'string')}"
    if kind in ("enum", "oneOf"):
        allowed = schema.get("enum") or [o["const"] for o in schema.get("oneOf", []) if "const" in o]
        if allowed:
            options = ", ".join(map(str, allowed))
            close = closest(str(instance), map(str, allowed))
            if close:
                return f"{_show(instance)} is not allowed; did you mean '{close}'? Allowed: {options}"
            return f"{_show(instance)} is not allowed; use one of: {options}"
    if kind == "maxLength":
        return f"is {plural(len(instance), 'character')} long; the limit is {expected} (shorten it)"
    if kind == "minLength":
        return f"is {plural(len(instance), 'character')} long; write at least {expected}"
    if kind == "minItems":
        return f"needs at least {plural(expected, 'item')}"
    if kind == "maxItems":
        return f"has {plural(len(instance), 'item')}; the limit is {expected}"
    if kind == "uniqueItems":
        return "lists the same item twice; keep each once"
    if custom:
        return f"{custom}; got {_show(instance)}"
    return error.message


def _unexpected_keys(instance: Any, schema: dict[str, Any]) -> list[str]:
    if not isinstance(instance, dict):
        return []
    known = schema.get("properties", {})
    return sorted(key for key in instance if key not in known)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def _describe(schema: dict[str, Any], name: str) -> str:
    # A field required by a condition (a claim's claimant) is described where it is defined.
    definition = schema.get("properties", {}).get(name) or fact_schema()["properties"].get(name, {})
    if "$ref" in definition and "description" not in definition:
        definition = fact_schema()["$defs"].get(definition["$ref"].rsplit("/", 1)[-1], {})
    text = definition.get("description", "")
    first = text.split(". ")[0].rstrip(".")
    return f" ({first})" if first else ""


def _quote_hint(instance: Any, expected: Any) -> str:
    wants_string = expected == "string" or (isinstance(expected, list) and "string" in expected)
    if wants_string and isinstance(instance, (bool, int, float)) and instance is not None:
        raw = str(instance).lower() if isinstance(instance, bool) else str(instance)
        return f'; YAML read this as {_type_name(instance)}: put it in quotes, "{raw}"'
    return ""


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of 'name: value' lines"
    return type(value).__name__  # pragma: no cover


def _article(expected: Any) -> str:
    names: dict[str, str] = {
        "string": "text",
        "object": "a block of 'name: value' lines",
        "array": "a list",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "empty",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(str(e), str(e)) for e in expected)
    return names.get(str(expected), str(expected))


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, (dict, list)):
        return _type_name(value)
    return repr(value)
