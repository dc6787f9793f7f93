"""The MkDocs events of the facts hook: validate the facts, then add the generated pages.

All logic lives in the core, shared with the ``factsite`` command; this class only
translates between MkDocs events and core calls. MkDocs never reloads a hook under
``mkdocs serve``, so restart ``serve`` after changing Python code (fact edits reload).

Generated pages arrive as final HTML (`GeneratedPage`). Fact, year, verdict, tag and
actor pages, thousands alike, are `PageFile`s that the hook writes itself through a theme
shell when MkDocs copies them (`factsite.mkdocsadapter.pagefiles`); the few generated
pages the nav lists get an `HtmlPage`, which hands MkDocs the HTML and table of contents
instead of running Markdown. Search indexes one record per fact from the core
(`factsite.mkdocsadapter.search`), no page's HTML. Under ``mkdocs serve --dirty``
(``make serve``), MkDocs re-renders only the files whose content changed since the
previous build (`ChangeTracker`).

MkDocs reads every page before it writes any, so generated pages and files are held
compressed in a temporary file (`PackedFile`, `PageSpool`) and a page's HTML and head are
unpacked only while it is written.
"""

from __future__ import annotations

import html
import itertools
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs import exceptions as mkdocs_errors
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from factsite.buildcache import NO_CACHE, BuildCache
from factsite.catalog import Catalog
from factsite.files import display_path
from factsite.gitbase import changed_files, head_commit, last_commit_times
from factsite.i18n import ENGLISH, Language
from factsite.invocation import factsite_command
from factsite.mkdocsadapter import sitemap
from factsite.mkdocsadapter.editions import (
    Alternates,
    EditionJob,
    Handoff,
    alternates_for,
    build_editions,
    current_handoff,
    edition_catalog,
    edition_of,
    edition_site,
    other_editions,
    shared_assets,
)
from factsite.mkdocsadapter.files import PackedFile, PageSpool, always_built, pack
from factsite.mkdocsadapter.liveedit import Superseded, serve_with_preview, stop_if_superseded, stop_watching
from factsite.mkdocsadapter.pagefiles import PageFile, PageWriter, page_files, sitemap_files, written_by_hook
from factsite.mkdocsadapter.pages import HtmlPage
from factsite.mkdocsadapter.search import write_search
from factsite.mkdocsadapter.serving import BANNER_KEY, problem_pages
from factsite.mkdocsadapter.shell import ShellRenderer
from factsite.mkdocsadapter.theme import RenderOnce, nav_pages, nav_titles, sidebars_key
from factsite.pipeline import (
    ConfigurationError,
    Layout,
    check_project,
    strict_from_environment,
    today_from_environment,
)
from factsite.problems import Level, Problem
from factsite.render import GeneratedPage
from factsite.render.blocks import BlockContext, expand_blocks, line_offset
from factsite.render.cardfiles import CardCache, CardJob, start_cards, stop_drawing
from factsite.render.cards import CARD_DIR
from factsite.render.changes import ChangeTracker
from factsite.render.pages import render_fact_page
from factsite.render.repository import Repository
from factsite.render.site import generate_site
from factsite.render.siteinfo import DEFAULT_SITE_DESCRIPTION, DEFAULT_SITE_URL, SiteInfo
from factsite.render.sitemeta import PageMeta, PageMetas, common_head
from factsite.reporters import own_problems_first
from factsite.siteconfig import (
    REQUIRE_VARIABLE,
    SITE_URL_VARIABLE,
    PublisherSettings,
    check_site_url,
    require_public,
    site_url_advice,
)

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger("hooks/facts")
advice = logging.getLogger("factsite.deployment")
"""Warnings about where the site will be published, not faults in it: printed like MkDocs'
warnings, but outside its logger, so ``--strict`` does not fail on them (a preview has no
public address, and GitHub project Pages always serves from a sub-path)."""
if not advice.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    advice.addHandler(_handler)
    advice.propagate = False


