"""The fact format: one JSON Schema (draft 2020-12), the single source of truth.

Validation, the editor modeline, the generated "Fact format" and "Rating scale" pages
and the verdict list the code needs are all read from ``fact.schema.json``; nothing
here restates what the schema says.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("fact.schema.json")
SCHEMA_FILENAME = SCHEMA_PATH.name


@functools.cache
def fact_schema() -> dict[str, Any]:
    """The parsed schema. A broken schema is our bug, so it fails loudly, not as a Problem."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def schema_version() -> int:
    return int(fact_schema()["x-schema-version"])


PAST_VERSIONS = (1,)
"""Earlier versions of the format, kept frozen beside this one as ``fact.v<N>.schema.json``.

Files of a past version no longer validate; their schema stays published at its old
address for the data consumers who read it, unchanged.
"""


@functools.cache
def past_schema(version: int) -> dict[str, Any]:
    """The frozen schema of a past version, exactly as it was published."""
    with SCHEMA_PATH.with_name(f"fact.v{version}.schema.json").open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@dataclass(frozen=True)
class Verdict:
    """One step of the rating scale, named in one language."""

    id: str
    label: str
    definition: str
    ordinal: int | None
    """Position on the scale, 1 = worst; ``None`` for verdicts that are not a rating."""
    language: str = "en"

    @property
    def is_ordinal(self) -> bool:
        return self.ordinal is not None

    def in_language(self, code: str) -> Verdict:
        """This verdict as the `code` edition names and defines it (``x-translations`` in the schema)."""
        return verdict(self.id, code)


@functools.cache
def verdict_scale(code: str = "en") -> tuple[Verdict, ...]:
    """The verdicts in the schema's order, best first, named in language `code`.

    An edition without a translation of a verdict shows its English name: a test holds
    the schema to translating every verdict into every edition's language.
    """
    scale = []
    for option in fact_schema()["$defs"]["verdict"]["oneOf"]:
        words = option.get("x-translations", {}).get(code, {}) if code != "en" else {}
        label, definition = words.get("title", option["title"]), words.get("description", option["description"])
        scale.append(Verdict(option["const"], label, definition, option.get("x-ordinal"), code if words else "en"))
    return tuple(scale)


def verdict(verdict_id: str, code: str = "en") -> Verdict:
    return _verdicts(code)[verdict_id]


@functools.cache
def _verdicts(code: str) -> dict[str, Verdict]:
    return {v.id: v for v in verdict_scale(code)}


DATE_DEFINITIONS = ("#/$defs/partialDate", "#/$defs/fullDate")
URL_DEFINITIONS = ("#/$defs/url",)
ID_DEFINITIONS = ("#/$defs/factId", "#/$defs/termId")


@functools.cache
def date_paths() -> tuple[tuple[str, ...], ...]:
    """Every place a fact holds a date, as field paths with ``*`` for any list item.

    Read from the schema, so that a new date field is checked by the date rules at once.
    """
    return tuple(_paths(fact_schema(), (), DATE_DEFINITIONS))


@functools.cache
def url_paths() -> tuple[tuple[str, ...], ...]:
    """Every place a fact holds a URL, like `date_paths`."""
    return tuple(_paths(fact_schema(), (), URL_DEFINITIONS))


@functools.cache
def id_paths() -> tuple[tuple[str, ...], ...]:
    """Every place a fact holds an id (a related fact, a tag, an actor), like `date_paths`."""
    return tuple(_paths(fact_schema(), (), ID_DEFINITIONS))


def _paths(spec: dict[str, Any], prefix: tuple[str, ...], targets: tuple[str, ...]) -> list[tuple[str, ...]]:
    refs = [spec.get("$ref")] + [option.get("$ref") for option in spec.get("anyOf", ())]
    if any(ref in targets for ref in refs):
        return [prefix]
    if spec.get("$ref", "").startswith("#/$defs/"):
        return _paths(fact_schema()["$defs"][spec["$ref"].rsplit("/", 1)[-1]], prefix, targets)
    if spec.get("type") == "array" and "items" in spec:
        return _paths(spec["items"], (*prefix, "*"), targets)
    found: list[tuple[str, ...]] = []
    for name, child in spec.get("properties", {}).items():
        found.extend(_paths(child, (*prefix, name), targets))
    return found
