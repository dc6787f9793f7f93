"""``factsite archive``: find archived copies of the sources and write them into the fact files.

For each source without ``archive_url``, the Wayback Machine is asked for its snapshot
closest to the day we read the page (`factsite.wayback`). A snapshot found becomes two
new lines after the source's ``url:`` line, at its indentation::

    archive_url: https://web.archive.org/web/20220905123456/https://example.org/page
    archived: "2022-09-05"

A snapshot made before the source was published is of another page, and is not used.

The file is edited as text, never dumped again from data, so its comments, key order,
quoting and line endings stay exactly as the contributor wrote them; the edited text is
loaded again and must hold the same data plus the new fields, or the file is left alone.
A file in which any lookup failed (429, 5xx, malformed JSON, no answer in time) is left
alone too: the failure is reported at its source, and the next run asks again.

Resumable without a state file: the fact files are the state. Each file is written as soon
as its lookups are done, and every run skips the sources that already have an
``archive_url``, so an interrupted run loses at most the file it was on, and running
again continues where it stopped. Sources without a snapshot are asked again on every
run, since a capture may exist by then (``--save`` requests one).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factsite.model import Fact, Source
from factsite.problems import Level, Problem
from factsite.wayback import NoSnapshot, Snapshot, Wayback, WaybackError
from factsite.yamlload import LoadedDocument, load_text

RULE = "archive"


@dataclass(frozen=True)
class Note:
    """What happened to one source, at its ``url`` in its file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    failed: bool = False

    def format(self) -> str:
        if self.failed:
            return Problem(self.path, self.line, self.column, RULE, self.field, self.message, Level.ERROR).format()
        return (
            Problem(self.path, self.line, self.column, RULE, self.field, self.message)
            .format()
            .replace(": error: ", ": note: ", 1)
        )


