"""Everything the site needs from the model, as one list of generated files."""

from __future__ import annotations

from collections.abc import Sequence

from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.pages import render_fact_pages, render_timeline
from factsite.render.reference import render_fact_format, render_rating_scale, render_schema_file


def render_site(facts: Sequence[Fact], *, directory_urls: bool = True) -> list[GeneratedFile]:
    """All generated pages and files, in a stable order."""
    return [
        render_timeline(facts, directory_urls=directory_urls),
        render_fact_format(),
        render_rating_scale(),
        render_schema_file(),
        *render_fact_pages(facts, directory_urls=directory_urls),
    ]
