"""The overview chart: its SVG and its table agree with the facts, and a golden file pins both."""

from __future__ import annotations

import re
from collections import Counter

from sitecase import site_catalog
from test_render import assert_golden

from factsite.render.chart import EVENT, chart_data, overview_chart
from factsite.render.timeline import render_overview_chart, render_timeline


def test_chart_golden() -> None:
    assert_golden("overview-chart.html", render_overview_chart(site_catalog(), "index.md") + "\n")


def test_bars_and_table_count_what_the_facts_say() -> None:
    catalog = site_catalog()
    html = str(render_overview_chart(catalog, "index.md"))
    expected = {year: Counter(f.verdict.id if f.verdict else EVENT for f in facts) for year, facts in catalog.years()}
    svg, table = html.split("<details", 1)
    # Each bar: its link, the height of each band in proportion to its count, the total as text.
    bars = re.findall(r'<a xlink:href="([^"]+)" aria-label="(\d{4}): (\d+) entr[^"]*">(.*?)</a>', svg, flags=re.S)
    assert [int(year) for _, year, _, _ in bars] == sorted(expected)
    most = max(sum(c.values()) for c in expected.values())
    for href, year, total, body in bars:
        counts = expected[int(year)]
        assert href == f"timeline/#{year}"
        assert int(total) == sum(counts.values())
        assert re.search(rf'class="fs-chart__count"[^>]*>{total}</text>', body)
        bands = re.findall(r'fs-verdict--([a-z-]+)" x="[^"]+" y="[^"]+" width="16" height="([\d.]+)"', body)
        assert {band: round(float(height) * most / 100) for band, height in bands} == dict(counts)
    # The table: one row per year, a column per band used, totals that add up.
    header = re.findall(r'<th scope="col">([^<]+)</th>', table)
    labels = {v.id: v.label for f in catalog.published for v in [f.verdict]}
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">(\d{4})</a></th>((?:<td>\d+</td>)+)</tr>', table)
    assert len(rows) == len(expected)
    for year, cells in rows:
        numbers = [int(n) for n in re.findall(r"\d+", cells)]
        by_label = dict(zip(header[1:-1], numbers[:-1], strict=True))
        assert by_label == {labels[band]: count for band, count in expected[int(year)].items()} | {
            label: 0 for label in header[1:-1] if label not in {labels[b] for b in expected[int(year)]}
        }
        assert numbers[-1] == sum(expected[int(year)].values())
    assert f"<td>{len(catalog.published)}</td></tr></tfoot>" in table


def test_bars_link_to_the_year_heading_on_the_timeline_and_to_year_pages_when_split() -> None:
    catalog = site_catalog()
    timeline = render_timeline(catalog)[0].html
    assert '<a xlink:href="#1992" aria-label="1992: 2 entries (1 Accurate, 1 Needs context)">' in timeline
    split = render_timeline(catalog, page_limit=3)[0].html
    assert '<a xlink:href="1992/" aria-label="1992: 2 entries' in split


def test_an_entry_without_a_verdict_is_its_own_event_band() -> None:
    """Format v2's events carry no verdict: they stack as "Event", after the verdicts."""
    facts = site_catalog().published
    event = type("Event", (), {"verdict": None})()
    data = chart_data([(2000, [facts[0], event, event])])
    assert [band.id for band in data.bands] == [facts[0].verdict.id, EVENT]
    assert data.bars[0].describe() == f"2000: 3 entries (1 {facts[0].verdict.label}, 2 Event)"


def test_the_chart_is_the_same_bytes_every_time_and_empty_without_facts() -> None:
    catalog = site_catalog()
    assert render_overview_chart(catalog, "index.md") == render_overview_chart(catalog, "index.md")
    assert overview_chart(chart_data([]), str) == ""
