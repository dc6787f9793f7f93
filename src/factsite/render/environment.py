"""The Jinja environment for generated pages: autoescaping, strict, and deterministic."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup, escape

from factsite import i18n
from factsite.render import Heading
from factsite.render.markdown import render_markdown
from factsite.render.markup import GLOBALS
from factsite.render.urls import relative_url


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factsite.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no stat call per page
        extensions=["jinja2.ext.i18n"],
    )
    # Interface text in the edition being rendered (factsite.i18n): one environment serves every edition.
    env.install_gettext_callables(gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["markdown"] = lambda text: Markup(render_markdown(text))
    env.filters["paragraphs"] = paragraphs
    env.globals.update(GLOBALS)
    return env


def paragraphs(text: str) -> Markup:
    """Plain text as escaped ``<p>`` paragraphs, never leaving a blank line in the HTML.

    A blank line would end Markdown's raw HTML block and let the rest be read as Markdown.
    """
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    # escape() and joins rather than Markup.format: the same text, at a fraction of the cost (pages call this often).
    return Markup("".join("<p>" + "<br>".join(str(escape(line)) for line in b.split("\n")) + "</p>" for b in blocks))


def render_template(name: str, **context: Any) -> str:
    """Render template `name`; ``link(to)`` gives a URL relative to ``context['here']``."""
    here: str = context["here"]
    directory_urls: bool = context.get("directory_urls", True)
    link = functools.partial(relative_url, here, directory_urls=directory_urls)
    return _environment().get_template(name).render(link=link, **context)


def heading_html(heading: Heading) -> Markup:
    """The HTML of `heading` in a generated page, as Python-Markdown's ``toc`` extension writes it with
    ``permalink: true``."""
    level, anchor, link = heading.level, escape(heading.id), escape(i18n.gettext("Permanent link"))
    return Markup(
        f'<h{level} id="{anchor}">{escape(heading.title)}<a class="headerlink" href="#{anchor}" title="{link}">'
        f"&para;</a></h{level}>"
    )


def render_page(name: str, **context: Any) -> tuple[str, tuple[Heading, ...]]:
    """Render template `name` as a page body, with its table of contents.

    The template writes headings with ``heading(level, id, title)``, which records each
    one, so the contents can never disagree with the page.
    """
    headings: list[Heading] = []

    def heading(level: int, anchor: str, title: str) -> Markup:
        headings.append(Heading(level, anchor, title))
        return heading_html(Heading(level, anchor, title))

    return render_template(name, heading=heading, **context), tuple(headings)
