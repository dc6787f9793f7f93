"""The real build writes only its site folder, swaps a site in only when it fully succeeded, and is reproducible."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner, write
from test_build import build, problem_lines

from factsite.problems import printable
from factsite.publish import StagedSite

SITE_URL = "https://facts.example.org/"


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `folder` with its content hash and modification time."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        found[path.relative_to(folder).as_posix()] = (digest, stat.st_mtime_ns)
    return found


def with_site_url(project: Path) -> Path:
    """Give the copy a site URL, so that the sitemap lists pages with dates."""
    config = project / "mkdocs.yml"
    if "site_url:" not in config.read_text(encoding="utf-8"):
        config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8")
    return project


def redate(project: Path, day: str) -> None:
    """Move every check and access date of the copy's facts to `day`, so data dates differ from today."""
    for path in (project / "facts").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for recorded in ('"2026-11-28"', '"2026-12-04"'):
            text = text.replace(recorded, f'"{day}"')
        path.write_text(text, encoding="utf-8")


def test_build_writes_nothing_outside_its_site_folder(project_copy: Path, tmp_path: Path) -> None:
    before = snapshot(project_copy)
    outside = tmp_path / "out"
    result = build(project_copy, outside / "site")
    assert result.returncode == 0, result.stderr
    after = {name: entry for name, entry in snapshot(project_copy).items() if name.split("/")[0] != "out"}
    assert after == before
    assert sorted(p.name for p in outside.iterdir()) == ["site"]


def test_failed_builds_leave_the_previous_site(project_copy: Path, tmp_path: Path) -> None:
    """A failed fact check stops before writing; a strict-mode warning only after every page is written."""
    out = tmp_path / "out"
    site = out / "site"
    assert build(project_copy, site).returncode == 0
    before = snapshot(site)
    broken_fact = write(project_copy / "facts" / "2022-01-01--broken.yml", "title: [unclosed\n")
    assert build(project_copy, site).returncode == 1
    assert snapshot(site) == before
    broken_fact.unlink()
    write(project_copy / "docs" / "broken.md", "# Broken\n\n[a missing page](missing.md)\n")
    result = build(project_copy, site)
    assert result.returncode == 1
    assert "missing.md" in result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in out.iterdir()) == ["site"], "no staging folder is left behind"


def test_a_build_that_fails_late_leaves_no_site_when_there_was_none(project_copy: Path, tmp_path: Path) -> None:
    hook = write(
        project_copy / "hooks" / "boom.py", "def on_post_page(output, page, config):\n    raise ValueError('boom')\n"
    )
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", f"hooks:\n  - {hook}\n"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = build(project_copy, out / "site")
    assert result.returncode == 1
    assert "boom" in result.stderr
    assert list(out.iterdir()) == []


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _gzip_mtime(site: Path) -> int:
    mtime: int = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    return mtime


@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["data-dates", "source-date-epoch"])
def test_two_builds_are_byte_identical(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    """Dates come from the facts or SOURCE_DATE_EPOCH, never the clock (the checks are moved to 2026-01-15,
    after every fact's own date and before the pinned today)."""
    with_site_url(project_copy)
    redate(project_copy, "2026-01-15")
    if epoch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(project_copy, first).returncode == 0
    assert build(project_copy, second).returncode == 0
    one, two = _files(first), _files(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    allowed = {"2026-01-15", "2023-11-14"} if epoch else {"2026-01-15"}
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates and dates <= allowed, dates
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    data_day = 1768435200  # 2026-01-15T00:00:00Z
    assert _gzip_mtime(first) in {data_day, 1699920000} if epoch else _gzip_mtime(first) == data_day
    assert os.environ.get("SOURCE_DATE_EPOCH") == epoch


HOSTILE_CASES = sorted(
    case
    for case in (CASES / "invalid").iterdir()
    if case.name.startswith(("yaml-", "invisible-", "url-host", "schema-url-", "schema-line-", "related-path"))
    or case.name == "file-size"
)


def add_one_file_of_each_hostile_kind(facts: Path, outside: Path) -> list[str]:
    """Every hostile golden case as one file of `facts`, plus hostile names and links; the names added."""
    names = []
    for case in HOSTILE_CASES:
        (source,) = (case / "facts").iterdir()
        date = source.name.split("--")[0]
        names.append(f"{date}--{case.name}.yml")
        shutil.copyfile(source, facts / names[-1])
    reference = (CASES / "valid" / "complete" / "facts" / "1992-04-08--relations.yml").read_bytes()
    extra = {
        "notes.txt": b"not a fact\n",
        ".hidden.yml": reference,
        "1992-04-08--relations.yaml": reference,
        "1992-04-08--Case-Only.yml": reference,
        "1992-04-08--case-only.yml": reference.replace(b"related: [2022-09--schools]\n", b""),
        "1992-04-08--rel\u202eations.yml": reference,
    }
    for name, content in extra.items():
        (facts / name).write_bytes(content)
        if name != "1992-04-08--case-only.yml":  # the well-named one of the two keeps the id
            names.append(name)
    (outside / "secret.yml").write_bytes(reference)
    (facts / "1992-04-08--linked.yml").symlink_to(outside / "secret.yml")
    names.append("1992-04-08--linked.yml")
    return names


def test_a_copy_with_every_hostile_file_gives_one_report_in_check_and_build(
    project_copy: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    names = add_one_file_of_each_hostile_kind(project_copy / "facts", outside)
    code, cli_output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    result = build(project_copy, tmp_path / "out" / "site")
    build_output = result.stdout + result.stderr
    assert code == 1 and result.returncode == 1
    assert "Traceback" not in cli_output + build_output
    cli_problems = problem_lines(cli_output)
    assert problem_lines(build_output) == cli_problems
    named = {line.split(":", 1)[0] for line in cli_problems}
    shown = {f"facts/{printable(name)}" for name in names}
    assert shown - named == set(), "every hostile file is named"
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_a_staged_site_replaces_the_old_one_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "site"
    write(target / "old.html", "old")
    staged = StagedSite(target)
    write(staged.begin() / "new.html", "new")
    assert sorted(p.name for p in target.iterdir()) == ["old.html"]
    staged.commit()
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    write(staged.begin() / "broken.html", "half")
    staged.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]


def test_links_out_of_the_site_inputs_are_refused_and_never_read(
    project_copy: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    """A pull request could link docs/x.md to ../.git/config (a token) or vocab/ to a secrets file."""
    secret = write(tmp_path / "outside" / "secret.yml", "leaked-token:\n  label: x\n  kind: TOKEN-VALUE-1234\n")
    (project_copy / "docs" / "leak.md").symlink_to(secret)
    tags = project_copy / "vocab" / "tags.yml"
    tags.rename(project_copy / "tags.yml")
    tags.symlink_to(secret)
    code, cli_output = run_cli("check", "--root", project_copy, "--today", TODAY.isoformat())
    result = build(project_copy, tmp_path / "out" / "site")
    assert code == 1 and result.returncode == 1
    expected = [
        "docs/leak.md:1:1: error: symbolic link leads outside docs/, so the build would publish what it points at; "
        "add the file itself [site-file]",
        "vocab/tags.yml:1:1: error: symbolic link leads outside vocab/, so the build would publish what it points at; "
        "add the file itself [site-file]",
    ]
    assert [line for line in problem_lines(cli_output) if "[site-file]" in line] == expected
    assert problem_lines(result.stdout + result.stderr) == problem_lines(cli_output)
    assert "TOKEN-VALUE" not in cli_output + result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
