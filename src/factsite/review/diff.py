"""The semantic diff of two snapshots: which facts were added, changed, withdrawn or deleted,
and for a changed fact, what changed field by field.

A reviewer reads "verdict from accurate to inaccurate; sources: added https://…" instead
of a raw YAML diff. Comparison is on loaded data, so re-indenting a file or re-wrapping
a folded string is not a change. Sources are matched by URL (and a source whose URL
changed by its publisher and title), so reordering them is one "reordered" line, and each
added, removed or changed source is kept whole for the summary to list. New corrections
are kept as entries, to be quoted, and a changed date comes with the entry's place on the
timeline before and after.
"""

from __future__ import annotations

import difflib
import enum
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factsite.files import LoadedFact
from factsite.hosts import url_host
from factsite.review.placement import Placement, Timeline
from factsite.review.similarity import RENAME_THRESHOLD, content_similarity
from factsite.review.snapshot import Snapshot
from factsite.schema import fact_schema


class ChangeKind(enum.Enum):
    """What happened to one fact, in the order a summary lists them."""

    ADDED = "added"
    CHANGED = "changed"
    WITHDRAWN = "withdrawn"
    REINSTATED = "reinstated"
    RENAMED = "renamed"
    DELETED = "deleted"


_MISSING: Any = object()

LONG_TEXT = 80
"""Texts longer than this (or on several lines) are shown as word edits, not old and new."""

MAX_HUNKS = 5


@dataclass(frozen=True)
class Edit:
    """One run of changed words inside a longer text, with a few words around it."""

    before: str
    removed: str
    added: str
    after: str


@dataclass(frozen=True)
class FieldChange:
    """How one field differs. Exactly one of the shapes is filled, as `kind` says:

    ``set`` (new field: `new`), ``unset`` (removed field: `old`), ``changed`` (`old` to
    `new`), ``edited`` (long text: `edits`), ``items`` (lists: `added`, `removed`),
    ``reordered`` (same items, new order).
    """

    field: str
    kind: str
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()
    more_edits: int = 0


@dataclass(frozen=True)
class SourceChange:
    """One source added, removed or changed, kept whole so that a summary can list it."""

    kind: str
    """``added``, ``removed`` or ``changed``."""
    source: dict[str, Any]
    """The source as it is now; as it was, for a removed one."""
    fields: tuple[FieldChange, ...] = ()
    """For a changed source: its fields that differ (``url``, ``quote``, …)."""
    new_host: bool = False
    """Whether no fact on the base branch cites a URL on this source's host."""

    @property
    def url(self) -> str:
        return _url(self.source)


@dataclass(frozen=True)
class FactChange:
    kind: ChangeKind
    id: str
    base: LoadedFact | None
    head: LoadedFact | None
    fields: tuple[FieldChange, ...] = ()
    """Every field that differs except the sources and the new corrections, which have their own lists."""
    sources: tuple[SourceChange, ...] = ()
    """Sources added, removed or changed; every source of a new fact, as added."""
    corrections: tuple[dict[str, Any], ...] = ()
    """``corrections`` entries that are new in this change."""
    placement: Placement | None = None
    """The entry's place on the timeline, when it is new or its date changed."""
    renamed_from: str | None = None
    similarity: float | None = None
    """For a rename: how alike the old and new content are, 0-100."""

    @property
    def current(self) -> LoadedFact:
        """The version to describe: the new one, or the old one of a deleted fact."""
        found = self.head or self.base
        assert found is not None
        return found

    @property
    def path(self) -> str:
        return self.current.path

    def field(self, name: str) -> FieldChange | None:
        """How the top-level field `name` changed, if it did."""
        return next((field for field in self.fields if field.field == name), None)

    @property
    def comparable(self) -> bool:
        """Whether both versions loaded as mappings, so that fields could be compared."""
        return self.base is not None and self.head is not None and loaded(self.base) and loaded(self.head)


