"""The reader's pages: one page per fact and the chronological timeline.

Pages are Markdown files whose body is HTML rendered here from the model, with every
piece of contributor text escaped by Jinja's autoescape (or sanitized, for the
``analysis`` Markdown). MkDocs then only wraps them in the theme, which keeps the
build fast and the output safe.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence

from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.environment import render_template

TIMELINE_URI = "timeline.md"
RATING_SCALE_URI = "rating-scale.md"


def front_matter(**fields: str) -> str:
    """YAML front matter with HTML-escaped values.

    Material inserts ``title`` and ``description`` into the page head and header without
    escaping, so they are escaped here; JSON quoting then keeps them valid YAML.
    """
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_fact_page(fact: Fact, by_id: dict[str, Fact], *, directory_urls: bool = True) -> GeneratedFile:
    """The page of one fact: claim, verdict, analysis, sources, related facts, corrections."""
    related = [by_id[other] for other in fact.related if other in by_id]
    body = render_template(
        "fact.html.j2",
        fact=fact,
        related=related,
        here=fact.src_uri,
        rating_scale=RATING_SCALE_URI,
        directory_urls=directory_urls,
    )
    meta = front_matter(title=fact.title, description=f"{fact.verdict.label}: {fact.conclusion}")
    return GeneratedFile(fact.src_uri, meta + body)


def render_timeline(facts: Sequence[Fact], *, directory_urls: bool = True) -> GeneratedFile:
    """Every published fact in time order, one section per year."""
    published = [fact for fact in facts if fact.is_published]
    years = [(year, list(group)) for year, group in itertools.groupby(published, key=lambda f: f.date.year)]
    body = render_template("timeline.html.j2", years=years, here=TIMELINE_URI, directory_urls=directory_urls)
    meta = front_matter(title="Timeline", description="Every checked fact in chronological order.")
    return GeneratedFile(TIMELINE_URI, meta + body)


def render_fact_pages(facts: Sequence[Fact], *, directory_urls: bool = True) -> list[GeneratedFile]:
    by_id = {fact.id: fact for fact in facts}
    return [render_fact_page(fact, by_id, directory_urls=directory_urls) for fact in facts]
