"""A fact whose every text field is an attack is published as text, in every output of the real build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY, CliRunner
from hostile import (
    HOSTILE_EVENT_ID,
    HOSTILE_ID,
    TEXT_FIELDS,
    _Tags,
    add_hostile_fact,
    attack,
    file_problems,
    file_text,
    output_kind,
    site_files,
    text_of,
)
from test_build import build

from factsite.render.searchindex import read_records


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("facts", "vocab", "docs", "hooks", "overrides"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    add_hostile_fact(root)
    return root


@pytest.fixture(scope="module")
def hostile_site(hostile_project: Path) -> Path:
    site = hostile_project / "site"
    result = build(hostile_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def page_text(path: Path) -> str:
    """The text a reader sees on an HTML page (and in its attributes), entities decoded."""
    parser = _Tags()
    parser.feed(file_text(path))
    return " ".join(parser.text)


def test_the_hostile_fact_is_valid(hostile_project: Path, run_cli: CliRunner) -> None:
    code, output = run_cli("check", "--root", hostile_project, "--today", TODAY.isoformat())
    assert code == 0, output
    warned = [line.split(": ", 1)[1] for line in output.splitlines() if HOSTILE_ID in line or HOSTILE_EVENT_ID in line]
    assert [line.split(" [")[-1] for line in warned] == ["analysis-links]"] * 6, warned
    fields = ["analysis"] * 3 + ["translations.ru.analysis"] * 3  # the translation carries the same links
    assert [line.split(": ")[1] for line in warned] == fields, warned


def test_no_output_runs_contributor_text(hostile_site: Path) -> None:
    files = site_files(hostile_site)
    unknown = [path.relative_to(hostile_site).as_posix() for path in files if output_kind(path) is None]
    assert unknown == [], "add the format of these outputs to tests/hostile.py"
    kinds = {output_kind(path) for path in files}
    assert {"html", "json", "xml"} <= kinds, kinds
    problems = [f"{path.relative_to(hostile_site)}: {p}" for path in files for p in file_problems(path, hostile_site)]
    assert problems == []


def test_every_text_field_is_shown_as_text_on_the_fact_page(hostile_site: Path) -> None:
    text = page_text(hostile_site / "facts" / HOSTILE_ID / "index.html")
    for field in TEXT_FIELDS:
        if field.endswith(".label") or field == "claim_short":
            continue  # shorter forms, checked below
        assert text_of(field) in text, field
    assert "Mtaglabel" in text and "Mactorlabel" in text
    assert "Manalysis paragraph" in text
    event = page_text(hostile_site / "facts" / HOSTILE_EVENT_ID / "index.html")
    for field in ("event.title", "summary"):
        assert text_of(field) in event, field


def test_timeline_and_search_show_the_hostile_fact_as_text(hostile_site: Path) -> None:
    timeline = page_text(hostile_site / "timeline" / "index.html")
    assert attack("Mtitle") in timeline
    assert attack("Mclaimant") in timeline and 'Mshort <script>alert("x")</script>' in timeline  # who claimed what
    assert attack("Msummary") in timeline
    # The search records hold plain text; the search box shows them as text, never as HTML.
    records = read_records(hostile_site / "search")
    assert any(attack("Mtitle") in record["title"] for record in records)
    script = (REPO / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    assert "textContent" in script
    assert not any(sink in script for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"))


COMPLETE_LISTINGS = (
    "timeline/index.html",
    "sitemap.xml",
    "data/facts.json",
    "data/facts.csv",
    "data/timeline.json",
    "timeline/filter-index.json",
    "feeds/facts.atom",
)
"""Outputs that list every published fact; the first two exist in any build."""

LISTINGS_OF_THE_HOSTILE_FACT = (
    "verdicts/inaccurate/index.html",
    "tags/hostile-tag/index.html",
    "actors/hostile-actor/index.html",
    "feeds/tags/hostile-tag.atom",
)


def test_every_listing_output_lists_every_published_fact(hostile_site: Path) -> None:
    """Nothing lost: every complete listing names every published fact, and each subset names its own."""
    ids = sorted([p.stem for p in (REPO / "facts").glob("*.yml")] + [HOSTILE_ID, HOSTILE_EVENT_ID])
    present = [name for name in COMPLETE_LISTINGS if (hostile_site / name).is_file()]
    if "<loc>" not in file_text(hostile_site / "sitemap.xml"):
        present.remove("sitemap.xml")  # MkDocs lists pages in the sitemap only when site_url is set
    assert "timeline/index.html" in present
    searched = {record["url"] for record in read_records(hostile_site / "search")}
    published = {f"facts/{fact_id}/" for fact_id in ids}
    assert searched == published, "the search index lists every published fact"
    for name in present:
        text = file_text(hostile_site / name)
        missing = [fact_id for fact_id in ids if fact_id not in text]
        assert not missing, f"{name} leaves out {missing}"
    for name in LISTINGS_OF_THE_HOSTILE_FACT:
        if (hostile_site / name).is_file():
            assert HOSTILE_ID in file_text(hostile_site / name), name
    for path in site_files(hostile_site):
        if output_kind(path) == "csv" and "claimant" in file_text(path).partition("\n")[0].split(","):
            assert "HYPERLINK(" in file_text(path), f"{path} lost the claimant"
