"""Dataset downloads: facts.json, facts.csv, related.csv, one JSON file per fact, TimelineJS JSON,
the dataset schema, and the Frictionless data package that describes them.

Only published facts are data (withdrawn ones keep their page but leave listings and
data). A record is the fact as its author wrote it, in the published format, without
the internal ``notes``, plus four derived fields: ``id``, ``url``, ``first_published``
and ``last_modified``. The dataset schema is generated from the fact schema, so the
two cannot drift. Every output is sorted and free of build times: two builds of the
same facts give the same bytes.

Our translations travel with the facts: a record keeps its ``translations`` block, and
facts.csv has a column per translated text and language (``title_ru``…), after the
English ones; the data package names every text column's language. The files are made
once, at the site's root, and are the same for every edition.
"""

from __future__ import annotations

import csv
import functools
import html
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from babel.lists import format_list

from factsite.buildcache import BuildCache, reused
from factsite.i18n import ENGLISH, Language
from factsite.model import Appearance, Claimant, Fact, Source, Translation, replaced
from factsite.render import GeneratedFile, StreamedFile
from factsite.render.pages import DATA_PAGE_URI
from factsite.render.reference import SCHEMA_URI, publishable, schema_json, schema_uri
from factsite.render.repository import Repository
from factsite.render.siteinfo import SiteInfo, first_published, last_modified
from factsite.schema import PAST_VERSIONS, fact_schema, past_schema, schema_version, verdict_scale

DATA_DIR = "data"
FACTS_JSON = f"{DATA_DIR}/facts.json"
FACTS_CSV = f"{DATA_DIR}/facts.csv"
TIMELINE_JSON = f"{DATA_DIR}/timeline.json"
RELATED_CSV = f"{DATA_DIR}/related.csv"
DATA_PACKAGE = f"{DATA_DIR}/datapackage.json"
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATASET_SCHEMA_URI = schema_uri(schema_version(), "dataset.schema.json")

DERIVED_FIELDS: dict[str, dict[str, str]] = {
    "id": {"$ref": "#/$defs/factId", "description": "The fact's id: its file name stem, stable for good."},
    "url": {"$ref": "#/$defs/url", "description": "The canonical URL of the fact's page."},
    "first_published": {
        "$ref": "#/$defs/fullDate",
        "description": "When the check went online: the earliest of `checked` and the correction dates.",
    },
    "last_modified": {
        "$ref": "#/$defs/fullDate",
        "description": "When the check last changed: the latest of `checked` and the correction dates.",
    },
}
"""Fields a record adds to the authored fact; everything else is the fact schema's."""

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def N_(message: str) -> str:
    """`message` as it is, marked for the translation catalogue: the data describes itself in
    English, and the Data page shows the same text in its edition's language."""
    return message


def fact_path(fact_id: str) -> str:
    return f"{DATA_DIR}/facts/{fact_id}.json"


def published(facts: Sequence[Fact]) -> list[Fact]:
    """The facts that are data, in the site's chronological order."""
    ids = {fact.id for fact in facts if fact.is_published}
    # A withdrawn fact is not data, so no published record may point at it.
    return [
        replaced(fact, related=tuple(other for other in fact.related if other in ids))  # spilled texts stay spilled
        for fact in facts
        if fact.is_published
    ]


def fact_record(fact: Fact, site: SiteInfo) -> dict[str, Any]:
    """The fact as published data, in the schema's field order, optional fields left out when empty."""
    record: dict[str, Any] = {
        "id": fact.id,
        "url": site.page(fact.src_uri),
        "first_published": first_published(fact).isoformat(),
        "last_modified": last_modified(fact).isoformat(),
        "kind": fact.kind,
        "title": fact.title,
        "date": fact.date.iso(),
        "end_date": fact.end_date.iso() if fact.end_date else None,
        "summary": fact.summary,
        "claim": fact.claim,
        "claim_short": fact.claim_short,
        "claimant": _claimant(fact.claimant) if fact.claimant else None,
        "appearance": _appearance(fact.appearance) if fact.appearance else None,
        "verdict": fact.verdict.id if fact.verdict else None,
        "conclusion": fact.conclusion,
        "analysis": fact.analysis,
        "sources": [_source(source) for source in fact.sources],
        "tags": [tag.id for tag in fact.tags],
        "actors": [actor.id for actor in fact.actors],
        "related": list(fact.related),
        "checked": fact.checked.isoformat(),
        "corrections": [{"date": c.date.isoformat(), "note": c.note} for c in fact.corrections],
        "status": fact.status,
        "translations": _translations(fact) or None,
    }
    return _drop_none(record)


