"""The link gate: linkchecker, with anchors, over the repository's site served on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build

from gates.anchors import check_anchors
from gates.linkcheck import LinkReport, _parse, check_site


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("linkcheck") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def broken_report(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> LinkReport:
    """A scratch copy with one broken link (timeline) and one broken anchor (a fact page)."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(built_site, site)
    timeline = site / "timeline" / "index.html"
    text = timeline.read_text(encoding="utf-8")
    assert 'href="../facts/' in text
    timeline.write_text(text.replace('href="../facts/', 'href="../factz/', 1), encoding="utf-8")
    fact = sorted((site / "facts").glob("*/index.html"))[0]
    text = fact.read_text(encoding="utf-8")
    assert 'href="#sources"' in text
    fact.write_text(text.replace('href="#sources"', 'href="#no-such-section"', 1), encoding="utf-8")
    return check_site(site, processes=2)  # split, whatever the machine: the timeline's link is checked by one of two


def test_the_site_has_no_broken_link(built_site: Path) -> None:
    report = check_site(built_site)
    assert not report.failed, report.format()
    assert report.urls_checked > len(list(built_site.rglob("*.html")))


def test_a_broken_link_fails_naming_the_page_and_the_link(broken_report: LinkReport) -> None:
    assert broken_report.failed
    lines = [f.format() for f in broken_report.findings if "/factz/" in f.url]
    assert lines, broken_report.format()
    assert lines[0].startswith("timeline/index.html:")
    assert "../factz/" in lines[0]
    assert "404" in lines[0]


def test_a_broken_anchor_fails_naming_the_page_and_the_anchor(broken_report: LinkReport) -> None:
    lines = [f.format() for f in broken_report.findings if "no-such-section" in f.url]
    assert lines, broken_report.format()
    assert lines[0].startswith("facts/") and "/index.html:" in lines[0]
    assert "#no-such-section" in lines[0]
    assert "not found" in lines[0]
    assert lines[0].split(":")[1:3] != ["0", "0"]  # with its line and column
    assert len(broken_report.findings) == 2, broken_report.format()


def test_anchors_are_looked_up_on_the_page_the_link_points_to(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="x">X</h2><a name="old">', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<p id="top">\n<a href="b/#x">ok</a> <a href="b/#old">ok</a> <a href="#top">ok</a>\n'
        '<a href="b/#y">broken</a> <a href="https://example.org/#z">outside</a> <a href="/b/#q">rooted</a>',
        encoding="utf-8",
    )
    problems = check_anchors(tmp_path)
    assert [(p.page, p.line, p.column, p.link) for p in problems] == [("index.html", 3, 1, "b/#y")]
    assert problems[0].message == "anchor #y not found on b/index.html"


def test_a_link_into_the_site_that_linkchecker_skipped_fails(tmp_path: Path) -> None:
    base = "http://127.0.0.1:8000/"
    report = (
        "urlname;parentname;result;warningstring;valid;url;line;column\n"
        f"../x/;{base}about/;filtered;;True;{base}x/;3;5\n"
        f"https://example.org/;{base}about/;filtered;;True;https://example.org/;4;5\n"
    )
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>", encoding="utf-8")
    findings, urls = _parse(report, tmp_path, base)
    assert [f.format() for f in findings] == [
        "about/index.html:3:5: error: ../x/: not checked: linkchecker took it for an outside URL"
    ]
    assert urls == {f"{base}x/", "https://example.org/"}
