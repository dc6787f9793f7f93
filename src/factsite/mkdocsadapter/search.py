"""The site's search: each edition's own search index, written after the edition's pages.

Each edition's build writes the records of its facts, in its language, to
``<site_dir>/search/`` (``site/search/``, ``site/ru/search/``): the search box of a page
loads its own edition's index, so a Russian page searches Russian text with Russian
stems. Each record's URL is its fact page's, relative to the edition's root.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from factsite.catalog import Catalog
from factsite.i18n import active
from factsite.render.search import search_records
from factsite.render.searchindex import write_index
from factsite.render.urls import page_url

FOLDER = "search"
"""The index's folder below each edition's root (``overrides/partials/search.html`` points there)."""


def write_search(catalog: Catalog, config: MkDocsConfig) -> None:
    """Index the published facts of `catalog` into this edition's search folder."""
    directory_urls = config.use_directory_urls
    urls = {fact.src_uri: page_url(fact.src_uri, directory_urls=directory_urls) for fact in catalog.published}
    write_index(search_records(catalog, urls), Path(config.site_dir) / FOLDER, active().code)
