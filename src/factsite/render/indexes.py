"""Generated index pages: one per verdict, tag and actor, and a list page for each kind.

They are ways into the facts, not places to find words: each is excluded from search,
so a search hit leads to the fact itself. Only terms that a published fact uses get a
page; a fact page links a term only when its page exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from factsite import i18n
from factsite.buildcache import BuildCache, reused
from factsite.catalog import Catalog, TermGroup
from factsite.model import Fact
from factsite.render import GeneratedPage
from factsite.render.environment import render_template
from factsite.render.pages import RATING_SCALE_URI, SEARCH_EXCLUDE, TIMELINE_URI
from factsite.render.paging import numbered_title, paginate
from factsite.schema import Verdict, fact_schema

VERDICTS_URI = "verdicts/index.md"

_ = i18n.gettext


@dataclass(frozen=True)
class _Vocabulary:
    """The words of one vocabulary's pages, each read in the edition being rendered."""

    title: Callable[[], str]
    """The list page's title."""
    noun: Callable[[], str]
    """Shown on a term page: what the term is."""
    param: str
    """The timeline filter's name."""
    lead: Callable[[], str]
    """The list page's first line."""
    all_terms: Callable[[], str]
    """The link from a term page back to the list."""


_KINDS = {
    "tags": _Vocabulary(
        lambda: _("Tags"),
        lambda: _("Tag"),
        "tag",
        lambda: _("Every topic with the facts filed under it."),
        lambda: _("All tags"),
    ),
    "actors": _Vocabulary(
        lambda: _("Actors"),
        lambda: _("Actor"),
        "actor",
        lambda: _("Every country, person, organisation and place that the facts involve."),
        lambda: _("All actors"),
    ),
}

_ACTOR_KIND_HEADINGS: dict[str, Callable[[], str]] = {
    "country": lambda: _("Countries"),
    "person": lambda: _("People"),
    "organisation": lambda: _("Organisations"),
    "institution": lambda: _("Institutions"),
    "place": lambda: _("Places"),
    "event": lambda: _("Events"),
}


def term_page_uri(kind: str, term_id: str) -> str:
    """The page of a tag or an actor (`kind` is ``tags`` or ``actors``), made when a published fact uses it."""
    return f"{kind}/{term_id}.md"


def render_index_pages(
    catalog: Catalog, *, directory_urls: bool = True, cache: BuildCache | None = None
) -> list[GeneratedPage]:
    """Every index page, in a stable order.

    With a `cache` (``mkdocs serve``), a verdict, tag or actor page whose facts are all
    unchanged is the page made last build.
    """
    return list(generate_index_pages(catalog, directory_urls=directory_urls, cache=cache))


def generate_index_pages(
    catalog: Catalog, *, directory_urls: bool = True, cache: BuildCache | None = None
) -> Iterator[GeneratedPage]:
    """`render_index_pages` one page at a time: together they list every fact about five times over."""
    # Each edition keeps its own pages in the cache: the same facts make other words in another language.
    code = i18n.active().code
    yield _verdicts_page(catalog, directory_urls)
    for verdict, facts in catalog.by_verdict():
        yield from reused(cache, ("verdict page", code, verdict.id), _verdict_pages, verdict, facts, directory_urls)
    for kind in _KINDS:
        yield _terms_page(catalog, kind, directory_urls)
        for group in catalog.terms(kind):
            term_key = ("term page", code, kind, group.term.id)
            yield from reused(cache, term_key, _term_pages, group, kind, directory_urls)


def _verdict_pages(verdict: Verdict, facts: tuple[Fact, ...], directory_urls: bool) -> tuple[GeneratedPage, ...]:
    return tuple(
        _index_page(
            page.uri,
            "verdict.html.j2",
            numbered_title(verdict.label, page),
            verdict.definition,
            directory_urls,
            verdict=verdict,
            facts=facts,
            page=page,
            rating_scale=RATING_SCALE_URI,
            timeline=TIMELINE_URI,
        )
        for page in paginate(f"verdicts/{verdict.id}.md", facts)
    )


def _verdicts_page(catalog: Catalog, directory_urls: bool) -> GeneratedPage:
    return _index_page(
        VERDICTS_URI,
        "verdicts.html.j2",
        _("Verdicts"),
        _("Facts by verdict."),
        directory_urls,
        verdicts=catalog.by_verdict(),
        rating_scale=RATING_SCALE_URI,
    )


def _terms_page(catalog: Catalog, kind: str, directory_urls: bool) -> GeneratedPage:
    vocabulary = _KINDS[kind]
    title, lead = vocabulary.title(), vocabulary.lead()
    groups = catalog.terms(kind)
    sections: list[tuple[str, tuple[TermGroup, ...]]] = [("", groups)]
    if kind == "actors":
        order = [*fact_schema()["$defs"]["vocabulary"]["additionalProperties"]["properties"]["kind"]["enum"], None]
        sections = [
            (
                _ACTOR_KIND_HEADINGS.get(k, lambda: _("Other"))() if k else _("Other"),
                tuple(g for g in groups if g.term.kind == k),
            )
            for k in order
        ]
        sections = [(heading, found) for heading, found in sections if found]
    return _index_page(
        f"{kind}/index.md", "terms.html.j2", title, lead, directory_urls, lead=lead, kind=kind, sections=sections
    )


def _term_pages(group: TermGroup, kind: str, directory_urls: bool) -> tuple[GeneratedPage, ...]:
    vocabulary = _KINDS[kind]
    return tuple(
        _index_page(
            page.uri,
            "term.html.j2",
            numbered_title(group.term.label, page),
            group.term.description,
            directory_urls,
            group=group,
            page=page,
            kind=kind,
            noun=vocabulary.noun(),
            param=vocabulary.param,
            all_terms=vocabulary.all_terms(),
            timeline=TIMELINE_URI,
        )
        for page in paginate(term_page_uri(kind, group.term.id), group.facts)
    )


def _index_page(
    uri: str, template: str, title: str, description: str, directory_urls: bool, **values: Any
) -> GeneratedPage:
    """An index page: left out of search, since its facts have entries of their own."""
    body = render_template(template, title=title, here=uri, directory_urls=directory_urls, **values)
    return GeneratedPage(uri, title=title, description=description, html=body, search=SEARCH_EXCLUDE)
