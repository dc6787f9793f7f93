"""Long verdict, tag and actor lists, and the timeline's years, split into numbered pages linked without JavaScript."""

from __future__ import annotations

import re

import pytest
from sitecase import site_catalog
from test_render import assert_golden

from factsite.render import paging
from factsite.render.indexes import render_index_pages
from factsite.render.paging import page_uri, paginate
from factsite.render.timeline import render_timeline


def shown(number: int, count: int) -> list[int | str]:
    pages = list(paginate("tags/x.md", range(count), size=1))
    return ["…" if link is None else link[0] for link in pages[number - 1].links()]


def test_the_first_page_keeps_the_list_address_and_the_rest_sit_in_its_folder() -> None:
    assert page_uri("tags/x.md", 1) == "tags/x.md"
    assert page_uri("tags/x.md", 2) == "tags/x/page/2.md"
    pages = list(paginate("tags/x.md", list(range(250)), size=100))
    assert [(p.uri, len(p.items)) for p in pages] == [
        ("tags/x.md", 100),
        ("tags/x/page/2.md", 100),
        ("tags/x/page/3.md", 50),
    ]
    assert [p.items[0] for p in pages] == [0, 100, 200], "every item once, in order"
    assert (pages[0].previous, pages[0].next) == (None, "tags/x/page/2.md")
    assert (pages[2].previous, pages[2].next) == ("tags/x/page/2.md", None)


def test_an_empty_list_has_one_page() -> None:
    assert [(p.uri, list(p.items), p.count) for p in paginate("verdicts/v.md", [])] == [("verdicts/v.md", [], 1)]


@pytest.mark.parametrize(
    ("number", "count", "links"),
    [
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 250, [1, 2, 3, "…", 250]),
        (126, 250, [1, "…", 124, 125, 126, 127, 128, "…", 250]),
        (250, 250, [1, "…", 248, 249, 250]),
        (5, 8, [1, 2, 3, 4, 5, 6, 7, 8]),  # a gap of one page shows the page
    ],
)
def test_the_numbers_shown_are_the_ends_and_the_neighbours(number: int, count: int, links: list[int | str]) -> None:
    assert shown(number, count) == links


def test_index_pages_split_and_link_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    pages = {page.src_uri: page for page in render_index_pages(site_catalog())}
    assert [uri for uri in pages if uri.startswith("actors/russia")] == [
        "actors/russia.md",
        "actors/russia/page/2.md",
        "actors/russia/page/3.md",
    ]
    assert pages["actors/russia.md"].title == "Russia"
    assert pages["actors/russia/page/3.md"].title == "Russia, page 3 of 3"
    assert_golden("tag-page-2.md", pages["actors/russia/page/2.md"].content)
    first = pages["actors/russia.md"].html
    assert '<a href="page/2/" rel="next">' in first and 'rel="prev"' not in first
    assert "page 1 of 3" in first
    assert "fs-pages" not in pages["tags/education.md"].html, "a list of one page has no page links"


def test_with_the_default_size_the_seed_lists_fit_one_page() -> None:
    assert not [page.src_uri for page in render_index_pages(site_catalog()) if "/page/" in page.src_uri]


def test_a_year_of_the_split_timeline_continues_on_numbered_pages() -> None:
    pages = {page.src_uri: page for page in render_timeline(site_catalog(), page_limit=1)}
    assert [uri for uri in pages if uri.startswith("timeline/1992")] == ["timeline/1992.md", "timeline/1992/page/2.md"]
    assert (pages["timeline/1992.md"].title, pages["timeline/1992/page/2.md"].title) == ("1992", "1992, page 2 of 2")
    first, second = pages["timeline/1992.md"].content, pages["timeline/1992/page/2.md"].content
    assert re.findall(r'data-fact="([^"]+)"', first + second) == ["1992--treaty", "1992-04-08--relations"]
    assert '<a href="./" aria-current="page">1992</a>' in first
    assert '<a href="../../" aria-current="true">1992</a>' in second, "page 2 is not the year's page itself"
    assert "2 entries of 1992, claims and events, oldest first: page 2 of 2." in second
    assert_golden("timeline-year-page-2.md", second)
    single = pages["timeline/2014.md"].content
    assert 'class="fs-pages"' not in single and "page 1 of 1" not in single, "a year on one page has no page links"
