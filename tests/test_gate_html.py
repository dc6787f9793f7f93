"""HTML validity: the Nu HTML checker (vnu.jar, pinned in package-lock.json) over every built page.

One check of the repository's whole site (one Java start), and one of a scratch copy of
two of its pages, one of them broken on purpose. The report, with what the theme filter
dropped, goes to ``tests/artifacts/nuhtml.txt``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from sitebuild import repository_site

from factsite.problems import Level
from gates import nodetools, nuhtml

ARTIFACT = REPO / "tests" / "artifacts" / "nuhtml.txt"
FACT = "facts/2022-09-01--russian-language-schools-opened/index.html"


def vnu_jar() -> Path:
    try:
        nodetools.java()
        return nodetools.NodeTools(REPO).vnu_jar
    except nodetools.ToolMissing as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repository_site(tmp_path_factory)


@pytest.fixture(scope="module")
def report(site: Path) -> nuhtml.NuReport:
    found = nuhtml.check_site(site, vnu_jar())
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(found.summary() + "\n", encoding="utf-8")
    return found


def test_every_page_of_the_site_is_valid_html(site: Path, report: nuhtml.NuReport) -> None:
    pages = sorted(site.rglob("*.html"))
    assert report.pages == len(pages) > 100, "the checker saw every page, the 404 page included"
    assert not report.problems, "\n" + nuhtml.problem_lines(report.problems)


def test_every_theme_filter_is_still_needed(report: nuhtml.NuReport) -> None:
    assert not report.unused, "theme patterns that matched nothing; remove them from nuhtml-theme.yml:\n" + "\n".join(
        entry.message for entry in report.unused
    )


def test_broken_markup_in_a_page_fails_naming_the_page_and_line(site: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "site"
    for page in ("index.html", FACT):
        (scratch / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / page, scratch / page)
    broken = scratch / FACT
    text = broken.read_text(encoding="utf-8")
    # A stray end tag, and the theme's own message on our markup: the filter is exact.
    text = text.replace("<h1", '</span><input type="checkbox" id="ours" autocomplete="off">\n<h1', 1)
    broken.write_text(text, encoding="utf-8")
    line = text[: text.index("</span><input")].count("\n") + 1

    found = nuhtml.check_site(scratch, vnu_jar())

    assert found.pages == 2
    assert {problem.path for problem in found.problems} == {FACT}, nuhtml.problem_lines(found.problems)
    lines = nuhtml.problem_lines(found.problems)
    at = rf"^{re.escape(FACT)}:{line}:\d+: error: "
    assert re.search(at + r".*Stray end tag “span”.* \[nu-html\]$", lines, re.M), lines
    assert re.search(at + r"Attribute “autocomplete”.*id=\"ours\"", lines, re.M), lines
    assert all(problem.level is Level.ERROR for problem in found.problems)


def test_a_theme_filter_entry_needs_a_reason(tmp_path: Path) -> None:
    listing = tmp_path / "theme.yml"
    listing.write_text("- message: 'Some message.'\n  markup: '<br>'\n  reason: ' '\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gives no reason"):
        nuhtml.theme_messages(listing)
    assert all(entry.reason.strip() for entry in nuhtml.theme_messages())
