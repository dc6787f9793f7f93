"""The site's search: a Pagefind bundle per edition, written after the edition's pages.

Each edition's build writes the records of its facts, in its language, to
``<site_dir>/pagefind/`` (``site/pagefind/``, ``site/ru/pagefind/``): the search box of
a page loads its own edition's bundle, so a Russian page searches Russian text with
Russian stemming. Each record's URL is its fact page's, relative to the edition's root.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from factsite.catalog import Catalog
from factsite.render.pagefind import PagefindError, write_bundle
from factsite.render.search import search_records
from factsite.render.urls import page_url

BUNDLE = "pagefind"
"""The bundle's folder below each edition's root (``docs/assets/search.js`` loads it from there)."""


def write_search(catalog: Catalog, config: MkDocsConfig) -> None:
    """Index the published facts of `catalog` into this edition's bundle."""
    directory_urls = config.use_directory_urls
    urls = {fact.src_uri: page_url(fact.src_uri, directory_urls=directory_urls) for fact in catalog.published}
    try:
        write_bundle(search_records(catalog, urls), Path(config.site_dir) / BUNDLE)
    except PagefindError as exc:
        raise PluginError(f"search index: {exc}") from None
