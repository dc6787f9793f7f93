"""The real ``mkdocs build`` through the hook, on the repository and on broken copies."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, CliRunner, commit_all, mkdocs_build, write

MKDOCS = [sys.executable, "-m", "mkdocs"]
PROBLEM_LINE = re.compile(r"^(?:\S+\s+-\s+)?(\S+:\d+:\d+: (?:error|warning): .*)$")


def build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(project, site, *extra)


def problem_lines(output: str) -> list[str]:
    return [m.group(1) for line in output.splitlines() if (m := PROBLEM_LINE.match(line.strip()))]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Path(__file__).resolve().parent.parent
    site = tmp_path_factory.mktemp("site")
    result = build(repo, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_repository_builds_strict_with_one_page_per_fact(built_site: Path, repo: Path) -> None:
    ids = sorted(p.stem for p in (repo / "facts").glob("*.yml"))
    assert ids, "the repository has facts"
    for fact_id in ids:
        page = built_site / "facts" / fact_id / "index.html"
        assert page.is_file(), f"no page for {fact_id}"
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    for fact_id in ids:
        assert f'href="../facts/{fact_id}/"' in timeline


def test_generated_reference_pages_and_schema_are_published(built_site: Path) -> None:
    assert (built_site / "fact-format" / "index.html").is_file()
    assert (built_site / "rating-scale" / "index.html").is_file()
    assert (built_site / "schema" / "v1" / "fact.schema.json").is_file()


def test_build_writes_nothing_into_the_sources(built_site: Path, repo: Path) -> None:
    generated = [repo / "docs" / "timeline.md", repo / "docs" / "facts", repo / "docs" / "fact-format.md"]
    assert not any(path.exists() for path in generated)


BROKEN_FACT = """\
kind: claim
title: A broken fact
date: "2022-02-30"
claim: A claim long enough to pass.
claimant:
  name: Someone
appearance: {url: "ftp://example.org", publisher: Paper, date: "2022-02-01"}
verdict: maybe
conclusion: A conclusion long enough.
sources: []
tags: [no-such-tag]
actors: []
checked: "2026-11-28"
status: published
"""


def test_broken_copy_fails_cleanly_naming_every_file(project_copy: Path, tmp_path: Path) -> None:
    write(project_copy / "facts" / "2022-02-30--broken.yml", BROKEN_FACT)
    write(project_copy / "facts" / "2022-01-01--unparsable.yml", "title: [unclosed\n")
    result = build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "fact check failed" in output
    assert "facts/2022-02-30--broken.yml:3:7: error: date: '2022-02-30' is not a calendar date" in output
    assert "facts/2022-01-01--unparsable.yml:1:8: error: YAML syntax: a '[' or '{' is never closed" in output
    assert not (tmp_path / "site" / "index.html").exists(), "a failed build must not leave a deployable site"


def test_cli_and_build_report_the_same_problems(project_copy: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    write(project_copy / "facts" / "2022-02-30--broken.yml", BROKEN_FACT)
    write(project_copy / "facts" / "notes.txt", "not a fact\n")
    code, cli_output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    result = build(project_copy, tmp_path / "site")
    assert code == 1 and result.returncode == 1
    cli_problems = problem_lines(cli_output)
    assert len(cli_problems) >= 6
    assert problem_lines(result.stdout + result.stderr) == cli_problems


def test_strict_fact_check_in_the_build_fails_on_warnings(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    relaxed = build(project_copy, tmp_path / "relaxed")
    assert relaxed.returncode == 0
    assert "0 errors and 133 warnings" in relaxed.stderr
    monkeypatch.setenv("FACTSITE_STRICT", "1")
    strict = build(project_copy, tmp_path / "strict")
    assert strict.returncode == 1
    assert "warning: sources[0]: source has no archive_url" in strict.stderr


def test_a_new_broken_files_errors_are_the_first_lines_of_the_build(project_copy: Path, tmp_path: Path) -> None:
    commit_all(project_copy)
    write(project_copy / "facts" / "2022-02-30--broken.yml", BROKEN_FACT)
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # the log; stdout only says "Aborted"
    problems = problem_lines("\n".join(lines))
    assert problems and all(p.startswith("facts/2022-02-30--broken.yml:") for p in problems)
    errors = [p for p in problems if ": error: " in p]
    assert errors and problems[: len(errors)] == errors, "its errors first, then its warnings"
    assert problem_lines("\n".join(lines[: len(problems)])) == problems, "nothing before them"
    assert any("sources elsewhere have no archived copy" in line for line in lines)