def _translations(fact: Fact) -> dict[str, dict[str, Any]]:
    """The ``translations`` block as the author wrote it: by language, in the schema's order of languages and fields."""
    given = dict(fact.translations)
    return {code: _translation(given[code]) for code in translation_languages() if code in given}


def _translation(words: Translation) -> dict[str, Any]:
    """One language's translation in the fact format's shape: the claimant's role inside ``claimant``."""
    block: dict[str, Any] = {}
    for path in translated_paths():
        value = translated_text(words, path)
        if value is not None:
            *parents, name = path
            target = block
            for parent in parents:
                target = target.setdefault(parent, {})
            target[name] = value
    return block


def translation_languages() -> tuple[str, ...]:
    """The languages an entry may be translated into, as the fact schema lists them under ``translations``."""
    return tuple(fact_schema()["properties"]["translations"]["properties"])


@functools.cache
def translated_paths() -> tuple[tuple[str, ...], ...]:
    """Every text a translation may hold, as its path in the fact format (``$defs/translation``):
    ``("title",)`` … ``("claimant", "role")``."""
    fields: dict[str, Any] = fact_schema()["$defs"]["translation"]["properties"]
    return tuple(
        (name, part) if part else (name,)
        for name, spec in fields.items()
        for part in (spec.get("properties") or {"": None})
    )


def translated_text(words: Translation, path: tuple[str, ...]) -> str | None:
    """The text at `path` of a translation; `Translation` names it by the path joined with ``_``."""
    value: str | None = getattr(words, "_".join(path))
    return value


def _claimant(claimant: Claimant) -> dict[str, Any]:
    return _drop_none(
        {"name": claimant.name, "role": claimant.role, "actor": claimant.actor.id if claimant.actor else None}
    )


def _appearance_date(appearance: Appearance) -> str:
    """As written in the fact file: the date at its precision, or ``undated``."""
    return appearance.date.iso() if appearance.date else "undated"


def _appearance(appearance: Appearance) -> dict[str, Any]:
    return _drop_none(
        {
            "url": appearance.url,
            "publisher": appearance.publisher,
            "title": appearance.title,
            "date": _appearance_date(appearance),
        }
    )


