"""The site's other editions: each one a second MkDocs build of the same facts, below its prefix.

The English build checks the facts once; then, for each edition named under
``extra.editions`` in ``mkdocs.yml`` (``ru``), it builds that edition into
``site/<prefix>`` with the same configuration and these changes: the edition's hand-written
pages (``docs/<code>/``), its nav, name and description, Material's interface in that
language, and only the facts hook (the build around it is already being staged). The
edition's hook takes the checked facts from `Handoff` instead of checking them again,
and renders every generated page inside ``i18n.using(language)``.

A second build, rather than one build with two page trees, because MkDocs and Material
take the language, the nav, the search language and the site's name per build: a
second build gets each of them right from Material itself. Data downloads and the
schema are written once, at the root, by the English build.

Under ``mkdocs build`` the editions are built beside the English one, in a forked
process (`EditionJob`): the two builds share no output folder, and on two cores the
whole site takes little longer than its English half. ``serve`` (whose server runs in
threads a fork would not carry) and systems without ``fork`` build them one after the
other, after the English pages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import sys
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import get_schema
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from factsite import i18n
from factsite.catalog import Catalog
from factsite.i18n import ENGLISH, Language
from factsite.model import Fact
from factsite.render.siteinfo import SiteInfo

EDITION_KEY = "factsite_edition"
"""Set in an edition's configuration (``extra``): the language code the build renders."""
EDITIONS_KEY = "editions"
"""``extra.editions`` in ``mkdocs.yml``: each other edition's name, description and nav, by language code."""
ASSETS = "assets"
"""The folder of ``docs/`` whose files (styles, scripts) every edition serves as its own."""


@dataclass(frozen=True)
class Handoff:
    """What the English build hands each edition's build: the checked facts and the settings around them."""

    facts: tuple[Fact, ...]
    site: SiteInfo
    docs_dir: Path
    serving: bool
    dirty: bool
    """Under ``make serve`` (``--dirty``): each edition, too, rewrites only the pages that changed."""
    commits: Mapping[str, int] | None
    published: Path
    """The site folder as published before this build (not the staging folder): its cards are reused."""
    built: Path | None = None
    """Under ``serve``, which publishes to a folder of its own: the site ``mkdocs build`` wrote,
    whose cards are reused too."""


_handoff: Handoff | None = None


def current_handoff() -> Handoff:
    assert _handoff is not None, "an edition is built only from the English build's hook"
    return _handoff


def edition_of(config: MkDocsConfig) -> Language:
    """The edition `config` builds: English unless the English build made this configuration."""
    code = config.extra.get(EDITION_KEY)
    return i18n.edition(code) if code else ENGLISH


def other_editions(config: MkDocsConfig) -> list[tuple[Language, Mapping[str, Any]]]:
    """The editions besides English that ``mkdocs.yml`` asks for, in `i18n.EDITIONS` order."""
    wanted = config.extra.get(EDITIONS_KEY) or {}
    return [(language, wanted[language.code]) for language in i18n.EDITIONS[1:] if language.code in wanted]


def edition_catalog(handoff: Handoff, language: Language) -> Catalog:
    return Catalog([fact.in_language(language.code) for fact in handoff.facts])


def edition_site(handoff: Handoff, language: Language, config: MkDocsConfig) -> SiteInfo:
    site = handoff.site.below(language.prefix)
    return dataclasses.replace(site, name=config.site_name, description=config.site_description or site.description)


def build_editions(config: MkDocsConfig, handoff: Handoff, hook_file: str) -> None:
    """Build every other edition into ``<site_dir>/<prefix>``, after the English pages are written."""
    global _handoff
    _handoff = handoff
    try:
        for language, settings in other_editions(config):
            edition_config = _edition_config(config, language, settings, hook_file)
            with i18n.using(language):
                build(edition_config, dirty=handoff.dirty)
    finally:
        _handoff = None


log = logging.getLogger("mkdocs.plugins.hooks/facts")


