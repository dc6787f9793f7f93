"""Where a change shows up on the site: the pages that list or link the changed entry.

A verdict change is not one page: the entry leaves one verdict page and joins another,
the verdict counts on the home page change, the source article's findings regroup, and
every fact that names it as related shows its new verdict. This module lists those
pages for each changed entry, from both versions, so the reviewer sees the weight of a
change and knows which preview pages to open.

It reads loaded data, as the rest of the review does, so that it works on a pull request
whose files do not pass the check. The listings follow `factsite.catalog.Catalog`: only
published entries are listed, verdict and term pages by id, the latest checks by
``checked`` and then time order, the findings by the appearance URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsite.render.blocks import page_blocks
from factsite.render.urls import page_url
from factsite.review.diff import ChangeKind, FactChange, FactsDiff
from factsite.review.placement import on_timeline, sort_key
from factsite.schema import verdict_scale

DOCS_FOLDER = "docs"


@dataclass(frozen=True)
class BlockUse:
    """A listing block on a hand-written page, e.g. the home page's latest checks."""

    src_uri: str
    """The page in the docs folder, ``index.md``."""
    title: str
    name: str
    arguments: tuple[tuple[str, object], ...]

    def argument(self, key: str) -> object:
        return dict(self.arguments)[key]


@dataclass(frozen=True)
class Page:
    """One page on which the change shows, and how."""

    url: str
    """Relative to the site root, as the preview serves it (``verdicts/inaccurate/``; empty for home)."""
    title: str
    how: str
    """``lists it``, ``adds it``, ``drops it``, or what of the page changes."""


def find_block_uses(root: Path) -> tuple[BlockUse, ...]:
    """Every listing block of the hand-written pages under ``root/docs``, in path order."""
    docs = root / DOCS_FOLDER
    uses = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports a page it cannot read
        src_uri = path.relative_to(docs).as_posix()
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), src_uri)
        uses += [BlockUse(src_uri, title, name, tuple(sorted(args.items()))) for name, args in page_blocks(text)]
    return tuple(uses)


class SitePages:
    """The pages of the site before and after a diff, asked once per changed entry."""

    def __init__(self, diff: FactsDiff, blocks: tuple[BlockUse, ...]) -> None:
        self.diff = diff
        self.blocks = blocks
        self._latest: dict[tuple[str, int], list[str]] = {}
        self._log: dict[int, set[tuple[str, str, str]]] = {}
        self._named_by: dict[str, list[str]] = {}
        for other in diff.head.facts.values():
            for name in dict.fromkeys(_ids(other.data, "related", True)):
                self._named_by.setdefault(name, []).append(other.id)

    def showing(self, change: FactChange) -> list[Page]:
        """The pages that show `change`'s entry before or after it, each saying how."""
        diff = self.diff
        old = change.base.data if change.base is not None and change.kind is not ChangeKind.RENAMED else {}
        new = change.head.data if change.head is not None else {}
        was, now = on_timeline(old), on_timeline(new)
        found: list[Page] = []
        if was or now:
            years = " → ".join(dict.fromkeys(str(d.get("date", ""))[:4] for d in (old, new) if on_timeline(d)))
            found.append(Page(page_url("timeline.md"), f"Timeline, {years}", _how(was, now)))
        found += _memberships(diff, "verdicts", "Verdict", _ids(old, "verdict", was), _ids(new, "verdict", now))
        found += _memberships(diff, "tags", "Tag", _ids(old, "tags", was), _ids(new, "tags", now))
        found += _memberships(diff, "actors", "Actor", _ids(old, "actors", was), _ids(new, "actors", now))
        found += self._related(change.id, old, new)
        found += [page for block in self.blocks if (page := self._block_page(change, block, old, new)) is not None]
        return _merged(found)

    def _related(self, fact_id: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Page]:
        """Both directions: entries whose pages list this one as related, and entries it names."""
        facts = self.diff.head.facts
        naming = [other for other in self._named_by.get(fact_id, []) if other != fact_id]
        named = list(dict.fromkeys(_ids(new, "related", True) + _ids(old, "related", True)))
        for other_id in dict.fromkeys([*naming, *named]):
            if other_id in facts:
                how = (
                    "related both ways"
                    if other_id in naming and other_id in named
                    else ("names it as related" if other_id in naming else "is named as related")
                )
                yield Page(page_url(f"facts/{other_id}.md"), _title(facts[other_id].data, other_id), how)

    def _block_page(self, change: FactChange, block: BlockUse, old: dict[str, Any], new: dict[str, Any]) -> Page | None:
        """The hand-written page holding `block`, if the block shows the entry or its change."""
        url = page_url(block.src_uri)
        if block.name == "findings":
            appearance = block.argument("appearance")
            was, now = (on_timeline(d) and _appearance(d) == appearance for d in (old, new))
            return Page(url, block.title, f"findings {_how(was, now)}") if was or now else None
        if block.name == "latest-checks":
            count = _int(block.argument("count"))
            was, now = (change.id in self._latest_ids(side, count) for side in ("base", "head"))
            return Page(url, block.title, f"latest checks {_how(was, now)}") if was or now else None
        if block.name == "verdict-counts":
            # The block counts claims by verdict, and events (format v2) apart.
            before, after = ((d.get("kind"), d.get("verdict")) if on_timeline(d) else None for d in (old, new))
            return Page(url, block.title, "verdict counts change") if before != after else None
        logged = _log_entries(change.id, new, change.corrections, withdrawn=change.field("withdrawal"))
        if block.name == "corrections-log" and logged:
            return Page(url, block.title, "corrections log adds it")
        if block.name == "latest-corrections" and logged & self._newest_log(_int(block.argument("count"))):
            return Page(url, block.title, "latest corrections add it")
        return None

    def _latest_ids(self, side: str, count: int) -> list[str]:
        """The ids the latest-checks block shows: as `Catalog.latest_checks`, on loaded data."""
        if (side, count) not in self._latest:
            snapshot = self.diff.base if side == "base" else self.diff.head
            keyed = [
                (str(fact.data.get("checked", "")), key)
                for fact in snapshot.facts.values()
                if on_timeline(fact.data) and (key := sort_key(fact.data, fact.id)) is not None
            ]
            self._latest[(side, count)] = [key[1] for _, key in sorted(keyed, reverse=True)[:count]]
        return self._latest[(side, count)]

    def _newest_log(self, count: int) -> set[tuple[str, str, str]]:
        """The newest `count` entries of the corrections log after the change, as `Catalog.corrections_log`."""
        if count not in self._log:
            entries = []
            for fact in self.diff.head.facts.values():
                key = sort_key(fact.data, fact.id)
                corrections = fact.data.get("corrections")
                for entry in _log_entries(fact.id, fact.data, corrections if isinstance(corrections, list) else []):
                    entries.append((entry[1], key, entry))
            entries.sort(key=lambda e: (e[0], e[1] or (dt.date.min, "")), reverse=True)
            self._log[count] = {entry for _, _, entry in entries[:count]}
        return self._log[count]


