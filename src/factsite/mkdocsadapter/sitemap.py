"""Each edition's sitemap, rendered from the theme's ``sitemap.xml`` after the pages and written as it renders.

MkDocs renders the sitemap whole, as one string, then writes its bytes (and compresses them
too): at 100,000 entries that text is tens of MB, held three times over at the build's
peak. So the hook takes the template off MkDocs' list (`take_over`) and renders it itself
after the pages (`write`), a piece at a time into the file (`render.sitemeta.write_sitemap`),
with the context MkDocs would give it and the plugin events around it; only
``on_post_template``, which takes the text whole, has nothing to run on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, TemplateNotFound
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

from factsite.model import Fact
from factsite.render.sitemeta import write_sitemap

TEMPLATE = "sitemap.xml"

log = logging.getLogger("mkdocs.plugins.hooks/facts")


def take_over(config: MkDocsConfig) -> None:
    """Keep MkDocs from rendering the sitemap: `write` does (call before MkDocs' static templates)."""
    config.theme.static_templates.discard(TEMPLATE)


def write(
    env: Environment, files: Files, nav: Navigation, config: MkDocsConfig, facts: Sequence[Fact], site_url: str
) -> list[str]:
    """Render the theme's sitemap into the site folder as MkDocs would, piece by piece; the names written.

    A theme without the template gets no sitemap, as from MkDocs (which warns)."""
    try:
        template = env.get_template(TEMPLATE)
    except TemplateNotFound:
        log.warning("Template skipped: '%s' not found in theme directories.", TEMPLATE)
        return []
    template = config.plugins.on_pre_template(template, template_name=TEMPLATE, config=config)
    context = get_context(nav, files, config, base_url=get_relative_url(".", TEMPLATE))
    context = config.plugins.on_template_context(context, template_name=TEMPLATE, config=config)
    return write_sitemap(template.generate(context), Path(config.site_dir), site_url, facts)
