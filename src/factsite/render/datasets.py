"""Dataset downloads: facts.json, facts.csv, one JSON file per fact, TimelineJS JSON, and their schema.

Only published facts are data (withdrawn ones keep their page but leave listings and
data). A record is the fact as its author wrote it, in the published format, without
the internal ``notes``, plus four derived fields: ``id``, ``url``, ``first_published``
and ``last_modified``. The dataset schema is generated from the fact schema, so the
two cannot drift. Every output is sorted and free of build times: two builds of the
same facts give the same bytes.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from factsite.buildcache import BuildCache, reused
from factsite.model import Appearance, Claimant, Fact, Source
from factsite.render import GeneratedFile, StreamedFile
from factsite.render.reference import SCHEMA_URI, schema_uri
from factsite.render.siteinfo import SiteInfo, first_published, last_modified
from factsite.schema import PAST_VERSIONS, fact_schema, past_schema, schema_version

DATA_DIR = "data"
FACTS_JSON = f"{DATA_DIR}/facts.json"
FACTS_CSV = f"{DATA_DIR}/facts.csv"
TIMELINE_JSON = f"{DATA_DIR}/timeline.json"
DATASET_SCHEMA_URI = f"schema/v{schema_version()}/dataset.schema.json"

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


def fact_path(fact_id: str) -> str:
    return f"{DATA_DIR}/facts/{fact_id}.json"


def published(facts: Sequence[Fact]) -> list[Fact]:
    """The facts that are data, in the site's chronological order."""
    ids = {fact.id for fact in facts if fact.is_published}
    # A withdrawn fact is not data, so no published record may point at it.
    return [
        dataclasses.replace(fact, related=tuple(other for other in fact.related if other in ids))
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
    }
    return _drop_none(record)


def _claimant(claimant: Claimant) -> dict[str, Any]:
    return _drop_none(
        {"name": claimant.name, "role": claimant.role, "actor": claimant.actor.id if claimant.actor else None}
    )


def _appearance(appearance: Appearance) -> dict[str, Any]:
    return _drop_none(
        {
            "url": appearance.url,
            "publisher": appearance.publisher,
            "title": appearance.title,
            "date": appearance.date.iso() if appearance.date else "undated",
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
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    return f"schema/v{version}/dataset.schema.json"


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
    """The dataset schema of every version of the format, each at its own address for good."""
    for version in (*PAST_VERSIONS, schema_version()):
        yield GeneratedFile(dataset_schema_uri(version), _json(dataset_schema(site, version)))


Column = tuple[str, str, Callable[[Fact, SiteInfo], str]]

CSV_COLUMNS: tuple[Column, ...] = (
    ("id", "The entry's id.", lambda f, s: f.id),
    ("url", "The canonical URL of the entry's page.", lambda f, s: s.page(f.src_uri)),
    ("kind", "claim (a statement we rate) or event (something that happened, with no verdict).", lambda f, s: f.kind),
    ("title", "Headline.", lambda f, s: f.title),
    ("date", "When it happened, at its own precision (YYYY, YYYY-MM or YYYY-MM-DD).", lambda f, s: f.date.iso()),
    ("end_date", "For a period, when it ended; empty otherwise.", lambda f, s: f.end_date.iso() if f.end_date else ""),
    ("summary", "Events: what happened; empty for claims.", lambda f, s: f.summary or ""),
    ("claim", "Claims: the claim as it was made; empty for events.", lambda f, s: f.claim or ""),
    ("claim_short", "The claim in at most 75 characters, when given.", lambda f, s: f.claim_short or ""),
    ("claimant", "Claims: who made the claim, by name.", lambda f, s: f.claimant.name if f.claimant else ""),
    ("claimant_role", "The claimant's role, when given.", lambda f, s: (f.claimant.role or "") if f.claimant else ""),
    (
        "claimant_actor",
        "The claimant's actor id, when it has one.",
        lambda f, s: f.claimant.actor.id if f.claimant and f.claimant.actor else "",
    ),
    ("appearance_url", "Where the claim was made.", lambda f, s: f.appearance.url if f.appearance else ""),
    ("appearance_publisher", "Who published it.", lambda f, s: f.appearance.publisher if f.appearance else ""),
    ("appearance_title", "Its headline, when known.", lambda f, s: (f.appearance.title or "") if f.appearance else ""),
    (
        "appearance_date",
        "When it was published, or undated.",
        lambda f, s: _appearance(f.appearance)["date"] if f.appearance else "",
    ),
    ("verdict", "The verdict id; empty for events.", lambda f, s: f.verdict.id if f.verdict else ""),
    ("verdict_label", "The verdict as shown on the page.", lambda f, s: f.verdict.label if f.verdict else ""),
    (
        "rating_value",
        "The verdict's place on the scale (4 = best, 1 = worst); empty for verdicts that are not ratings.",
        lambda f, s: str(f.verdict.ordinal or "") if f.verdict else "",
    ),
    ("conclusion", "Why the claim earns the verdict; empty for events.", lambda f, s: f.conclusion or ""),
    ("analysis", "The longer explanation, in Markdown; may be empty.", lambda f, s: f.analysis or ""),
    ("tags", "Tag ids, separated by spaces.", lambda f, s: " ".join(t.id for t in f.tags)),
    ("actors", "Actor ids, separated by spaces.", lambda f, s: " ".join(a.id for a in f.actors)),
    ("related", "Ids of related facts, separated by spaces.", lambda f, s: " ".join(f.related)),
    ("source_urls", "The sources' URLs, primary first, separated by spaces.", lambda f, s: _urls(f.sources)),
    ("checked", "The day the verdict is as of.", lambda f, s: f.checked.isoformat()),
    ("first_published", "When the check went online (derived).", lambda f, s: first_published(f).isoformat()),
    ("last_modified", "When the check last changed (derived).", lambda f, s: last_modified(f).isoformat()),
    ("corrections", "How many corrections the fact has had.", lambda f, s: str(len(f.corrections))),
)


def _urls(sources: Sequence[Source]) -> str:
    return " ".join(source.url for source in sources)


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
    writer.writerow([name for name, _, _ in CSV_COLUMNS])
    for count, fact in enumerate(data, 1):
        writer.writerow([neutralise(get(fact, site)) for _, _, get in CSV_COLUMNS])
        if count % rows == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


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


def render_datasets(facts: Sequence[Fact], site: SiteInfo) -> list[GeneratedFile]:
    """Every data download, in a stable order; each is made from the published facts, chosen once."""
    return list(generate_datasets(facts, site))


def generate_datasets(
    facts: Sequence[Fact], site: SiteInfo, cache: BuildCache | None = None
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
    yield render_timelinejs(data, site)
    yield from render_dataset_schemas(site)
    for fact in data:
        yield reused(cache, ("fact data", fact.id), render_fact_file, fact, site)


def render_fact_file(fact: Fact, site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(fact_path(fact.id), _json(fact_record(fact, site)))
