"""The facts arranged the ways readers look for them: by verdict, tag, actor, time and change.

Every listing a page shows (index pages, page blocks, neighbours on a fact page) is a
query here, so the timeline, the index pages and the home page can never disagree about
which facts exist. Only published facts are listed; withdrawn ones keep their pages and
appear in the corrections log.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from factsite.model import Fact
from factsite.schema import Verdict, verdict_scale
from factsite.vocab import Term


@dataclass(frozen=True)
class LogEntry:
    """One line of the site-wide corrections log: a correction or a withdrawal of a fact."""

    date: dt.date
    fact: Fact
    note: str
    withdrawal: bool = False


@dataclass(frozen=True)
class TermGroup:
    """A tag or actor with the published facts that carry it, in time order."""

    term: Term
    facts: tuple[Fact, ...]


class Catalog:
    """Queries over every fact of one build, computed once and shared by all pages."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.facts: tuple[Fact, ...] = tuple(sorted(facts, key=lambda f: f.sort_key))
        self.published: tuple[Fact, ...] = tuple(f for f in self.facts if f.is_published)
        self.claims: tuple[Fact, ...] = tuple(f for f in self.published if f.is_claim)
        """The published claims, in time order; `events` the published events."""
        self.events: tuple[Fact, ...] = tuple(f for f in self.published if f.is_event)
        self.by_id: dict[str, Fact] = {f.id: f for f in self.facts}
        self._keys = [f.sort_key for f in self.published]
        self._terms: dict[str, tuple[TermGroup, ...]] = {}
        self._term_ids: dict[str, frozenset[str]] = {}
        self._claim_links: tuple[dict[str, list[Fact]], dict[str, list[Fact]]] | None = None
        self.language = self.facts[0].language if self.facts else "en"
        """The edition the facts are shown in (`Fact.in_language`): the verdicts are named in it too."""

    def by_verdict(self) -> list[tuple[Verdict, tuple[Fact, ...]]]:
        """Every verdict of the rating scale (even unused ones) with its claims."""
        return [
            (v, tuple(f for f in self.published if f.verdict is not None and f.verdict.id == v.id))
            for v in verdict_scale(self.language)
        ]

    def terms(self, kind: str) -> tuple[TermGroup, ...]:
        """The tags or actors used by at least one published fact, by label."""
        if kind not in self._terms:
            self._terms[kind] = self._group_terms(kind)
        return self._terms[kind]

    def _group_terms(self, kind: str) -> tuple[TermGroup, ...]:
        found: dict[str, tuple[Term, list[Fact]]] = {}
        for fact in self.published:
            for term_id, term in {t.id: t for t in getattr(fact, kind)}.items():
                found.setdefault(term_id, (term, []))[1].append(fact)
        groups = (TermGroup(term, tuple(facts)) for term, facts in found.values())
        return tuple(sorted(groups, key=lambda g: (g.term.label.casefold(), g.term.id)))

    def has_term_page(self, kind: str, term_id: str) -> bool:
        if kind not in self._term_ids:
            self._term_ids[kind] = frozenset(group.term.id for group in self.terms(kind))
        return term_id in self._term_ids[kind]

    def years(self) -> list[tuple[int, tuple[Fact, ...]]]:
        """Published facts grouped by the year they start in, oldest first."""
        years: dict[int, list[Fact]] = {}
        for fact in self.published:
            years.setdefault(fact.date.year, []).append(fact)
        return [(year, tuple(group)) for year, group in sorted(years.items())]

    def neighbours(self, fact: Fact) -> tuple[Fact | None, Fact | None]:
        """The published facts just before and just after `fact` in time."""
        left = bisect.bisect_left(self._keys, fact.sort_key)
        right = bisect.bisect_right(self._keys, fact.sort_key)
        before = self.published[left - 1] if left > 0 else None
        after = self.published[right] if right < len(self.published) else None
        return before, after

    def related(self, fact: Fact) -> list[Fact]:
        """The published entries `fact` names as related, in time order (a withdrawn one is no longer offered)."""
        found = [self.by_id[other] for other in fact.related if other in self.by_id and self.by_id[other].is_published]
        return sorted(found, key=lambda other: other.sort_key)

    def claims_about(self, event: Fact) -> list[Fact]:
        """The published claims checked against `event`, in time order.

        A claim and an event are linked when either names the other in ``related``: the
        link is written once, on either side, and shown on both pages.
        """
        return list(self._links()[0].get(event.id, ()))

    def events_behind(self, claim: Fact) -> list[Fact]:
        """The published events that establish the facts of `claim`, in time order (see `claims_about`)."""
        return list(self._links()[1].get(claim.id, ()))

    def _links(self) -> tuple[dict[str, list[Fact]], dict[str, list[Fact]]]:
        """Claims by event id and events by claim id, built in one pass over every entry."""
        if self._claim_links is None:
            claims: dict[str, dict[str, Fact]] = {}
            events: dict[str, dict[str, Fact]] = {}
            for fact in self.published:
                for other in self.related(fact):
                    if fact.is_claim != other.is_claim:
                        claim, event = (fact, other) if fact.is_claim else (other, fact)
                        claims.setdefault(event.id, {})[claim.id] = claim
                        events.setdefault(claim.id, {})[event.id] = event
            self._claim_links = (_in_time_order(claims), _in_time_order(events))
        return self._claim_links

    def latest_checks(self, count: int) -> list[Fact]:
        """The most recently checked published facts; later events first on the same day."""
        ordered = sorted(self.published, key=lambda f: (f.checked, f.sort_key), reverse=True)
        return ordered[:count]

    def corrections_log(self) -> list[LogEntry]:
        """Every correction and withdrawal of every fact, newest first."""
        entries = [LogEntry(c.date, fact, c.note) for fact in self.facts for c in fact.corrections]
        entries += [
            LogEntry(fact.withdrawal.date, fact, fact.withdrawal.reason, withdrawal=True)
            for fact in self.facts
            if fact.withdrawal
        ]
        return sorted(entries, key=lambda e: (e.date, e.fact.sort_key, e.withdrawal), reverse=True)

    def findings(self, appearance_url: str) -> list[tuple[Verdict, tuple[Fact, ...]]]:
        """The published claims from one appearance, by verdict, unused verdicts left out."""
        facts = [f for f in self.claims if f.appearance is not None and f.appearance.url == appearance_url]
        grouped = [
            (v, tuple(f for f in facts if f.verdict is not None and f.verdict.id == v.id))
            for v in verdict_scale(self.language)
        ]
        return [(v, group) for v, group in grouped if group]


def _in_time_order(groups: dict[str, dict[str, Fact]]) -> dict[str, list[Fact]]:
    return {key: sorted(group.values(), key=lambda f: f.sort_key) for key, group in groups.items()}