def _merged(pages: list[Page]) -> list[Page]:
    """One line per page: the home page's verdict counts and latest checks are one page."""
    by_url: dict[str, Page] = {}
    for page in pages:
        known = by_url.get(page.url)
        by_url[page.url] = Page(page.url, page.title, f"{known.how}; {page.how}") if known else page
    return list(by_url.values())


def _log_entries(
    fact_id: str, data: dict[str, Any], corrections: Iterable[Any], *, withdrawn: object = True
) -> set[tuple[str, str, str]]:
    """The corrections log's entries for a fact: its `corrections` and, when `withdrawn`, its withdrawal."""
    entries = {(fact_id, str(c.get("date")), str(c.get("note"))) for c in corrections if isinstance(c, dict)}
    withdrawal = data.get("withdrawal")
    if withdrawn and isinstance(withdrawal, dict):
        entries.add((fact_id, str(withdrawal.get("date")), str(withdrawal.get("reason"))))
    return entries


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _how(was: bool, now: bool) -> str:
    return "lists it" if was and now else "adds it" if now else "drops it"


def _ids(data: dict[str, Any], name: str, listed: bool) -> list[str]:
    """The verdict, tags or actors whose pages list the entry (none when it is not listed)."""
    if not listed:
        return []
    value = data.get(name)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [item for item in values if isinstance(item, str)]


def _memberships(diff: FactsDiff, kind: str, noun: str, old: list[str], new: list[str]) -> Iterator[Page]:
    for term in dict.fromkeys([*new, *old]):
        yield Page(page_url(f"{kind}/{term}.md"), f"{noun}: {_label(diff, kind, term)}", _how(term in old, term in new))


def _label(diff: FactsDiff, kind: str, term: str) -> str:
    if kind == "verdicts":
        return next((v.label for v in verdict_scale() if v.id == term), term)
    entry = diff.head.vocabularies.get(kind, {}).get(term) or diff.base.vocabularies.get(kind, {}).get(term)
    label = entry.get("label") if isinstance(entry, dict) else None
    return label if isinstance(label, str) else term


def _title(data: dict[str, Any], fact_id: str) -> str:
    title = data.get("title")
    return title if isinstance(title, str) and title.strip() else fact_id


def _appearance(data: dict[str, Any]) -> object:
    appearance = data.get("appearance")
    return appearance.get("url") if isinstance(appearance, dict) else None
