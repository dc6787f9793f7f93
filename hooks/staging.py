"""MkDocs adapter: build into a staging folder and swap it in only on success.

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

_staged: StagedSite | None = None
_command = "build"
_warnings = CountHandler()
_warnings.setLevel(logging.WARNING)


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _staged
    _staged = None
    logging.getLogger("mkdocs").removeHandler(_warnings)
    if _command in ("build", "gh-deploy"):
        _staged = StagedSite(Path(config.site_dir).resolve())
        config.site_dir = str(_staged.begin())
        if config.strict:
            _warnings.counts.clear()
            logging.getLogger("mkdocs").addHandler(_warnings)
    return config


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    logging.getLogger("mkdocs").removeHandler(_warnings)
    if _staged is not None and not _warnings.get_counts():
        _staged.commit()
        config.site_dir = str(_staged.target)


def on_build_error(error: Exception) -> None:
    logging.getLogger("mkdocs").removeHandler(_warnings)
    if _staged is not None:
        _staged.discard()
