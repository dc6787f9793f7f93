"""Dataset downloads: facts.json against the published schemas, the CSV round trip, per-fact files, TimelineJS."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sitebuild import OUTPUTS, REPO, SITE_URL, published, repository_site

from factsite.render.datasets import (
    CSV_COLUMNS,
    DERIVED_FIELDS,
    FORMULA_TRIGGERS,
    LIST_DELIMITER,
    neutralise,
    restore,
)
from factsite.render.siteinfo import SiteInfo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitebuild import outputs_site

    return outputs_site(tmp_path_factory)


def load(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_facts_json_has_every_published_fact_in_order_with_the_schema_version(site: Path) -> None:
    data = load(site, "data/facts.json")
    expected = [fact.id for fact in published(OUTPUTS)]
    assert [record["id"] for record in data["facts"]] == expected
    assert data["count"] == len(expected) == 5
    assert [record["kind"] for record in data["facts"]] == ["event", "claim", "claim", "claim", "claim"]
    assert data["schema_version"] == 2
    assert data["schema"] == f"{SITE_URL}schema/v2/dataset.schema.json"
    assert data["fact_schema"] == f"{SITE_URL}schema/v2/fact.schema.json"
    assert load(site, "schema/v2/fact.schema.json")["$id"] == data["fact_schema"], "the schema names its own address"
    assert "2023--withdrawn" not in json.dumps(data)
    assert "Internal note" not in json.dumps(data)


def test_every_record_validates_against_the_published_schemas(site: Path) -> None:
    fact_schema = load(site, "schema/v2/fact.schema.json")
    dataset_schema = load(site, "schema/v2/dataset.schema.json")
    data = load(site, "data/facts.json")
    jsonschema.Draft202012Validator.check_schema(dataset_schema)
    jsonschema.Draft202012Validator(dataset_schema).validate(data)
    record_schema = {"$ref": "#/$defs/record", "$defs": dataset_schema["$defs"]}
    for record in data["facts"]:
        jsonschema.Draft202012Validator(record_schema).validate(record)
        authored = {key: value for key, value in record.items() if key not in DERIVED_FIELDS}
        jsonschema.Draft202012Validator(fact_schema).validate(authored)


def test_schema_validation_can_fail(site: Path) -> None:
    dataset_schema = load(site, "schema/v2/dataset.schema.json")
    data = load(site, "data/facts.json")
    data["facts"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(dataset_schema).validate(data)


def test_one_json_file_per_published_fact_equal_to_its_record(site: Path) -> None:
    records = {record["id"]: record for record in load(site, "data/facts.json")["facts"]}
    files = sorted(path.stem for path in (site / "data" / "facts").glob("*.json"))
    assert files == sorted(records)
    for fact_id, record in records.items():
        assert load(site, f"data/facts/{fact_id}.json") == record


def test_record_keeps_dates_at_their_precision_and_undated_sources(site: Path) -> None:
    records = {record["id"]: record for record in load(site, "data/facts.json")["facts"]}
    schools = records["2022-09--schools"]
    assert (schools["date"], schools["end_date"], schools["appearance"]["date"]) == ("2022-09", "2022-12", "2022")
    relations = records["1992-04-08--relations"]
    assert relations["sources"][1]["published"] == "undated"
    assert relations["url"] == f"{SITE_URL}facts/1992-04-08--relations/"
    assert (relations["first_published"], relations["last_modified"]) == ("2026-11-20", "2026-11-27")
    assert relations["corrections"] == [{"date": "2026-11-27", "note": "Added the second source."}]


def read_csv(site: Path) -> list[dict[str, str]]:
    raw = (site / "data" / "facts.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_csv_round_trips_to_the_model(site: Path) -> None:
    rows = read_csv(site)
    facts = published(OUTPUTS)
    assert [row["id"] for row in rows] == [fact.id for fact in facts]
    assert list(rows[0]) == [column.name for column in CSV_COLUMNS]
    info = SiteInfo(SITE_URL)
    for row, fact in zip(rows, facts, strict=True):
        for column in CSV_COLUMNS:
            assert restore(row[column.name]) == column.cell(fact, info), (fact.id, column.name)
            value = column.get(fact, info)
            if column.type == "list":  # the items, split at the delimiter the data package declares
                assert (row[column.name].split(LIST_DELIMITER) if row[column.name] else []) == list(value)


def test_csv_cells_cannot_start_a_formula(site: Path) -> None:
    rows = read_csv(site)
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in FORMULA_TRIGGERS]
    hostile = next(row for row in rows if row["id"] == "2022-09-05--hostile-text")
    assert hostile["claim"] == "'=1+1 </script><script>alert(1)</script> & more"
    assert hostile["claimant"] == "'@attacker"
    assert hostile["title"].startswith("'+Script")
    assert hostile["conclusion"].startswith("'-2 ")
    quoted = next(row for row in rows if row["id"] == "2021-05-01--apostrophe")
    assert quoted["claim"] == "''=A claim that starts with an apostrophe"
    assert quoted["title"] == "'Quoted' title, with a comma"
    assert quoted["conclusion"] == 'A conclusion over two lines,\nwith "quotes".'


@pytest.mark.parametrize(
    "text",
    ["", "plain", "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'", "'=x", "''=x", "'plain", "a=b", "''", "=", "'\t"],
)
def test_neutralise_is_safe_and_reversible(text: str) -> None:
    cell = neutralise(text)
    assert cell[:1] not in FORMULA_TRIGGERS
    assert restore(cell) == text


def test_timelinejs_file_has_one_escaped_slide_per_published_fact(site: Path) -> None:
    timeline = load(site, "data/timeline.json")
    events = {event["unique_id"]: event for event in timeline["events"]}
    assert list(events) == [fact.id for fact in published(OUTPUTS)]
    assert events["2022-09--schools"]["start_date"] == {"year": 2022, "month": 9}
    assert events["2022-09--schools"]["end_date"] == {"year": 2022, "month": 12}
    assert events["1992-04-08--relations"]["start_date"] == {"year": 1992, "month": 4, "day": 8}
    assert events["1992-04-08--relations"]["group"] == "Diplomacy"
    hostile = events["2022-09-05--hostile-text"]["text"]
    assert "<script" not in hostile["headline"] + hostile["text"]
    assert "&lt;/script&gt;" in hostile["headline"]
    assert f'href="{SITE_URL}facts/2022-09-05--hostile-text/"' in hostile["text"]
    assert timeline["title"]["text"]["headline"]


def test_data_page_documents_every_file_column_and_field(site: Path) -> None:
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for path in ("data/facts.json", "data/facts.csv", "data/timeline.json", "feed.atom"):
        assert path in page and (site / path).is_file()
    schemas = [f"schema/v{n}/{name}.schema.json" for n in (1, 2) for name in ("fact", "dataset")]
    for path in (*schemas, "sitemap.xml", "robots.txt"):
        assert path in page and (site / path).is_file()
    for path in ("data/datapackage.json", "data/related.csv"):
        assert path in page and (site / path).is_file()
    for column in CSV_COLUMNS:
        assert f"<code>{column.name}</code>" in page
    assert "Frictionless Data Package" in page and "<code>frictionless validate data/datapackage.json</code>" in page
    assert "The maintainers have not chosen a licence" in page
    for field in load(site, "schema/v2/dataset.schema.json")["$defs"]["record"]["properties"]:
        assert f"<code>{field}</code>" in page
    assert "feed-education.atom" in page


def test_repository_datasets_have_every_published_fact(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = repository_site(tmp_path_factory)
    ids = [fact.id for fact in published(REPO)]
    assert ids
    assert [record["id"] for record in load(built, "data/facts.json")["facts"]] == ids
    assert [row["id"] for row in read_csv(built)] == ids
    assert sorted(path.stem for path in (built / "data" / "facts").glob("*.json")) == sorted(ids)
    assert [event["unique_id"] for event in load(built, "data/timeline.json")["events"]] == ids


def test_no_published_record_or_page_points_at_a_withdrawn_fact() -> None:
    import dataclasses

    from sitebuild import model

    from factsite.catalog import Catalog
    from factsite.render import datasets

    facts = model(OUTPUTS)
    withdrawn = next(f for f in facts if not f.is_published)
    facts = [dataclasses.replace(f, related=(*f.related, withdrawn.id)) if f.is_published else f for f in facts]
    assert all(withdrawn.id not in f.related for f in datasets.published(facts))
    catalog = Catalog(facts)
    assert all(withdrawn not in catalog.related(f) for f in catalog.published)


def test_the_first_format_stays_published_unchanged(site: Path) -> None:
    """Consumers of version 1 keep their schema at its address, byte for byte as before version 2."""
    from factsite.render.datasets import dataset_schema
    from factsite.render.siteinfo import SiteInfo
    from factsite.schema import past_schema

    frozen = json.loads((REPO / "src/factsite/schema/fact.v1.schema.json").read_text(encoding="utf-8"))
    published_v1 = load(site, "schema/v1/fact.schema.json")
    assert {**published_v1, "$id": frozen["$id"]} == frozen == past_schema(1)
    assert published_v1["x-schema-version"] == 1 and "kind" not in published_v1["properties"]
    v1_dataset = load(site, "schema/v1/dataset.schema.json")
    assert v1_dataset == dataset_schema(SiteInfo(SITE_URL), 1)
    assert v1_dataset["properties"]["fact_schema"]["const"] == f"{SITE_URL}schema/v1/fact.schema.json"


ENGLISH_COLUMNS = [
    "id",
    "url",
    "kind",
    "title",
    "date",
    "end_date",
    "summary",
    "claim",
    "claim_short",
    "claimant",
    "claimant_role",
    "claimant_actor",
    "appearance_url",
    "appearance_publisher",
    "appearance_title",
    "appearance_date",
    "verdict",
    "verdict_label",
    "rating_value",
    "conclusion",
    "analysis",
    "tags",
    "actors",
    "related",
    "source_urls",
    "checked",
    "first_published",
    "last_modified",
    "corrections",
]
"""The columns of facts.csv before the translations: readers index them, so they keep their places."""

RUSSIAN_COLUMNS = [
    "title_ru",
    "summary_ru",
    "claim_ru",
    "claim_short_ru",
    "conclusion_ru",
    "analysis_ru",
    "claimant_role_ru",
]


def translated(fact: Any, **words: str | None) -> Any:
    import dataclasses

    from factsite.model import Translation

    return dataclasses.replace(fact, translations=(("ru", Translation(**words)),))


def test_translation_columns_come_after_the_english_ones_one_per_translated_text() -> None:
    assert [column.name for column in CSV_COLUMNS] == ENGLISH_COLUMNS + RUSSIAN_COLUMNS


def test_a_translated_fact_gives_its_russian_cells_and_one_without_gives_empty_ones() -> None:
    from factsite.render.datasets import render_facts_csv

    facts = published(OUTPUTS)
    claim = next(fact for fact in facts if fact.is_claim and fact.claimant and fact.claimant.role)
    words = {
        "title": "=Заголовок по-русски, с запятой",
        "claim": "Наш перевод утверждения.",
        "claim_short": "Короткое утверждение",
        "conclusion": "Вывод,\nв две строки «с кавычками».",
        "analysis": "-Анализ",
        "claimant_role": "@роль",
    }
    data = [translated(fact, **words) if fact is claim else fact for fact in facts]
    text = render_facts_csv(data, SiteInfo(SITE_URL)).content
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    russian = {name: rows[claim.id][name] for name in RUSSIAN_COLUMNS}
    assert russian == {
        "title_ru": "'=Заголовок по-русски, с запятой",
        "summary_ru": "",
        "claim_ru": "Наш перевод утверждения.",
        "claim_short_ru": "Короткое утверждение",
        "conclusion_ru": "Вывод,\nв две строки «с кавычками».",
        "analysis_ru": "'-Анализ",
        "claimant_role_ru": "'@роль",
    }, "formula protection covers the translations too"
    assert rows[claim.id]["claim"] == claim.claim, "the claim keeps its original wording"
    for fact_id, row in rows.items():
        if fact_id != claim.id:
            assert [row[name] for name in RUSSIAN_COLUMNS] == [""] * len(RUSSIAN_COLUMNS), fact_id


def test_a_record_carries_the_translations_as_written_and_validates() -> None:
    from factsite.render.datasets import dataset_schema, fact_record
    from factsite.schema import fact_schema

    info = SiteInfo(SITE_URL)
    event = next(fact for fact in published(OUTPUTS) if fact.is_event)
    record = fact_record(translated(event, title="Заголовок события", summary="Что произошло, по-русски."), info)
    assert list(record)[-2:] == ["status", "translations"]
    assert record["translations"] == {"ru": {"title": "Заголовок события", "summary": "Что произошло, по-русски."}}
    assert "translations" not in fact_record(event, info), "no block for an entry without a translation"
    schema = dataset_schema(info)
    jsonschema.Draft202012Validator({"$ref": "#/$defs/record", "$defs": schema["$defs"]}).validate(record)
    authored = {key: value for key, value in record.items() if key not in DERIVED_FIELDS}
    jsonschema.Draft202012Validator(fact_schema()).validate(authored)


def test_repository_records_carry_each_translations_block_exactly_as_its_file_has_it() -> None:
    """The record is the fact as written: its ``translations`` read back equal the YAML's, role nested and all."""
    import yaml

    from factsite.render.datasets import dataset_schema, fact_record
    from factsite.render.reference import publishable

    info = SiteInfo(SITE_URL)
    published_schema = publishable(dataset_schema(info))  # as the site publishes it, strict
    assert "translations" in published_schema["$defs"]["record"]["properties"]
    record_schema = {"$ref": "#/$defs/record", "$defs": published_schema["$defs"]}
    facts = published(REPO)
    assert any(fact.translations for fact in facts), "the repository's entries are translated"
    for fact in facts:
        written = yaml.safe_load((REPO / fact.path).read_text(encoding="utf-8")).get("translations")
        record = fact_record(fact, info)
        assert record.get("translations") == written, fact.id
        jsonschema.Draft202012Validator(record_schema).validate(record)
