"""Schema edge cases: URLs and text fields, checked through the real loader and schema."""

from __future__ import annotations

import pytest

from factsite.schemacheck import check_document
from factsite.yamlload import LoadedDocument, load_text

VALID = {
    "kind": "claim",
    "title": "A title",
    "date": "2022",
    "claim": "A claim of some length.",
    "claimant": {"name": "Someone"},
    "appearance": {"url": "https://example.org/", "publisher": "Paper", "date": "2022"},
    "verdict": "accurate",
    "conclusion": "A conclusion of some length.",
    "sources": [
        {
            "url": "https://example.org/a",
            "publisher": "Paper",
            "title": "A page",
            "published": "2022",
            "accessed": "2026-11-28",
        }
    ],
    "tags": ["diplomacy"],
    "actors": [],
    "checked": "2026-11-28",
    "status": "published",
}


def problems_with(**fields: object) -> list[str]:
    doc = LoadedDocument("x.yml")
    load_text("{}", doc)
    doc.data = {**VALID, **fields}
    return [p.format() for p in check_document(doc)]


def test_the_reference_fact_is_valid() -> None:
    assert problems_with() == []


@pytest.mark.parametrize(
    "url",
    [
        "https://:80/",
        "https://evil@example.org/",
        "https://example.org/\x00",
        "https://exa mple.org/",
        "http//example.org",
        "mailto:someone@example.org",
        "https://example.org/\x85",
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    [problem] = problems_with(appearance={"url": url, "publisher": "Paper", "date": "2022"})
    assert "appearance.url: must be an http:// or https:// URL with a host name" in problem


@pytest.mark.parametrize("url", ["https://example.org", "http://[::1]:8000/a?b=c#d", "https://xn--80a.example/путь"])
def test_good_urls_pass(url: str) -> None:
    assert problems_with(appearance={"url": url, "publisher": "Paper", "date": "2022"}) == []


@pytest.mark.parametrize("title", ["Two\nlines", "Line\u2028separator", "Tab\tinside", "Bell\x07"])
def test_one_line_fields_refuse_breaks_and_control_characters(title: str) -> None:
    [problem] = problems_with(title=title)
    assert "title: must be plain text on one line, without tabs or control characters" in problem


def test_multi_line_fields_accept_paragraphs_but_not_control_characters() -> None:
    assert problems_with(conclusion="First paragraph.\n\nSecond one.") == []
    [problem] = problems_with(conclusion="Escape \x1b[2J sequence")
    assert "conclusion: must not contain control characters" in problem


def test_problem_lines_cannot_be_forged_through_contributor_text() -> None:
    doc = LoadedDocument("x.yml")
    load_text('"foo\\n::error file=README.md,line=1::forged": x\n', doc)
    doc.data = {**VALID, **doc.data}
    lines = "\n".join(p.format() for p in check_document(doc)).splitlines()
    assert len(lines) == 1
    assert "foo\\n::error" in lines[0]
