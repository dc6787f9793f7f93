"""Generated index pages per verdict, tag and actor, and the catalog queries behind them."""

from __future__ import annotations

from sitecase import site_catalog
from test_render import assert_golden

from factsite.render.indexes import render_index_pages
from factsite.schema import verdict_scale


def pages() -> dict[str, str]:
    return {page.src_uri: page.content for page in render_index_pages(site_catalog())}


def test_tag_page_golden() -> None:
    assert_golden("tag-page.md", pages()["tags/education.md"])


def test_verdicts_page_golden() -> None:
    assert_golden("verdicts-page.md", pages()["verdicts/index.md"])


def test_one_page_per_verdict_of_the_scale_even_unused() -> None:
    found = pages()
    for verdict in verdict_scale():
        assert f"verdicts/{verdict.id}.md" in found
    assert "No published claim has this verdict yet." in found["verdicts/mostly-accurate.md"]
    assert "Teachers arrive" not in found["verdicts/unverified.md"], "withdrawn facts are not listed"


def test_term_pages_only_for_terms_of_published_facts() -> None:
    found = pages()
    tags = sorted(uri for uri in found if uri.startswith("tags/"))
    assert tags == [
        "tags/diplomacy.md",
        "tags/education.md",
        "tags/index.md",
        "tags/migration.md",
        "tags/security.md",
    ]
    assert "tags/unused.md" not in found  # only the withdrawn fact carries it
    actors = sorted(uri for uri in found if uri.startswith("actors/"))
    assert actors == ["actors/index.md", "actors/russia.md", "actors/sco.md", "actors/tajikistan.md"]


def test_actor_index_groups_by_kind_and_pages_link_the_filtered_timeline() -> None:
    found = pages()
    index = found["actors/index.md"]
    assert index.index("Countries") < index.index("Russia") < index.index("Organisations") < index.index("Shanghai")
    russia = found["actors/russia.md"]
    assert 'href="../../timeline/?actor=russia"' in russia
    assert 'href="https://www.wikidata.org/wiki/Q159"' in russia
    assert "3 facts" in russia
    assert 'href="../../timeline/?verdict=inaccurate"' in found["verdicts/inaccurate.md"]


def test_index_pages_are_excluded_from_search() -> None:
    for uri, content in pages().items():
        assert 'search: {"exclude": true}' in content.split("---\n\n", 1)[0], uri


def test_neighbours_skip_withdrawn_facts_and_order_by_date() -> None:
    catalog = site_catalog()
    ids = [fact.id for fact in catalog.published]
    assert ids == ["1992--treaty", "1992-04-08--relations", "2014-05--remittances", "2022-09-01--schools"]
    by_id = catalog.by_id
    assert catalog.neighbours(by_id["1992--treaty"]) == (None, by_id["1992-04-08--relations"])
    assert catalog.neighbours(by_id["2022-09-01--schools"]) == (by_id["2014-05--remittances"], None)
    assert catalog.neighbours(by_id["2022-10--teachers"]) == (by_id["2022-09-01--schools"], None)


def test_years_group_published_facts() -> None:
    years = [(year, [f.id for f in facts]) for year, facts in site_catalog().years()]
    assert years == [
        (1992, ["1992--treaty", "1992-04-08--relations"]),
        (2014, ["2014-05--remittances"]),
        (2022, ["2022-09-01--schools"]),
    ]
