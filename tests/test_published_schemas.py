"""The published JSON Schemas compile in Ajv's strict mode; the frozen fact format v1 stays byte for byte as it was."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO
from sitebuild import outputs_site

from factsite.render.reference import publishable, render_schema_file
from factsite.render.siteinfo import SiteInfo
from factsite.schema import PAST_VERSIONS, fact_schema, schema_version
from factsite.yamlload import load_file
from gates.nodetools import NodeTools

FROZEN_V1 = "schema/v1/fact.schema.json"
FROZEN_V1_SHA256 = "fbacecdd5ba9bdf216fa663a82def1023e24f4aee831217bc90964ef0cfcec22"
"""The bytes of fact format v1 as the site has always published it at https://facts.example.org/sub/."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return outputs_site(tmp_path_factory)


def ajv_compile(*schemas: Path) -> subprocess.CompletedProcess[str]:
    """``ajv compile`` in strict mode with the formats plugin, as a JavaScript consumer would load the schemas."""
    ajv = NodeTools(REPO).ajv
    files = [arg for schema in schemas for arg in ("-s", str(schema))]
    command = [str(ajv), "compile", "--spec=draft2020", "--strict=true", "-c", "ajv-formats", *files]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def published_schemas(site: Path) -> list[Path]:
    """Every schema the build publishes under schema/v*/, except the frozen versions' (fact and dataset)."""
    found = sorted(site.glob("schema/v*/*.json"))
    frozen = {f"v{version}" for version in PAST_VERSIONS}
    kept = [path for path in found if path.parent.name not in frozen]
    assert len(kept) >= 2
    return kept


def test_every_published_schema_compiles_in_ajv_strict_mode(site: Path) -> None:
    schemas = published_schemas(site)
    assert any(path.name == "dataset.schema.json" for path in schemas)
    result = ajv_compile(*schemas)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" is valid") == len(schemas), result.stdout


def test_the_current_fact_schema_compiles_strict_when_published(tmp_path: Path) -> None:
    """Whatever version the fact format is at, its published form is strict (the frozen v1 aside)."""
    path = tmp_path / "fact.schema.json"
    path.write_text(json.dumps(publishable(fact_schema())), encoding="utf-8")
    result = ajv_compile(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_source_schema_as_it_is_fails_strict_mode(tmp_path: Path) -> None:
    """So the checks above can fail: the project's own keywords are unknown to Ajv."""
    path = tmp_path / "fact.schema.json"
    path.write_text(json.dumps(fact_schema()), encoding="utf-8")
    result = ajv_compile(path)
    assert result.returncode != 0
    assert 'unknown keyword: "x-schema-version"' in result.stdout + result.stderr


def test_frozen_v1_is_published_byte_for_byte_as_before(site: Path) -> None:
    data = (site / FROZEN_V1).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FROZEN_V1_SHA256
    assert json.loads(data)["x-schema-version"] == 1


def test_publishable_drops_only_project_keywords_and_keeps_data() -> None:
    schema = {
        "$defs": {"line": {"type": "string", "x-message": "m"}},
        "type": "object",
        "x-schema-version": 3,
        "properties": {"x-name": {"$ref": "#/$defs/line", "maxLength": 3}, "e": {"enum": ["x-a"], "x-at": "e"}},
        "allOf": [{"if": {"required": ["e"], "properties": {"e": {"const": "x-a"}}}, "then": {"required": ["w"]}}],
    }
    assert publishable(schema) == {
        "$defs": {"line": {"type": "string"}},
        "type": "object",
        "properties": {"x-name": {"$ref": "#/$defs/line", "maxLength": 3, "type": "string"}, "e": {"enum": ["x-a"]}},
        "allOf": [
            {
                "if": {"required": ["e"], "properties": {"e": {"const": "x-a"}}},
                "then": {"required": ["w"], "properties": {"w": True}},
            }
        ],
    }


def test_the_published_copy_accepts_and_refuses_what_the_source_does() -> None:
    source = jsonschema.Draft202012Validator(fact_schema())
    strict = jsonschema.Draft202012Validator(publishable(fact_schema()))
    docs: list[Any] = [load_file(path, path.name).data for path in sorted((REPO / "facts").glob("*.yml"))]
    assert docs
    broken = []
    for doc in docs[:5]:
        for change in ({"status": "withdrawn"}, {"title": "x" * 500}, {"withdrawal": {"date": "2026-01-01"}}):
            broken.append({**copy.deepcopy(doc), **change})
    for doc in [*docs, *broken]:
        assert source.is_valid(doc) == strict.is_valid(doc)
    assert all(source.is_valid(doc) for doc in docs) and not any(source.is_valid(doc) for doc in broken)


def test_a_later_version_is_published_strict_with_its_own_address() -> None:
    later = schema_version() + 1
    assert later not in PAST_VERSIONS
    published = render_schema_file(SiteInfo("https://facts.example.org/"), fact_schema(), later)
    assert published.src_uri == f"schema/v{later}/fact.schema.json"
    data = json.loads(published.content)
    assert data["$id"] == f"https://facts.example.org/schema/v{later}/fact.schema.json"
    assert "x-schema-version" not in published.content and "x-message" not in published.content