def _source(source: Source) -> dict[str, Any]:
    return _drop_none(
        {
            "url": source.url,
            "publisher": source.publisher,
            "title": source.title,
            "published": source.published.iso() if source.published else "undated",
            "accessed": source.accessed.isoformat(),
            "archive_url": source.archive_url,
            "quote": source.quote,
            "quote_translation": source.quote_translation,
            "language": source.language,
            "kind": source.kind,
        }
    )


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _json(data: Any) -> str:
    """Indented JSON, UTF-8 as it is: what ``json.dumps(data, ensure_ascii=False, indent=2)`` writes, made
    by orjson, whose indented output is C code (the standard library's is Python, most of a build's JSON time)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _json_parts(head: dict[str, Any], key: str, items: Iterable[str]) -> Iterator[str]:
    """`_json` of `head` with `key` added last, holding the list whose items `_json` wrote
    as `items`: one item a piece.

    Each item is indented two levels deeper, which is exact because a JSON string never
    holds a raw line break.
    """
    start = _json({**head, key: []}).removesuffix("]\n}\n")
    separator = "\n"
    for item in items:
        yield start + separator + "    " + item.rstrip("\n").replace("\n", "\n    ")
        start, separator = "", ",\n"
    yield start + ("]\n}\n" if separator == "\n" else "\n  ]\n}\n")


def dataset_schema(site: SiteInfo, version: int | None = None) -> dict[str, Any]:
    """The JSON Schema of facts.json; ``#/$defs/record`` is the schema of one per-fact file.

    Made from the fact schema of `version` (this one by default): a past version's
    dataset schema stays published, unchanged, beside its fact schema.
    """
    version = version or schema_version()
    fact = fact_schema() if version == schema_version() else past_schema(version)
    properties = {name: spec for name, spec in fact["properties"].items() if name != "notes"}
    record = {
        "description": "One published fact: the authored fact without `notes`, plus derived fields.",
        "type": "object",
        "additionalProperties": False,
        "required": [*DERIVED_FIELDS, *fact["required"]],
        "properties": {**DERIVED_FIELDS, **properties},
        "allOf": fact["allOf"],
    }
    own_uri = dataset_schema_uri(version)
    return {
        "$schema": fact["$schema"],
        "$id": site.file(own_uri),
        "title": "Fact dataset",
        "description": "All published facts of the site, in chronological order (facts.json).",
        "x-schema-version": version,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "schema", "fact_schema", "count", "facts"],
        "properties": {
            "schema_version": {"const": version, "description": "Version of the fact format."},
            "schema": {"const": site.file(own_uri), "description": "This schema's URL."},
            "fact_schema": {"const": site.file(schema_uri(version)), "description": "The fact format's URL."},
            "count": {"type": "integer", "minimum": 0, "description": "How many facts follow."},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "$defs": {**fact["$defs"], "record": record},
    }


def dataset_schema_uri(version: int) -> str:
    return schema_uri(version, "dataset.schema.json")


def render_facts_json(data: Sequence[Fact], site: SiteInfo) -> GeneratedFile:
    return _facts_json(site, len(data), lambda: (_json(fact_record(fact, site)) for fact in data))


def _facts_json(site: SiteInfo, count: int, records: Callable[[], Iterable[str]]) -> GeneratedFile:
    """``facts.json`` holding the `count` records that `records` gives as `_json` text."""
    head = {
        "schema_version": schema_version(),
        "schema": site.file(DATASET_SCHEMA_URI),
        "fact_schema": site.file(SCHEMA_URI),
        "count": count,
    }
    return StreamedFile(FACTS_JSON, lambda: _json_parts(head, "facts", records()))


def render_dataset_schemas(site: SiteInfo) -> Iterator[GeneratedFile]:
    """The dataset schema of every version: a past version's exactly as it was first published, the
    current one strict like its fact schema (see `publishable`); each at its own address for good."""
    for version in PAST_VERSIONS:
        yield GeneratedFile(dataset_schema_uri(version), _json(dataset_schema(site, version)))
    current = schema_version()
    yield GeneratedFile(dataset_schema_uri(current), schema_json(publishable(dataset_schema(site, current))))


LIST_DELIMITER = " "
"""Between the items of a list in a CSV cell (tags, actors, related, source_urls): ids and URLs hold no space."""

Cell = str | tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column of facts.csv, described once: the CSV, the data package's Table Schema and the Data page read it."""

    name: str
    description: str
    """In English, as the data package gives it; the Data page shows it in its edition's language (`describe`)."""
    get: Callable[[Fact, SiteInfo], Cell]
    """The value: text, or for a list column the items."""
    type: str = "string"
    """A Table Schema field type; list columns are ``list`` of strings, joined by `LIST_DELIMITER`."""
    required: bool = False
    constraints: tuple[tuple[str, Any], ...] = ()
    """More Table Schema constraints, as (name, value) pairs."""
    language: str | None = None
    """The language of a column of text, as a BCP 47 tag (the data package's ``x-language``)."""
    translates: str | None = None
    """For a column of our translation: the column it translates, whose text `description` names as ``%(column)s``."""

    def cell(self, fact: Fact, site: SiteInfo) -> str:
        value = self.get(fact, site)
        return value if isinstance(value, str) else LIST_DELIMITER.join(value)

    def describe(self, edition: Language = ENGLISH) -> str:
        """The description in `edition`'s language."""
        text = edition.gettext(self.description)
        if self.translates is None or self.language is None:
            return text
        return text % {"column": self.translates, "language": edition.language_name(self.language)}

    def field(self) -> dict[str, Any]:
        """The column as a Table Schema field, described in English."""
        field: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.describe()}
        if self.language is not None:
            # Table Schema has no property for a field's language; a field may carry others (Table Schema 2.0).
            field["x-language"] = self.language
        if self.type == "list":
            field |= {"delimiter": LIST_DELIMITER, "itemType": "string"}
        constraints = {"required": True} if self.required else {}
        constraints |= dict(self.constraints)
        if constraints:
            field["constraints"] = constraints
        return field


