"""Rendered output, pinned by golden files in tests/golden/ (regenerate with UPDATE_GOLDEN=1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CASES, TODAY

from factsite.catalog import Catalog
from factsite.pipeline import CheckResult, Layout, check_project
from factsite.render.markdown import render_markdown
from factsite.render.pages import render_fact_pages
from factsite.render.timeline import render_timeline
from factsite.render.urls import relative_url

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def complete() -> CheckResult:
    case = CASES / "valid" / "complete"
    result = check_project(Layout.of(case, vocab=CASES / "vocab"), today=TODAY)
    assert not result.report.problems
    return result


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_fact_page(complete: CheckResult) -> None:
    pages = {page.src_uri: page.content for page in render_fact_pages(Catalog(complete.facts))}
    assert_golden("fact-page.md", pages["facts/1992-04-08--relations.md"])
    assert_golden("fact-page-withdrawn.md", pages["facts/2022-09--schools.md"])


@pytest.fixture(scope="module")
def claim_and_event() -> CheckResult:
    root = CASES / "valid" / "claim-and-event"
    return check_project(Layout.of(root, vocab=CASES / "vocab"), today=TODAY)


def test_event_page_and_claim_page_link_each_other(claim_and_event: CheckResult) -> None:
    """An event reads as what happened, with no verdict; the claim checked against it is listed both ways."""
    assert not claim_and_event.report.errors
    pages = {page.src_uri: page.content for page in render_fact_pages(Catalog(claim_and_event.facts))}
    event = pages["facts/1992-04-08--relations.md"]
    assert_golden("event-page.md", event)
    assert 'class="fs-verdict ' not in event.split("Claims about this event")[0], "no verdict badge on the event itself"
    assert "What happened" in event and "Claims about this event" in event
    claim = pages["facts/2022-09-05--thirty-years.md"]
    assert "Events behind this claim" in claim and "../1992-04-08--relations/" in claim
    assert "Said by <strong>Ana Example, spokesperson of the ministry</strong>, in" in claim
    assert ">Example News Agency, undated</a>" in claim, "an undated appearance says so, with no date made up"


def test_timeline_lists_published_facts_only(complete: CheckResult) -> None:
    page = render_timeline(Catalog(complete.facts))[0]
    assert_golden("timeline.md", page.content)
    assert "Schools open" not in page.content


def test_rendered_html_has_no_blank_line_that_would_end_a_raw_html_block(complete: CheckResult) -> None:
    for page in render_fact_pages(Catalog(complete.facts)):
        body = page.content.split("---\n\n", 1)[1]
        for block in body.split("\n\n"):
            opened = block.count("<ol") + block.count("<div") + block.count("<figure")
            closed = block.count("</ol>") + block.count("</div>") + block.count("</figure>")
            assert opened == closed, block


def test_text_fields_are_escaped(complete: CheckResult) -> None:
    import dataclasses

    fact = dataclasses.replace(complete.facts[0], title="<script>alert(1)</script>", claim="a <b>bold</b> & claim")
    content = render_fact_pages(Catalog([fact]))[0].content
    assert "<script>" not in content
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt;"' in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "a &lt;b&gt;bold&lt;/b&gt; &amp; claim" in content


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[x](javascript:alert(1))", "javascript:"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("<iframe src='https://example.org'></iframe>", "<iframe"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ],
)
def test_analysis_markdown_is_sanitized(markdown: str, forbidden: str) -> None:
    assert forbidden not in render_markdown(markdown)


def test_analysis_keeps_ordinary_markdown() -> None:
    html = render_markdown("Some *emphasis* and a [link](https://example.org/).")
    assert html == (
        '<p>Some <em>emphasis</em> and a <a href="https://example.org/" rel="noopener noreferrer">link</a>.</p>'
    )


@pytest.mark.parametrize(
    ("directory_urls", "here", "to", "expected"),
    [
        (True, "timeline.md", "facts/x.md", "../facts/x/"),
        (True, "facts/x.md", "facts/y.md", "../y/"),
        (True, "facts/x.md", "rating-scale.md", "../../rating-scale/"),
        (True, "index.md", "timeline.md", "timeline/"),
        (True, "facts/x.md", "index.md", "../../"),
        (True, "facts/x.md", "schema/v1/fact.schema.json", "../../schema/v1/fact.schema.json"),
        (False, "timeline.md", "facts/x.md", "facts/x.html"),
        (False, "facts/x.md", "facts/y.md", "y.html"),
        (False, "facts/x.md", "rating-scale.md", "../rating-scale.html"),
        (False, "facts/x.md", "index.md", "../"),
        (False, "index.md", "timeline.md", "timeline.html"),
    ],
)
def test_relative_urls(directory_urls: bool, here: str, to: str, expected: str) -> None:
    assert relative_url(here, to, directory_urls=directory_urls) == expected
