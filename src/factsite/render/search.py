"""One search record per published fact, in the edition's language, for the Pagefind bundle.

A reader searches for a fact, so a record holds only what identifies one: the title,
the claim (or an event's summary), who made it, the verdict, tags and actors. The
conclusion, analysis and sources stay on the page. Records come from the model, not
from the built pages: parsing thousands of pages' HTML would cost build time and give
a larger index. The search box (``docs/assets/search.js``) shows each result's title,
date and kind from ``meta`` as text.
"""

from __future__ import annotations

from factsite.catalog import Catalog
from factsite.i18n import _
from factsite.model import Fact
from factsite.render.pagefind import Record


def search_record(fact: Fact, url: str) -> Record:
    """A claim is found by its wording, claimant and verdict; an event by its summary and the word "Event"."""
    if fact.is_claim:
        assert fact.claimant is not None and fact.verdict is not None
        said, labels = fact.claim or "", [fact.claimant.name, fact.verdict.label]
        kind = fact.verdict.label
    else:
        said, labels = fact.summary or "", [_("Event")]
        kind = _("Event")
    labels += [*(t.label for t in fact.tags), *(a.label for a in fact.actors)]
    content = f"{fact.title}. {said} — {' · '.join(dict.fromkeys(labels))}"
    meta = {"title": fact.title, "date": fact.date.display(), "kind": kind}
    return Record(url, content, fact.language, meta)


def search_records(catalog: Catalog, url_of: dict[str, str]) -> list[Record]:
    """Every published fact's record, in time order (a withdrawn fact is no longer offered).

    `url_of` maps a fact's ``src_uri`` to its address below the edition's root.
    """
    return [search_record(fact, url_of[fact.src_uri]) for fact in catalog.published]
