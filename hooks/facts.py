"""MkDocs adapter over the `factsite` core: validate the facts, then add the generated pages.

All logic lives in the core package, shared with the ``factsite`` command; this file
only translates between MkDocs events and core calls. MkDocs never reloads a hook under
``mkdocs serve``, so restart ``serve`` after changing Python code (fact edits reload).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from factsite.catalog import Catalog
from factsite.files import display_path
from factsite.pipeline import (
    ConfigurationError,
    Layout,
    check_project,
    strict_from_environment,
    today_from_environment,
)
from factsite.render.blocks import BlockContext, expand_blocks, line_offset
from factsite.render.repository import Repository
from factsite.render.site import render_site
from factsite.render.siteinfo import DEFAULT_SITE_URL, SiteInfo
from factsite.render.sitemeta import PageMeta, common_head, gzip_sitemap, page_meta
from factsite.reporters import format_text

log = get_plugin_logger(__name__)

_catalog: Catalog | None = None
_meta: dict[str, PageMeta] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every fact before anything is built; fail once, listing every problem."""
    global _catalog
    _catalog = None
    root = Path(config.config_file_path).parent
    try:
        today = today_from_environment()
    except ConfigurationError as exc:
        raise PluginError(str(exc)) from None
    result = check_project(Layout.of(root), today=today)
    if result.report.failed(strict=strict_from_environment()):
        raise PluginError(f"fact check failed:\n{format_text(result.report)}")
    if result.report.warnings:
        log.info(f"fact check: {result.report.summary()}; `factsite check` lists them (`mkdocs -v` too)")
        for problem in result.report.warnings:
            log.debug(problem.format())
    _catalog = Catalog(result.facts)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and files: timeline, index pages, fact pages, reference pages, schema, data, feeds."""
    assert _catalog is not None, "on_config did not run"
    site = SiteInfo(config.site_url or DEFAULT_SITE_URL, config.site_name, config.use_directory_urls)
    try:
        repository = Repository.from_config(config.repo_url)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    generated = render_site(_catalog, directory_urls=config.use_directory_urls, site=site, repository=repository)
    for page in generated:
        files.append(File.generated(config, page.src_uri, content=page.content))
    _meta.clear()
    _meta.update(page_meta(_catalog.facts, generated, site))
    config.extra["factsite_head"] = common_head(site)  # for pages without their own, and 404.html
    return files


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


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the theme (overrides/) each page's extra head and sitemap date, before the sitemap is built."""
    page.meta.update(_meta.get(page.file.src_uri, PageMeta()).as_meta())
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Recompress the sitemap with a date from the facts instead of the build time."""
    assert _catalog is not None, "on_config did not run"
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if sitemap.is_file():
        sitemap.with_name("sitemap.xml.gz").write_bytes(gzip_sitemap(sitemap.read_bytes(), _catalog.facts))
