"""The overview chart: entries per year, stacked by verdict, events as their own band.

It is drawn here, at build time, as inline SVG: no chart library runs in the browser,
its labels are text, and its bytes depend only on the facts. Colours come from the
stylesheet (the badges' ``fs-verdict--<id>`` classes), so the dark scheme recolours it. The same
`ChartData` gives the table that goes with it, for readers who cannot see the bars,
so the chart and its table cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from factsite.i18n import _, active, ngettext
from factsite.model import Fact
from factsite.schema import verdict_scale

EVENT = "event"
"""The band of entries without a verdict (events, in format v2)."""

COLUMN = 24
"""Width of one year's column in SVG units; the SVG is drawn at this size and only ever scaled down."""
BAR = 16
PLOT = 100
"""Height of the tallest bar."""
TOP = 16
"""Room above the tallest bar for its count."""
LABEL = 18
"""Room below the bars for the year labels."""
SIDE = 4


@dataclass(frozen=True)
class Band:
    id: str
    """A verdict id, or `EVENT`."""
    label: str


@dataclass(frozen=True)
class YearBar:
    year: int
    counts: tuple[tuple[Band, int], ...]
    """Entries per band, bands in scale order, only those with entries."""

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    def describe(self) -> str:
        """The bar in words: "1992: 5 entries (4 Accurate, 1 Event)"."""
        parts = ", ".join(f"{count} {band.label}" for band, count in self.counts)
        entries = ngettext("%(num)d entry", "%(num)d entries", self.total) % {"num": self.total}
        return f"{self.year}: {entries} ({parts})"


@dataclass(frozen=True)
class ChartData:
    bands: tuple[Band, ...]
    """Every band that has an entry in some year, in scale order, events last."""
    bars: tuple[YearBar, ...]


def band_of(fact: Fact) -> str:
    return fact.verdict.id if fact.verdict else EVENT


def chart_data(years: Sequence[tuple[int, Sequence[Fact]]]) -> ChartData:
    """Counts per year and band, from the published facts grouped by year (`Catalog.years`),
    named in the edition being rendered."""
    order = [Band(v.id, v.label) for v in verdict_scale(active().code)] + [Band(EVENT, _("Event"))]
    bars = []
    for year, facts in years:
        found = [band_of(fact) for fact in facts]
        bars.append(YearBar(year, tuple((band, found.count(band.id)) for band in order if band.id in found)))
    used = {band.id for bar in bars for band, _ in bar.counts}
    return ChartData(tuple(band for band in order if band.id in used), tuple(bars))


def _number(value: float) -> str:
    """SVG coordinates with at most one decimal, always written the same way."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def overview_chart(data: ChartData, href: Callable[[int], str]) -> Markup:
    """The chart as a ``<figure>``: the SVG (each bar a link to its year, `href`), a legend and the table."""
    if not data.bars:
        return Markup("")
    return Markup("\n").join(
        [
            Markup('<figure class="fs-chart">'),
            Markup('<figcaption class="fs-chart__caption">{}</figcaption>').format(_("Entries per year, by verdict")),
            _svg(data, href),
            _legend(data),
            _table(data, href),
            Markup("</figure>"),
        ]
    )


def _svg(data: ChartData, href: Callable[[int], str]) -> Markup:
    width = SIDE * 2 + COLUMN * len(data.bars)
    height = TOP + PLOT + LABEL
    most = max(bar.total for bar in data.bars)
    label = escape(_("Entries per year, by verdict; each bar links to its year"))
    lines = [
        f'<svg class="fs-chart__svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-label="{label}">'
    ]
    for index, bar in enumerate(data.bars):
        x = SIDE + index * COLUMN
        bar_x = x + (COLUMN - BAR) / 2
        bottom = float(TOP + PLOT)
        # xlink:href, not href: the theme's instant navigation sets ``a.href`` on every ``a[href]``,
        # which an SVG link does not allow (a script error); browsers follow xlink:href alike.
        lines.append(f'<a xlink:href="{escape(href(bar.year))}" aria-label="{escape(bar.describe())}">')
        lines.append(f'<rect class="fs-chart__hit" x="{x}" y="0" width="{COLUMN}" height="{height}"/>')
        for band, count in bar.counts:
            size = count * PLOT / most
            bottom -= size
            lines.append(
                f'<rect class="fs-chart__band fs-verdict--{escape(band.id)}" x="{_number(bar_x)}" '
                f'y="{_number(bottom)}" width="{BAR}" height="{_number(size)}"/>'
            )
        centre = _number(x + COLUMN / 2)
        lines.append(f'<text class="fs-chart__count" x="{centre}" y="{_number(bottom - 3)}">{bar.total}</text>')
        lines.append(f'<text class="fs-chart__year" x="{centre}" y="{height - 4}">’{bar.year % 100:02d}</text>')
        lines.append("</a>")
    lines.append("</svg>")
    return Markup("\n".join(lines))


def _legend(data: ChartData) -> Markup:
    items = "".join(
        f'<li><span class="fs-chart__key fs-verdict--{escape(b.id)}"></span> {escape(b.label)}</li>' for b in data.bands
    )
    return Markup(f'<ul class="fs-chart__legend" aria-hidden="true">{items}</ul>')


def _table(data: ChartData, href: Callable[[int], str]) -> Markup:
    head = "".join(f'<th scope="col">{escape(band.label)}</th>' for band in data.bands)
    rows = []
    totals = dict.fromkeys((band.id for band in data.bands), 0)
    for bar in data.bars:
        counts = {band.id: count for band, count in bar.counts}
        year_link = f'<a href="{escape(href(bar.year))}">{bar.year}</a>'
        cells = "".join(f"<td>{counts.get(band.id, 0)}</td>" for band in data.bands)
        rows.append(f'<tr><th scope="row">{year_link}</th>{cells}<td>{bar.total}</td></tr>')
        for band_id, count in counts.items():
            totals[band_id] += count
    total_cells = "".join(f"<td>{count}</td>" for count in totals.values())
    grand = sum(bar.total for bar in data.bars)
    summary = escape(_("The numbers as a table"))
    year, total, all_years = escape(_("Year")), escape(_("Total")), escape(_("All years"))
    return Markup(
        f'<details class="fs-chart__data">\n<summary>{summary}</summary>\n'
        f'<table>\n<thead><tr><th scope="col">{year}</th>{head}<th scope="col">{total}</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        f'<tfoot><tr><th scope="row">{all_years}</th>{total_cells}<td>{grand}</td></tr></tfoot>\n'
        "</table>\n</details>"
    )
