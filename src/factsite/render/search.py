"""One search entry per published fact, instead of the search plugin reading every page.

A reader searches for a fact, so the index holds only what identifies one: the title,
the claim, who made it, the verdict, tags and actors. The conclusion, analysis and
sources stay on the page. Entries are written as the search index stores them (HTML,
so every text is escaped); parsing thousands of fact pages' HTML for this would cost
more build time and give a larger index for the reader to download.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from factsite.catalog import Catalog
from factsite.i18n import _
from factsite.model import Fact
from factsite.render.pages import FACT_SEARCH_BOOST


@dataclass(frozen=True)
class SearchEntry:
    src_uri: str
    """The page the entry leads to."""
    title: str
    """Escaped HTML."""
    text: str
    """Escaped HTML."""
    boost: float = FACT_SEARCH_BOOST


def search_entry(fact: Fact) -> SearchEntry:
    """A claim is found by its wording, claimant and verdict; an event by its summary and the word "Event"
    (in the edition's language, as the pages say it)."""
    if fact.is_claim:
        assert fact.claimant is not None and fact.verdict is not None
        said, labels = fact.claim, [fact.claimant.name, fact.verdict.label]
    else:
        said, labels = fact.summary, [_("Event")]
    labels += [*(t.label for t in fact.tags), *(a.label for a in fact.actors)]
    text = f"{said} — {' · '.join(dict.fromkeys(labels))}"
    return SearchEntry(fact.src_uri, html.escape(fact.title, quote=False), html.escape(text, quote=False))


def search_entries(catalog: Catalog) -> list[SearchEntry]:
    """Every published fact's entry, in time order (a withdrawn fact is no longer offered)."""
    return [search_entry(fact) for fact in catalog.published]