@dataclass(frozen=True)
class FactsDiff:
    base: Snapshot
    head: Snapshot
    changes: tuple[FactChange, ...]
    vocabularies: tuple[FieldChange, ...]

    def of_kind(self, kind: ChangeKind) -> list[FactChange]:
        return [change for change in self.changes if change.kind is kind]

    def counts(self) -> dict[ChangeKind, int]:
        """How many facts of each kind, in summary order, leaving out kinds with none."""
        return {kind: n for kind in ChangeKind if (n := len(self.of_kind(kind)))}


def loaded(fact: LoadedFact) -> bool:
    return not fact.doc.problems and isinstance(fact.doc.data, dict)


def diff_snapshots(base: Snapshot, head: Snapshot) -> FactsDiff:
    """Compare `base` with `head`: every fact that differs, and the vocabularies."""
    added = sorted(set(head.facts) - set(base.facts))
    deleted = sorted(set(base.facts) - set(head.facts))
    renames = _match_renames([base.facts[i] for i in deleted], [head.facts[i] for i in added])
    compare = _Comparer(project_hosts(base), Timeline(head))
    changes: list[FactChange] = []
    for fact_id in added:
        if fact_id not in renames.values():
            changes.append(compare.added(head.facts[fact_id]))
    for fact_id in deleted:
        if fact_id in renames:
            new_id = renames[fact_id]
            old, new = base.facts[fact_id], head.facts[new_id]
            changes.append(
                compare.edited(
                    ChangeKind.RENAMED,
                    old,
                    new,
                    renamed_from=fact_id,
                    similarity=round(content_similarity(old.data, new.data), 1),
                )
            )
        else:
            changes.append(FactChange(ChangeKind.DELETED, fact_id, base.facts[fact_id], None))
    for fact_id in sorted(set(base.facts) & set(head.facts)):
        old, new = base.facts[fact_id], head.facts[fact_id]
        if loaded(old) and loaded(new):
            if old.data != new.data:
                changes.append(compare.edited(_kind(old.data, new.data), old, new))
        elif old.doc.data != new.doc.data or old.doc.problems != new.doc.problems:
            changes.append(FactChange(ChangeKind.CHANGED, fact_id, old, new))
    order = list(ChangeKind)
    changes.sort(key=lambda c: (order.index(c.kind), c.id))
    vocabularies = tuple(
        change
        for name in sorted(set(base.vocabularies) | set(head.vocabularies))
        for change in _compare_vocabulary(name, base.vocabularies.get(name, {}), head.vocabularies.get(name, {}))
    )
    return FactsDiff(base, head, tuple(changes), vocabularies)


@dataclass(frozen=True)
class _Comparer:
    """What one comparison of two versions of a fact needs from the whole snapshots."""

    hosts: frozenset[str]
    timeline: Timeline

    def added(self, new: LoadedFact) -> FactChange:
        if not loaded(new):
            return FactChange(ChangeKind.ADDED, new.id, None, new)
        sources = _list(new.data.get("sources"))
        return FactChange(
            ChangeKind.ADDED,
            new.id,
            None,
            new,
            sources=tuple(self._source("added", source) for source in sources),
            corrections=tuple(_list(new.data.get("corrections"))),
            placement=self.timeline.placement(new.id, None, new.data),
        )

    def edited(self, kind: ChangeKind, old: LoadedFact, new: LoadedFact, **rename: Any) -> FactChange:
        fields = compare_fields(old.data, new.data)
        was, now = old.data.get("date"), new.data.get("date")
        moved = self.timeline.placement(new.id, old.data, new.data) if was != now or "renamed_from" in rename else None
        return FactChange(
            kind,
            new.id,
            old,
            new,
            fields,
            sources=tuple(self._sources(_list(old.data.get("sources")), _list(new.data.get("sources")))),
            corrections=tuple(added_corrections(old.data.get("corrections"), new.data.get("corrections"))),
            placement=moved,
            **rename,
        )

    def _source(self, kind: str, source: Any, fields: tuple[FieldChange, ...] = ()) -> SourceChange:
        data = source if isinstance(source, dict) else {"url": source}
        host = url_host(_url(data))
        return SourceChange(kind, data, fields, new_host=kind != "removed" and bool(host) and host not in self.hosts)

    def _sources(self, old: list[Any], new: list[Any]) -> Iterator[SourceChange]:
        """Matched by URL; of the rest, a removed and an added source with the same publisher
        and title are one source whose URL changed. In the order of the new list, then removed."""
        old_by_url = {_url(s): s for s in old}
        new_urls = {_url(s) for s in new}
        gone = {_identity(s): s for s in old if _url(s) not in new_urls}
        kept: set[str] = set()
        for source in new:
            url = _url(source)
            before = old_by_url.get(url)
            if before is None and (before := gone.pop(_identity(source), None)) is not None:
                kept.add(_url(before))
            if before is None:
                yield self._source("added", source)
            elif before != source:
                edits = tuple(_compare_mappings("", before, source)) if isinstance(before, dict) else ()
                yield self._source("changed", source, edits or (FieldChange("url", "changed", show(before), url),))
        for source in old:
            if _url(source) not in new_urls and _url(source) not in kept:
                yield self._source("removed", source)


