"""Rules that need file layouts a golden folder cannot hold portably."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner

REFERENCE = CASES / "valid" / "complete" / "facts" / "1992-04-08--relations.yml"


def test_ids_that_differ_only_in_case_blame_the_misnamed_file(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    text = REFERENCE.read_text(encoding="utf-8").replace("related: [2022-09--schools]\n", "")
    (facts / "1992-04-08--relations.yml").write_text(text, encoding="utf-8")
    try:
        (facts / "1992-04-08--Relations.yml").write_text(text, encoding="utf-8")
    except OSError:
        pytest.skip("case-insensitive file system")
    if len(list(facts.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[:2] == [
        "facts/1992-04-08--Relations.yml:1:1: error: file name '1992-04-08--Relations.yml' is not a fact id; "
        "rename it to '1992-04-08--relations.yml' (YYYY-MM-DD--slug) [file-name]",
        "facts/1992-04-08--Relations.yml:1:1: error: id '1992-04-08--Relations' differs only in letter case "
        "from that of facts/1992-04-08--relations.yml; remove this file or give it another slug [unique-id]",
    ]
    assert "facts/1992-04-08--relations.yml:" not in output


def test_symlink_leading_outside_the_facts_folder_is_refused(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    outside = tmp_path / "elsewhere.yml"
    shutil.copy(REFERENCE, outside)
    (facts / "1992-04-08--relations.yml").symlink_to(outside)
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/1992-04-08--relations.yml:1:1: error: symbolic link points outside the facts folder; "
        "add the file itself [fact-file]"
    )


def test_symlink_loop_is_a_problem_not_a_crash(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "1992-04-08--a.yml").symlink_to("1992-04-08--b.yml")
    (facts / "1992-04-08--b.yml").symlink_to("1992-04-08--a.yml")
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[:2] == [
        "facts/1992-04-08--a.yml:1:1: error: symbolic link is broken or loops; add the file itself [fact-file]",
        "facts/1992-04-08--b.yml:1:1: error: symbolic link is broken or loops; add the file itself [fact-file]",
    ]


def test_checking_one_file_still_sees_the_other_facts(repo: Path, run_cli: CliRunner) -> None:
    one = repo / "facts" / "1992-04-08--diplomatic-relations.yml"
    assert "related:" in one.read_text(encoding="utf-8")
    code, output = run_cli("check", "--root", repo, "--today", TODAY.isoformat(), one)
    assert code == 0, output
    assert output.endswith("(1 fact file checked)\n")