def _pattern(definition: str) -> tuple[str, str]:
    """The ``pattern`` constraint of a fact schema definition, as Table Schema writes it: the
    whole value must match, so without anchors, and groups plain (XML Schema has no ``(?:``)."""
    pattern: str = fact_schema()["$defs"][definition]["pattern"]
    return ("pattern", pattern.removeprefix("^").removesuffix("$").replace("(?:", "("))


def _ordinals() -> tuple[tuple[str, Any], ...]:
    ordinals = [v.ordinal for v in verdict_scale() if v.ordinal is not None]
    return (("minimum", min(ordinals)), ("maximum", max(ordinals)))


TRANSLATION_COLUMN = N_("The editors' translation of `%(column)s` into %(language)s; empty where the entry has none.")
CLAIM_TRANSLATION_COLUMN = N_(
    "The editors' translation of `%(column)s` into %(language)s, given only where the claimant's own words in that "
    "language are not on record: `claim` keeps the original wording. Empty otherwise."
)


def _translation_columns() -> tuple[Column, ...]:
    """A column for each text of each translation the fact schema allows: ``title_ru`` … ``claimant_role_ru``.

    Made from the schema's languages and ``$defs/translation``, so a new language or a new
    translated field adds its columns; they come after the English ones, whose places
    readers of the CSV rely on.
    """
    return tuple(
        Column(
            f"{'_'.join(path)}_{code}",
            CLAIM_TRANSLATION_COLUMN if path == ("claim",) else TRANSLATION_COLUMN,
            _translated_cell(code, path),
            language=code,
            translates="_".join(path),
        )
        for code in translation_languages()
        for path in translated_paths()
    )


def _translated_cell(code: str, path: tuple[str, ...]) -> Callable[[Fact, SiteInfo], str]:
    def get(fact: Fact, site: SiteInfo) -> str:
        words = dict(fact.translations).get(code)
        return (translated_text(words, path) if words else None) or ""

    return get


