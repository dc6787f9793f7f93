"""The broken-source report (``check-sources --format markdown``), against the local stand-in sites.

It reuses the source check's local server and proxy (tests/test_check_sources.py): the
fact files cite names under example.org and example.net, which the server answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, TODAY, CliRunner, write
from test_check_sources import ANSWERS, CLAIM, FLAKY, MISSING, OK, proxy, source_item, via_proxy  # noqa: F401 - fixtures used by name

from factsite.pipeline import Layout, check_project

GOLDEN = Path(__file__).parent / "golden"


def _fact(root: Path, slug: str, appearance: str, *sources: str) -> None:
    text = CLAIM.format(title=f"Fact *{slug}*", appearance=appearance, sources="".join(sources))
    write(root / "facts" / f"1991-12-21--{slug}.yml", text)


ARCHIVED = "http://archive.example.org/web/20220905123456/http://gone.example.org/removed"
DEAD_COPY = "http://archive.example.org/web/20200101000000/http://gone.example.org/removed"
"""The stand-in server answers 404 for any URL it does not know, this one included."""


@pytest.fixture(autouse=True)
def archive_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ANSWERS, ARCHIVED, 200)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three entries cite the removed page: with an archived copy, with none, with a dead one;
    one cites a flaky host."""
    shutil.copytree(REPO / "vocab", tmp_path / "vocab")
    _fact(tmp_path, "archived", OK, source_item(MISSING, ARCHIVED, "2022-09-05"))
    _fact(tmp_path, "not-archived", OK, source_item(OK), source_item(MISSING))
    _fact(tmp_path, "dead-copy", OK, source_item(MISSING, DEAD_COPY))
    _fact(tmp_path, "flaky", FLAKY, source_item(OK))
    write(tmp_path / "flaky.yml", "- host: example.net\n  reason: answers 503 when busy\n")
    assert not check_project(Layout.of(tmp_path), today=TODAY).report.errors
    return tmp_path


@pytest.mark.usefixtures("via_proxy")
def test_markdown_report_names_each_dead_link_its_entries_and_their_archived_copies(
    run_cli: CliRunner, project: Path
) -> None:
    code, out = run_cli(
        "check-sources",
        "--root",
        project,
        "--allow-list",
        project / "flaky.yml",
        "--timeout",
        "2",
        "--today",
        TODAY,
        "--format",
        "markdown",
        "--link-pattern",
        "https://github.example.org/o/r/blob/main/{path}",
    )
    assert code == 1, out
    golden = GOLDEN / "broken-sources.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert f"archived copy: <{ARCHIVED}> (archived 2022-09-05)" in out
    assert "no archived copy yet" in out


@pytest.mark.usefixtures("via_proxy")
def test_markdown_report_says_so_when_nothing_failed(run_cli: CliRunner, project: Path) -> None:
    for slug in ("archived", "not-archived", "dead-copy", "flaky"):
        (project / "facts" / f"1991-12-21--{slug}.yml").unlink()
    _fact(project, "fine", OK, source_item(OK))
    code, out = run_cli("check-sources", "--root", project, "--timeout", "2", "--today", TODAY, "--format", "markdown")
    assert code == 0, out
    assert out == "## Broken source links\n\nChecked on 2026-12-04: all 1 cited URLs answered.\n"


def _fake(path: Path, script: str) -> None:
    write(path, "#!/bin/sh\n" + script)
    path.chmod(0o755)


@pytest.mark.parametrize(
    ("status", "open_issue", "expected"),
    [
        (1, "", "issue create --repo o/r --title Broken source links --body-file report.md"),
        (1, "7", "issue edit 7 --repo o/r --body-file report.md"),
        (0, "7", "issue close 7 --repo o/r --comment Every cited URL answered on the latest check."),
        (0, "", None),
    ],
    ids=["dead-links-new-issue", "dead-links-update", "all-fine-close", "all-fine-nothing-open"],
)
def test_the_report_script_keeps_one_issue(tmp_path: Path, status: int, open_issue: str, expected: str | None) -> None:
    """scripts/report-broken-sources with stand-ins for factsite and gh, which log their arguments."""
    _fake(tmp_path / ".venv" / "bin" / "factsite", f'echo "$@" > factsite.args; echo "## report"; exit {status}\n')
    _fake(
        tmp_path / "bin" / "gh",
        f'echo "$@" >> gh.log\nif [ "$1 $2" = "issue list" ]; then echo "{open_issue}"; fi\n',
    )
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "GH_TOKEN": "t", "REPOSITORY": "o/r"}
    env.update(LINKS="https://example.org/{path}", GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    result = subprocess.run(
        [REPO / "scripts" / "report-broken-sources"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (
        tmp_path / "factsite.args"
    ).read_text() == "check-sources --format markdown --link-pattern https://example.org/{path}\n"
    assert (tmp_path / "summary.md").read_text() == "## report\n"
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[0].startswith("issue list --repo o/r --state open")
    assert calls[1:] == ([expected] if expected else [])
