"""Sitemap, robots.txt and canonical links, dated from the facts; and builds that repeat byte for byte."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitebuild import OUTPUTS, REPO, SITE_URL, Page, build, make_project, outputs_site, published, repository_site

from factsite.render import sitemeta
from factsite.render.sitemeta import write_sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return outputs_site(tmp_path_factory)


def sitemap(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext(f"{NS}loc", ""): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")}


def test_sitemap_dates_fact_pages_from_their_checks_and_corrections(site: Path) -> None:
    dates = sitemap(site)
    fact = f"{SITE_URL}facts/"
    assert dates[f"{fact}1992-04-08--relations/"] == "2026-11-27"  # its correction
    assert dates[f"{fact}2022-09--schools/"] == "2026-11-25"  # checked
    assert dates[f"{fact}2023--withdrawn/"] == "2026-11-28"  # its withdrawal
    assert dates[f"{SITE_URL}timeline/"] == "2026-11-28"  # the latest change of any fact
    assert dates[SITE_URL] is None  # hand-written: no date from the data


def test_sitemap_lists_every_page_at_its_canonical_url(site: Path) -> None:
    dates = sitemap(site)
    # the English edition: the Russian one has its own sitemap
    pages = [
        path for path in sorted(site.rglob("index.html")) if site / "ru" not in path.parents
    ]  # the English edition
    canonical = {Page(path.read_text(encoding="utf-8")).canonical for path in pages if path.parent != site / "404"}
    assert canonical == set(dates)
    for fact in published(OUTPUTS):
        assert f"{SITE_URL}facts/{fact.id}/" in dates


def test_compressed_sitemap_is_the_sitemap_dated_from_the_facts(site: Path) -> None:
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (site / "sitemap.xml").read_bytes()
    mtime = int.from_bytes(packed[4:8], "little")
    assert dt.datetime.fromtimestamp(mtime, dt.UTC) == dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def test_robots_txt_allows_crawling_and_names_the_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\n" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_repository_sitemap_has_every_fact(tmp_path_factory: pytest.TempPathFactory) -> None:
    dates = sitemap(repository_site(tmp_path_factory))
    for fact in published(REPO):
        assert dates[f"{SITE_URL}facts/{fact.id}/"] is not None


def test_two_builds_of_the_same_facts_are_identical(site: Path, tmp_path: Path) -> None:
    """A second build, at another time and with another SOURCE_DATE_EPOCH, writes the same bytes."""
    project = make_project(tmp_path / "project", OUTPUTS)
    again = tmp_path / "site"
    build(project, again, SOURCE_DATE_EPOCH="946684800")
    first = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


URLS = [f"  <url><loc>https://e.org/{n}/</loc><lastmod>2020-01-0{n}</lastmod></url>\n" for n in range(1, 6)]
XML = '<?xml version="1.0"?>\n<urlset xmlns="x">\n' + "".join(URLS) + "</urlset>\n"


def written(folder: Path, pieces: list[str], limit: int, base_url: str = "https://e.org/") -> dict[str, bytes]:
    folder.mkdir()
    names = write_sitemap(pieces, folder, base_url, [], limit=limit)
    assert sorted(names) == sorted(path.name for path in folder.iterdir())
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_a_sitemap_within_the_limit_is_the_rendered_text_and_its_gzip(tmp_path: Path) -> None:
    files = written(tmp_path / "s", [XML[:7], XML[7:60], XML[60:]], limit=5)
    assert files["sitemap.xml"] == XML.encode("utf-8")
    assert gzip.decompress(files["sitemap.xml.gz"]) == XML.encode("utf-8")
    assert files["sitemap.xml.gz"][4:8] == bytes(4), "no facts: no date in the gzip header"


def test_a_sitemap_over_the_limit_becomes_an_index_of_parts_in_order(tmp_path: Path) -> None:
    found = written(tmp_path / "s", [XML], 2, "https://e.org/a&b/")
    packed = found.pop("sitemap.xml.gz")
    files = {name: data.decode("utf-8") for name, data in found.items()}
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert files["sitemap-1.xml"] == '<?xml version="1.0"?>\n<urlset xmlns="x">\n' + URLS[0] + URLS[1] + "</urlset>\n"
    assert files["sitemap-3.xml"] == '<?xml version="1.0"?>\n<urlset xmlns="x">\n' + URLS[4] + "</urlset>\n"
    index = ET.fromstring(files["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [e.findtext("s:loc", namespaces=ns) for e in index] == [
        f"https://e.org/a&b/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    assert [e.findtext("s:lastmod", namespaces=ns) for e in index] == ["2020-01-02", "2020-01-04", "2020-01-05"]
    assert gzip.decompress(packed).decode("utf-8") == files["sitemap.xml"], "the compressed sitemap is the index"


@pytest.mark.parametrize("size", [1, 3, 17, 64])
def test_the_parts_do_not_depend_on_how_the_text_comes_or_is_read(
    tmp_path: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of the rendering and chunks read back may cut an address anywhere, its closing newline included."""
    whole = written(tmp_path / "whole", [XML], 2)
    monkeypatch.setattr(sitemeta, "_READ_CHARS", size)
    pieces = [XML[start : start + size] for start in range(0, len(XML), size)]
    assert written(tmp_path / "cut", pieces, 2) == whole
