"""The Data page in every edition: its interface text translated, its links to the one copy of the downloads."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from conftest import REPO
from sitebuild import OUTPUTS, SITE_URL, model

from factsite import i18n
from factsite.model import Fact
from factsite.render.datapage import render_data_page
from factsite.render.siteinfo import SiteInfo

CATALOGUE = i18n.LOCALE_DIR / "ru" / "LC_MESSAGES" / "messages.po"

MARK = "⟦ru⟧"
ROOT_FILES = re.compile(r"\]\(((?:data|schema)/[^)]*)\)")
"""A Markdown link to a download or a schema, relative to the page's edition."""


class Marking(NullTranslations):
    """A stand-in Russian catalogue that marks every message it is asked for, and records them."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return MARK + message


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    return model(OUTPUTS)


@pytest.fixture
def marking(monkeypatch: pytest.MonkeyPatch) -> Iterator[Marking]:
    catalogue = Marking()
    monkeypatch.setattr(i18n, "_translations", lambda code: catalogue if code == "ru" else NullTranslations())
    with i18n.using(i18n.RUSSIAN):
        yield catalogue


def english(facts: list[Fact]) -> str:
    with i18n.using(i18n.ENGLISH):
        return render_data_page(facts, SiteInfo(SITE_URL)).content


def russian(facts: list[Fact]) -> str:
    return render_data_page(facts, SiteInfo(SITE_URL + "ru/", prefix="ru/")).content


def test_the_english_page_links_the_files_beside_it(facts: list[Fact]) -> None:
    page = english(facts)
    assert "](data/facts.csv)" in page and "](schema/v2/dataset.schema.json)" in page and "](feed.atom)" in page
    assert f"new TL.Timeline('timeline-embed', '{SITE_URL}data/timeline.json')" in page
    assert "published once, at its root" not in page, "the root edition says nothing of other editions"


def test_the_russian_page_links_the_one_copy_of_the_files_at_the_root(facts: list[Fact], marking: Marking) -> None:
    page = russian(facts)
    links = ROOT_FILES.findall(page)
    assert links == [], "the Russian build makes no data files: a relative link would be broken"
    for path in ("data/facts.json", "data/facts.csv", "data/related.csv", "data/datapackage.json"):
        assert f"]({SITE_URL}{path})" in page
    assert re.search(rf"\]\({re.escape(SITE_URL)}data/facts/[-0-9a-z]+\.json\)", page), "the example record"
    assert f"]({SITE_URL}schema/v2/fact.schema.json)" in page and f"]({SITE_URL}schema/v1/dataset.schema.json)" in page
    assert "](feed.atom)" in page and "](feed-education.atom)" in page, "each edition has its own feeds"
    assert f"new TL.Timeline('timeline-embed', '{SITE_URL}data/timeline.json')" in page
    assert MARK + "The files are the same for every edition of the site" in page


def test_every_line_of_interface_text_is_translated(facts: list[Fact], marking: Marking) -> None:
    """Lines the Russian page shares with the English one hold no interface text of this page."""
    from factsite.render.datasets import DERIVED_FIELDS
    from factsite.render.reference import _field_table
    from factsite.schema import fact_schema

    # The record's fields are described by the fact schema, in a table the reference pages share.
    properties = {**DERIVED_FIELDS, **fact_schema()["properties"]}
    table = _field_table({"required": [], "properties": properties}).replace("mapping (below)", "mapping")
    schema_fields = set(table.splitlines())
    schema_fields |= {line.replace("| no |", "| yes |") for line in schema_fields}
    shared = set(english(facts).splitlines()) & set(russian(facts).splitlines())
    untranslated = [
        line
        for line in sorted(shared)
        if line.strip()
        and not re.fullmatch(r"\| [-| ]+\||---|```.*|<div .*|<script>.*|- \[.*\]\(feed-.*\.atom\): `.*`", line)
        and line not in schema_fields
        and line not in {"## facts.csv {#csv}", "## TimelineJS {#timelinejs}"}
    ]
    assert untranslated == []
    assert 'title: "' + MARK + 'Downloads and feeds"' in russian(facts)


def test_the_csv_columns_are_described_in_the_edition_language(facts: list[Fact], marking: Marking) -> None:
    page = russian(facts)
    assert f"| `title` | `string`, {MARK}required | {MARK}Headline. |" in page
    assert f"| `title_ru` | `string` | {MARK}The editors' translation of `title` into русский;" in page


def test_the_catalogue_translates_every_message_of_the_page(facts: list[Fact], marking: Marking) -> None:
    russian(facts)
    with CATALOGUE.open("rb") as handle:
        messages = {message.id: message.string for message in read_po(handle, locale="ru") if message.id}
    assert sorted(marking.asked - {m for m, text in messages.items() if text}) == []


def test_the_russian_page_reads_in_russian(facts: list[Fact]) -> None:
    with i18n.using(i18n.RUSSIAN):  # the catalogue as the build reads it
        page = russian(facts)
    assert "# Загрузки и ленты\n" in page
    assert "## Языки {#languages}" in page and "редакц" in page
    assert "на русский язык" in page, "the translation columns name the language in Russian"
    assert f"]({SITE_URL}data/facts.csv)" in page


def test_every_message_of_the_page_is_found_by_extraction(facts: list[Fact], marking: Marking) -> None:
    """So ``make messages`` puts them in the catalogue: Babel finds ``_()`` and ``N_()`` calls,
    but not a call inside an f-string or a message built at run time."""
    from babel.messages.extract import extract_from_file

    russian(facts)
    found = {
        message
        for name in ("datapage", "datasets", "siteinfo")  # the page names the site
        for _line, message, _comments, _context in extract_from_file(
            "python", REPO / "src" / "factsite" / "render" / f"{name}.py"
        )
    }
    assert sorted(marking.asked - found) == []
