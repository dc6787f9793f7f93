"""Generated pages as MkDocs takes them: final HTML and headings, never read as Markdown."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from factsite.mkdocsadapter.files import PackedFile
from factsite.render import Heading

_ID = re.compile(r'\sid="([^"]+)"')


class HtmlPage(Page):
    """A generated page whose HTML is final: read and rendered without Markdown.

    Its title and metadata are set when it is made, so they are there for the navigation
    and the sitemap even when a ``--dirty`` build skips the page. Its HTML (`content`)
    is there only from `render` to the end of `on_page_content`, and again while the
    page is written (`on_page_context` to `on_post_page`); it stays packed in its file.
    """

    file: PackedFile

    def __init__(
        self, title: str, file: PackedFile, config: MkDocsConfig, headings: tuple[Heading, ...], meta: dict[str, Any]
    ):
        super().__init__(title, file, config)
        self.headings = headings
        self.markdown = ""
        self.meta = meta

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.file.body()
        self.prepare()
        self.present_anchor_ids = set(_ID.findall(self.content))

    def prepare(self) -> None:
        """What rendering gives a page besides its HTML: its table of contents and (no) links to check."""
        tokens = [{"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": []} for h in self.headings]
        self.toc = get_toc(tokens)  # type: ignore[arg-type]
        self.links_to_anchors = {}
