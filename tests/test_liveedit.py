"""``serve``'s preview of a saved fact (factsite.mkdocsadapter.liveedit), without a browser.

The server here stands in for MkDocs' live-reload server: the same epochs and rebuild
condition, which the preview uses. ``tests/test_serve.py`` runs the real one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from factsite.mkdocsadapter import liveedit
from factsite.mkdocsadapter.liveedit import FactEdits, Superseded, serve_with_preview, stop_if_superseded
from factsite.render.changes import ChangeTracker


class _Server:
    """The parts of MkDocs' LiveReloadServer (mkdocs 1.6) that the preview uses."""

    def __init__(self, builder: object) -> None:
        self.builder = builder
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self._epoch_cond = threading.Condition()
        self._wanted_epoch = self._visible_epoch = 100


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a.yml").write_text("title: a\n", encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), watch=[str(facts), str(tmp_path / "vocab")])
    yield facts, config
    liveedit.stop_watching()


def _wait(condition: object, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the file event did not arrive"
        time.sleep(0.02)


def test_a_saved_fact_wakes_the_rebuild_and_is_previewed_before_it(served) -> None:  # type: ignore[no-untyped-def]
    facts, config = served
    steps: list[str] = []
    server = _Server(lambda: steps.append(f"full rebuild, visible {server._visible_epoch}"))

    def preview(saved: Sequence[Path]) -> bool:
        steps.append(f"preview {[path.name for path in saved]}")
        return True

    assert serve_with_preview(server, config, preview) is server  # type: ignore[arg-type]
    assert config.watch == [str(Path(config.config_file_path).parent / "vocab")], "MkDocs no longer polls facts/"
    (facts / "a.yml").write_text("title: b\n", encoding="utf-8")
    _wait(lambda: server._want_rebuild)
    time.sleep(0.1)  # the rest of the save's events
    server._wanted_epoch = 200  # as MkDocs' rebuild loop does before calling the builder
    server.builder()
    assert steps == ["preview ['a.yml']", "full rebuild, visible 200"], "browsers reload at the preview"
    assert server._wanted_epoch > server._visible_epoch, "and once more when the full rebuild is done"


def test_a_newer_save_cuts_the_full_rebuild_short(served) -> None:  # type: ignore[no-untyped-def]
    facts, config = served

    def full_rebuild() -> None:
        (facts / "a.yml").write_text("title: c\n", encoding="utf-8")
        _wait(liveedit._rebuilding.pending)  # type: ignore[union-attr]
        with pytest.raises(Superseded):
            stop_if_superseded()  # as the hook does between files and pages
        stop_if_superseded()  # raised again, for the builder to catch
        raise AssertionError("not superseded")

    server = _Server(full_rebuild)
    serve_with_preview(server, config, lambda saved: True)  # type: ignore[arg-type]
    server.builder()  # returns: the rebuild loop goes on to the newer save
    assert server._want_rebuild
    stop_if_superseded()  # no rebuild under way: nothing to stop (a preview is never stopped)


def test_only_fact_files_that_are_there_are_previewed(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    for name in ("a.yml", "b.yml", "notes.txt"):
        (facts / name).write_text("x", encoding="utf-8")
    edits = FactEdits(facts, lambda: None)
    scratch = [facts / ".a.yml.swp", facts / "a.yml~", facts / "4913"]
    assert edits.previewable([facts / "a.yml", facts / "b.yml", *scratch]) == [facts / "a.yml", facts / "b.yml"]
    assert edits.previewable([facts / "a.yml", facts / "gone.yml"]) == [], "a deleted entry: the full rebuild"
    assert edits.previewable([facts / "notes.txt"]) == [], "a stray file: the full check reports it"
    assert edits.previewable([tmp_path / "a.yml"]) == []


def test_serve_without_the_servers_parts_is_mkdocs_own(served) -> None:  # type: ignore[no-untyped-def]
    _, config = served
    watched = list(config.watch)
    server = SimpleNamespace(builder=lambda: None)
    assert serve_with_preview(server, config, lambda saved: True) is server  # type: ignore[arg-type]
    assert config.watch == watched, "MkDocs polls the facts folder as before"


def test_previewed_and_cut_short_outputs_are_written_again_by_the_next_build() -> None:
    tracker = ChangeTracker()
    tracker.begin("context")
    for key in ("a", "b", "c"):
        tracker.changed(key, key)
    tracker.commit()
    tracker.stale("a")  # previewed
    tracker.begin("context")
    assert tracker.changed("a", "a") and not tracker.changed("b", "b")
    assert tracker.changed("c", "new")
    tracker.interrupted()  # "c" may be half written
    tracker.begin("context")
    assert [key for key in ("a", "b", "c") if tracker.changed(key, key)] == ["a", "c"]
    tracker.interrupted()
    tracker.begin("another context")
    tracker.interrupted()  # cut short after the context changed: everything counts as changed
    tracker.begin("context")
    assert all(tracker.changed(key, key) for key in ("a", "b", "c"))


def test_a_failing_preview_still_lets_the_full_rebuild_run(served) -> None:  # type: ignore[no-untyped-def]
    facts, config = served
    rebuilt: list[bool] = []
    server = _Server(lambda: rebuilt.append(True))

    def preview(saved: Sequence[Path]) -> bool:
        raise RuntimeError("a fault in the preview")

    serve_with_preview(server, config, preview)  # type: ignore[arg-type]
    (facts / "a.yml").write_text("title: d\n", encoding="utf-8")
    _wait(lambda: server._want_rebuild)
    time.sleep(0.1)
    server.builder()
    assert rebuilt == [True] and server._visible_epoch == 100, "rebuilt; no reload before it"
