"""The Russian hand-written pages (docs/ru) stay in step with the English ones (docs).

Each edition is built from its own docs folder, with the same generated pages at the
same paths. A page added, a page block moved or a link changed on one side only would
make the editions differ without anyone noticing, and a section anchor that differs
would break the links into it; these tests fail first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from markdown.extensions.toc import slugify

ENGLISH = REPO / "docs"
RUSSIAN = REPO / "docs" / "ru"
PAGES = sorted(path.name for path in ENGLISH.glob("*.md"))

LINK = re.compile(r"\]\(([^)\s]+)\)")
BLOCK = re.compile(r"^<!-- factsite: .* -->$", re.M)
SECTION = re.compile(r"^(#{2,6}) (.+?)(?: \{#([a-z0-9-]+)\})?$", re.M)


def _text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def _front_matter(text: str) -> dict[str, str]:
    if not text.startswith("---\n"):
        return {}
    data: dict[str, str] = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    return data


def _anchors(text: str) -> list[str]:
    """Each section's anchor: its explicit {#id}, else the one MkDocs makes from its words."""
    return [anchor or slugify(words, "-") for _, words, anchor in SECTION.findall(text)]


def test_every_english_page_has_its_russian_page_and_no_other() -> None:
    assert PAGES
    assert sorted(path.name for path in RUSSIAN.glob("*.md")) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_a_russian_page_has_the_english_blocks_links_and_anchors(name: str) -> None:
    english, russian = _text(ENGLISH, name), _text(RUSSIAN, name)
    assert BLOCK.findall(russian) == BLOCK.findall(english)
    assert sorted(set(LINK.findall(russian))) == sorted(set(LINK.findall(english)))
    assert _anchors(russian) == _anchors(english)
    assert _front_matter(russian).keys() == _front_matter(english).keys()


@pytest.mark.parametrize("name", PAGES)
def test_a_russian_page_is_in_russian(name: str) -> None:
    """Every section title and the front matter values are translated, not copied."""
    english, russian = _text(ENGLISH, name), _text(RUSSIAN, name)
    for value in _front_matter(russian).values():
        assert re.search("[а-яё]", value, re.I), value
    titles = [words for _, words, _ in SECTION.findall(russian)]
    assert all(re.search("[а-яё]", title, re.I) for title in titles), titles
    assert set(titles).isdisjoint(words for _, words, _ in SECTION.findall(english))
