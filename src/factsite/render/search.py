"""One search record per published fact, in the edition's language, for the site's search index.

A reader searches for a fact, so a record holds only what identifies one, field by field
(each weighted in `factsite.render.searchindex.FIELDS`): the title, the short claim, the
claim (or an event's summary), who made it, tags, actors and the verdict. The conclusion,
analysis and sources stay on the page. Records come from the model, not from the built
pages: parsing thousands of pages' HTML would cost build time and give a larger index. A
result shows the title, date and verdict (or "Event"), as text (``docs/assets/search.js``).
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.catalog import Catalog
from factsite.i18n import _
from factsite.model import Fact
from factsite.render.searchindex import Record


def search_record(fact: Fact, url: str) -> Record:
    """A claim is found by its wording, claimant and verdict; an event by its summary and the word "Event"."""
    if fact.is_claim:
        assert fact.claimant is not None and fact.verdict is not None
        said, claimant, kind = fact.claim or "", fact.claimant.name, fact.verdict.label
    else:
        said, claimant, kind = fact.summary or "", "", _("Event")
    fields = (
        ("title", fact.title),
        ("short", fact.claim_short or ""),
        ("said", said),
        ("claimant", claimant),
        ("tags", " ".join(t.label for t in fact.tags)),
        ("actors", " ".join(a.label for a in fact.actors)),
        ("kind", kind),
    )
    return Record(url, fact.title, fact.date.display(), kind, tuple(field for field in fields if field[1]))


def search_records(catalog: Catalog, url_of: dict[str, str]) -> Iterator[Record]:
    """Every published fact's record, in time order (a withdrawn fact is no longer offered), one at a time.

    `url_of` maps a fact's ``src_uri`` to its address below the edition's root.
    """
    for fact in catalog.published:
        yield search_record(fact, url_of[fact.src_uri])