class FactsHook:
    """The state one MkDocs process keeps, and its handler for each event."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.good: Catalog | None = None
        """Under ``serve``: the facts of the last check that passed, shown while an entry is broken."""
        self.broken: list[Problem] = []
        """Under ``serve``: the problems of a failed check, listed on every page until they are fixed."""
        self.metas: PageMetas | None = None
        self.markdown_meta: dict[str, PageMeta] = {}
        """Meta of the generated pages that MkDocs reads as Markdown (`GeneratedFile`s): few."""
        self.serving = False
        self.dirty = False
        self.changes = ChangeTracker()
        """Outlives each build under ``serve``, like the hook itself."""
        self.cache: BuildCache | None = None
        """Under ``serve`` only: what each rebuild reuses from the last (see factsite.buildcache)."""
        self.once = RenderOnce()
        self.shells = ShellRenderer()
        self.writer = PageWriter(self.shells)
        self.nav: Navigation | None = None
        self.theme: tuple[Environment, Files] | None = None
        """The theme's templates and the files of this build (from ``on_env``), for the sitemap."""
        self.site: SiteInfo | None = None
        self.cards: CardCache | None = None
        """Cards drawn before: the published site's, and under ``serve`` every rebuild's (render/cardfiles.py)."""
        self.card_job: CardJob | None = None
        self.commits: tuple[str | None, dict[str, int] | None] | None = None
        """Under ``serve``: the facts' last commit times, with the HEAD they were read at."""
        self.language: Language = ENGLISH
        """The edition this build renders (factsite.mkdocsadapter.editions)."""
        self.generated: frozenset[str] = frozenset()
        """The generated pages of the last build, which every edition has."""
        self.alternates: Alternates | None = None
        self.last_commits: Mapping[str, int] | None = None
        """The facts' commit times this build read (in on_files), handed on to the other editions."""
        self.published = Path("site")
        """The site folder as published before this build, whose cards it reuses (set in on_config)."""
        self.built: Path | None = None
        """Under ``serve``: the site folder ``mkdocs build`` writes, whose cards the first build reuses."""
        self.editions: EditionJob | None = None
        """Under ``build``: the other editions, building beside this one since `on_files`."""
        self.repository: Repository | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty
        self.cache = BuildCache(checkpoint=stop_if_superseded) if self.serving else None
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_harmless_dirty_warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check every fact before anything is built: your own problems first, then a count of the rest.

        A failed check stops ``build``; under ``serve`` the last good facts are built instead,
        with the problems on every page (see `factsite.mkdocsadapter.serving`).
        """
        self.catalog = None
        self.language = edition_of(config)
        if not self.language.is_default:
            return self._edition_config(config)
        # (serve) Before MkDocs empties the folder they draw into: this build draws what is still missing.
        stop_drawing()
        root = Path(config.config_file_path).parent
        try:
            today = today_from_environment()
            self.site, notes = self._site_info(config)
        except ConfigurationError as exc:
            raise PluginError(str(exc)) from None
        strict = strict_from_environment()
        # Spilled as they are made: the build holds every fact to its end, their long texts and sources in a file.
        result = check_project(Layout.of(root), today=today, cache=self.cache or NO_CACHE, spilled=True)
        report = result.report
        focus = None if strict else changed_files(root)
        lines = [*own_problems_first(report, focus, f"{factsite_command(root)} check --all"), report.summary()]
        failed = report.failed(strict=strict)
        self.broken = [p for p in report if p.level is Level.ERROR or strict] if failed and self.serving else []
        config.extra[BANNER_KEY] = [problem.format() for problem in self.broken]
        if failed and not self.serving:
            raise PluginError("\n".join([*lines, "fact check failed: nothing was built"]))
        if failed:
            shown = set(config.extra[BANNER_KEY])
            for line in lines:
                (log.error if line in shown else log.info)(line)
            log.error("serving the last good build, with these problems on every page, until they are fixed")
            self.catalog = self.good or Catalog([])
        else:
            for line in lines if report else ():
                log.info(line)
            self.catalog = self.good = Catalog(result.facts)
        for note in notes:  # after the facts' problems, which come first
            advice.warning(note)
        # Before the staging hook moves the build elsewhere, site_dir is the published site, whose cards a build reuses.
        self.published = Path(config.site_dir)
        self.built = _built_site_dir(config) if self.serving else None
        self._use_cards(self.published, self.built)
        return config

    def _use_cards(self, published: Path, built: Path | None) -> None:
        """The cards this build reuses: the published site's, and under ``serve`` its own last rebuild's
        (kept in memory) and the built site's."""
        previous, seed = published / CARD_DIR, built / CARD_DIR if built else None
        if self.cards is None or (self.cards.previous, self.cards.seed) != (previous, seed):
            self.cards = CardCache(previous, seed=seed, remember=self.serving)

    def _edition_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Another edition's build: the facts the English build checked, shown in this edition's language."""
        handoff = current_handoff()
        self.serving, self.dirty, self.broken = handoff.serving, handoff.dirty, []
        # Each edition keeps its own cache between rebuilds: its pages differ from the English ones.
        self.cache = (self.cache or BuildCache()) if self.serving else None
        self.catalog = edition_catalog(handoff, self.language)
        self.site = edition_site(handoff, self.language, config)
        # The published edition, not the staging folder this build writes to (site_dir here).
        prefix = self.language.prefix
        self._use_cards(handoff.published / prefix, handoff.built / prefix if handoff.built else None)
        return config

    def _site_info(self, config: MkDocsConfig) -> tuple[SiteInfo, list[str]]:
        """The site's address and publisher, every setting checked, and advice about the address.

        ``FACTSITE_SITE_URL`` is checked as written: MkDocs would quietly add a missing ``/``.
        """
        raw = os.environ.get(SITE_URL_VARIABLE)
        if raw is not None:
            check_site_url(raw)
        url = config.site_url or DEFAULT_SITE_URL
        if os.environ.get(REQUIRE_VARIABLE, "") not in ("", "0"):
            require_public(url, from_environment=raw is not None)
        # serve replaces the address with its own, so the advice is for builds only
        notes = [] if self.serving else list(site_url_advice(url, from_environment=raw is not None))
        publisher = PublisherSettings.of(config.extra)
        site = SiteInfo(
            url,
            config.site_name,
            config.use_directory_urls,
            publisher.tagging,
            data_license=publisher.data_license,
            description=config.site_description or DEFAULT_SITE_DESCRIPTION,
        )
        return site, notes

    def _commit_times(self, root: Path) -> dict[str, int] | None:
        """`last_commit_times` of ``facts/``. They change only with a commit, so ``serve`` reads
        the history again only when HEAD has moved, not on every save."""
        if not self.serving:
            return last_commit_times(root, "facts")
        head = head_commit(root)
        if self.commits is None or self.commits[0] != head:
            self.commits = (head, last_commit_times(root, "facts"))
        return self.commits[1]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages and files: timeline, index, fact and reference pages, schema, data, feeds."""
        catalog = self._catalog()
        assert self.site is not None, "on_config did not run"
        site = self.site
        try:
            self.repository = repository = Repository.from_config(config.repo_url)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        self.metas = metas = PageMetas(catalog.facts, site, self.cache)
        self.markdown_meta.clear()
        titles = dict(nav_titles(config.nav))
        in_nav = nav_pages(config.nav)
        if self.dirty:
            self.changes.begin(*_build_context(files, config))
            # Hand-written pages may hold page blocks, which list facts: always rebuilt (they are few).
            files = Files([always_built(file) if file.is_documentation_page() else file for file in files])
        commits: Mapping[str, int] | None
        if self.language.is_default:
            self.last_commits = commits = self._commit_times(Path(config.config_file_path).parent)
            if other_editions(config) and not self.serving:  # before any thread or pool is started
                self.editions = EditionJob.start(config, self._handoff(config), self._hook_file(config))
            PageSpool.restart()  # after the fork: the other editions' build spools into its own
        else:
            commits = current_handoff().commits
            files = shared_assets(files, config, current_handoff())
        assert self.cards is not None, "on_config did not run"
        # Finished in on_post_build; under serve the pages are served before every card is drawn.
        self.card_job = start_cards(catalog.facts, site, self.cards, Path(config.site_dir), background=self.serving)
        pages = generate_site(
            catalog,
            directory_urls=config.use_directory_urls,
            site=site,
            repository=repository,
            commits=commits,
            cache=self.cache,
            with_cards=False,
            data_files=self.language.is_default,  # one copy of the downloads, at the site's root
        )
        generated: set[str] = set()
        known = {fact.id for fact in catalog.facts}
        fact_pages = {fact.src_uri for fact in catalog.facts}
        # One page at a time: a list of them would hold every page's HTML at once.
        for item in itertools.chain(pages, problem_pages(self.broken, known)):
            stop_if_superseded()
            if isinstance(item, GeneratedPage):
                generated.add(item.src_uri)
                # The head is made while the page is written (on_page_context): here only what a dirty build compares.
                meta = metas.dated(item)
                file: PackedFile
                # Thousands alike: written by the hook, not held as MkDocs pages.
                if written_by_hook(item.src_uri, fact_pages, in_nav):
                    file = PageFile.of_page(config, item, meta, self.writer)
                else:
                    file = PackedFile.of(config, item.src_uri, item.html, prefix=item.front_matter)
                    HtmlPage(titles.get(item.src_uri) or item.title, file, config, item.headings, meta)
                if self.dirty:
                    head = metas.page(item.src_uri).head
                    file.changed = self.changes.changed(item.src_uri, item.html, repr(sorted(meta.items())), head)
            else:
                file = PackedFile.of(config, item.src_uri, item)
                if item.src_uri.endswith(".md"):
                    generated.add(item.src_uri)
                    self.markdown_meta[item.src_uri] = metas.page(item.src_uri)
                if self.dirty and not item.src_uri.endswith(".md"):
                    file.changed = self.changes.changed(item.src_uri, file.body())
            files.append(file)
        config.extra["factsite_head"] = common_head(site)  # for pages without their own, and 404.html
        self.generated = frozenset(generated)
        self._set_alternates(config)
        return files

    def _set_alternates(self, config: MkDocsConfig) -> None:
        """Where each page is in every edition, for the language switch and the sitemap (overrides/)."""
        assert self.site is not None, "on_config did not run"
        languages = [language for language, _ in other_editions(config)]
        english = (self.site, Path(config.docs_dir)) if self.language.is_default else None
        if english is None:
            handoff = current_handoff()
            english = (handoff.site, handoff.docs_dir)
        self.alternates = alternates_for(*english, self.generated, languages) if languages else None

    def _page_alternates(self, page: Page | None) -> list[dict[str, str]]:
        """`page` in every edition that has it (``factsite_alternates`` in the theme)."""
        probe: list[dict[str, str]] | None = getattr(page, "factsite_alternates", None)  # a shell's markers
        if probe is not None:
            return probe
        return list(self.alternates.of(page.file.src_uri)) if self.alternates and page else []

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # the fact pages' writer renders them with it (pagefiles.py)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Give the theme (overrides/main.html) its render-once helpers."""
        self.once.clear()
        self.shells.clear()
        if self.nav is None:
            raise PluginError("hooks/facts.py must forward on_nav to the facts hook: fact pages are written with it")
        self.writer.begin(config, self.nav, env, files, self._page_alternates, sidebars_key)
        self.theme = (env, files)
        sitemap.take_over(config)  # rendered after the pages, as it is written (on_post_build)
        env.globals["factsite_sitemap_files"] = lambda pages: sitemap_files(files, config)
        if self.cache is not None:  # serve: compile the theme's templates once, not at every rebuild
            env.bytecode_cache = self.cache.templates
        env.globals["factsite_once"] = self.once
        env.globals["factsite_sidebars_key"] = sidebars_key
        env.globals["factsite_alternates"] = self._page_alternates
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replace the page blocks (``<!-- factsite: NAME ... -->``) of a hand-written page."""
        if page.file.generated_by or "factsite:" not in markdown:
            return markdown
        root = Path(config.config_file_path).parent
        path = display_path(Path(page.file.abs_src_path or page.file.src_path), root)
        pages = frozenset(file.src_uri for file in page_files(files))
        context = BlockContext(self._catalog(), page.file.src_uri, config.use_directory_urls, pages)
        first_line = line_offset(page.file.content_string, markdown)
        expanded, problems = expand_blocks(markdown, path=path, context=context, first_line=first_line)
        if not problems:
            return expanded
        lines = [problem.format() for problem in problems]
        if not self.serving:
            raise PluginError("page blocks failed:\n" + "\n".join(lines))
        for line in lines:
            log.error(line)
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        return f'<ul class="fs-problems" role="alert">{items}</ul>\n\n{markdown}'

    @event_priority(-100)  # after every other handler
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give Markdown pages their extra head and sitemap date; pack a generated page's HTML.

        The theme (overrides/) reads both from ``page.meta``. A generated page's HTML is
        packed away until the page is written (see `on_page_context`).
        """
        if isinstance(page, HtmlPage):
            page.file.packed = pack(html)
            return ""
        # A hand-written page gets none: the theme falls back to the common head.
        page.meta.update(self.markdown_meta.get(page.file.src_uri, PageMeta()).as_meta())
        return html

    @event_priority(100)  # before any plugin reads the page
    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Unpack the HTML and head of the generated page about to be written."""
        if isinstance(page, HtmlPage):
            assert self.metas is not None, "on_files did not run"
            page.content = page.file.body()
            page.meta["factsite_head"] = self.metas.page(page.file.src_uri).head
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Drop what `on_page_context` unpacked: only the written page is held."""
        if isinstance(page, HtmlPage):
            page.content = ""
            page.meta.pop("factsite_head", None)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the edition's search index and its sitemap (rendered as it is written: mkdocsadapter/sitemap.py)."""
        catalog = self._catalog()
        log.debug(
            "fact pages: %d filled from %d theme shells, %d rendered by the theme",
            self.shells.filled,
            self.shells.families,
            self.shells.rendered,
        )
        write_search(catalog, config)
        assert self.site is not None and self.nav is not None and self.theme is not None, "on_env did not run"
        sitemap.write(*self.theme, self.nav, config, catalog.facts, self.site.url)
        if self.card_job is not None:  # started beside the build in on_files
            self.card_job.finish()
            self.card_job = None
        if self.dirty:
            for src_uri in self.changes.commit():  # outputs of facts or terms that are gone
                stale = File(src_uri, None, config.site_dir, config.use_directory_urls)
                Path(stale.abs_dest_path).unlink(missing_ok=True)
        if self.editions is not None:
            job, self.editions = self.editions, None
            if not job.wait():
                raise PluginError("the other editions failed to build: their messages are above")
        elif self.language.is_default and other_editions(config):
            build_editions(config, self._handoff(config), self._hook_file(config))

    def _handoff(self, config: MkDocsConfig) -> Handoff:
        """What the other editions' builds take from this one: the checked facts and their settings."""
        assert self.site is not None, "on_config did not run"
        return Handoff(
            facts=tuple(self._catalog().facts),
            site=self.site,
            docs_dir=Path(config.docs_dir),
            serving=self.serving,
            dirty=self.dirty,
            commits=self.last_commits,
            published=self.published,
            built=self.built,
        )

    def _hook_file(self, config: MkDocsConfig) -> str:
        """This hook's file, for the editions' configurations (by its absolute path: a module of its own)."""
        hooks: dict[str, Any] = config["hooks"]  # validated: each name with its loaded module
        for module in hooks.values():
            if getattr(module, "_hook", None) is self:
                return str(Path(str(module.__file__)).resolve())
        raise PluginError("the facts hook must be named in mkdocs.yml 'hooks:' to build the other editions")

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # Only a dirty rebuild leaves the served pages in place while it runs: a clean one empties the folder first.
        return serve_with_preview(server, config, self.preview) if self.dirty else server

    def preview(self, saved: Sequence[Path]) -> bool:
        """Check the saved fact files on their own and write their pages now, before the full rebuild.

        The rest of the site is as last built: a page's neighbours and related entries are
        those of the last good facts until the full rebuild (`factsite.mkdocsadapter.liveedit`).
        False when nothing was shown: the last check failed, or this one finds a problem,
        which the full check then reports with the rest.
        """
        config, catalog = self.writer.config, self.good
        if config is None or catalog is None or self.broken or self.metas is None or not self.language.is_default:
            return False
        root = Path(config.config_file_path).parent
        cache = self.cache or NO_CACHE
        result = check_project(Layout.of(root, facts=saved), today=today_from_environment(), cache=cache, across=False)
        if result.report.failed(strict=strict_from_environment()) or len(result.facts) != len(saved):
            return False
        for fact in result.facts:
            page = render_fact_page(fact, catalog, directory_urls=config.use_directory_urls, repository=self.repository)
            self.metas.replace(fact)
            self.writer.write(PageFile.of_page(config, page, self.metas.dated(page), self.writer))
            self.changes.stale(page.src_uri)  # the full rebuild writes it again, as the whole site has it
            log.info(f"Previewed {fact.path}: the full rebuild follows")
        return True

    def on_shutdown(self) -> None:
        stop_watching()
        stop_drawing()

    def on_build_error(self, error: Exception) -> None:
        if isinstance(error, Superseded):
            self.changes.interrupted()
        else:
            self.changes.forget()
        if self.editions is not None:
            self.editions.cancel()
            self.editions = None
        if self.card_job is not None:
            self.card_job.cancel()
            self.card_job = None

    def _catalog(self) -> Catalog:
        assert self.catalog is not None, "on_config did not run"
        return self.catalog


