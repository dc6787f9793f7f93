"""The two editions of the real site, from one ``mkdocs build --strict``: English at ``/``, Russian at ``/ru/``."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build

from factsite.render.searchindex import query, read_records

SITE_URL = "https://example.org/site/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "site"
    result = mkdocs_build(REPO, folder, FACTSITE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def html_lang(page: Path) -> str:
    found = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
    assert found, page
    return found.group(1)


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """Each page's address with its hreflang alternates."""
    pages = {}
    for url in ET.parse(path).getroot().findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc
        pages[loc] = {link.get("hreflang", ""): link.get("href", "") for link in url.findall("x:link", NS)}
    return pages


def on_disk(site: Path, url: str) -> Path:
    return site / url.removeprefix(SITE_URL) / "index.html"


def test_every_entry_page_exists_in_both_editions_with_its_language(site: Path) -> None:
    ids = sorted(path.stem for path in (REPO / "facts").glob("*.yml"))
    assert ids
    for fact_id in ids:
        assert html_lang(site / "facts" / fact_id / "index.html") == "en"
        assert html_lang(site / "ru" / "facts" / fact_id / "index.html") == "ru"
    for page in ("index.html", "timeline/index.html", "methodology/index.html", "data/index.html"):
        assert html_lang(site / page) == "en" and html_lang(site / "ru" / page) == "ru", page


def test_hreflang_pairs_resolve_both_ways(site: Path) -> None:
    english, russian = sitemap(site / "sitemap.xml"), sitemap(site / "ru" / "sitemap.xml")
    assert len(russian) == len(english) > 100
    for own, other, code, back in ((english, russian, "ru", "en"), (russian, english, "en", "ru")):
        for loc, alternates in own.items():
            assert alternates[back] == loc, f"{loc} does not list itself"
            target = alternates[code]
            assert target in other, f"{loc}: its {code} alternate {target} is not in that edition's sitemap"
            assert other[target][back] == loc, f"{target} does not point back to {loc}"
            assert alternates["x-default"] == alternates["en"]
            assert on_disk(site, target).is_file(), target


def test_the_language_switch_stays_on_the_same_entry(site: Path) -> None:
    fact_id = "2022-09-05--strategic-partner-and-ally"
    english = (site / "facts" / fact_id / "index.html").read_text(encoding="utf-8")
    russian = (site / "ru" / "facts" / fact_id / "index.html").read_text(encoding="utf-8")
    switch = re.compile(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link"')
    assert dict((lang, href) for href, lang in switch.findall(english)) == {
        "en": f"{SITE_URL}facts/{fact_id}/",
        "ru": f"{SITE_URL}ru/facts/{fact_id}/",
    }
    assert dict((lang, href) for href, lang in switch.findall(russian))["en"] == f"{SITE_URL}facts/{fact_id}/"


def test_a_russian_entry_page_is_in_russian(site: Path) -> None:
    page = (site / "ru" / "facts" / "2022-09-05--strategic-partner-and-ally" / "index.html").read_text(encoding="utf-8")
    assert "5 сентября 2022\u202fг." in page  # Babel's Russian date (a narrow no-break space before г.)
    assert "Не поддаётся проверке" in page  # the verdict's Russian name, from the schema
    assert "Таджикистан — стратегический партнер" in page  # the entry's translated title


def test_downloads_are_published_once_at_the_root(site: Path) -> None:
    assert (site / "data" / "facts.json").is_file()
    assert not (site / "ru" / "data" / "facts.json").exists()
    assert not (site / "ru" / "robots.txt").exists()


def test_each_edition_searches_in_its_own_language(site: Path) -> None:
    indexes = {"en": site / "search", "ru": site / "ru" / "search"}
    for code, index in indexes.items():
        assert json.loads((index / "index.json").read_text(encoding="utf-8"))["language"] == code
    english, russian = (read_records(index) for index in indexes.values())
    assert query(indexes["ru"], "Душанбе") and not query(indexes["en"], "Душанбе")
    assert query(indexes["en"], "Dushanbe")
    assert any("Душанбе" in record["title"] for record in russian)
    assert [record["url"] for record in english] == [record["url"] for record in russian]


def test_a_broken_edition_fails_the_whole_build_and_publishes_nothing(project_copy: Path) -> None:
    """The Russian edition builds in a process of its own beside the English one: its failure is the build's."""
    page = project_copy / "docs" / "ru" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](nowhere.md)\n", encoding="utf-8")
    site = project_copy / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'nowhere.md'" in result.stderr, "the edition's own warning is shown"
    assert "the other editions failed to build" in result.stderr
    assert not site.exists(), "nothing is swapped in"
