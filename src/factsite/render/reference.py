"""Reference pages generated from the schema and the rules: "Fact format" and "Rating scale".

Because they are generated, the documentation cannot drift from what the validator
enforces: a new field, limit or rule shows up here on the next build.
"""

from __future__ import annotations

import html
import inspect
import json
from typing import Any

from factsite import i18n, rules, yamlload
from factsite.catalog import Catalog
from factsite.render import GeneratedFile
from factsite.render.markup import verdict_badge
from factsite.render.pages import RATING_SCALE_URI, front_matter
from factsite.render.siteinfo import SiteInfo
from factsite.render.urls import relative_url
from factsite.schema import PAST_VERSIONS, SCHEMA_FILENAME, fact_schema, past_schema, schema_version, verdict_scale

FACT_FORMAT_URI = "fact-format.md"


def schema_uri(version: int, filename: str = SCHEMA_FILENAME) -> str:
    """Where the site publishes a schema of fact format `version`; a version keeps its address for good."""
    return f"schema/v{version}/{filename}"


SCHEMA_URI = schema_uri(schema_version())
"""Where the site publishes the schema, for editors and data users."""

_OBJECTS = (
    ("claimant", "Claimant"),
    ("appearance", "Appearance"),
    ("source", "Source"),
    ("correction", "Correction"),
    ("withdrawal", "Withdrawal"),
    ("translation", "Translation"),
)


def render_fact_format(site: SiteInfo | None = None) -> GeneratedFile:
    """The contributors' reference, in English in every edition: another edition says so at the
    top and marks the rest ``lang="en"`` (a ``markdown`` block, read by the ``md_in_html`` extension),
    and links the schemas where they are published, once, at the site's root."""
    body = _fact_format_body()
    if i18n.active().is_default:
        return GeneratedFile(FACT_FORMAT_URI, body)
    if site is not None:
        body = body.replace("](schema/", f"]({site.root_url}schema/")
    notice = i18n.gettext("This reference for contributors is written in English only.")
    head, separator, rest = body.partition("\n---\n")
    page = f'{head}{separator}\n<p class="fs-untranslated" role="note">{html.escape(notice)}</p>\n\n'
    page += f'<div lang="en" markdown="1">\n\n{rest.lstrip(chr(10))}\n</div>\n'
    return GeneratedFile(FACT_FORMAT_URI, page)


def _fact_format_body() -> str:
    schema = fact_schema()
    defs = schema["$defs"]
    out = [
        front_matter(title="Fact format", description="Every field of a fact file, generated from the schema."),
        "# Fact format\n",
        f"Schema version {schema_version()}. {schema['description']}\n",
        "This page is generated from the JSON Schema that the site build and `factsite check` "
        f"validate against, published at [`{SCHEMA_URI}`]({SCHEMA_URI}). Start a fact file with this line "
        "so that editors with the YAML language server offer completion and checks as you type:\n",
        "```yaml\n# yaml-language-server: $schema=../src/factsite/schema/fact.schema.json\n```\n",
        "## Claims and events\n",
        "Every entry says what it is with `kind`.\n",
        "- **`kind: claim`**: a statement someone made outside this site, which we rate. It has the claim "
        "as said (`claim`, and `claim_short` for listings), who said it (`claimant`, with a clean `name`, "
        "a person's `role` and their `actor` id), where it appeared (`appearance`), our `verdict` and the "
        "`conclusion` behind it. Only claims carry ClaimReview markup.\n"
        "- **`kind: event`**: something that happened, such as a treaty signed or an embassy opened. It has "
        "a short neutral `summary` instead, and no claimant, appearance, verdict or conclusion. A claim "
        'that names an event in `related` is listed on the event\'s page under "Claims about this event".\n',
        "Start a file with `factsite new DATE SLUG` (a claim) or `factsite new DATE SLUG --kind event`. "
        f"A file in the first format (schema version 1, without `kind`) no longer passes the check, and "
        "the message says what to change; that schema stays published at "
        f"[`schema/v1/{SCHEMA_FILENAME}`](schema/v1/{SCHEMA_FILENAME}).\n",
        "## Fields\n",
        _field_table(schema),
    ]
    for name, heading in _OBJECTS:
        definition = defs[name]
        out += [f"## {heading} {{#{name}}}\n", f"{definition.get('description', '')}\n", _field_table(definition)]
    out += [
        "## Verdicts\n",
        f"`verdict` takes one id from the [rating scale]({RATING_SCALE_URI}): "
        + ", ".join(f"`{v.id}`" for v in verdict_scale())
        + ".\n",
        "## Vocabularies\n",
        f"{defs['vocabulary']['description']} Each term has a `label`, a one-line `description`, "
        "and optionally a `kind` and a `wikidata` item id.\n",
        "## Dates\n",
        'Dates are written as text at the precision the sources support: `"1992"`, `"1992-04"` or '
        '`"1992-04-08"`. Quote them, so YAML keeps them as written. A source that shows no date has '
        "`published: undated`; never guess a date.\n",
        "## Limits\n",
        f"A fact file is at most {yamlload.MAX_FILE_BYTES // 1024} KiB and nests at most "
        f"{yamlload.MAX_DEPTH} levels. Anchors, aliases and `!` tags are refused.\n",
        "## Rules beyond the schema\n",
        "Besides the schema, every fact passes these checks. Warnings fail only strict runs "
        "(`factsite check --strict`).\n",
    ]
    for rule in rules.RULES:
        doc = inspect.getdoc(rule) or ""
        title, _, body = doc.partition("\n\n")
        out += [f"### `{rule.ID}`\n", f"{title.split(':', 1)[-1].strip()}\n", f"{body}\n" if body else ""]
    return "\n".join(part for part in out if part)