def _build_context(files: Files, config: MkDocsConfig) -> Iterator[str]:
    """What shapes every page besides its own content: configuration, environment, hand-written files,
    theme, and the problems the banner lists.

    When any of it changes between two ``--dirty`` builds, the second rebuilds everything.
    """
    yield Path(config.config_file_path).read_bytes().decode("utf-8", "replace")
    yield repr(sorted((key, value) for key, value in os.environ.items() if key.startswith("FACTSITE_")))
    yield repr(config.extra.get(BANNER_KEY))
    paths = [file.abs_src_path for file in files if file.abs_src_path]
    if config.theme.custom_dir:
        paths += [str(path) for path in Path(config.theme.custom_dir).rglob("*")]
    for path in sorted(paths):
        stat = os.stat(path)
        yield f"{path} {stat.st_mtime_ns} {stat.st_size}"


def _built_site_dir(config: MkDocsConfig) -> Path:
    """The folder ``mkdocs build`` writes, as the configuration file names it (``serve`` replaces
    `config.site_dir` with a temporary folder), read with MkDocs' own loader (``INHERIT``, ``!ENV``)."""
    path = Path(config.config_file_path)
    try:
        with path.open("rb") as file:
            loaded = yaml_load(file)
    except (OSError, mkdocs_errors.ConfigurationError):
        loaded = None  # serve then draws the cards it cannot find; MkDocs reports a bad file itself
    written = loaded.get("site_dir", "site") if isinstance(loaded, dict) else "site"
    return path.parent / str(written)


def _harmless_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' "'dirty' build ... inaccurate navigation" warning: this hook decides which pages
    a dirty build writes (`ChangeTracker`), and every page that lists facts is among them."""
    return "'dirty' build is being performed" not in record.getMessage()
