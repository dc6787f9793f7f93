"""MkDocs adapter over the `factsite` core: validate the facts, then add the generated pages.

All logic lives in the core package, shared with the ``factsite`` command; this file
only translates between MkDocs events and core calls. MkDocs never reloads a hook under
``mkdocs serve``, so restart ``serve`` after changing Python code (fact edits reload).

Generated pages arrive as final HTML (`GeneratedPage`): each gets a `_HtmlPage`, which
hands MkDocs the HTML and table of contents instead of running Markdown, and search
takes one entry per fact from the core instead of parsing every page. Under
``mkdocs serve --dirty`` (``make serve``), MkDocs re-renders only the files whose
content changed since the previous build (`ChangeTracker`).

MkDocs reads every page before it writes any, so generated pages and files are held
compressed (`_PackedFile`) and a page's HTML and head are unpacked only while MkDocs
writes that page: a build of 10,000 facts then stays within a few hundred MB.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import normalize_url

from factsite.buildcache import BuildCache
from factsite.catalog import Catalog
from factsite.files import display_path
from factsite.pipeline import (
    ConfigurationError,
    Layout,
    check_project,
    strict_from_environment,
    today_from_environment,
)
from factsite.render import GeneratedFile, GeneratedPage
from factsite.render.blocks import BlockContext, expand_blocks, line_offset
from factsite.render.cards import CARD_DIR, CardCache, CardJob, start_cards
from factsite.render.changes import ChangeTracker
from factsite.render.repository import Repository
from factsite.render.search import search_entries
from factsite.render.site import generate_site
from factsite.render.siteinfo import DEFAULT_SITE_DESCRIPTION, DEFAULT_SITE_URL, SiteInfo
from factsite.render.sitemeta import PageMeta, PageMetas, common_head, gzip_sitemap
from factsite.reporters import format_text

log = get_plugin_logger(__name__)

_catalog: Catalog | None = None
_metas: PageMetas | None = None
_markdown_meta: dict[str, PageMeta] = {}
"""Meta of the generated pages that MkDocs reads as Markdown (`GeneratedFile`s): few."""
_search: list[dict[str, object]] = []
_dirty = False
_changes = ChangeTracker()
"""Outlives each build under ``serve``, like the module itself."""
_cache: BuildCache | None = None
"""Under ``serve`` only: what each rebuild reuses from the last (see factsite.buildcache)."""
_cards: CardCache | None = None
"""Social cards drawn before: the published site's, and under ``serve`` every rebuild's (see render/cards.py)."""
_card_job: CardJob | None = None

_once: dict[Hashable, str] = {}
"""Theme parts shared by many pages, rendered once per build (see overrides/main.html)."""

_ID = re.compile(r'\sid="([^"]+)"')


class _TrackedFile(File):
    """A file whose `is_modified` (asked only by ``--dirty`` builds) is decided by the hook."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class _PackedFile(_TrackedFile):
    """A generated file held compressed until it is written: `prefix`, then the packed `body`.

    A page's file is never copied (its `_HtmlPage` is written instead); its content is
    there for any plugin that reads the source, as it would be for a Markdown file.
    """

    prefix = ""
    packed = b""

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, body: str | GeneratedFile, prefix: str = "") -> _PackedFile:
        file = cls.generated(config, src_uri, content=b"")  # MkDocs needs some content; `packed` holds it
        file.prefix = prefix
        file.packed = _pack(body) if isinstance(body, str) else _pack_parts(body.parts())
        return file

    def body(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        return self.prefix.encode("utf-8") + zlib.decompress(self.packed)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.prefix, self.packed = "", zlib.compress(value, 1)

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.prefix + self.body()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.prefix, self.packed = "", _pack(value)

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        path = Path(self.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:  # unpacked a piece at a time: data downloads are tens of MB
            out.write(self.prefix.encode("utf-8"))
            unpacker = zlib.decompressobj()
            packed = memoryview(self.packed)
            for start in range(0, len(packed), _PIECE):
                out.write(unpacker.decompress(packed[start : start + _PIECE]))
            out.write(unpacker.flush())


_PIECE = 1 << 18
"""Bytes of packed data unpacked at a time when a file is written."""


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def _pack_parts(parts: Iterable[str]) -> bytes:
    """`_pack` of the joined `parts`, never holding them joined."""
    packer = zlib.compressobj(1)
    packed = [packer.compress(part.encode("utf-8")) for part in parts]
    packed.append(packer.flush())
    return b"".join(packed)


class _HtmlPage(Page):
    """A generated page whose HTML is final: read and rendered without Markdown.

    Its title and metadata are set when it is made, so they are there for the navigation
    and the sitemap even when a ``--dirty`` build skips the page. Its HTML (`content`)
    is there only from `render` to the end of `on_page_content`, and again while the
    page is written (`on_page_context` to `on_post_page`); it stays packed in its file.
    """

    file: _PackedFile

    def __init__(
        self, title: str | None, file: _PackedFile, config: MkDocsConfig, page: GeneratedPage, meta: dict[str, Any]
    ):
        super().__init__(title or page.title, file, config)
        self.headings = page.headings
        self.markdown = ""
        self.meta = meta

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.file.body()
        tokens = [{"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": []} for h in self.headings]
        self.toc = get_toc(tokens)  # type: ignore[arg-type]
        self.present_anchor_ids = set(_ID.findall(self.content))
        self.links_to_anchors = {}


def on_startup(command: str, dirty: bool) -> None:
    global _dirty, _cache
    _dirty = dirty
    _cache = BuildCache() if command == "serve" else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every fact before anything is built; fail once, listing every problem."""
    global _catalog
    _catalog = None
    root = Path(config.config_file_path).parent
    try:
        today = today_from_environment()
    except ConfigurationError as exc:
        raise PluginError(str(exc)) from None
    result = check_project(Layout.of(root), today=today, cache=_cache)
    if result.report.failed(strict=strict_from_environment()):
        raise PluginError(f"fact check failed:\n{format_text(result.report)}")
    if result.report.warnings:
        log.info(f"fact check: {result.report.summary()}; `factsite check` lists them (`mkdocs -v` too)")
        for problem in result.report.warnings:
            log.debug(problem.format())
    _catalog = Catalog(result.facts)
    # Before the staging hook moves the build elsewhere, site_dir is the published site, whose cards a build reuses.
    global _cards
    published_cards = Path(config.site_dir) / CARD_DIR
    if _cards is None or _cards.previous != published_cards:
        _cards = CardCache(published_cards, remember=_cache is not None)  # memory only under serve
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and files: timeline, index pages, fact pages, reference pages, schema, data, feeds."""
    assert _catalog is not None, "on_config did not run"
    site = SiteInfo(
        config.site_url or DEFAULT_SITE_URL,
        config.site_name,
        config.use_directory_urls,
        config.site_description or DEFAULT_SITE_DESCRIPTION,
    )

    try:
        repository = Repository.from_config(config.repo_url)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    global _metas
    _metas = metas = PageMetas(_catalog.facts, site, _cache)
    _markdown_meta.clear()
    entries = search_entries(_catalog)
    indexed = {entry.src_uri for entry in entries}
    titles = dict(_nav_titles(config.nav))
    if _dirty:
        _changes.begin(*_build_context(files, config))
        # Hand-written pages may hold page blocks, which list facts: always rebuilt (they are few).
        files = Files([_always_built(file) if file.is_documentation_page() else file for file in files])
    global _card_job
    assert _cards is not None, "on_config did not run"
    _card_job = start_cards(_catalog.facts, site, _cards, Path(config.site_dir))  # finished in on_post_build
    pages = generate_site(
        _catalog,
        directory_urls=config.use_directory_urls,
        site=site,
        repository=repository,
        cache=_cache,
        with_cards=False,
    )
    for item in pages:
        if isinstance(item, GeneratedPage):
            file = _PackedFile.of(config, item.src_uri, item.html, prefix=item.front_matter)
            page_meta = metas.page(item.src_uri).as_meta()
            head = page_meta.pop("factsite_head")  # added while the page is written, see on_page_context
            meta = {**item.meta, **page_meta}
            if item.src_uri in indexed:
                meta["search"] = {"exclude": True}  # its entry comes from the core, see on_post_build
            if _dirty:
                file.changed = _changes.changed(item.src_uri, item.html, repr(sorted(meta.items())), head)
            _HtmlPage(titles.get(item.src_uri), file, config, item, meta)
        else:
            file = _PackedFile.of(config, item.src_uri, item)
            if item.src_uri.endswith(".md"):
                _markdown_meta[item.src_uri] = metas.page(item.src_uri)
            if _dirty and not item.src_uri.endswith(".md"):
                file.changed = _changes.changed(item.src_uri, file.body())
        files.append(file)
    _search[:] = [
        {"location": files.src_uris[e.src_uri].url, "title": e.title, "text": e.text, "boost": e.boost} for e in entries
    ]
    config.extra["factsite_head"] = common_head(site)  # for pages without their own, and 404.html
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme (overrides/main.html) its render-once helpers."""
    _once.clear()
    if _cache is not None:  # serve: compile the theme's templates once, not at every rebuild
        env.bytecode_cache = _cache.templates
    env.globals["factsite_once"] = _render_once
    env.globals["factsite_sidebars_key"] = _sidebars_key
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the page blocks (``<!-- factsite: NAME ... -->``) of a hand-written page."""
    if page.file.generated_by or "factsite:" not in markdown:
        return markdown
    assert _catalog is not None, "on_config did not run"
    root = Path(config.config_file_path).parent
    path = display_path(Path(page.file.abs_src_path or page.file.src_path), root)
    pages = frozenset(file.src_uri for file in files.documentation_pages())
    context = BlockContext(_catalog, page.file.src_uri, config.use_directory_urls, pages)
    first_line = line_offset(page.file.content_string, markdown)
    expanded, problems = expand_blocks(markdown, path=path, context=context, first_line=first_line)
    if problems:
        raise PluginError("page blocks failed:\n" + "\n".join(problem.format() for problem in problems))
    return expanded


@event_priority(-100)  # after every other handler
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give Markdown pages their extra head and sitemap date; pack a generated page's HTML.

    The theme (overrides/) reads both from ``page.meta``. A generated page's HTML is
    packed away until the page is written (see `on_page_context`).
    """
    if isinstance(page, _HtmlPage):
        page.file.packed = _pack(html)
        return ""
    # A hand-written page gets none: the theme falls back to the common head.
    page.meta.update(_markdown_meta.get(page.file.src_uri, PageMeta()).as_meta())
    return html


@event_priority(100)  # before the search plugin reads the page
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Unpack the HTML and head of the generated page about to be written."""
    if isinstance(page, _HtmlPage):
        assert _metas is not None, "on_files did not run"
        page.content = page.file.body()
        page.meta["factsite_head"] = _metas.page(page.file.src_uri).head
    return context


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop what `on_page_context` unpacked: only the written page is held."""
    if isinstance(page, _HtmlPage):
        page.content = ""
        page.meta.pop("factsite_head", None)
    return output


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    """Add the facts to the search index; date the compressed sitemap from the facts, not the build."""
    assert _catalog is not None, "on_config did not run"
    search = config.plugins.get("material/search")
    if search is not None:
        index: Any = getattr(search, "search_index")  # noqa: B009 (the plugin's own attribute, untyped)
        index.entries += _search
        # Every build hands the plugin every entry (hand-written pages are always rebuilt),
        # so its --dirty merge with the previous index could only add stale ones.
        search.search_index_prev = None  # type: ignore[attr-defined]
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if sitemap.is_file():
        sitemap.with_name("sitemap.xml.gz").write_bytes(gzip_sitemap(sitemap.read_bytes(), _catalog.facts))
    _write_cards(Path(config.site_dir))
    if _dirty:
        for src_uri in _changes.commit():  # outputs of facts or terms that are gone
            stale = File(src_uri, None, config.site_dir, config.use_directory_urls)
            Path(stale.abs_dest_path).unlink(missing_ok=True)


def on_build_error(error: Exception) -> None:
    _changes.forget()
    if _card_job is not None:
        _card_job.cancel()


def _write_cards(site_dir: Path) -> None:
    """Finish the social cards started beside the build (see `on_files`)."""
    global _card_job
    if _card_job is not None:
        _card_job.finish()
        _card_job = None


def _render_once(key: Hashable | None, caller: Callable[[], str]) -> str:
    """What `caller` renders, rendered only the first time `key` is asked for (always, without a key)."""
    if key is None:
        return caller()
    if key not in _once:
        _once[key] = caller()
    return _once[key]


def _sidebars_key(page: Page | None, nav: Navigation | None) -> Hashable | None:
    """All that the theme's sidebars show of a page outside the nav: none for a page in it.

    Nothing in the nav is active for such a page, so its navigation differs from another's
    only in the relative links to the nav's pages; its other sidebar is its table of contents.
    """
    if page is None or nav is None or page.parent is not None or any(p.file is page.file for p in nav.pages):
        return None
    links = tuple(normalize_url(p.url, page) for p in nav.pages)
    return links, _toc_key(page.toc), repr(page.meta.get("hide"))


def _toc_key(items: Iterable[AnchorLink]) -> tuple[object, ...]:
    return tuple((item.id, item.title, item.level, _toc_key(item.children)) for item in items)


def _always_built(file: File) -> File:
    copy = _TrackedFile(
        file.src_path,
        file.src_dir,
        file.dest_dir,
        file.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    copy.generated_by = file.generated_by
    return copy


def _nav_titles(nav: Any) -> Iterator[tuple[str, str]]:
    """(page, title) for each page the ``nav:`` setting names with a title."""
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                yield value, title
            else:
                yield from _nav_titles(value)


def _build_context(files: Files, config: MkDocsConfig) -> Iterator[str]:
    """What shapes every page besides its own content: configuration, environment, hand-written files, theme.

    When any of it changes between two ``--dirty`` builds, the second rebuilds everything.
    """
    yield Path(config.config_file_path).read_bytes().decode("utf-8", "replace")
    yield repr(sorted((key, value) for key, value in os.environ.items() if key.startswith("FACTSITE_")))
    paths = [file.abs_src_path for file in files if file.abs_src_path]
    if config.theme.custom_dir:
        paths += [str(path) for path in Path(config.theme.custom_dir).rglob("*")]
    for path in sorted(paths):
        stat = os.stat(path)
        yield f"{path} {stat.st_mtime_ns} {stat.st_size}"