CSV_COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        N_("The entry's id."),
        lambda f, s: f.id,
        required=True,
        constraints=(("unique", True), _pattern("factId")),
    ),
    Column("url", N_("The canonical URL of the entry's page."), lambda f, s: s.page(f.src_uri), required=True),
    Column(
        "kind",
        N_("claim (a statement we rate) or event (something that happened, with no verdict)."),
        lambda f, s: f.kind,
        required=True,
        constraints=(("enum", ["claim", "event"]),),
    ),
    Column("title", N_("Headline."), lambda f, s: f.title, required=True, language="en"),
    Column(
        "date",
        N_("When it happened, at its own precision (YYYY, YYYY-MM or YYYY-MM-DD)."),
        lambda f, s: f.date.iso(),
        required=True,
        constraints=(_pattern("partialDate"),),
    ),
    Column(
        "end_date",
        N_("For a period, when it ended; empty otherwise."),
        lambda f, s: f.end_date.iso() if f.end_date else "",
        constraints=(_pattern("partialDate"),),
    ),
    Column("summary", N_("Events: what happened; empty for claims."), lambda f, s: f.summary or "", language="en"),
    Column(
        "claim", N_("Claims: the claim as it was made; empty for events."), lambda f, s: f.claim or "", language="en"
    ),
    Column(
        "claim_short",
        N_("The claim in at most 75 characters, when given."),
        lambda f, s: f.claim_short or "",
        language="en",
    ),
    Column("claimant", N_("Claims: who made the claim, by name."), lambda f, s: f.claimant.name if f.claimant else ""),
    Column(
        "claimant_role",
        N_("The claimant's role, when given."),
        lambda f, s: (f.claimant and f.claimant.role) or "",
        language="en",
    ),
    Column(
        "claimant_actor",
        N_("The claimant's actor id, when it has one."),
        lambda f, s: f.claimant.actor.id if f.claimant and f.claimant.actor else "",
    ),
    Column(
        "appearance_url", N_("Claims: where the claim was made."), lambda f, s: f.appearance.url if f.appearance else ""
    ),
    Column(
        "appearance_publisher", N_("Who published it."), lambda f, s: f.appearance.publisher if f.appearance else ""
    ),
    Column(
        "appearance_title", N_("Its headline, when known."), lambda f, s: (f.appearance and f.appearance.title) or ""
    ),
    Column(
        "appearance_date",
        N_("When it was published, at its own precision, or undated."),
        lambda f, s: _appearance_date(f.appearance) if f.appearance else "",
        constraints=(("pattern", "^(?:[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?|undated)$"),),
    ),
    Column(
        "verdict",
        N_("Claims: the verdict id; empty for events."),
        lambda f, s: f.verdict.id if f.verdict else "",
        constraints=(("enum", [v.id for v in verdict_scale()]),),
    ),
    Column(
        "verdict_label",
        N_("The verdict as shown on the page."),
        lambda f, s: f.verdict.label if f.verdict else "",
        constraints=(("enum", [v.label for v in verdict_scale()]),),
        language="en",
    ),
    Column(
        "rating_value",
        N_(
            "The verdict's place on the scale (4 = best, 1 = worst); empty for events and verdicts that are not "
            "ratings."
        ),
        lambda f, s: str(f.verdict.ordinal or "") if f.verdict else "",
        type="integer",
        constraints=_ordinals(),
    ),
    Column(
        "conclusion",
        N_("Claims: why the claim earns the verdict; empty for events."),
        lambda f, s: f.conclusion or "",
        language="en",
    ),
    Column(
        "analysis",
        N_("The longer explanation, in Markdown; may be empty."),
        lambda f, s: f.analysis or "",
        language="en",
    ),
    Column("tags", N_("Tag ids."), lambda f, s: tuple(t.id for t in f.tags), type="list", required=True),
    Column("actors", N_("Actor ids."), lambda f, s: tuple(a.id for a in f.actors), type="list"),
    Column(
        "related", N_("Ids of related facts (also in related.csv, one row each)."), lambda f, s: f.related, type="list"
    ),
    Column(
        "source_urls",
        N_("The sources' URLs, primary first."),
        lambda f, s: tuple(source.url for source in f.sources),
        type="list",
        required=True,
    ),
    Column(
        "checked", N_("The day the verdict is as of."), lambda f, s: f.checked.isoformat(), type="date", required=True
    ),
    Column(
        "first_published",
        N_("When the check went online (derived)."),
        lambda f, s: first_published(f).isoformat(),
        type="date",
        required=True,
    ),
    Column(
        "last_modified",
        N_("When the check last changed (derived)."),
        lambda f, s: last_modified(f).isoformat(),
        type="date",
        required=True,
    ),
    Column(
        "corrections",
        N_("How many corrections the fact has had."),
        lambda f, s: str(len(f.corrections)),
        type="integer",
        required=True,
        constraints=(("minimum", 0),),
    ),
    *_translation_columns(),
)
"""The columns of facts.csv, in order. A new column is one more `Column` here; a new one goes last."""


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from reading `cell` as a formula, reversibly.

    A cell whose text, after any leading apostrophes, starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets one more apostrophe in front. `restore`
    removes exactly that apostrophe, so the CSV round-trips.
    """
    return "'" + cell if cell.lstrip("'")[:1] in FORMULA_TRIGGERS and cell else cell


def restore(cell: str) -> str:
    """The inverse of `neutralise`, for readers of facts.csv."""
    return cell[1:] if cell.startswith("'") and neutralise(cell[1:]) != cell[1:] else cell


def render_facts_csv(data: Sequence[Fact], site: SiteInfo) -> GeneratedFile:
    """One row per published fact, RFC 4180 quoting, UTF-8, CRLF line ends."""
    return StreamedFile(FACTS_CSV, lambda: _csv_parts(data, site))


def _csv_parts(data: Sequence[Fact], site: SiteInfo, rows: int = 500) -> Iterator[str]:
    """The CSV `rows` rows a piece."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.name for column in CSV_COLUMNS])
    for count, fact in enumerate(data, 1):
        writer.writerow([neutralise(column.cell(fact, site)) for column in CSV_COLUMNS])
        if count % rows == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


