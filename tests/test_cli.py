"""The command line: exit codes 0/1/2 and its output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner, commit_all, write

VOCAB = CASES / "vocab"
COMPLETE = CASES / "valid" / "complete"


def test_clean_project_exits_zero(run_cli: CliRunner) -> None:
    code, output = run_cli("check", "--root", COMPLETE, "--vocab", VOCAB, "--today", TODAY.isoformat())
    assert code == 0
    assert output == "no problems (2 fact files checked)\n"


def test_usage_error_exits_two() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factsite", "check", "--today", "tomorrow"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "'tomorrow' is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_exits_two() -> None:
    result = subprocess.run([sys.executable, "-m", "factsite", "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2


def _warning_only_project(tmp_path: Path) -> Path:
    text = (COMPLETE / "facts" / "1992-04-08--relations.yml").read_text(encoding="utf-8")
    text = text.replace("related: [2022-09--schools]\n", "")
    text = text.replace("    archive_url: https://web.archive.example.org/2020/https://paper.example.net/factbox\n", "")
    write(tmp_path / "facts" / "1992-04-08--relations.yml", text)
    return tmp_path


def test_warnings_pass_unless_strict(run_cli: CliRunner, tmp_path: Path) -> None:
    root = _warning_only_project(tmp_path)
    args = ("check", "--root", root, "--vocab", VOCAB, "--today", TODAY.isoformat())
    code, output = run_cli(*args)
    assert code == 0
    assert "facts/1992-04-08--relations.yml:28:5: warning: sources[1]: source has no archive_url" in output
    assert run_cli(*args, "--strict")[0] == 1


def test_github_format_annotates_lines(run_cli: CliRunner, tmp_path: Path) -> None:
    root = _warning_only_project(tmp_path)
    _, output = run_cli("check", "--root", root, "--vocab", VOCAB, "--today", TODAY.isoformat(), "--format", "github")
    assert output.splitlines()[0] == (
        "::warning file=facts/1992-04-08--relations.yml,line=28,col=5,title=source-archive%3A sources[1]"
        "::source has no archive_url; archive the page and add the copy's URL"
    )


def test_json_format_is_parsable(run_cli: CliRunner, tmp_path: Path) -> None:
    root = _warning_only_project(tmp_path)
    _, output = run_cli("check", "--root", root, "--vocab", VOCAB, "--today", TODAY.isoformat(), "--format", "json")
    data = json.loads(output)
    assert data["problems"][0]["rule"] == "source-archive"
    assert data["problems"][0]["line"] == 28


def test_check_accepts_single_files(run_cli: CliRunner) -> None:
    code, output = run_cli(
        "check",
        "--root",
        COMPLETE,
        "--vocab",
        VOCAB,
        "--today",
        TODAY.isoformat(),
        COMPLETE / "facts" / "2022-09--schools.yml",
    )
    assert code == 0, output


def test_malformed_pinned_today_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, run_cli: CliRunner) -> None:
    monkeypatch.setenv("FACTSITE_TODAY", "garbage")
    code, output = run_cli("check", "--root", COMPLETE, "--vocab", VOCAB)
    assert code == 2
    assert output == ""


def test_check_from_inside_the_facts_folder_finds_the_project(
    run_cli: CliRunner, project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_copy / "facts")
    code, output = run_cli("check", "2022-09-01--russian-language-schools-opened.yml", "--today", "2026-11-28")
    assert code == 0, output
    assert "facts/2022-09-01--russian-language-schools-opened.yml" in output
    assert "vocabulary file is missing" not in output and "[related-exists]" not in output


BROKEN_NEW = """title: A new fact
date: "2022-09-31"
verdict: acurate
"""


def test_a_clean_checkout_prints_a_few_lines(project_copy: Path, run_cli: CliRunner) -> None:
    commit_all(project_copy)
    code, output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    assert code == 0
    lines = output.splitlines()
    assert len(lines) <= 5, output
    assert "sources elsewhere have no archived copy: `" in lines[0] and lines[0].endswith("check --all` lists them")
    assert "warning:" not in output


def test_your_own_problems_come_first(project_copy: Path, run_cli: CliRunner) -> None:
    commit_all(project_copy)
    new = write(project_copy / "facts" / "2022-09-30--new-fact.yml", BROKEN_NEW)
    edited = project_copy / "facts" / "1992-04-08--diplomatic-relations.yml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    assert code == 1
    lines = output.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert errors and lines[: len(errors)] == errors, "errors first"
    assert all(line.startswith(f"facts/{new.name}:") for line in errors)
    warnings = [line for line in lines if ": warning: " in line]
    own = (f"facts/{edited.name}:", f"facts/{new.name}:")
    assert warnings and all(line.startswith(own) for line in warnings), "the changed files' warnings, no others"
    assert any(line.startswith(own[0]) for line in warnings), "the edited file's too"
    assert lines[len(errors) : len(errors) + len(warnings)] == warnings
    assert "sources elsewhere have no archived copy" in lines[-2]
    for listed in ("--all", "--strict"):
        _, everything = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat(), listed)
        assert everything.count(": warning: ") == int(lines[-1].split(" and ")[1].split()[0])
        assert "elsewhere" not in everything


def test_outside_git_every_problem_is_listed(project_copy: Path, run_cli: CliRunner) -> None:
    _, output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    assert "elsewhere" not in output and ": warning: " in output


def test_files_named_on_the_command_line_are_listed_in_full(project_copy: Path, run_cli: CliRunner) -> None:
    commit_all(project_copy)
    one = project_copy / "facts" / "1992-04-08--diplomatic-relations.yml"
    _, output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat(), one)
    assert "elsewhere" not in output and output.count(": warning: ") == 4
