"""The typed model of a published site: facts with their sources, built from valid data.

Authored fields keep their YAML names; everything derived (display dates, sort keys,
verdict labels) is a property, never stored twice. A `Fact` is built only from a file
that passed every check, so the model never has to guard against bad input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from factsite.dates import PartialDate
from factsite.schema import Verdict, verdict
from factsite.vocab import Term, Vocabularies


@dataclass(frozen=True)
class Appearance:
    url: str
    publisher: str
    date: PartialDate
    title: str | None = None


@dataclass(frozen=True)
class Source:
    url: str
    publisher: str
    title: str
    published: PartialDate | None
    """``None`` when the source shows no date ("undated" in YAML)."""
    accessed: dt.date
    archive_url: str | None = None
    quote: str | None = None
    quote_translation: str | None = None
    language: str | None = None
    kind: str | None = None
    archived: dt.date | None = None
    """The day the copy in `archive_url` was made, when known."""


@dataclass(frozen=True)
class Correction:
    date: dt.date
    note: str


@dataclass(frozen=True)
class Withdrawal:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class Fact:
    """One fact-check entry, as readers and data consumers see it (``notes`` excluded)."""

    id: str
    path: str
    title: str
    date: PartialDate
    end_date: PartialDate | None
    claim: str
    claim_short: str | None
    claimant: str
    appearance: Appearance
    verdict: Verdict
    conclusion: str
    analysis: str | None
    sources: tuple[Source, ...]
    tags: tuple[Term, ...]
    actors: tuple[Term, ...]
    related: tuple[str, ...]
    checked: dt.date
    corrections: tuple[Correction, ...]
    status: str
    withdrawal: Withdrawal | None

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def description(self) -> str:
        """One line for the page description and social cards: the verdict and why, or why
        the fact was withdrawn, so a shared link never shows a verdict we took back."""
        if self.withdrawal is not None:
            return f"Withdrawn on {self.withdrawal.date.isoformat()}: {self.withdrawal.reason}".replace("\n", " ")
        return f"{self.verdict.label}: {self.conclusion}".replace("\n", " ")

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Chronological, coarse dates first within their period, ties broken by id."""
        return (self.date.earliest, self.id)

    @property
    def src_uri(self) -> str:
        """Where the fact's page lives in the site, '/'-separated."""
        return f"facts/{self.id}.md"


def build_fact(fact_id: str, path: str, data: dict[str, Any], vocab: Vocabularies) -> Fact:
    """Build a `Fact` from data that has passed the schema and every rule."""
    appearance = data["appearance"]
    return Fact(
        id=fact_id,
        path=path,
        title=data["title"],
        date=PartialDate.parse(data["date"]),
        end_date=PartialDate.parse(data["end_date"]) if "end_date" in data else None,
        claim=data["claim"],
        claim_short=data.get("claim_short"),
        claimant=data["claimant"],
        appearance=Appearance(
            appearance["url"], appearance["publisher"], PartialDate.parse(appearance["date"]), appearance.get("title")
        ),
        verdict=verdict(data["verdict"]),
        conclusion=data["conclusion"],
        analysis=data.get("analysis"),
        sources=tuple(_source(s) for s in data["sources"]),
        tags=tuple(vocab.tags[t] for t in data["tags"]),
        actors=tuple(vocab.actors[a] for a in data["actors"]),
        related=tuple(data.get("related", ())),
        checked=dt.date.fromisoformat(data["checked"]),
        corrections=tuple(Correction(dt.date.fromisoformat(c["date"]), c["note"]) for c in data.get("corrections", ())),
        status=data["status"],
        withdrawal=(
            Withdrawal(dt.date.fromisoformat(data["withdrawal"]["date"]), data["withdrawal"]["reason"])
            if "withdrawal" in data
            else None
        ),
    )


def _source(data: dict[str, Any]) -> Source:
    published = data["published"]
    return Source(
        url=data["url"],
        publisher=data["publisher"],
        title=data["title"],
        published=None if published == "undated" else PartialDate.parse(published),
        accessed=dt.date.fromisoformat(data["accessed"]),
        archive_url=data.get("archive_url"),
        quote=data.get("quote"),
        quote_translation=data.get("quote_translation"),
        language=data.get("language"),
        kind=data.get("kind"),
        archived=dt.date.fromisoformat(data["archived"]) if "archived" in data else None,
    )