RELATED_COLUMNS = ("id", "related")


def render_related_csv(data: Sequence[Fact]) -> GeneratedFile:
    """One row per link from a fact to a related fact: `related` as a table a foreign key can check.

    facts.csv keeps the links in one list cell per fact, which validators such as
    frictionless cannot hold to a foreign key (it stops on the list); here each link is a
    row, and both columns must be ids of facts.csv.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(RELATED_COLUMNS)
    writer.writerows((fact.id, other) for fact in data for other in fact.related)
    return GeneratedFile(RELATED_CSV, out.getvalue())


def translations_note() -> str:
    """What the data package says of its languages, in English like the rest of it."""
    columns = _translation_columns()
    if not columns:
        return "The texts are in English."
    languages = format_list([ENGLISH.language_name(code) for code in translation_languages()], locale="en")
    return (
        f"Texts are in English unless a field's `x-language` says otherwise. The {languages} texts (the columns "
        f"`{columns[0].name}` to `{columns[-1].name}` of facts.csv, and each record's `translations` in facts.json) "
        "are the editors' own translations. `claim` keeps the claim's original wording; a translation of it is "
        "given only where the claimant's own words in that language are not on record."
    )


def data_package(site: SiteInfo, repository: Repository | None = None) -> dict[str, Any]:
    """``datapackage.json`` (Frictionless Data Package 2.0): the CSV files with their Table Schemas, and facts.json.

    The Table Schema of facts.csv is made from `CSV_COLUMNS`, the same definitions that
    write the file. Paths are relative to the package's folder, as the standard asks.
    """
    package: dict[str, Any] = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": "facts",
        "title": site.name,
        "description": (
            "Every published fact check of the site: one row per fact in facts.csv, the links between facts "
            "in related.csv, and the full records in facts.json.\n\n" + translations_note()
        ),
        "homepage": site.page(DATA_PAGE_URI),
        "version": f"{schema_version()}.0.0",
    }
    if site.data_license is not None:
        package["licenses"] = [site.data_license.descriptor()]
    if repository is None:
        package["sources"] = [{"title": site.name, "path": site.url}]
    else:
        package["sources"] = [{"title": "The fact files, one YAML file per fact", "path": repository.tree_url("facts")}]
    package["resources"] = [
        _table(
            "facts",
            FACTS_CSV,
            "Published facts, one row per fact, in chronological order.",
            [column.field() for column in CSV_COLUMNS],
            primary_key=["id"],
        ),
        _table(
            "related",
            RELATED_CSV,
            "Links between published facts: each row says that the fact `id` lists `related` as related.",
            [
                {
                    "name": "id",
                    "type": "string",
                    "description": "The fact that lists the link.",
                    "constraints": {"required": True},
                },
                {
                    "name": "related",
                    "type": "string",
                    "description": "The related fact.",
                    "constraints": {"required": True},
                },
            ],
            primary_key=list(RELATED_COLUMNS),
            foreign_keys=[
                {"fields": [name], "reference": {"resource": "facts", "fields": ["id"]}} for name in RELATED_COLUMNS
            ],
        ),
        {
            "name": "facts-json",
            "type": "json",
            "path": _in_package(FACTS_JSON),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": (
                "The same facts as complete records (sources, quotes, corrections, translations), in the JSON "
                f"Schema at {site.file(DATASET_SCHEMA_URI)}."
            ),
        },
    ]
    return package


def _in_package(path: str) -> str:
    return path.removeprefix(f"{DATA_DIR}/")


def _table(
    name: str,
    path: str,
    description: str,
    fields: list[dict[str, Any]],
    *,
    primary_key: list[str],
    foreign_keys: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A CSV resource as `_csv_parts` writes it: UTF-8, a header, RFC 4180 quoting, CRLF, empty cells missing."""
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": primary_key}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": name,
        "type": "table",
        "path": _in_package(path),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True},
        "schema": schema,
    }


