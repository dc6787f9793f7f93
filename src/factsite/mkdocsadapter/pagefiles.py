"""Generated pages written by the hook, one at a time, outside MkDocs' page loop.

MkDocs makes a page object for every page before it writes any, and keeps them all to
the end of the build: at 100,000 entries in two editions that is hundreds of MB for
pages whose theme is filled in from a shell anyway (`factsite.mkdocsadapter.shell`),
and each year, verdict, tag and actor page's HTML held from when it is read to the end.
So a fact page, and every generated page the nav does not list, is a `PageFile`: to
MkDocs a generated file it copies (links from hand-written pages to it resolve and are
checked as to any page), holding only its packed body and the few values the theme
needs. When MkDocs copies it, the `PageWriter` makes the page, runs the page events
every page gets (``on_page_context``, ``on_post_page``), wraps it in the theme and
writes it; then the page is dropped.
"""

from __future__ import annotations

import pickle
import posixpath
import zlib
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from factsite.mkdocsadapter.files import Held, PackedFile, hold, unhold
from factsite.mkdocsadapter.liveedit import stop_if_superseded
from factsite.mkdocsadapter.pages import HtmlPage
from factsite.mkdocsadapter.shell import ShellRenderer
from factsite.render import GeneratedPage, Heading


def written_by_hook(src_uri: str, facts: Container[str], in_nav: Container[str] | None) -> bool:
    """Whether generated page `src_uri` is a `PageFile`: every fact page, and every other the nav does not list.

    A page the nav lists stays a MkDocs page, so that the nav can mark it; without a
    ``nav:`` setting MkDocs lists every page, and only fact pages are the hook's.
    """
    return src_uri in facts or (in_nav is not None and src_uri not in in_nav)


class PageFile(PackedFile):
    """A generated page as MkDocs holds it: a file it copies, whose copy writes the page (`PageWriter`).

    What the page needs besides its body (title, headings, meta) waits packed beside it
    (`PageDetails`), read when the page is written and when the sitemap lists it.
    """

    __slots__ = ("_details", "writer")
    _details: Held
    writer: PageWriter

    @classmethod
    def of_page(cls, config: MkDocsConfig, page: GeneratedPage, meta: dict[str, Any], writer: PageWriter) -> PageFile:
        file = cls.of(config, page.src_uri, page.html)
        file.writer = writer
        file._details = hold(zlib.compress(pickle.dumps(PageDetails(page.title, page.headings, meta)), 1))
        return file

    @property
    def details(self) -> PageDetails:
        details: PageDetails = pickle.loads(zlib.decompress(unhold(self._details)))
        return details

    @property
    def dest_uri(self) -> str:  # type: ignore[override]
        """Where MkDocs puts a page (though to MkDocs this is a file it copies): ``facts/<id>/index.html``."""
        parent = posixpath.dirname(self.src_uri)
        if not self.use_directory_urls or self.name == "index":
            return posixpath.join(parent, self.name + ".html")
        return posixpath.join(parent, self.name, "index.html")

    def is_documentation_page(self) -> bool:
        return False  # MkDocs makes no page of it: the writer does, when it is copied

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        self.writer.write(self)


class PageDetails(NamedTuple):
    """What a generated page needs besides its body: its title, table of contents and meta."""

    title: str
    headings: tuple[Heading, ...]
    meta: dict[str, Any]


class PageWriter:
    """Writes each `PageFile` as MkDocs would write its page, through a theme shell."""

    def __init__(self, shells: ShellRenderer) -> None:
        self.shells = shells
        self._build: tuple[MkDocsConfig, Navigation, Environment, Sequence[File]] | None = None
        self._alternates: Callable[[Page | None], list[dict[str, str]]] = lambda page: []
        self._sidebars: Callable[[Page | None, Any], Hashable | None] = lambda page, nav: None

    def begin(
        self,
        config: MkDocsConfig,
        nav: Navigation,
        env: Environment,
        files: Files,
        alternates: Callable[[Page | None], list[dict[str, str]]],
        sidebars: Callable[[Page | None, Any], Hashable | None],
    ) -> None:
        """What every page of this build is rendered with (from ``on_env``)."""
        self._build = (config, nav, env, files.documentation_pages())
        self._alternates, self._sidebars = alternates, sidebars

    @property
    def config(self) -> MkDocsConfig | None:
        """The configuration of the last build begun, whose pages a ``serve`` preview writes."""
        return self._build[0] if self._build else None

    def page(self, file: PageFile, config: MkDocsConfig) -> HtmlPage:
        """The page object of `file`, as MkDocs would have made it; its HTML is unpacked by
        the hook's ``on_page_context``, as for every generated page."""
        details = file.details
        page = HtmlPage(details.title, file, config, details.headings, details.meta)
        page.prepare()
        return page

    def write(self, file: PageFile) -> None:
        assert self._build is not None, "on_env did not run"
        stop_if_superseded()
        config, nav, env, doc_files = self._build
        page = self.page(file, config)
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = self.shells.render(env, dict(context), self._alternates, self._sidebars)
            output = config.plugins.on_post_page(output, page=page, config=config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
        finally:
            page.active = False
            config._current_page = None
            file.page = None  # MkDocs' Page ties itself to its file, which MkDocs holds to the end


class _SitemapPage:
    """What the sitemap (``overrides/sitemap.xml``) reads of a page, for a `PageFile`, which has no page object."""

    is_link = False

    def __init__(self, file: PageFile, config: MkDocsConfig) -> None:
        self.file = file
        self.meta = file.details.meta
        self.canonical_url: str | None = None
        self.abs_url: str | None = None
        if config.site_url:  # as mkdocs.structure.pages.Page sets them
            base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
            self.canonical_url = urljoin(base, file.url)
            self.abs_url = urlsplit(self.canonical_url).path


class _SitemapFile:
    def __init__(self, file: PageFile, config: MkDocsConfig) -> None:
        self.page = _SitemapPage(file, config)


def sitemap_files(files: Iterable[File], config: MkDocsConfig) -> Iterator[File | _SitemapFile]:
    """The sitemap's pages in files' order, the hook's pages among them (``factsite_sitemap_files``)."""
    for file in page_files(files):
        yield _SitemapFile(file, config) if isinstance(file, PageFile) else file


def page_files(files: Iterable[File]) -> Iterator[File]:
    """Every file that becomes a page: MkDocs' documentation pages and the hook's, in order."""
    return (file for file in files if file.is_documentation_page() or isinstance(file, PageFile))
