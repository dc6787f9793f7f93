"""Golden cases: each folder under tests/cases is a small project with the exact report it must give.

``invalid/<case>/facts/`` breaks one rule; ``expected.txt`` pins every line of the
report, so wording, field path, line and column are all tested. ``valid/<case>`` must
give no problems. A new regression case is a folder, not code. After an intended change
of wording, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_cases.py`` and review
the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def _check(run_cli: CliRunner, case: Path, scratch: Path) -> tuple[int, str]:
    """Check a copy of `case`, with the shared vocabularies unless it has its own."""
    shutil.copytree(case / "facts", scratch / "facts", symlinks=True)
    vocab = case / "vocab" if (case / "vocab").is_dir() else CASES / "vocab"
    shutil.copytree(vocab, scratch / "vocab")
    return run_cli("check", "--root", scratch, "--today", TODAY.isoformat())


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_gives_exactly_the_expected_report(run_cli: CliRunner, case: Path, tmp_path: Path) -> None:
    code, output = _check(run_cli, case, tmp_path)
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(output, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert output == expected
    has_errors = any(": error: " in line for line in expected.splitlines())
    assert code == (1 if has_errors else 0)
    assert "Traceback" not in output


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case_has_no_errors(run_cli: CliRunner, case: Path, tmp_path: Path) -> None:
    code, output = _check(run_cli, case, tmp_path)
    assert code == 0, output
    assert ": error: " not in output


def test_reports_use_plain_words() -> None:
    """Contributors read these lines: no YAML or JSON Schema jargon."""
    for case in INVALID:
        report = (case / "expected.txt").read_text(encoding="utf-8")
        for word in ("mapping", "scalar", "null"):
            assert word not in report.lower(), (case.name, word)