def project_hosts(snapshot: Snapshot) -> frozenset[str]:
    """Every host a fact of `snapshot` cites: sources, their archived copies, appearances."""
    hosts: set[str] = set()
    for fact in snapshot.facts.values():
        appearance = fact.data.get("appearance")
        urls = [appearance.get("url")] if isinstance(appearance, dict) else []
        for source in _list(fact.data.get("sources")):
            if isinstance(source, dict):
                urls += [source.get("url"), source.get("archive_url")]
        hosts.update(url_host(url) for url in urls if isinstance(url, str))
    return frozenset(hosts - {""})


def added_corrections(old: object, new: object) -> list[Any]:
    """The ``corrections`` entries of `new` that were not in `old`."""
    before = _list(old)
    return [entry for entry in _list(new) if entry not in before]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _identity(source: Any) -> tuple[str, str]:
    return (show(source.get("publisher", "")), show(source.get("title", ""))) if isinstance(source, dict) else ("", "")


def _compare_vocabulary(name: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[FieldChange]:
    """Terms added (with their label and description) or removed, then edits of the others."""
    added = tuple(f"{term} ({show(new[term])})" for term in sorted(new) if term not in old)
    removed = tuple(term for term in sorted(old) if term not in new)
    if added or removed:
        yield FieldChange(name, "items", added=added, removed=removed)
    for term in sorted(set(old) & set(new)):
        yield from _compare(f"{name}.{term}", old[term], new[term])


def _kind(old: dict[str, Any], new: dict[str, Any]) -> ChangeKind:
    was, now = old.get("status"), new.get("status")
    if was != "withdrawn" and now == "withdrawn":
        return ChangeKind.WITHDRAWN
    if was == "withdrawn" and now != "withdrawn":
        return ChangeKind.REINSTATED
    return ChangeKind.CHANGED


def _match_renames(deleted: list[LoadedFact], added: list[LoadedFact]) -> dict[str, str]:
    """Old id -> new id for each deleted fact whose content reappears under a new id.

    The most alike pairs are matched first (ties by id), each fact at most once.
    """
    scored = sorted(
        (
            (-content_similarity(old.data, new.data), old.id, new.id)
            for old in deleted
            for new in added
            if loaded(old) and loaded(new)
        ),
    )
    matched: dict[str, str] = {}
    for negative, old_id, new_id in scored:
        if -negative >= RENAME_THRESHOLD and old_id not in matched and new_id not in matched.values():
            matched[old_id] = new_id
    return matched


def field_order() -> list[str]:
    """Top-level fields in the schema's order, which is the order a reader expects."""
    return list(fact_schema()["properties"])


def compare_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Every field that differs between two versions of a fact, in the schema's order.

    Sources are listed apart (`SourceChange`); here they are only "reordered" when the
    sources both versions cite changed order. New corrections are listed apart too; an
    earlier entry removed or reworded is a ``removed`` item here.
    """
    known = field_order()
    names = [n for n in known if n in old or n in new]
    names += sorted((set(old) | set(new)) - set(known))
    return tuple(change for name in names for change in _compare(name, _get(old, name), _get(new, name)))


def _get(data: dict[str, Any], name: str) -> Any:
    """A field's value; a missing list of sources or corrections is an empty one, listed apart."""
    return data.get(name, [] if name in LISTED_APART else _MISSING)


LISTED_APART = ("sources", "corrections")


def _compare_mappings(prefix: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[FieldChange]:
    for key in [k for k in old if k in new] + [k for k in new if k not in old] + [k for k in old if k not in new]:
        yield from _compare(f"{prefix}{key}", old.get(key, _MISSING), new.get(key, _MISSING))


def _compare(name: str, old: Any, new: Any) -> Iterator[FieldChange]:
    if old == new:
        return
    if old is _MISSING:
        yield FieldChange(name, "set", new=show(new))
    elif new is _MISSING:
        yield FieldChange(name, "unset", old=show(old))
    elif name == "sources" and isinstance(old, list) and isinstance(new, list):
        yield from _sources_order(old, new)
    elif name == "corrections" and isinstance(old, list) and isinstance(new, list):
        if removed := tuple(show(entry) for entry in old if entry not in new):
            yield FieldChange(name, "items", removed=removed)
    elif isinstance(old, dict) and isinstance(new, dict):
        yield from _compare_mappings(f"{name}.", old, new)
    elif isinstance(old, list) and isinstance(new, list):
        yield _compare_items(name, old, new)
    elif isinstance(old, str) and isinstance(new, str) and _long(old, new):
        edits = word_edits(old, new)
        yield FieldChange(name, "edited", edits=tuple(edits[:MAX_HUNKS]), more_edits=max(0, len(edits) - MAX_HUNKS))
    else:
        yield FieldChange(name, "changed", old=show(old), new=show(new))


def _sources_order(old: list[Any], new: list[Any]) -> Iterator[FieldChange]:
    """``reordered`` when the sources cited before and after are in another order."""
    old_urls, new_urls = [_url(s) for s in old], [_url(s) for s in new]
    if [u for u in old_urls if u in new_urls] != [u for u in new_urls if u in old_urls]:
        yield FieldChange("sources", "reordered")


def _url(source: Any) -> str:
    return str(source.get("url")) if isinstance(source, dict) else show(source)


def _compare_items(name: str, old: list[Any], new: list[Any]) -> FieldChange:
    old_shown, new_shown = [show(item) for item in old], [show(item) for item in new]
    added = tuple(item for item in new_shown if item not in old_shown)
    removed = tuple(item for item in old_shown if item not in new_shown)
    if not added and not removed:
        return FieldChange(name, "reordered")
    return FieldChange(name, "items", added=added, removed=removed)


def _long(*texts: str) -> bool:
    return any(len(text) > LONG_TEXT or "\n" in text for text in texts)


def word_edits(old: str, new: str, *, context: int = 3) -> list[Edit]:
    """The runs of words that differ between two texts, each with `context` words around it."""
    a, b = old.split(), new.split()
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append(
                Edit(
                    " ".join(a[max(0, i1 - context) : i1]),
                    " ".join(a[i1:i2]),
                    " ".join(b[j1:j2]),
                    " ".join(a[i2 : i2 + context]),
                )
            )
    return edits


def show(value: Any) -> str:
    """A value as one line of text: strings as they are, a correction as ``date: note``, a
    vocabulary term as ``label: description``, a claimant as ``name, role``, an appearance as
    ``title · publisher · date · url``, a list of ids as ``a, b``; the rest as JSON."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict) and set(value) == {"date", "note"}:
        return f"{show(value['date'])}: {show(value['note'])}"
    if isinstance(value, dict) and set(value) == {"date", "reason"}:
        return f"{show(value['date'])}: {show(value['reason'])}"
    if isinstance(value, dict) and {"label", "description"} <= set(value):  # a vocabulary term
        return f"{show(value['label'])}: {show(value['description'])}"
    if isinstance(value, dict) and "name" in value and set(value) <= {"name", "role", "actor"}:  # a claimant
        return ", ".join(show(value[key]) for key in ("name", "role") if key in value)
    if isinstance(value, dict) and "url" in value and set(value) <= {"url", "publisher", "date", "title"}:
        return " · ".join(show(value[key]) for key in ("title", "publisher", "date", "url") if key in value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(show(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
