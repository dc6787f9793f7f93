"""The docs tree as plain files: hand-written pages with blocks expanded, plus every generated file.

The MkDocs hook adds generated pages in memory; this writes the same pages to a folder,
at the paths the site uses (``facts/<id>.md``, ``timeline.md``, ``tags/<id>.md``...),
so a generator without hooks can build the site from that folder alone: migrating is a
pre-build step (``factsite export-markdown OUT``), not a rewrite.

What the files hold, for a generator that is not MkDocs:

- YAML front matter: ``title``, ``description``, ``search`` (Material's search settings),
  and ``factsite_head`` (every page) and ``factsite_lastmod`` (generated pages), which the
  hook otherwise hands the theme (``overrides/`` reads them as ``page.meta``). The 404
  page has no Markdown source: it takes the head from ``extra.factsite_head`` in the config.
- Markdown for headings, paragraphs, links, lists, tables and fenced code; attributes on
  headings in attr_list syntax (``## Sources { #sources data-search-exclude }``).
- Raw HTML blocks for the structured parts (a fact's claim, verdict, sources, the
  timeline entries and filter form, index lists, page blocks), as CommonMark allows.
  Their links are relative URLs for directory URLs (``../../timeline/``), not ``.md``
  paths, because they are HTML.
- Hand-written pages keep their own syntax (admonitions are Python-Markdown's).
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from factsite.catalog import Catalog
from factsite.files import display_path
from factsite.gitbase import last_commit_times
from factsite.i18n import EDITIONS
from factsite.problems import Problem
from factsite.render import BinaryFile, GeneratedFile, GeneratedPage
from factsite.render.blocks import BlockContext, expand_blocks
from factsite.render.environment import heading_html
from factsite.render.repository import Repository
from factsite.render.site import render_site
from factsite.render.siteinfo import DEFAULT_SITE_URL, SiteInfo
from factsite.render.sitemeta import PageMeta, common_head, page_meta
from factsite.siteconfig import SITE_URL_VARIABLE, PublisherSettings, check_site_url

PROTECTED = ("docs", "facts", "vocab", "overrides")
"""The contributors' folders: an export is never written into (or over) them."""


def site_from_environment(root: Path | None = None) -> tuple[SiteInfo, Repository | None]:
    """The site address and repository from ``FACTSITE_SITE_URL`` and ``FACTSITE_REPO_URL``, and the
    publisher's settings from `root`'s ``mkdocs.yml``, as the build reads them."""
    url = os.environ.get(SITE_URL_VARIABLE)
    try:
        publisher = PublisherSettings.read(root / "mkdocs.yml") if root else PublisherSettings()
        address = check_site_url(url) if url is not None else DEFAULT_SITE_URL
        site = SiteInfo(address, tagging=publisher.tagging, data_license=publisher.data_license)
        return site, Repository.from_config(os.environ.get("FACTSITE_REPO_URL") or None)
    except ValueError as exc:  # ConfigurationError too
        raise ExportError(str(exc)) from None


class ExportError(ValueError):
    """The export cannot go where it was asked to; the message says why."""


@dataclass(frozen=True)
class Export:
    """What an export writes: file contents by '/'-separated path, and any page-block problems."""

    files: dict[str, bytes]
    problems: list[Problem]


def check_destination(out: Path, root: Path) -> None:
    """Refuse a folder that holds anything, or that lies in (or contains) a contributor's folder."""
    target = out.resolve()
    for name in PROTECTED:
        folder = (root / name).resolve()
        if target.is_relative_to(folder) or folder.is_relative_to(target):
            raise ExportError(f"{out}: will not write into or over {name}/, which holds contributors' files")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        raise ExportError(f"{out}: the folder is not empty; give a new or empty folder")


def _with_meta(content: str, meta: PageMeta) -> str:
    """`content` with the head and sitemap date the hook would hand the theme, in its front matter."""
    fields = {key: value for key, value in meta.as_meta().items() if value}
    if not fields:
        return content
    extra = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    if content.startswith("---\n") and "\n---\n" in content[3:]:
        end = content.index("\n---\n", 3)
        return content[: end + 1] + extra + content[end + 1 :]
    return f"---\n{extra}---\n\n{content}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")
"""The characters Python-Markdown's backslash escapes cover; ``<`` and ``&`` become entities."""


def _markdown_headings(page: GeneratedFile | GeneratedPage) -> str:
    """The page's Markdown source with its headings written as Markdown (``## Sources {
    #sources }``), so that a generator without hooks builds its table of contents from them."""
    content = page.content
    for heading in page.headings if isinstance(page, GeneratedPage) else ():
        title = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(heading.title, quote=False))
        content = content.replace(
            str(heading_html(heading)), f"\n\n{'#' * heading.level} {title} {{ #{heading.id} }}\n\n", 1
        )
    return content


def _handwritten(docs: Path) -> list[str]:
    """The English edition's hand-written files: the other editions' folders (``docs/ru/``) are not its pages."""
    found = []
    others = {language.code for language in EDITIONS if not language.is_default}
    for parent, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not (Path(parent) == docs and d in others))
        found += [Path(parent, name).relative_to(docs).as_posix() for name in sorted(names)]
    return sorted(found)


def build_export(
    root: Path, catalog: Catalog, *, site: SiteInfo | None = None, repository: Repository | None = None
) -> Export:
    """Every file of the docs tree a hookless build needs, in memory (nothing is written)."""
    site = site or SiteInfo()
    commits = last_commit_times(root, "facts")  # the feeds' times, as the hook reads them
    generated = render_site(catalog, directory_urls=True, site=site, repository=repository, commits=commits)
    meta = page_meta(catalog.facts, generated, site)
    docs = root / "docs"
    handwritten = _handwritten(docs)
    pages = frozenset([*(uri for uri in handwritten if uri.endswith(".md")), *(g.src_uri for g in generated)])
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for uri in handwritten:
        path = docs / uri
        if not uri.endswith(".md"):
            files[uri] = path.read_bytes()
            continue
        text = path.read_text(encoding="utf-8")
        context = BlockContext(catalog, uri, True, pages)
        expanded, found = expand_blocks(text, path=display_path(path, root), context=context)
        problems += found
        files[uri] = _with_meta(expanded, PageMeta(head=common_head(site))).encode("utf-8")
    for page in generated:
        if page.src_uri in files:
            raise ExportError(f"docs/{page.src_uri}: a hand-written file has the path of a generated page")
        if isinstance(page, BinaryFile):
            files[page.src_uri] = page.data
            continue
        content = _markdown_headings(page)
        content = _with_meta(content, meta[page.src_uri]) if page.src_uri in meta else content
        files[page.src_uri] = content.encode("utf-8")
    return Export(dict(sorted(files.items())), problems)


def write_export(export: Export, out: Path, root: Path) -> None:
    """Write `export` under `out`, which `check_destination` must accept."""
    check_destination(out, root)
    for uri, content in export.files.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
