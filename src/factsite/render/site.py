"""Everything the site needs from the model, as one list of generated files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from factsite.buildcache import BuildCache
from factsite.catalog import Catalog
from factsite.model import Fact
from factsite.render import GeneratedFile, GeneratedPage
from factsite.render.cardfiles import CardCache, generate_cards
from factsite.render.datapage import render_data_page
from factsite.render.datasets import generate_datasets
from factsite.render.feeds import generate_feeds
from factsite.render.indexes import generate_index_pages
from factsite.render.pages import render_fact_page
from factsite.render.reference import render_fact_format, render_rating_scale, render_schema_files
from factsite.render.repository import Repository
from factsite.render.siteinfo import SiteInfo
from factsite.render.sitemeta import render_robots
from factsite.render.timeline import generate_timeline


def render_site(
    facts: Sequence[Fact] | Catalog,
    *,
    directory_urls: bool = True,
    site: SiteInfo | None = None,
    repository: Repository | None = None,
    commits: Mapping[str, int] | None = None,
) -> list[GeneratedFile | GeneratedPage]:
    """All generated pages and files, in a stable order.

    `commits` holds when each fact file last changed in git, by path, which dates the
    feeds' entries (`factsite.gitbase.last_commit_times`); ``None`` without git.
    """
    return list(generate_site(facts, directory_urls=directory_urls, site=site, repository=repository, commits=commits))


def generate_site(
    facts: Sequence[Fact] | Catalog,
    *,
    directory_urls: bool = True,
    site: SiteInfo | None = None,
    repository: Repository | None = None,
    commits: Mapping[str, int] | None = None,
    cache: BuildCache | None = None,
    cards: CardCache | None = None,
    with_cards: bool = True,
    data_files: bool = True,
) -> Iterator[GeneratedFile | GeneratedPage]:
    """`render_site` one item at a time: a caller that stores each compactly never holds every page's HTML.

    With a `cache` (``mkdocs serve``), a fact page whose fact, neighbours, related facts
    and tag and actor pages are as last build is the page made then; so are index pages,
    data files and tag feeds whose facts are unchanged. Without `data_files` (an edition
    besides the first) the downloads, schema files and ``robots.txt`` are left out: the
    site has one copy of each, at its root.
    """
    catalog = facts if isinstance(facts, Catalog) else Catalog(facts)
    site = site or SiteInfo(directory_urls=directory_urls)
    yield from generate_timeline(catalog, directory_urls=directory_urls)
    yield render_fact_format(site)
    yield render_rating_scale(catalog, directory_urls=directory_urls)
    if data_files:
        yield from render_schema_files(site)
    yield from generate_index_pages(catalog, directory_urls=directory_urls, cache=cache)
    for fact in catalog.facts:
        page = partial(render_fact_page, fact, directory_urls=directory_urls, repository=repository)
        if cache is None:
            yield page(catalog)
        else:
            yield cache.reuse_reading(("fact page", fact.src_uri), page, catalog, fact, directory_urls, repository)
    # Machine-readable outputs: data downloads, feeds, robots.txt and the page documenting them.
    yield render_data_page(catalog.facts, site)
    if data_files:
        yield from generate_datasets(catalog.facts, site, cache, repository)
    yield from generate_feeds(catalog.facts, site, commits, cache)
    if data_files:
        yield render_robots(site)
    # Social cards: drawn only when `cards` has no card of the same text (see render/cardfiles.py).
    # The MkDocs hook leaves them out (`with_cards`) and draws them beside the build instead.
    if with_cards:
        yield from generate_cards(catalog.facts, site, cards)