def render_rating_scale(catalog: Catalog | None = None, *, directory_urls: bool = True) -> GeneratedFile:
    """Each verdict as readers see it (its badge), what it means, and an entry that has it.

    The ids stay on the Fact format page: readers never need them. Names and definitions are
    the edition's, from the schema (``x-translations``).
    """
    _ = i18n.gettext
    examples = {verdict.id: facts for verdict, facts in catalog.by_verdict()} if catalog else {}
    scale = verdict_scale(i18n.active().code)
    top = max(v.ordinal for v in scale if v.ordinal is not None)
    title = _("Rating scale")
    out = [
        front_matter(title=title, description=_("What each verdict on this site means.")),
        f"# {title}\n",
        _(
            "Every claim carries one verdict on the claim as it was worded, as of the date it was checked; "
            "events report what happened and carry none. "
            "The first four are a scale from best to worst; the last two are not ratings."
        )
        + "\n",
    ]
    for verdict in scale:
        if verdict.ordinal:
            value = _("Rating %(rating)d of %(top)d.") % {"rating": verdict.ordinal, "top": top}
        else:
            value = _("Not a rating: no numeric value.")
        out += [f"## {verdict_badge(verdict)} {{#{verdict.id}}}\n", f"{verdict.definition} *{value}*\n"]
        facts = examples.get(verdict.id, ())
        if facts:
            example = max(facts, key=lambda fact: (fact.checked, fact.sort_key))  # the latest check
            href = relative_url(RATING_SCALE_URI, example.src_uri, directory_urls=directory_urls)
            claim = html.escape(example.headline_claim or example.title)
            more = f"verdicts/{verdict.id}.md"  # a Markdown link, which MkDocs checks
            every = i18n.ngettext("all %(num)d entry", "all %(num)d entries", len(facts)) % {"num": len(facts)}
            example_link = f'<a href="{href}">{claim}</a>'
            out.append(
                _("For example: %(example)s (%(all)s)") % {"example": example_link, "all": f"[{every}]({more})"} + "\n"
            )
    return GeneratedFile(RATING_SCALE_URI, "\n".join(out))


def render_schema_files(site: SiteInfo | None = None) -> list[GeneratedFile]:
    """The schema of every version: a version keeps its address for good."""
    past = [render_schema_file(site, past_schema(version), version) for version in PAST_VERSIONS]
    return [*past, render_schema_file(site)]


def render_schema_file(
    site: SiteInfo | None = None, schema: dict[str, Any] | None = None, version: int | None = None
) -> GeneratedFile:
    """A fact schema (by default the current one) at its stable address, ``$id`` set to that address on the site."""
    schema = fact_schema() if schema is None else schema
    version = schema_version() if version is None else version
    uri = schema_uri(version)
    # A past version is published exactly as it first was, keywords and all: a reader may have
    # pinned its bytes. The current one is published `publishable`.
    published = dict(schema) if version in PAST_VERSIONS else publishable(schema)
    if site is not None:
        published["$id"] = site.file(uri)
    return GeneratedFile(uri, schema_json(published))


