"""The timeline: every published entry (claims and events) in time order, grouped by year, with the filter form.

Up to `PAGE_LIMIT` facts it is one page whose entries the filter script hides and shows.
Beyond that one page would outgrow what a phone should download first, so the timeline
page keeps the form and the year navigation, and each year gets a page of its own,
continued on numbered pages of `PAGE_LIMIT` entries (at 100,000 facts a year holds
thousands). The script then filters from `FILTER_INDEX_URI`, a compact JSON list of every
fact that it fetches only when a reader filters. Both forms share the entry markup and
the filter contract (``#fs-filters``, ``#fs-count``, ``data-fact`` entries).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator

from babel import Locale
from markupsafe import Markup

from factsite import i18n
from factsite.catalog import Catalog
from factsite.render import GeneratedFile, GeneratedPage
from factsite.render.chart import chart_data, overview_chart
from factsite.render.environment import render_page, render_template
from factsite.render.markup import entry_claim
from factsite.render.pages import SEARCH_EXCLUDE, TIMELINE_URI
from factsite.render.paging import numbered_title, paginate
from factsite.render.urls import relative_url

PAGE_LIMIT = 600
"""Most entries on one page, the timeline's or a year's: about 150 bytes each gzipped, so
a page stays near 100 KB."""
FILTER_INDEX_URI = "timeline/filter-index.json"
_FACT_PLACEHOLDER = "facts/__ID__.md"


def year_uri(year: int) -> str:
    return f"timeline/{year}.md"


def is_split(catalog: Catalog, page_limit: int = PAGE_LIMIT) -> bool:
    """Whether the timeline has pages of its own per year (more published facts than one page holds)."""
    return len(catalog.published) > page_limit


def year_link(here: str, year: int, *, split: bool, directory_urls: bool = True) -> str:
    """A link from page `here` to the entries of `year`: its heading on the timeline, or its own page."""
    if split:
        return relative_url(here, year_uri(year), directory_urls=directory_urls)
    if here == TIMELINE_URI:
        return f"#{year}"
    return relative_url(here, TIMELINE_URI, directory_urls=directory_urls) + f"#{year}"


def render_overview_chart(
    catalog: Catalog, here: str, *, directory_urls: bool = True, page_limit: int = PAGE_LIMIT
) -> Markup:
    """The overview chart for page `here`, each bar linking to its year."""
    split = is_split(catalog, page_limit)
    return overview_chart(
        chart_data(catalog.years()),
        functools.partial(year_link, here, split=split, directory_urls=directory_urls),
    )


def render_timeline(
    catalog: Catalog, *, directory_urls: bool = True, page_limit: int = PAGE_LIMIT
) -> list[GeneratedFile | GeneratedPage]:
    """The timeline page, its filter index and, for a large timeline, the pages of each year."""
    return list(generate_timeline(catalog, directory_urls=directory_urls, page_limit=page_limit))


def generate_timeline(
    catalog: Catalog, *, directory_urls: bool = True, page_limit: int = PAGE_LIMIT
) -> Iterator[GeneratedFile | GeneratedPage]:
    """`render_timeline` one file at a time: a large archive's year pages together hold every entry's HTML."""
    years = catalog.years()
    split = is_split(catalog, page_limit)
    common = {
        "years": years,
        "split": split,
        "total": len(catalog.published),
        "directory_urls": directory_urls,
        "year_uri": year_uri,
    }
    body, headings = render_page(
        "timeline.html.j2",
        **common,
        verdicts=catalog.by_verdict(),
        claims=len(catalog.claims),
        events=len(catalog.events),
        tags=catalog.terms("tags"),
        actors=catalog.terms("actors"),
        first_year=years[0][0] if years else "",
        last_year=years[-1][0] if years else "",
        filter_index=FILTER_INDEX_URI,
        chart=render_overview_chart(catalog, TIMELINE_URI, directory_urls=directory_urls, page_limit=page_limit),
        fact_placeholder=_FACT_PLACEHOLDER,
        script_strings=script_strings(),
        here=TIMELINE_URI,
    )
    timeline = GeneratedPage(
        TIMELINE_URI,
        title=i18n.gettext("Timeline"),
        description=i18n.gettext("Every checked fact in chronological order."),
        html=body,
        headings=headings,
        search=SEARCH_EXCLUDE,
    )
    yield timeline
    yield render_filter_index(catalog)
    if split:
        for index, (year, group) in enumerate(years):
            description = i18n.gettext("Checked facts of %(year)s, in chronological order.") % {"year": year}
            for page in paginate(year_uri(year), group, max(1, page_limit)):
                html = render_template(
                    "timeline-year.html.j2",
                    **common,
                    year=year,
                    facts=group,
                    page=page,
                    previous=years[index - 1][0] if index > 0 else None,
                    next=years[index + 1][0] if index + 1 < len(years) else None,
                    timeline=TIMELINE_URI,
                    here=page.uri,
                )
                title = numbered_title(f"{year}", page)
                yield GeneratedPage(page.uri, title=title, description=description, html=html, search=SEARCH_EXCLUDE)


def script_strings() -> str:
    """The words timeline.js writes, in the edition's language: JSON for the form's ``data-fs-strings``.

    A count has one text per plural category of the language (``one``, ``few``, ``many``,
    ``other``: those a whole number can fall in), which the script picks with
    ``Intl.PluralRules`` for ``lang``; ``{shown}``, ``{total}``, ``{max}`` and ``{error}``
    stand for what the script fills in.
    """
    language = i18n.active()
    strings: dict[str, object] = {
        "lang": language.code,
        "claim": i18n.gettext("Claim"),
        "event": i18n.gettext("Event"),
        "entries": _plural_forms(
            language, lambda n: i18n.ngettext("%(shown)s of %(num)s entry", "%(shown)s of %(num)s entries", n), "total"
        ),
        "listed": _plural_forms(
            language,
            lambda n: i18n.ngettext("(the first %(num)s is listed)", "(the first %(num)s are listed)", n),
            "max",
        ),
        "failed": i18n.gettext("The filter could not load its index: %(error)s") % {"error": "{error}"},
    }
    return json.dumps(strings, ensure_ascii=False, separators=(",", ":"))


def _plural_forms(language: i18n.Language, text: Callable[[int], str], number: str) -> dict[str, str]:
    """`text` for each plural category of `language`, with ``{shown}`` and ``{<number>}`` left for the script."""
    rule = Locale.parse(language.code).plural_form
    forms = {}
    for category in sorted(rule.tags | {"other"}):
        sample = next((n for n in range(1000) if rule(n) == category), None)
        if sample is not None:
            forms[category] = text(sample) % {"shown": "{shown}", "num": "{" + number + "}"}
    return forms


def render_filter_index(catalog: Catalog) -> GeneratedFile:
    """Every published fact as one short row, for filtering a timeline split by year.

    Rows are ``[id, date as shown, year, verdict, tags, actors, title, claimant, claim, kind]``,
    tags and actors as space-separated ids; labels are given once in ``tags``,
    ``actors`` and ``verdicts``. An event's verdict and claimant are ``""`` and its summary
    stands in the claim's place: the entry shows what the page's entries show.
    """
    data = {
        "verdicts": {v.id: v.label for v, _ in catalog.by_verdict()},
        "tags": {g.term.id: g.term.label for g in catalog.terms("tags")},
        "actors": {g.term.id: g.term.label for g in catalog.terms("actors")},
        "facts": [
            [
                f.id,
                f.date.display() + (f" – {f.end_date.display()}" if f.end_date else ""),
                f.date.year,
                f.verdict.id if f.verdict else "",
                " ".join(t.id for t in f.tags),
                " ".join(a.id for a in f.actors),
                f.title,
                *entry_claim(f),
                f.kind,
            ]
            for f in catalog.published
        ],
    }
    return GeneratedFile(FILTER_INDEX_URI, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
