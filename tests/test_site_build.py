"""The real build of the repository: search index, index pages, repository links, script."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import build

from factsite.render.searchindex import query, read_records

REPO = Path(__file__).resolve().parent.parent
REPO_URL = "https://github.com/example-org/factsite"


@pytest.fixture(scope="module")
def site_with_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-with-repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FACTSITE_REPO_URL", REPO_URL)
        result = build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def fact_ids() -> list[str]:
    return sorted(p.stem for p in (REPO / "facts").glob("*.yml"))


def test_search_index_has_one_record_per_fact_and_no_listing_pages(site_with_repo: Path) -> None:
    records = read_records(site_with_repo / "search")
    assert sorted(record["url"] for record in records) == [f"facts/{i}/" for i in fact_ids()]
    tashkent = query(site_with_repo / "search", "Tashkent")
    assert tashkent and all(url.startswith("facts/") for url in tashkent)
    assert all(record["title"] and record["date"] and record["kind"] for record in records)
    assert not (site_with_repo / "search" / "search_index.json").exists(), "no lunr index: the search plugin is off"


def test_index_pages_are_built_and_in_the_nav(site_with_repo: Path) -> None:
    for page in ("verdicts", "tags", "actors"):
        assert (site_with_repo / page / "index.html").is_file()
    home = (site_with_repo / "index.html").read_text(encoding="utf-8")
    assert 'href="verdicts/"' in home and 'href="timeline/"' in home
    assert '<ul class="fs-counts"' in home, "the home page's verdict-counts block was expanded"
    assert "factsite:" not in home


def test_fact_pages_link_the_configured_repository(site_with_repo: Path) -> None:
    fact_id = fact_ids()[0]
    page = (site_with_repo / "facts" / fact_id / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/facts/{fact_id}.yml"' in page
    assert f'href="{REPO_URL}/commits/main/facts/{fact_id}.yml"' in page
    form = f"{REPO_URL}/issues/new?template=report-an-error.yml&amp;title=Error%20in%20{fact_id}&amp;fact={fact_id}"
    assert f'href="{form}"' in page
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").is_file()


def test_without_a_repository_there_are_no_repository_links(project_copy: Path, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("FACTSITE_REPO_URL", raising=False)
        result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (tmp_path / "site" / "facts").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        assert "Report an error" not in text and "Edit this fact" not in text
        assert "md-source" not in text


def test_timeline_page_loads_the_filter_script(site_with_repo: Path) -> None:
    page = (site_with_repo / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<form id="fs-filters"' in page
    assert 'src="../assets/timeline.js"' in page
    assert (site_with_repo / "assets" / "timeline.js").is_file()


def test_the_repository_link_in_the_header_asks_no_api_at_view_time(site_with_repo: Path) -> None:
    # Material's "source" component fetches stars and forks from the GitHub API; the
    # override in overrides/partials/source.html keeps the link and drops the component.
    page = (site_with_repo / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}"' in page and 'class="md-source"' in page
    assert 'data-md-component="source"' not in page