def render_data_package(site: SiteInfo, repository: Repository | None = None) -> GeneratedFile:
    return GeneratedFile(DATA_PACKAGE, _json(data_package(site, repository)))


def render_timelinejs(data: Sequence[Fact], site: SiteInfo) -> GeneratedFile:
    """TimelineJS 3 JSON: one slide per published fact, its date at its own precision.

    TimelineJS reads ``headline`` and ``text`` as HTML, so every text is escaped here.
    """
    head = {
        "title": {
            "text": {
                "headline": html.escape(site.name),
                "text": (
                    "<p>Every published fact check and event, by date. "
                    f'<a href="{html.escape(site.url)}">The site</a>.</p>'
                ),
            }
        },
    }
    return StreamedFile(
        TIMELINE_JSON, lambda: _json_parts(head, "events", (_json(_event(fact, site)) for fact in data))
    )


def _event(fact: Fact, site: SiteInfo) -> dict[str, Any]:
    url = site.page(fact.src_uri)
    event: dict[str, Any] = {
        "unique_id": fact.id,
        "start_date": _timelinejs_date(fact.date.year, fact.date.month, fact.date.day),
        "display_date": fact.date.display(),
        "text": {
            "headline": html.escape(fact.title),
            "text": (
                f"<p><strong>{html.escape(fact.verdict.label)}</strong>: {html.escape(fact.conclusion or '')}</p>"
                f'<p><a href="{html.escape(url)}">Read the fact check</a></p>'
                if fact.verdict is not None
                else f"<p><strong>Event</strong>: {html.escape(fact.summary or '')}</p>"
                f'<p><a href="{html.escape(url)}">Sources and details</a></p>'
            ),
        },
        "group": html.escape(fact.tags[0].label),  # TimelineJS shows the group label as HTML too
    }
    if fact.end_date:
        end = fact.end_date
        event["end_date"] = _timelinejs_date(end.year, end.month, end.day)
        event["display_date"] = f"{fact.date.display()} – {end.display()}"
    return event


def _timelinejs_date(year: int, month: int | None, day: int | None) -> dict[str, int]:
    return _drop_none({"year": year, "month": month, "day": day})


def render_datasets(facts: Sequence[Fact], site: SiteInfo, repository: Repository | None = None) -> list[GeneratedFile]:
    """Every data download, in a stable order; each is made from the published facts, chosen once."""
    return list(generate_datasets(facts, site, repository=repository))


def generate_datasets(
    facts: Sequence[Fact], site: SiteInfo, cache: BuildCache | None = None, repository: Repository | None = None
) -> Iterator[GeneratedFile]:
    """`render_datasets` one file at a time, so a caller need not hold them all.

    With a `cache` (``mkdocs serve``), the file of an unchanged fact is last build's.
    """
    data = published(facts)
    if cache is None:
        yield render_facts_json(data, site)
    else:
        files = [reused(cache, ("fact data", f.id), render_fact_file, f, site) for f in data]
        yield _facts_json(site, len(files), lambda: (file.content for file in files))
    yield render_facts_csv(data, site)
    yield render_related_csv(data)
    yield render_data_package(site, repository)
    yield render_timelinejs(data, site)
    yield from render_dataset_schemas(site)
    for fact in data:
        yield reused(cache, ("fact data", fact.id), render_fact_file, fact, site)


def render_fact_file(fact: Fact, site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(fact_path(fact.id), _json(fact_record(fact, site)))
