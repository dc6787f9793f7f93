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
from factsite.model import Fact, Source
from factsite.render import GeneratedFile, StreamedFile
from factsite.render.reference import SCHEMA_URI
from factsite.render.siteinfo import SiteInfo, first_published, last_modified
from factsite.schema import fact_schema, schema_version

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
        "title": fact.title,
        "date": fact.date.iso(),
        "end_date": fact.end_date.iso() if fact.end_date else None,
        "claim": fact.claim,
        "claim_short": fact.claim_short,
        "claimant": fact.claimant,
        "appearance": _drop_none(
            {
                "url": fact.appearance.url,
                "publisher": fact.appearance.publisher,
                "title": fact.appearance.title,
                "date": fact.appearance.date.iso(),
            }
        ),
        "verdict": fact.verdict.id,
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


def dataset_schema(site: SiteInfo) -> dict[str, Any]:
    """The JSON Schema of facts.json; ``#/$defs/record`` is the schema of one per-fact file."""
    fact = fact_schema()
    properties = {name: spec for name, spec in fact["properties"].items() if name != "notes"}
    record = {
        "description": "One published fact: the authored fact without `notes`, plus derived fields.",
        "type": "object",
        "additionalProperties": False,
        "required": [*DERIVED_FIELDS, *fact["required"]],
        "properties": {**DERIVED_FIELDS, **properties},
        "allOf": fact["allOf"],
    }
    return {
        "$schema": fact["$schema"],
        "$id": site.file(DATASET_SCHEMA_URI),
        "title": "Fact dataset",
        "description": "All published facts of the site, in chronological order (facts.json).",
        "x-schema-version": schema_version(),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "schema", "fact_schema", "count", "facts"],
        "properties": {
            "schema_version": {"const": schema_version(), "description": "Version of the fact format."},
            "schema": {"const": site.file(DATASET_SCHEMA_URI), "description": "This schema's URL."},
            "fact_schema": {"const": site.file(SCHEMA_URI), "description": "The fact format's URL."},
            "count": {"type": "integer", "minimum": 0, "description": "How many facts follow."},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "$defs": {**fact["$defs"], "record": record},
    }


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


def render_dataset_schema(site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(DATASET_SCHEMA_URI, _json(dataset_schema(site)))


Column = tuple[str, str, Callable[[Fact, SiteInfo], str]]

CSV_COLUMNS: tuple[Column, ...] = (
    ("id", "The fact's id.", lambda f, s: f.id),
    ("url", "The canonical URL of the fact's page.", lambda f, s: s.page(f.src_uri)),
    ("title", "Headline.", lambda f, s: f.title),
    ("date", "When it happened, at its own precision (YYYY, YYYY-MM or YYYY-MM-DD).", lambda f, s: f.date.iso()),
    ("end_date", "For a period, when it ended; empty otherwise.", lambda f, s: f.end_date.iso() if f.end_date else ""),
    ("claim", "The claim as it was made.", lambda f, s: f.claim),
    ("claim_short", "The claim in at most 75 characters, when given.", lambda f, s: f.claim_short or ""),
    ("claimant", "Who made the claim.", lambda f, s: f.claimant),
    ("appearance_url", "Where the claim was made.", lambda f, s: f.appearance.url),
    ("appearance_publisher", "Who published it.", lambda f, s: f.appearance.publisher),
    ("appearance_title", "Its headline, when known.", lambda f, s: f.appearance.title or ""),
    ("appearance_date", "When it was published.", lambda f, s: f.appearance.date.iso()),
    ("verdict", "The verdict id.", lambda f, s: f.verdict.id),
    ("verdict_label", "The verdict as shown on the page.", lambda f, s: f.verdict.label),
    (
        "rating_value",
        "The verdict's place on the scale (4 = best, 1 = worst); empty for verdicts that are not ratings.",
        lambda f, s: str(f.verdict.ordinal or ""),
    ),
    ("conclusion", "Why the claim earns the verdict.", lambda f, s: f.conclusion),
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
                "text": f'<p>Every published fact check, by date. <a href="{html.escape(site.url)}">The site</a>.</p>',
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
                f"<p><strong>{html.escape(fact.verdict.label)}</strong>: {html.escape(fact.conclusion)}</p>"
                f'<p><a href="{html.escape(url)}">Read the fact check</a></p>'
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
    yield render_dataset_schema(site)
    for fact in data:
        yield reused(cache, ("fact data", fact.id), render_fact_file, fact, site)


def render_fact_file(fact: Fact, site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(fact_path(fact.id), _json(fact_record(fact, site)))
