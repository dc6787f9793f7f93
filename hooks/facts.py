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

from factsite.pipeline import (
    CheckResult,
    ConfigurationError,
    Layout,
    check_project,
    strict_from_environment,
    today_from_environment,
)
from factsite.publish import page_date
from factsite.render.site import render_site
from factsite.reporters import format_text

log = get_plugin_logger(__name__)

_checked: CheckResult | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every fact before anything is built; fail once, listing every problem."""
    global _checked
    _checked = None
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
    _checked = result
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the timeline, one page per fact, the reference pages and the schema."""
    assert _checked is not None, "on_config did not run"
    for generated in render_site(_checked.facts, directory_urls=config.use_directory_urls):
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Date the page from the data (sitemap, its gzip header), so that rebuilds are byte-identical."""
    date = page_date(_checked.facts if _checked else [], page.file.src_uri)
    if date:
        page.update_date = date
    return page
