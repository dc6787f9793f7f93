"""Under ``mkdocs serve``: a saved entry's page shows in a second or two, however large the archive.

MkDocs rebuilds the whole site after every save and holds each request until it is done:
minutes at 100,000 entries. Its watcher polls, listing and stating every watched file
about twice a second, which at that size keeps most of a core busy. So under
``serve --dirty`` (``make serve``), whose rebuilds leave the served pages in place:

- the facts folder is watched through the system's file events (watchdog's native
  observer: inotify on Linux), which name the saved files; MkDocs polls only the rest;
- each rebuild starts with a preview: the saved fact files are checked on their own
  (the rules across files wait for the full check) and, when they pass, their pages are
  written and browsers reload (`FactsHook.preview`);
- the full rebuild follows while pages are served, and reloads browsers again when it is
  done. A newer save of a fact cuts it short (`Superseded`), so that save is previewed
  at once and the full rebuild starts over.

MkDocs has no API for the last two, so they use its live-reload server's epochs and
rebuild condition (mkdocs 1.6). Where those are missing, and under a plain ``serve``,
whose rebuilds empty the site folder first, ``serve`` runs as MkDocs' own does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger("hooks/facts")

_SERVER_PARTS = ("builder", "_rebuild_cond", "_want_rebuild", "_epoch_cond", "_visible_epoch", "_wanted_epoch")
"""What of MkDocs' live-reload server the preview uses; without any of them, no preview."""

_CONTENT_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed"})
"""Events that change a file's content or name; not ``opened``, which every read of the build raises."""


class Superseded(Exception):
    """A fact was saved again while the site was rebuilt: the rebuild stops, to preview it first.

    Not a MkDocs ``BuildError``: MkDocs passes it on unlogged, and the builder catches it.
    """


class FactEdits(FileSystemEventHandler):
    """The files of the facts folder saved since the last rebuild began, by the system's events."""

    def __init__(self, folder: Path, poke: Callable[[], None]) -> None:
        super().__init__()
        self.folder = folder
        self._poke = poke
        self._lock = threading.Lock()
        self._saved: set[Path] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _CONTENT_EVENTS:
            return
        with self._lock:
            for path in (event.src_path, event.dest_path):
                if path:
                    self._saved.add(Path(os.fsdecode(path)))
        self._poke()

    def take(self) -> list[Path]:
        """The files saved since the last call, sorted; they are forgotten here."""
        with self._lock:
            saved, self._saved = self._saved, set()
        return sorted(saved)

    def pending(self) -> bool:
        with self._lock:
            return bool(self._saved)

    def previewable(self, saved: Sequence[Path]) -> list[Path]:
        """The saved fact files a preview can show: every one a fact file that is there.

        Empty when any saved file is not (a deleted entry, a stray file): only the full
        rebuild can show or report that.
        """
        shown = [path for path in saved if not _editor_scratch(path)]
        if all(path.parent == self.folder and path.suffix == ".yml" and path.is_file() for path in shown):
            return shown
        return []


def _editor_scratch(path: Path) -> bool:
    """A file an editor writes beside the one it saves (``.x.yml.swp``, ``x.yml~``, Vim's ``4913``)."""
    return path.name.startswith(".") or path.name.endswith("~") or path.name.isdigit()


_rebuilding: FactEdits | None = None
"""The edits that stop the full rebuild under way, if one is: the editions, built in the
same process, stop for them too; a preview is never stopped."""
_observer: Any = None


def stop_if_superseded() -> None:
    """Raise `Superseded` when a fact was saved since the full rebuild under way began (between files and pages)."""
    if _rebuilding is not None and _rebuilding.pending():
        raise Superseded


def serve_with_preview(
    server: LiveReloadServer, config: MkDocsConfig, preview: Callable[[Sequence[Path]], bool]
) -> LiveReloadServer:
    """Watch the facts folder by file events, and give every rebuild of `server` its preview first."""
    global _observer
    folder = Path(config.config_file_path).parent / "facts"
    if not all(hasattr(server, part) for part in _SERVER_PARTS) or str(folder) not in config.watch:
        log.debug("serve: no preview of saved facts (MkDocs' server or the watched folders differ)")
        return server
    edits = FactEdits(folder, lambda: _request_rebuild(server))
    observer = Observer()
    try:
        observer.schedule(edits, str(folder), recursive=False)
        observer.start()
    except OSError as exc:  # no file events here (a limit of inotify watches, say): MkDocs polls
        log.info(f"serve: facts are polled, without a preview of saved facts ({exc})")
        return server
    config.watch.remove(str(folder))  # MkDocs watches the rest after this event
    full_rebuild = server.builder

    def builder() -> None:
        global _rebuilding
        shown = False
        saved = edits.previewable(edits.take())
        try:
            shown = bool(saved) and preview(saved)
        except Exception:  # a fault of the preview must not keep the full rebuild from running
            log.warning("serve: the preview of the saved facts failed; the full rebuild follows", exc_info=True)
        if shown:
            _reload_browsers(server)
        _rebuilding = edits
        try:
            full_rebuild()
        except Superseded:
            log.info("A fact was saved again: this rebuild stops, to show that first")
            return
        finally:
            _rebuilding = None
        if shown:  # the full rebuild changed more than the previewed pages: reload once more
            with server._epoch_cond:
                server._wanted_epoch = max(server._wanted_epoch, server._visible_epoch) + 1

    server.builder = builder
    _observer = observer
    return server


def stop_watching() -> None:
    """End the file events' thread (``on_shutdown``)."""
    global _observer
    if _observer is not None:
        _observer.stop()
        _observer.join(timeout=5)
    _observer = None


def _request_rebuild(server: LiveReloadServer) -> None:
    """What MkDocs' own watcher does on a change: wake the rebuild loop."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _reload_browsers(server: LiveReloadServer) -> None:
    """Show the rebuild under way as done: browsers reload, and requests are answered during the rest."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()
