"""The reader's pages: one page per fact and the chronological timeline.

Pages are HTML rendered here from the model (`GeneratedPage`), with every piece of
contributor text escaped by Jinja's autoescape (or sanitized, for the ``analysis``
Markdown). MkDocs then only wraps them in the theme, without reading them as
Markdown, which keeps the build fast and the output safe.
"""

from __future__ import annotations

from factsite.catalog import Catalog
from factsite.model import Fact
from factsite.render import GeneratedPage, front_matter
from factsite.render.environment import render_page
from factsite.render.repository import Repository

__all__ = ["front_matter", "render_fact_page", "render_fact_pages"]

TIMELINE_URI = "timeline.md"
RATING_SCALE_URI = "rating-scale.md"

SEARCH_EXCLUDE: dict[str, object] = {"exclude": True}
"""For listing pages: a fact is found through its own page, once, not through every list."""
FACT_SEARCH_BOOST = 2
"""A fact page outranks a hand-written page that merely mentions the same words."""


def render_fact_page(
    fact: Fact, catalog: Catalog, *, directory_urls: bool = True, repository: Repository | None = None
) -> GeneratedPage:
    """The page of one entry: everything needed to cite or dispute it.

    A claim's page lists the events behind it, and an event's page the claims checked
    against it (`Catalog.claims_about`); other related entries follow under their own heading.

    Search indexes one compact entry per published fact (`factsite.render.search`), not
    the page's whole text.
    """
    previous, next_ = catalog.neighbours(fact)
    behind = catalog.events_behind(fact) if fact.is_claim else []
    about = catalog.claims_about(fact) if fact.is_event else []
    shown = {other.id for other in (*behind, *about)}
    body, headings = render_page(
        "fact.html.j2",
        fact=fact,
        behind=behind,
        about=about,
        related=[other for other in catalog.related(fact) if other.id not in shown],
        previous=previous,
        next=next_,
        publishers=list(dict.fromkeys(source.publisher for source in fact.sources)),
        has_page=catalog.has_term_page,
        repository=repository,
        here=fact.src_uri,
        rating_scale=RATING_SCALE_URI,
        directory_urls=directory_urls,
    )
    return GeneratedPage(
        fact.src_uri,
        title=fact.title,
        description=fact.description,
        html=body,
        headings=headings,
        # A withdrawn fact keeps its page for those who cite it, but search offers it no more.
        search={"boost": FACT_SEARCH_BOOST} if fact.is_published else SEARCH_EXCLUDE,
    )


def render_fact_pages(
    catalog: Catalog, *, directory_urls: bool = True, repository: Repository | None = None
) -> list[GeneratedPage]:
    return [
        render_fact_page(fact, catalog, directory_urls=directory_urls, repository=repository) for fact in catalog.facts
    ]
