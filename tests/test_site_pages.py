"""The fact page and the timeline as readers get them, rendered from the site fixture."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from sitecase import site_catalog
from test_render import assert_golden

from factsite.catalog import Catalog
from factsite.render.markup import language_name, recorded_title
from factsite.render.pages import render_fact_page, render_fact_pages
from factsite.render.repository import Repository
from factsite.render.search import search_records
from factsite.render.timeline import render_timeline
from factsite.schema import verdict_scale

REPO_URL = "https://github.com/example-org/factsite"
SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "timeline.js"


def fact_pages(repository: Repository | None = None) -> dict[str, str]:
    return {p.src_uri: p.content for p in render_fact_pages(site_catalog(), repository=repository)}


def test_fact_page_golden() -> None:
    page = fact_pages(Repository(REPO_URL))["facts/1992-04-08--relations.md"]
    assert_golden("site-fact-page.md", page)


def test_timeline_golden() -> None:
    assert_golden("site-timeline.md", render_timeline(site_catalog())[0].content)


def test_repository_links_are_there_only_when_the_repository_is_configured() -> None:
    with_repo = fact_pages(Repository(REPO_URL))["facts/2022-09-01--schools.md"]
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', with_repo)]
    assert f"{REPO_URL}/edit/main/facts/2022-09-01--schools.yml" in hrefs
    assert f"{REPO_URL}/commits/main/facts/2022-09-01--schools.yml" in hrefs
    issue = next(h for h in hrefs if h.startswith(f"{REPO_URL}/issues/new?"))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(issue).query)
    assert query == {
        "template": ["report-an-error.yml"],
        "title": ["Error in 2022-09-01--schools"],
        "fact": ["2022-09-01--schools"],
    }
    without = fact_pages(None)["facts/2022-09-01--schools.md"]
    for words in ("Report an error", "Edit this fact", "History", "github"):
        assert words not in without


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, None), ("", None), ("  ", None), (f"{REPO_URL}/", Repository(REPO_URL)), (REPO_URL, Repository(REPO_URL))],
)
def test_repository_from_config(given: str | None, expected: Repository | None) -> None:
    assert Repository.from_config(given) == expected


def test_repository_must_be_a_web_address() -> None:
    with pytest.raises(ValueError, match="not an http"):
        Repository.from_config("javascript:alert(1)")


def test_fact_page_links_neighbours_in_time_and_term_pages() -> None:
    page = fact_pages()["facts/2014-05--remittances.md"]
    assert re.search(r'rel="prev" href="\.\./1992-04-08--relations/"', page)
    assert re.search(r'rel="next" href="\.\./2022-09-01--schools/"', page)
    assert 'href="../../tags/migration/"' in page
    assert 'href="../../rating-scale/#inaccurate"' in page


def test_withdrawn_fact_keeps_its_page_with_banner_and_reason() -> None:
    page = fact_pages()["facts/2022-10--teachers.md"]
    banner = page[page.index('<div class="admonition warning fs-withdrawn"') : page.index("</div>")]
    assert 'Withdrawn on <time datetime="2026-11-26">26 November 2026</time>' in banner
    assert "Duplicate of another entry" in banner
    assert '<span class="fs-tag" title="A tag no published fact carries.">Unused</span>' in page  # no page to link
    assert 'search: {"exclude": true}' in page.split("---\n\n", 1)[0], "search offers withdrawn facts no more"


def test_search_has_one_summary_record_per_published_fact() -> None:
    catalog = site_catalog()
    urls = {fact.src_uri: f"{fact.src_uri[:-3]}/" for fact in catalog.facts}
    records = {record.url: record for record in search_records(catalog, urls)}
    assert sorted(records) == sorted(urls[fact.src_uri] for fact in catalog.published), "withdrawn facts are left out"
    record = records["facts/1992-04-08--relations/"]
    assert record.title == "Diplomatic relations are established"
    assert record.date == "8 April 1992" and record.kind == "Accurate"
    content = " ".join(text for _, text in record.fields)
    for words in (
        "Diplomatic relations",
        "This year the two countries",
        "Example News Agency",
        "Accurate",
        "Diplomacy",
    ):
        assert words in content
    for words in ("The protocol was signed", "Page about relations", "capital"):  # conclusion, sources, analysis
        assert words not in content


def test_timeline_meets_the_filter_contract() -> None:
    page = render_timeline(site_catalog())[0].content
    form = page[page.index('<form id="fs-filters"') : page.index("</form>")]
    assert re.match(r'<form id="fs-filters" [^>]*\bhidden>', form), "without the script the form stays hidden"
    verdicts = re.findall(r'<input type="checkbox" name="verdict" value="([a-z-]+)">', form)
    assert verdicts == [v.id for v in verdict_scale()]
    for control in ('<select name="tag">', '<select name="actor">', 'name="from"', 'name="to"', 'name="q"'):
        assert control in form
    assert '<output id="fs-count" aria-live="polite">4 of 4 entries</output>' in form
    entries = re.findall(r"<li class=\"fs-entry fs-entry--(?:claim|event)\" ([^>]*)>", page)
    assert len(entries) == 4
    assert entries[0] == (
        'data-fact="1992--treaty" data-kind="claim" data-verdict="needs-context" data-year="1992" '
        'data-tags="diplomacy security" data-actors="russia"'
    )
    kinds = re.findall(r'<input type="checkbox" name="kind" value="([a-z]+)">', form)
    assert kinds == ["claim", "event"]
    assert "Teachers arrive" not in page
    assert 'search: {"exclude": true}' in page


def test_timeline_script_follows_instant_navigation_and_stays_on_the_site() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    assert "document$.subscribe(setup)" in script
    assert not re.search(r"https?://|//cdn|import\s", script)
    for name in ("verdict", "tag", "actor", "from", "to", "q"):
        assert f'"{name}"' in script
    assert "history.replaceState" in script and "fs-count" in script


def test_filter_index_lists_every_published_fact_compactly() -> None:
    files = {f.src_uri: f.content for f in render_timeline(site_catalog())}
    index = json.loads(files["timeline/filter-index.json"])
    assert [row[0] for row in index["facts"]] == [f.id for f in site_catalog().published]
    assert index["facts"][1] == [
        "1992-04-08--relations",
        "8 April 1992",
        1992,
        "accurate",
        "diplomacy",
        "russia tajikistan",
        "Diplomatic relations are established",
        "Example News Agency",
        "The two countries celebrate 30 years of diplomatic relations this year.",
        "claim",
    ]
    assert index["verdicts"]["needs-context"] == "Needs context"
    assert index["tags"] == {
        "diplomacy": "Diplomacy",
        "education": "Education",
        "migration": "Migration",
        "security": "Security",
    }


def test_a_timeline_over_the_page_limit_splits_into_year_pages() -> None:
    files = {f.src_uri: f.content for f in render_timeline(site_catalog(), page_limit=3)}
    assert sorted(files) == [
        "timeline.md",
        "timeline/1992.md",
        "timeline/2014.md",
        "timeline/2022.md",
        "timeline/filter-index.json",
    ]
    main = files["timeline.md"]
    assert "data-fact=" not in main, "the first view holds no entries"
    assert '<ol class="fs-timeline" id="fs-results" hidden></ol>' in main
    assert '<a href="1992/">1992</a> <span class="fs-years__n">(2)</span>' in main
    assert 'data-fs-total="4"' in main
    year = files["timeline/1992.md"]
    assert re.findall(r'data-fact="([^"]+)"', year) == ["1992--treaty", "1992-04-08--relations"]
    assert '<a href="./" aria-current="page">1992</a>' in year
    assert 'rel="next" href="../2014/"' in year and 'rel="prev"' not in year
    assert 'href="../../facts/1992--treaty/"' in year
    assert 'href="../"' in year, "a year page links back to the filterable timeline"


PLACEHOLDER = "Ratification of the agreement [our description; headline not recorded]"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Five schools open", "Five schools open"),
        (PLACEHOLDER, None),
        ("Putin's state visit [Our description; headline not recorded]", None),
        ("[our description] Meeting of the ministers", None),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_a_placeholder_or_empty_title_is_not_a_recorded_title(title: str | None, expected: str | None) -> None:
    assert recorded_title(title) == expected


def test_language_names_come_from_babel_and_unknown_codes_stay_codes() -> None:
    assert [language_name(code) for code in ("ru", "tg", "en", "ar", "qqx")] == [
        "Russian",
        "Tajik",
        "English",
        "Arabic",
        "qqx",
    ]


def _links(page: str) -> list[str]:
    """The text of every link in `page`, tags removed."""
    return [re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<a [^>]*>(.*?)</a>", page, flags=re.S)]


def test_a_source_without_a_recorded_title_is_linked_by_publisher_and_date() -> None:
    catalog = site_catalog()
    fact = catalog.by_id["1992-04-08--relations"]
    source = dataclasses.replace(fact.sources[0], title=PLACEHOLDER, language="ru")
    fact = dataclasses.replace(fact, sources=(source,))
    page = render_fact_page(fact, Catalog([fact])).html
    assert not [text for text in _links(page) if "not recorded" in text or "our description" in text]
    assert (
        '<p class="fs-source__main"><a href="https://gov.example.org/relations" rel="noopener noreferrer">'
        'Example Ministry, <time datetime="2021-09-10">10 September 2021</time></a> '
        '<span class="fs-source__note">(page title not recorded)</span></p>'
    ) in page
    meta = page[page.index('<p class="fs-source__meta">') :].split("</p>", 1)[0]
    assert "Primary source · Russian · " in meta and "accessed" in meta
    assert "Ratification" not in page, "the placeholder is shown nowhere"


def test_related_facts_are_listed_in_date_order() -> None:
    catalog = site_catalog()
    fact = catalog.by_id["2022-09-01--schools"]
    related = ("2014-05--remittances", "1992--treaty", "1992-04-08--relations")
    fact = dataclasses.replace(fact, related=related)
    page = render_fact_page(fact, catalog).html
    listed = re.findall(r'<li>.*?<a href="\.\./([^/]+)/">', page[page.index('<ul class="fs-related">') :])
    assert listed == ["1992--treaty", "1992-04-08--relations", "2014-05--remittances"]


def test_the_table_of_contents_of_a_claim_includes_claim_and_verdict() -> None:
    page = next(p for p in render_fact_pages(site_catalog()) if p.src_uri == "facts/1992-04-08--relations.md")
    assert [h.title for h in page.headings][:2] == ["Our verdict", "Claim"]


def test_rating_scale_shows_each_verdict_as_its_badge_with_an_example_and_no_ids() -> None:
    from factsite.render.reference import render_rating_scale

    catalog = site_catalog()
    page = render_rating_scale(catalog).content
    for verdict in verdict_scale():
        heading = f'## <span class="fs-verdict fs-verdict--{verdict.id}">'
        assert heading in page, verdict.id
        assert verdict.definition in page
    assert "Id: `" not in page, "ids stay on the Fact format page"
    accurate = page[page.index("fs-verdict--accurate") : page.index("fs-verdict--mostly-accurate")]
    assert 'For example: <a href="../facts/2022-09-01--schools/">' in accurate  # the latest check
    assert "[all 2 entries](verdicts/accurate.md)" in accurate
    unused = page[page.index("fs-verdict--unverified") : page.index("fs-verdict--not-checkable")]
    assert "For example" not in unused