class EditionJob:
    """The other editions' build, running in a forked process beside the English build.

    The child inherits the checked facts as they are (nothing is copied or checked again),
    builds every other edition with `build_editions`, and exits; the English build waits
    for it (`wait`) before its own build is swapped in. A failed edition build, including
    ``--strict`` warnings, which MkDocs in the child turns into a failure, fails the whole.
    """

    def __init__(self, pid: int) -> None:
        self.pid: int | None = pid

    @classmethod
    def start(cls, config: MkDocsConfig, handoff: Handoff, hook_file: str) -> EditionJob | None:
        """Fork the editions' build; `None` where this system cannot fork (build them later, in turn)."""
        if not hasattr(os, "fork"):
            return None
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        pid = os.fork()
        if pid:
            return cls(pid)
        status = 1
        try:  # the child: never return into the English build
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            build_editions(config, handoff, hook_file)
            status = 0
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # reported here: the parent only sees the exit status
            log.error("building the other editions failed: %s", exc)
        finally:
            logging.shutdown()
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            os._exit(status)

    def wait(self) -> bool:
        """Wait for the editions' build; whether it succeeded."""
        if self.pid is None:
            return True
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0

    def cancel(self) -> None:
        """Stop the editions' build (the English one failed: nothing will be published)."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            self.wait()


def _edition_config(config: MkDocsConfig, language: Language, settings: Mapping[str, Any], hook: str) -> MkDocsConfig:
    overrides: dict[str, Any] = {
        "site_dir": str(Path(config.site_dir) / language.prefix),
        "docs_dir": str(Path(config.docs_dir) / language.code),
        "site_url": (config.site_url or "") + language.prefix,
        "hooks": [hook],
        "exclude_docs": "",
        "strict": config.strict,
        "extra": {**config.extra, EDITION_KEY: language.code},
    }
    for key in ("site_name", "site_description", "nav"):
        if key in settings:
            overrides[key] = settings[key]
    with _own_plugins(language):
        edition = load_config(config_file=config.config_file_path, **overrides)
    edition.theme["language"] = language.code
    return edition


_PLUGIN_CACHES: dict[str, dict[str, Any]] = {}
"""Each edition's plugin instances, kept between ``serve`` rebuilds as MkDocs keeps the English ones."""


@contextlib.contextmanager
def _own_plugins(language: Language) -> Iterator[None]:
    """Load an edition's configuration with plugin instances of its own.

    MkDocs keeps one instance of each plugin that has ``on_startup`` for the whole process
    (``config_options.Plugins.plugin_cache``, on the option shared by every configuration),
    so the edition would otherwise share the English build's search plugin, and its index.
    """
    option = dict(get_schema(MkDocsConfig))["plugins"]
    assert isinstance(option, Plugins)
    english = option.plugin_cache
    option.plugin_cache = _PLUGIN_CACHES.setdefault(language.code, {})
    try:
        yield
    finally:
        option.plugin_cache = english


def shared_assets(files: Files, config: MkDocsConfig, handoff: Handoff) -> Files:
    """Add the English docs' ``assets/`` (styles, scripts) to an edition's files, as its own."""
    have = set(files.src_uris)
    for path in sorted((handoff.docs_dir / ASSETS).rglob("*")):
        src_uri = path.relative_to(handoff.docs_dir).as_posix()
        if path.is_file() and src_uri not in have:
            files.append(File(src_uri, str(handoff.docs_dir), config.site_dir, config.use_directory_urls))
    return files


@dataclass(frozen=True)
class Alternates:
    """Each page's address in every edition that has it: for the language switch and the sitemaps' hreflang.

    Hreflang pairs go in the sitemaps, not the pages' heads: Material fetches
    ``sitemap.xml`` beside every ``<link rel="alternate">`` in a head, and only an
    edition's root has one.
    """

    editions: tuple[tuple[Language, SiteInfo, Path], ...]
    """Each edition with its address and its hand-written pages' folder."""
    generated: Collection[str]

    def of(self, src_uri: str) -> Iterator[dict[str, str]]:
        for language, site, docs in self.editions:
            if src_uri in self.generated or (docs / src_uri).is_file():
                yield {"lang": language.code, "name": language.name, "href": site.page(src_uri)}


def alternates_for(
    handoff_site: SiteInfo, english_docs: Path, generated: Collection[str], editions: list[Language]
) -> Alternates:
    """The `Alternates` of a site whose English edition is at `handoff_site` with its docs in `english_docs`."""
    rows = [(ENGLISH, handoff_site, english_docs)]
    rows += [(language, handoff_site.below(language.prefix), english_docs / language.code) for language in editions]
    return Alternates(tuple(rows), generated)
