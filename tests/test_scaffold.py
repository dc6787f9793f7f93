"""``factsite new``: a skeleton with the modeline, a to-do list from ``check``, no overwrites."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner
from reviewrepo import edit

from factsite.scaffold import MODELINE
from factsite.schema import fact_schema
from factsite.yamlload import load_file

ID = "2023-05-09--pipeline-deal"
SOURCE_AND_TAGS = [
    ('  - url: ""', "  - url: https://gov.example.org/pipeline"),
    ('    publisher: ""', "    publisher: Example Ministry"),
    ('    title: ""', "    title: Pipeline"),
    ('    published: ""', "    published: undated"),
    ("tags: []", "tags: [diplomacy]"),
]
"""What both skeletons ask for besides their own fields, filled in."""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "facts").mkdir()
    shutil.copytree(CASES / "vocab", tmp_path / "vocab")
    return tmp_path


def new(run_cli: CliRunner, root: Path, date: str = "2023-05-09", slug: str = "pipeline-deal") -> tuple[int, str]:
    return run_cli("new", date, slug, "--root", root, "--today", TODAY.isoformat())


def test_skeleton_has_the_modeline_and_every_required_field(run_cli: CliRunner, root: Path) -> None:
    code, output = new(run_cli, root)
    path = root / "facts" / f"{ID}.yml"
    assert code == 0
    prefix = "created "
    shown, hint = output.removeprefix(prefix).rstrip("\n").split("; fill in the empty values, then run: ")
    assert Path(shown).resolve() == path.resolve()
    command = shlex.split(hint)
    assert command[1:] == ["check", shown]
    # The hint works as printed, from where `new` was run: the check lists what to fill in.
    checked = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, "FACTSITE_TODAY": TODAY.isoformat()}
    )
    assert checked.returncode == 1 and f"{shown}:" in checked.stdout, checked.stdout + checked.stderr
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE == "# yaml-language-server: $schema=../src/factsite/schema/fact.schema.json"
    doc = load_file(path, "x.yml")
    assert doc.problems == []
    assert set(fact_schema()["required"]) <= set(doc.data)
    assert doc.data["date"] == "2023-05-09"
    assert doc.data["checked"] == doc.data["sources"][0]["accessed"] == TODAY.isoformat()
    assert "# one of: accurate, mostly-accurate, needs-context, inaccurate, unverified, not-checkable" in text


def test_check_lists_what_to_fill_in_and_passes_once_filled(run_cli: CliRunner, root: Path) -> None:
    new(run_cli, root)
    args = ("check", "--root", root, "--today", TODAY.isoformat(), "--format", "text")
    code, output = run_cli(*args)
    assert code == 1
    fields = [line.split(": ")[2] for line in output.splitlines()[:-1]]
    assert fields == [
        "title",
        "claim",
        "claimant.name",
        "appearance.url",
        "appearance.publisher",
        "appearance.date",
        "verdict",
        "conclusion",
        "sources[0].url",  # no warning for a missing archive before there is a URL to archive
        "sources[0].publisher",
        "sources[0].title",
        "sources[0].published",
        "tags",
    ]
    path = root / "facts" / f"{ID}.yml"
    for old, value in [
        ('title: ""', "title: Pipeline deal signed"),
        ('claim: ""', "claim: A gas pipeline deal was signed in the capital."),
        ('  name: ""', "  name: Example News Agency"),
        ('  url: ""', "  url: https://news.example.org/pipeline"),
        ('  publisher: ""', "  publisher: Example News Agency"),
        ('  date: ""', '  date: "2023-05-10"'),
        ('verdict: ""', "verdict: unverified"),
        ('conclusion: ""', "conclusion: No source confirms the signing."),
        *SOURCE_AND_TAGS,
    ]:
        edit(path, "\n" + old, "\n" + value)
    code, output = run_cli(*args)
    assert code == 0, output  # only the warning that the source has no archived copy
    assert output.endswith("0 errors and 1 warning in 1 file (1 fact file checked)\n")


def test_existing_file_is_never_overwritten(run_cli: CliRunner, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / "facts" / f"{ID}.yml"
    path.write_text("title: mine\n", encoding="utf-8")
    assert new(run_cli, root) == (2, "")
    assert path.read_text(encoding="utf-8") == "title: mine\n"
    assert f"{path} already exists; edit it, or choose another slug" in capsys.readouterr().err


def test_id_differing_only_in_case_is_refused(run_cli: CliRunner, root: Path) -> None:
    (root / "facts" / "2023-05-09--Pipeline-Deal.yml").write_text("title: mine\n", encoding="utf-8")
    assert new(run_cli, root)[0] == 2
    assert not (root / "facts" / f"{ID}.yml").exists()


@pytest.mark.parametrize(
    ("date", "slug", "message"),
    [
        ("2023-02-30", "x", "date '2023-02-30' is not a calendar date: February 2023 has 28 days"),
        ("2023-13", "x", "date '2023-13' has month 13; months run from 01 to 12"),
        ("23-01-01", "x", "date '23-01-01' is not written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023", "Pipeline_Deal", "'Pipeline_Deal' is not a slug"),
        ("2023", "pipeline--deal", "'pipeline--deal' is not a slug"),
        ("2023", "../escape", "'../escape' is not a slug"),
        ("2027-01", "x", "date '2027-01' is in the future (today is 2026-12-04)"),
    ],
)
def test_bad_date_or_slug_is_a_usage_error(
    run_cli: CliRunner, root: Path, capsys: pytest.CaptureFixture[str], date: str, slug: str, message: str
) -> None:
    assert new(run_cli, root, date, slug) == (2, "")
    assert message in capsys.readouterr().err
    assert list((root / "facts").iterdir()) == []


def test_missing_facts_folder_is_a_usage_error(run_cli: CliRunner, tmp_path: Path) -> None:
    assert new(run_cli, tmp_path)[0] == 2


def test_event_skeleton_asks_for_a_summary_and_no_verdict(run_cli: CliRunner, root: Path) -> None:
    code, output = run_cli(
        "new", "2023-05-09", "pipeline-deal", "--kind", "event", "--root", root, "--today", TODAY.isoformat()
    )
    assert code == 0, output
    path = root / "facts" / f"{ID}.yml"
    doc = load_file(path, path.name)
    assert doc.data["kind"] == "event"
    assert "summary" in doc.data and "verdict" not in doc.data and "claimant" not in doc.data
    code, output = run_cli("check", "--root", root, "--today", TODAY.isoformat(), "--format", "text")
    fields = [line.split(": ")[2] for line in output.splitlines()[:-1]]
    assert fields[:3] == ["title", "summary", "sources[0].url"]
    for old, value in [
        ('title: ""', "title: A pipeline deal is signed"),
        ('summary: ""', "summary: The two governments sign a gas pipeline deal in the capital."),
        *SOURCE_AND_TAGS,
    ]:
        edit(path, "\n" + old, "\n" + value)
    code, output = run_cli("check", "--root", root, "--today", TODAY.isoformat(), "--format", "text")
    assert code == 0, output
