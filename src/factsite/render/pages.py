"""The reader's pages: one page per fact and the chronological timeline.

Pages are Markdown files whose body is HTML rendered here from the model, with every
piece of contributor text escaped by Jinja's autoescape (or sanitized, for the
``analysis`` Markdown). MkDocs then only wraps them in the theme, which keeps the
build fast and the output safe.
"""

from __future__ import annotations

import html
import json

from factsite.catalog import Catalog
from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.environment import render_template
from factsite.render.repository import Repository

TIMELINE_URI = "timeline.md"
RATING_SCALE_URI = "rating-scale.md"


def front_matter(*, search: dict[str, object] | None = None, **fields: str) -> str:
    """YAML front matter with HTML-escaped values.

    Material inserts ``title`` and ``description`` into the page head and header without
    escaping, so they are escaped here; JSON quoting then keeps them valid YAML. `search`
    holds the search plugin's settings for the page (``exclude``, ``boost``).
    """
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    if search:
        lines.append(f"search: {json.dumps(search, sort_keys=True)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


SEARCH_EXCLUDE: dict[str, object] = {"exclude": True}
"""For listing pages: a fact is found through its own page, once, not through every list."""
FACT_SEARCH_BOOST = 2
"""A fact page outranks a hand-written page that merely mentions the same words."""


def render_fact_page(
    fact: Fact, catalog: Catalog, *, directory_urls: bool = True, repository: Repository | None = None
) -> GeneratedFile:
    """The page of one fact: everything needed to cite or dispute it.

    Only the title, claim, verdict, conclusion, source publishers, tags and actors are
    indexed for search (the later sections carry ``data-search-exclude``), so the search
    index holds one compact entry per fact.
    """
    previous, next_ = catalog.neighbours(fact)
    body = render_template(
        "fact.html.j2",
        fact=fact,
        related=catalog.related(fact),
        previous=previous,
        next=next_,
        publishers=list(dict.fromkeys(source.publisher for source in fact.sources)),
        has_page=catalog.has_term_page,
        repository=repository,
        here=fact.src_uri,
        rating_scale=RATING_SCALE_URI,
        directory_urls=directory_urls,
    )
    meta = front_matter(
        title=fact.title,
        description=fact.description,
        # A withdrawn fact keeps its page for those who cite it, but search offers it no more.
        search={"boost": FACT_SEARCH_BOOST} if fact.is_published else SEARCH_EXCLUDE,
    )
    return GeneratedFile(fact.src_uri, meta + body)


def render_fact_pages(
    catalog: Catalog, *, directory_urls: bool = True, repository: Repository | None = None
) -> list[GeneratedFile]:
    return [
        render_fact_page(fact, catalog, directory_urls=directory_urls, repository=repository) for fact in catalog.facts
    ]
