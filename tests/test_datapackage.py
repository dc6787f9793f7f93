"""The Frictionless data package: frictionless validates it, and it describes exactly the files and columns written."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sitebuild import OUTPUTS, SITE_URL, published, repository_site

from factsite.render.datasets import CSV_COLUMNS, LIST_DELIMITER, data_package
from factsite.render.repository import Repository
from factsite.render.siteinfo import SiteInfo
from factsite.siteconfig import DataLicense

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitebuild import outputs_site

    return outputs_site(tmp_path_factory)


def validate(descriptor: Path) -> dict[str, Any]:
    """``frictionless validate`` of a package, as a data user would run it (offline: no network here)."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=descriptor.parent,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def errors(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]] + [
        ("package", error["type"]) for error in report["errors"]
    ]


def package(site: Path) -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def test_frictionless_validates_the_data_package(site: Path) -> None:
    report = validate(site / "data" / "datapackage.json")
    assert report["valid"], errors(report)
    rows = {task["name"]: task["stats"].get("rows") for task in report["tasks"]}
    assert rows["facts"] == len(published(OUTPUTS))
    assert rows["related"] == sum(len(fact.related) for fact in published(OUTPUTS)) > 0
    assert set(rows) == {"facts", "related", "facts-json"}


def test_frictionless_finds_a_broken_link_a_bad_date_and_a_missing_value(site: Path, tmp_path: Path) -> None:
    """So the validation above can fail: the Table Schemas hold the files to their types and keys."""
    data = tmp_path / "data"
    shutil.copytree(site / "data", data)
    related = data / "related.csv"
    related.write_text(related.read_text(encoding="utf-8") + "2022-09--schools,1999--no-such-fact\r\n", "utf-8")
    rows = list(csv.reader(io.StringIO((data / "facts.csv").read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    rows[1][header.index("checked")] = "28 November 2026"
    rows[2][header.index("title")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    (data / "facts.csv").write_text(out.getvalue(), encoding="utf-8")
    report = validate(data / "datapackage.json")
    assert not report["valid"]
    assert sorted(errors(report)) == [
        ("facts", "constraint-error"),
        ("facts", "type-error"),
        ("related", "foreign-key"),
    ]


def test_the_table_schema_is_made_from_the_csv_columns(site: Path) -> None:
    descriptor = package(site)
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["version"] == "2.0.0"
    assert descriptor["homepage"] == f"{SITE_URL}data/"
    assert "licenses" not in descriptor, "no licence until the maintainers choose one"
    facts, related, records = descriptor["resources"]
    assert (facts["path"], related["path"], records["path"]) == ("facts.csv", "related.csv", "facts.json")
    schema = facts["schema"]
    assert [field["name"] for field in schema["fields"]] == [column.name for column in CSV_COLUMNS]
    assert schema["primaryKey"] == ["id"]
    lists = {field["name"]: field for field in schema["fields"] if field["type"] == "list"}
    assert sorted(lists) == ["actors", "related", "source_urls", "tags"]
    assert all(field["delimiter"] == LIST_DELIMITER == " " for field in lists.values())
    required = {field["name"] for field in schema["fields"] if field.get("constraints", {}).get("required")}
    assert {"id", "url", "kind", "title", "date", "tags", "source_urls", "checked"} <= required
    assert "end_date" not in required and "related" not in required
    assert not {"verdict", "claim", "claimant", "summary"} & required, "a claim's fields are empty on an event"
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert (types["checked"], types["corrections"], types["rating_value"]) == ("date", "integer", "integer")
    assert related["schema"]["foreignKeys"] == [
        {"fields": ["id"], "reference": {"resource": "facts", "fields": ["id"]}},
        {"fields": ["related"], "reference": {"resource": "facts", "fields": ["id"]}},
    ]
    assert records["format"] == "json" and f"{SITE_URL}schema/v2/dataset.schema.json" in records["description"]


def test_related_csv_has_one_row_per_link(site: Path) -> None:
    text = (site / "data" / "related.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["id", "related"]
    assert rows[1:] == [[fact.id, other] for fact in published(OUTPUTS) for other in fact.related]


def test_a_chosen_licence_and_the_repository_are_named() -> None:
    licence = DataLicense("Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/")
    site = SiteInfo("https://facts.example.org/", data_license=licence)
    descriptor = data_package(site, Repository("https://github.com/owner/repo"))
    assert descriptor["licenses"] == [{"path": licence.path, "title": licence.title}]
    assert descriptor["sources"] == [
        {"title": "The fact files, one YAML file per fact", "path": "https://github.com/owner/repo/tree/main/facts"}
    ]


def test_the_repository_data_package_is_valid(tmp_path_factory: pytest.TempPathFactory) -> None:
    report = validate(repository_site(tmp_path_factory) / "data" / "datapackage.json")
    assert report["valid"], errors(report)


def test_every_text_field_names_its_language_and_the_translations_say_they_are_ours(site: Path) -> None:
    descriptor = package(site)
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    languages = {name: field["x-language"] for name, field in fields.items() if "x-language" in field}
    english = ["title", "summary", "claim", "claim_short", "claimant_role", "verdict_label", "conclusion", "analysis"]
    russian = [f"{name}_ru" for name in ("title", "summary", "claim", "claim_short", "conclusion", "analysis")]
    russian.append("claimant_role_ru")
    assert languages == {**dict.fromkeys(english, "en"), **dict.fromkeys(russian, "ru")}
    assert list(fields)[-len(russian) :] == russian, "new columns go last: readers index the old ones"
    for name in russian:
        english_name = name.removesuffix("_ru")
        assert fields[name]["type"] == "string" and "constraints" not in fields[name], "an entry may have none"
        assert f"The editors' translation of `{english_name}` into Russian" in fields[name]["description"]
    assert "`claim` keeps the original wording" in fields["claim_ru"]["description"]
    summary, languages = descriptor["description"].split("\n\n")  # the first paragraph is the package's summary
    assert summary.startswith("Every published fact check of the site:")
    assert "The Russian texts" in languages and "editors' own translations" in languages
    assert "`claim` keeps the claim's original wording" in languages
    assert "translations" in descriptor["resources"][2]["description"]