@dataclass
class FileEdit:
    """One fact file before and after the new lines."""

    path: str
    before: str
    after: str

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass
class ArchiveRun:
    edits: list[FileEdit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    snapshots: int = 0
    missing: int = 0
    saved: int = 0

    @property
    def failures(self) -> list[Note]:
        return [note for note in self.notes if note.failed]

    def summary(self, *, written: bool) -> str:
        files = f"{len(self.edits)} file{'s' if len(self.edits) != 1 else ''}"
        where = f"written to {files}" if written else f"for {files}, not written (add --write)"
        return (
            f"{self.snapshots} snapshot{'s' if self.snapshots != 1 else ''} found, {where}; "
            f"{self.missing} source{'s' if self.missing != 1 else ''} without one"
            + (f" ({self.saved} captures requested)" if self.saved else "")
            + f"; {len(self.failures)} failed\n"
        )


def archive_sources(
    facts: Sequence[Fact],
    root: Path,
    client: Wayback,
    *,
    save: bool = False,
    write: bool = False,
    on_file: Callable[[FileEdit], object] | None = None,
) -> ArchiveRun:
    """Look up every source without ``archive_url``; edit (and with `write`, save) the files that gain one."""
    run = ArchiveRun()
    for fact in sorted(facts, key=lambda fact: fact.path):
        wanted = [index for index, source in enumerate(fact.sources) if source.archive_url is None]
        if not wanted:
            continue
        path = root / fact.path
        with path.open(encoding="utf-8", newline="") as handle:  # keeps \r\n as written
            text = handle.read()
        places = source_places(text)
        found: dict[int, Snapshot] = {}
        failed = False
        for index in wanted:
            source = fact.sources[index]
            line, column, _, by_hand = places.get(index, (1, 1, 0, "cannot be found in the file"))
            at = (fact.path, line, column, f"sources[{index}].url")
            if by_hand:
                message = f"source {by_hand}; add archive_url and archived by hand; {fact.path} left untouched"
                run.notes.append(Note(*at, message, failed=True))
                failed = True
                continue
            try:
                answer = look_up(source, client, save=save)
            except WaybackError as exc:
                run.notes.append(Note(*at, f"{exc}; {fact.path} left untouched", failed=True))
                failed = True
                continue
            if isinstance(answer, NoSnapshot):
                run.missing += 1
                run.saved += 1 if answer.capture_requested else 0
                run.notes.append(Note(*at, answer.reason))
            else:
                found[index] = answer
                run.notes.append(Note(*at, f"snapshot of {answer.day.isoformat()}: {answer.url}"))
        if failed or not found:
            continue
        after = insert_snapshots(text, {index: (places[index][2], snapshot) for index, snapshot in found.items()})
        problem = _unsafe_edit(fact.path, text, after, found)
        if problem:
            first = min(found)
            run.notes.append(Note(fact.path, *places[first][:2], f"sources[{first}].url", problem, failed=True))
            continue
        edit = FileEdit(fact.path, text, after)
        run.edits.append(edit)
        run.snapshots += len(found)
        if write:
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(after)
        if on_file:
            on_file(edit)
    return run


def look_up(source: Source, client: Wayback, *, save: bool) -> Snapshot | NoSnapshot:
    """The snapshot of `source` closest to the day we read it; with `save`, a capture is requested
    when there is none. A snapshot made before the source was published is of another page."""
    answer = client.closest(source.url, source.accessed)
    if isinstance(answer, Snapshot) and source.published and answer.day < source.published.earliest:
        answer = NoSnapshot(
            f"the closest snapshot, of {answer.day.isoformat()}, predates the source "
            f"({source.published.iso()}); it is of another page"
        )
    if isinstance(answer, NoSnapshot) and save:
        client.save(source.url)
        answer = NoSnapshot(f"{answer.reason}; capture requested through Save Page Now", capture_requested=True)
    return answer


def source_places(text: str) -> dict[int, tuple[int, int, int, str | None]]:
    """For each source: its ``url`` line and column (1-based), the key's column, and why no line
    can be added after it, if so: the source is a flow mapping, or its url spans lines."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sources = _value(root, "sources")
    places: dict[int, tuple[int, int, int, str | None]] = {}
    if not isinstance(sources, SequenceNode):
        return places
    for index, item in enumerate(sources.value):
        if not isinstance(item, MappingNode):
            continue
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "url":
                by_hand = (
                    "is written as a flow mapping"
                    if item.flow_style
                    else "has a url written over several lines"
                    if value.end_mark.line != value.start_mark.line
                    else None
                )
                places[index] = (value.start_mark.line + 1, value.start_mark.column + 1, key.start_mark.column, by_hand)
    return places


def _value(node: Node | None, name: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == name:
                found: Node = value
                return found
    return None


def insert_snapshots(text: str, snapshots: dict[int, tuple[int, Snapshot]]) -> str:
    """`text` with ``archive_url`` and ``archived`` after the ``url`` line of each source in `snapshots`
    (source index to the url key's column and the snapshot)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    places = source_places(text)
    for index in sorted(snapshots, reverse=True):  # bottom up, so earlier line numbers stay right
        indent, snapshot = snapshots[index]
        after_line = places[index][0]
        if not lines[after_line - 1].endswith(("\n", "\r")):
            lines[after_line - 1] += newline
        pad = " " * indent
        lines[after_line:after_line] = [
            f"{pad}archive_url: {yaml_text(snapshot.url)}{newline}",
            f'{pad}archived: "{snapshot.day.isoformat()}"{newline}',
        ]
    return "".join(lines)


_PLAIN = re.compile(r"[A-Za-z][^\s\"'`#\x00-\x1f\x7f\u0080-\u009f]*")
"""Text that YAML reads as itself without quotes: a URL without spaces, quotes or '#'."""


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _PLAIN.fullmatch(value) and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _unsafe_edit(path: str, before: str, after: str, found: dict[int, Snapshot]) -> str | None:
    """Why the edited text does not hold exactly the old data plus the new fields, if it does not."""
    old, new = LoadedDocument(path), LoadedDocument(path)
    load_text(before, old)
    load_text(after, new)
    expected = json.loads(json.dumps(old.data))
    for index, snapshot in found.items():
        expected["sources"][index].update(archive_url=snapshot.url, archived=snapshot.day.isoformat())
    if new.problems or new.data != expected:
        return (
            f"the new lines would not read back as written; add archive_url and archived by hand; {path} left untouched"
        )
    return None
