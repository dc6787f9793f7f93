"""Everything the site needs from the model, as one list of generated files."""

from __future__ import annotations

from collections.abc import Sequence

from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.datapage import render_data_page
from factsite.render.datasets import render_datasets
from factsite.render.feeds import render_feeds
from factsite.render.pages import render_fact_pages, render_timeline
from factsite.render.reference import render_fact_format, render_rating_scale, render_schema_file
from factsite.render.siteinfo import SiteInfo
from factsite.render.sitemeta import render_robots


def render_site(
    facts: Sequence[Fact], *, directory_urls: bool = True, site: SiteInfo | None = None
) -> list[GeneratedFile]:
    """All generated pages and files, in a stable order."""
    site = site or SiteInfo(directory_urls=directory_urls)
    return [
        render_timeline(facts, directory_urls=directory_urls),
        render_fact_format(),
        render_rating_scale(),
        render_schema_file(),
        *render_fact_pages(facts, directory_urls=directory_urls),
        # Machine-readable outputs: data downloads, feeds, robots.txt and the page documenting them.
        render_data_page(facts, site),
        *render_datasets(facts, site),
        *render_feeds(facts, site),
        render_robots(site),
    ]
