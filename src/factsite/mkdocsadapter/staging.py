"""Build into a staging folder and swap it in only on success (`factsite.publish.StagedSite`).

Runs after every other plugin and hook (lowest priority), so their output is staged too.
In strict mode MkDocs fails only after the last event, so warnings are counted here as
well and a build with any is not swapped in. ``mkdocs serve`` builds into its own
temporary folder and is left alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from factsite.publish import StagedSite


class StagingHook:
    """The staged build of one MkDocs process."""

    def __init__(self) -> None:
        self.staged: StagedSite | None = None
        self.command = "build"
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.staged = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.command in ("build", "gh-deploy"):
            self.staged = StagedSite(Path(config.site_dir).resolve())
            config.site_dir = str(self.staged.begin())
            if config.strict:
                self.warnings.counts.clear()
                logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staged is not None and not self.warnings.get_counts():
            self.staged.commit()
            config.site_dir = str(self.staged.target)

    def on_build_error(self, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staged is not None:
            self.staged.discard()
