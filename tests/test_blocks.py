"""Page blocks (``<!-- factsite: NAME ... -->``): rendering, and errors that name the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write
from sitecase import PREVIEW_URL, site_catalog
from test_build import build
from test_render import assert_golden

from factsite.render.blocks import BLOCKS, BlockContext, expand_blocks, line_offset


def expand(
    markdown: str, *, here: str = "index.md", first_line: int = 1, pages: frozenset[str] = frozenset()
) -> tuple[str, list[str]]:
    context = BlockContext(site_catalog(), here, pages=pages)
    out, problems = expand_blocks(markdown, path="docs/page.md", context=context, first_line=first_line)
    return out, [p.format() for p in problems]


def test_verdict_counts_link_every_verdict_page_with_its_count() -> None:
    out, problems = expand("# Home\n\n<!-- factsite: verdict-counts -->\n\nAfter.\n")
    assert problems == []
    assert out.startswith('# Home\n\n\n<div class="fs-block fs-block--verdict-counts" data-search-exclude>\n<ul')
    assert out.endswith("</p>\n</div>\n\n\nAfter.\n")
    counts = dict(re.findall(r'href="verdicts/([a-z-]+)/">.*?fs-counts__n">(\d+)<', out))
    assert counts == {
        "accurate": "2",
        "mostly-accurate": "0",
        "needs-context": "1",
        "inaccurate": "1",
        "unverified": "0",  # the only unverified fact is withdrawn
        "not-checkable": "0",
    }
    assert "4 published entries: 4 checked claims and 0 events" in out


def test_latest_checks_newest_check_first_and_limited() -> None:
    out, _ = expand("<!-- factsite: latest-checks count=2 -->")
    titles = re.findall(r'<a href="facts/[^"]+/">([^<]+)</a>', out)
    assert titles == ["Five schools open", "Migrant workers send money home from Tashkent and Moscow"]
    assert 'checked <time datetime="2026-11-22">22 November 2026</time>' in out


def test_latest_corrections_and_the_log_include_withdrawals_newest_first() -> None:
    out, _ = expand("<!-- factsite: corrections-log -->", here="corrections.md")
    assert_golden("block-corrections-log.html", out)
    dates = re.findall(r'<time datetime="([\d-]+)"', out)
    assert dates == ["2026-11-27", "2026-11-26", "2026-11-25"]
    assert "<strong>Withdrawn:</strong> Duplicate of another entry" in out
    latest, _ = expand("<!-- factsite: latest-corrections count=1 -->")
    assert re.findall(r'<time datetime="([\d-]+)"', latest) == ["2026-11-27"]
    assert "All corrections" not in latest, "no link to a page that does not exist"
    linked, _ = expand("<!-- factsite: latest-corrections -->", pages=frozenset({"index.md", "corrections.md"}))
    assert '<p><a href="corrections/">All corrections</a></p>' in linked


def test_findings_groups_the_claims_of_one_appearance_by_verdict() -> None:
    out, problems = expand(f"<!-- factsite: findings appearance={PREVIEW_URL} -->", here="source-article.md")
    assert problems == []
    assert "3 claims checked" in out  # the withdrawn fact from the same article is not counted
    groups = re.findall(r'fs-verdict--([a-z-]+)"><span[^>]*>[^<]*</span> [^<]+</span> (\d+) claim', out)
    assert groups == [("accurate", "2"), ("needs-context", "1")]
    assert 'href="../facts/2022-09-01--schools/"' in out


def test_findings_for_an_article_without_published_facts_says_so() -> None:
    out, problems = expand("<!-- factsite: findings appearance=https://news.example.org/other -->")
    assert problems == []
    assert "No published fact checks a claim from this article yet." in out


def test_quoted_values_and_spacing_are_accepted() -> None:
    out, problems = expand(f'  <!--factsite: findings appearance="{PREVIEW_URL}"-->  ')
    assert problems == [] and "claims checked" in out


def test_blocks_inside_fenced_code_are_left_alone() -> None:
    text = "```html\n<!-- factsite: no-such-block -->\n```\n\n~~~~\n<!-- factsite: verdict-counts -->\n~~~~\n"
    out, problems = expand(text)
    assert problems == [] and out == text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<!-- factsite: verdict-count -->", "unknown page block 'verdict-count'; did you mean 'verdict-counts'?"),
        ("<!-- factsite: zzz -->", "unknown page block 'zzz'; known blocks: " + ", ".join(BLOCKS)),
        ("<!-- factsite: -->", "name the block: one of"),
        ("<!-- factsite: verdict-counts", "a page block is one line that ends with '-->'"),
        ("<!-- factsite: latest-checks count=0 -->", "count must be a whole number of at least 1, not '0'"),
        ("<!-- factsite: latest-checks count=five -->", "count must be a whole number of at least 1, not 'five'"),
        ("<!-- factsite: latest-checks cont=3 -->", "latest-checks: unknown argument 'cont'; it takes count"),
        ("<!-- factsite: latest-checks count=3 count=4 -->", "latest-checks: argument 'count' is given twice"),
        ("<!-- factsite: verdict-counts x=1 -->", "verdict-counts: unknown argument 'x'; it takes no arguments"),
        ("<!-- factsite: latest-checks 3 -->", "latest-checks: argument '3' is not written key=value"),
        ("<!-- factsite: findings -->", "findings: missing argument appearance=…"),
        ("<!-- factsite: findings appearance=example.org -->", "appearance must be the http(s) URL"),
        ('<!-- factsite: findings appearance="https://x -->', "cannot read the block's arguments"),
    ],
)
def test_bad_blocks_are_problems_at_their_line(line: str, message: str) -> None:
    out, problems = expand(f"Intro.\n\n{line}\n", first_line=5)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/page.md:7:6: error: ")
    assert message in problems[0]
    assert problems[0].endswith("[page-block]")
    assert line in out, "a failed block is left as written"


def test_every_bad_block_of_a_page_is_reported() -> None:
    _, problems = expand("<!-- factsite: a -->\n<!-- factsite: verdict-counts -->\n<!-- factsite: b -->\n")
    assert [p.split(": error")[0] for p in problems] == ["docs/page.md:1:6", "docs/page.md:3:6"]


def test_line_offset_counts_the_front_matter() -> None:
    source = "---\ntitle: X\n---\n\n# X\n<!-- factsite: x -->\n"
    assert line_offset(source, "# X\n<!-- factsite: x -->\n") == 5
    assert line_offset("# X\r\n", "# X\n") == 1
    assert line_offset("abc", "zzz") == 1


def test_build_fails_naming_the_page_and_line_of_a_bad_block(project_copy: Path, tmp_path: Path) -> None:
    write(project_copy / "docs" / "extra.md", "---\ntitle: Extra\n---\n\n# Extra\n\n<!-- factsite: latest-check -->\n")
    result = build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "docs/extra.md:7:6: error: unknown page block 'latest-check'; did you mean 'latest-checks'?" in output