def schema_json(schema: dict[str, Any]) -> str:
    """How every published schema is written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


_SCHEMA: tuple[str, ...] = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
_SCHEMA += ("propertyNames", "unevaluatedItems", "unevaluatedProperties")
_SCHEMA_MAPS = ("properties", "$defs", "patternProperties", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_STRING_KEYWORDS = ("minLength", "maxLength", "pattern", "format")


def publishable(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of `schema` that strict JSON Schema tools compile (Ajv's ``--strict=true``), meaning the same.

    The source keeps the project's own ``x-`` keywords (messages, verdict ordinals,
    the schema version), which the checker, the docs and editor completion read; strict
    tools refuse unknown keywords, so the copy leaves them out. Two more strict rules
    are met without changing what validates:

    - a subschema that limits a string (``maxLength`` beside a ``$ref``) says
      ``"type": "string"`` when its ``$ref`` is a string already (Ajv's strictTypes);
    - a ``required`` name that its own subschema does not define, as in an
      ``if``/``then``, is defined there as ``true``, which accepts any value
      (Ajv's strictRequired).

    Names under ``properties`` and ``$defs`` and values under ``const``, ``enum`` and
    ``examples`` are data, not keywords, and are kept as they are.
    """
    strict: dict[str, Any] = _strict(schema, schema.get("$defs", {}))
    return strict


def _strict(schema: Any, defs: dict[str, Any]) -> Any:
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key.startswith("x-"):
            continue
        if key in _SCHEMA:
            value = _strict(value, defs)
        elif key in _SCHEMA_MAPS:
            value = {name: _strict(child, defs) for name, child in value.items()}
        elif key in _SCHEMA_LISTS:
            value = [_strict(child, defs) for child in value]
        out[key] = value
    undefined = [name for name in out.get("required", ()) if name not in out.get("properties", {})]
    if undefined and "additionalProperties" not in out and "unevaluatedProperties" not in out:
        out["properties"] = {**out.get("properties", {}), **dict.fromkeys(undefined, True)}
    target = defs.get(str(out.get("$ref", "")).removeprefix("#/$defs/"), {})
    if "type" not in out and target.get("type") == "string" and any(k in out for k in _STRING_KEYWORDS):
        out["type"] = "string"
    return out


_REF_VALUES = {
    "partialDate": "date `YYYY[-MM[-DD]]`",
    "fullDate": "day `YYYY-MM-DD`",
    "url": "http(s) URL",
    "termId": "vocabulary id",
    "factId": "fact id",
    "verdict": "verdict id",
    "claimant": "mapping (below)",
    "translation": "mapping (below)",
}


def _field_table(definition: dict[str, Any]) -> str:
    required = set(definition.get("required", ()))
    rows = ["| Field | Required | Value | Description |", "| --- | --- | --- | --- |"]
    for name, spec in definition.get("properties", {}).items():
        description = spec.get("description") or _target(spec).get("description", "")
        rows.append(f"| `{name}` | {'yes' if name in required else 'no'} | {_value(spec)} | {_cell(description)} |")
    return "\n".join(rows) + "\n"


def _target(spec: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in spec:
        return spec
    target: dict[str, Any] = fact_schema()["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    return target


def _value(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        if name in ("line", "text"):
            words = "one line of text" if name == "line" else "text"
            return f"{words}, up to {spec['maxLength']} characters" if "maxLength" in spec else words
        return _REF_VALUES.get(name, "mapping (below)")
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if "anyOf" in spec:
        return " or ".join(
            _value(option) if "$ref" in option else f"`{option.get('const')}`" for option in spec["anyOf"]
        )
    kind: str = spec.get("type", "")
    if kind == "array":
        least = f", at least {spec['minItems']}" if spec.get("minItems") else ""
        return f"list of {_value(spec.get('items', {}))}{least}"
    if kind == "string" and "maxLength" in spec:
        return f"text, up to {spec['maxLength']} characters"
    return "text" if kind == "string" else str(kind or "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
