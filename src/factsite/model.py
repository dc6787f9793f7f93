"""The typed model of a published site: entries with their sources, built from valid data.

An entry is a claim (someone's statement, with our verdict) or an event (something that
happened, with a neutral summary and no verdict). The claim-only fields are ``None`` on
an event, so every reader of the model asks `Fact.is_claim` instead of guessing from
which fields are filled. Authored fields keep their YAML names; everything derived (display dates, sort keys,
verdict labels) is a property, never stored twice. A `Fact` is built only from a file
that passed every check, so the model never has to guard against bad input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from factsite.dates import PartialDate
from factsite.i18n import _
from factsite.schema import Verdict, verdict
from factsite.spool import CAN_SPOOL, Spool
from factsite.vocab import Term, Vocabularies

CLAIM = "claim"
EVENT = "event"

C = TypeVar("C", bound=type)
D = TypeVar("D")


def pack(text: Any) -> Any:
    """`text` as UTF-8 bytes where that is smaller, else as it is.

    Python keeps a text with any character beyond Latin-1 at 2 or 4 bytes a character, so
    Russian text, or English with one dash or curly quote, takes about twice its UTF-8 size;
    the facts are held for a whole build, and their prose is most of what they hold.
    """
    if type(text) is not str or text.isascii():  # a subclass of str (Markup, say) stays as it is
        return text
    encoded = text.encode("utf-8")
    return encoded if len(encoded) + 33 < sys.getsizeof(text) else text


class _SlotField:
    """A dataclass field kept in another form than it reads: wraps the field's slot, which
    `stored` reads as kept, to hand to another object as it is."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __set__(self, obj: Any, value: Any) -> None:
        self.slot.__set__(obj, value)

    def __delete__(self, obj: Any) -> None:
        self.slot.__delete__(obj)


F = TypeVar("F", bound=_SlotField)


def _wrapping(kind: type[F], registry: dict[type, tuple[F, ...]], names: tuple[str, ...]) -> Callable[[C], C]:
    """A class decorator wrapping the slots `names` in `kind`, noted in `registry` for `spill`."""

    def wrap(cls: C) -> C:
        for name in names:
            setattr(cls, name, kind(cls.__dict__[name]))
        registry[cls] = tuple(getattr(cls, name) for name in names)
        return cls

    return wrap


class _Packed(_SlotField):
    """A text field stored as `pack` keeps it, read back as the text."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        kind = type(value)
        if kind is bytes:
            return value.decode("utf-8")
        return value.read() if kind is _Spilled else value

    def __set__(self, obj: Any, value: Any) -> None:
        if type(value) is str and not value.isascii():  # `pack`'s own test first: most fields are None or ASCII
            value = pack(value)
        self.slot.__set__(obj, value)  # bytes and spilled texts from `stored` are kept as they are


_PACKED_FIELDS: dict[type, tuple[_Packed, ...]] = {}
"""Each `packed` class's packed fields, for `spill`."""


class _TextSpool(Spool):
    """The long texts of the facts held (`spill`): kept as long as the facts, never restarted."""

    _current: Spool | None = None


class _Spilled:
    """A long text kept in the text spool, read back (and decoded) each time it is used."""

    __slots__ = ("length", "offset", "spool")

    def __init__(self, spool: Spool, offset: int, length: int) -> None:
        self.spool, self.offset, self.length = spool, offset, length

    def read(self) -> str:
        return self.spool.get(self.offset, self.length).decode("utf-8")

    def __reduce__(self) -> tuple[type[bytes], tuple[bytes]]:
        return bytes, (self.spool.get(self.offset, self.length),)  # a copy elsewhere holds the text itself


class _SpilledParts(_Spilled):
    """Parts of a fact (its sources) kept pickled in the text spool, unpickled when read."""

    __slots__ = ()

    def load(self) -> Any:
        return _unpickled(self.spool, self.offset, self.length)

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:  # type: ignore[override]
        return _as_is, (self.load(),)  # a copy elsewhere holds the parts themselves


def _as_is(value: Any) -> Any:
    return value


@functools.lru_cache(maxsize=64)
def _unpickled(spool: Spool, offset: int, length: int) -> Any:
    """The parts spilled at `offset`, the last few kept: a page reads its fact's sources several times."""
    return pickle.loads(spool.get(offset, length))


class _Spillable(_SlotField):
    """A field `spill` may move, whole, to the text spool; it reads as before (spilled parts
    from `stored` are set as they are)."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        return value.load() if type(value) is _SpilledParts else value


SPILL_FROM = 256
"""Texts of fewer UTF-8 bytes stay in memory: a spilled text still costs about 100 bytes."""


def spill(facts: Iterable[Fact]) -> None:
    """Move the long texts of `facts` (analyses, mostly, and their translations) to a
    temporary file, where they are read from each time they are used.

    A build holds every fact from start to end, but reads an analysis only for the entry's
    own page and downloads; at 100,000 entries the long texts are hundreds of MB. The
    sources go the same way, pickled whole: a fact's page and downloads read them, the
    lists never do, and at 100,000 entries their addresses, titles and quotes are about
    a third of what the facts hold. The translations are not pickled whole: the other
    edition's copy of a fact keeps their texts as they are stored, spilled ones spilled,
    where an unpickled copy would hold every translated analysis. The facts read as
    before. A build's check calls this on each batch of facts it makes (`check_project`'s
    ``spilled``); ``factsite check`` never pays for it. Facts already spilled (kept by
    ``serve`` between rebuilds) are left as they are.
    """
    if not CAN_SPOOL:
        return
    spool = _TextSpool.current()
    for fact in facts:
        for whole in _SPILLABLE_FIELDS.get(type(fact), ()):
            value = whole.slot.__get__(fact)
            if type(value) is not _SpilledParts:
                whole.slot.__set__(fact, _SpilledParts(*spool.put(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))))
        parts: list[Any] = [fact, fact.claimant, fact.appearance, fact.withdrawal, *fact.corrections]
        parts.extend(words for _, words in fact.translations)
        for part in parts:
            for field in _PACKED_FIELDS.get(type(part), ()):
                value = field.slot.__get__(part)
                kind = type(value)
                data = value.encode("utf-8") if kind is str else value if kind is bytes else None
                if data is not None and len(data) >= SPILL_FROM:
                    field.slot.__set__(part, _Spilled(*spool.put(data)))


def stored(obj: Any, name: str) -> Any:
    """The field `name` of `obj` as kept: packed text stays packed, to be handed to another object as it is."""
    field = getattr(type(obj), name)
    return field.slot.__get__(obj) if isinstance(field, _SlotField) else getattr(obj, name)


def replaced(obj: D, **changes: Any) -> D:
    """`dataclasses.replace`, handing every field not in `changes` on as kept (`stored`).

    `dataclasses.replace` reads each field, so a copy of a spilled fact would read its texts
    and sources back into memory and keep them there: the data downloads copy every fact.
    """
    kept = {f.name: stored(obj, f.name) for f in dataclasses.fields(obj) if f.init and f.name not in changes}  # type: ignore[arg-type]
    return type(obj)(**kept, **changes)


_SPILLABLE_FIELDS: dict[type, tuple[_Spillable, ...]] = {}
"""Each `spillable` class's fields that `spill` moves whole."""


def spillable(*names: str) -> Callable[[C], C]:
    """Let `spill` move the fields `names` of a slotted dataclass, whole, to the text spool; they read as before."""
    return _wrapping(_Spillable, _SPILLABLE_FIELDS, names)


def packed(*names: str) -> Callable[[C], C]:
    """Keep the text fields `names` of a slotted dataclass packed (see `pack`); they read as before.

    Everything else (the constructor, `dataclasses.replace`, ``==``, hashing, ``repr``)
    goes through the attribute, so sees the text, not the bytes.
    """
    return _wrapping(_Packed, _PACKED_FIELDS, names)


@packed("title")
@dataclass(frozen=True, slots=True)
class Appearance:
    url: str
    publisher: str
    date: PartialDate | None
    """``None`` when the publication shows no date ("undated" in YAML)."""
    title: str | None = None


@packed("role")
@dataclass(frozen=True, slots=True)
class Claimant:
    """Who made a claim: a clean name, never prose, so that machines can read it."""

    name: str
    role: str | None = None
    actor: Term | None = None
    """The claimant's entry in ``vocab/actors.yml``, where it has one."""

    @property
    def is_person(self) -> bool:
        """A person when the vocabulary says so, or when a role (held by a person) is given."""
        if self.actor is not None and self.actor.kind is not None:
            return self.actor.kind == "person"
        return self.role is not None

    @property
    def display(self) -> str:
        """ "Maria Zakharova, Russian Foreign Ministry spokesperson"."""
        return f"{self.name}, {self.role}" if self.role else self.name


@packed("title", "quote", "quote_translation")
@dataclass(frozen=True, slots=True)
class Source:
    url: str
    publisher: str
    title: str | None
    """The page's own headline; ``None`` when it was not recorded."""
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


@packed("title", "summary", "claim", "claim_short", "conclusion", "analysis", "claimant_role")
@dataclass(frozen=True, slots=True)
class Translation:
    """Our translation of an entry's reader-facing text into one language (``translations:``)."""

    title: str | None = None
    summary: str | None = None
    claim: str | None = None
    claim_short: str | None = None
    conclusion: str | None = None
    analysis: str | None = None
    claimant_role: str | None = None


TRANSLATED_FIELDS = ("title", "summary", "claim_short", "conclusion", "analysis")
"""The fields each edition shows in its own language; ``claim`` keeps the words it was said in."""


@packed("note")
@dataclass(frozen=True, slots=True)
class Correction:
    date: dt.date
    note: str


@packed("reason")
@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: dt.date
    reason: str


@spillable("sources")
@packed("title", "summary", "claim", "claim_short", "conclusion", "analysis", "original_claim")
@dataclass(frozen=True, slots=True)
class Fact:
    """One timeline entry, as readers and data consumers see it (``notes`` excluded)."""

    id: str
    path: str
    kind: str
    """`CLAIM` or `EVENT`."""
    title: str
    date: PartialDate
    end_date: PartialDate | None
    summary: str | None
    """Events only: what happened."""
    claim: str | None
    claim_short: str | None
    claimant: Claimant | None
    appearance: Appearance | None
    verdict: Verdict | None
    conclusion: str | None
    analysis: str | None
    sources: tuple[Source, ...]
    tags: tuple[Term, ...]
    actors: tuple[Term, ...]
    related: tuple[str, ...]
    checked: dt.date
    corrections: tuple[Correction, ...]
    status: str
    withdrawal: Withdrawal | None
    translations: tuple[tuple[str, Translation], ...] = ()
    """Our translations, by language tag, in file order."""
    language: str = "en"
    """The edition this entry is shown in (`in_language`)."""
    untranslated: tuple[str, ...] = ()
    """In another edition: the fields shown in English because they have no translation yet."""
    original_claim: str | None = None
    """In another edition, where the claim is shown in our translation: the claim as recorded."""

    def in_language(self, code: str) -> Fact:
        """This entry as the `code` edition shows it: its text translated where we translated
        it, the English text otherwise (listed in `untranslated`, so pages say so), and
        verdict, tags and actors in that language. Dates, sources and ids stay as they are."""
        if code == "en":
            return self
        words = dict(self.translations).get(code, Translation())
        # The texts are handed on as stored (`stored`), so both editions share them, not a copy each.
        shown = {field: stored(words, field) or stored(self, field) for field in TRANSLATED_FIELDS}
        untranslated = [f for f in TRANSLATED_FIELDS if stored(self, f) and not stored(words, f)]
        claimant = self.claimant
        if claimant is not None:
            if claimant.role and not words.claimant_role:
                untranslated.append("claimant")
            actor = claimant.actor.in_language(code) if claimant.actor is not None else None
            role = stored(words, "claimant_role") or stored(claimant, "role")
            claimant = dataclasses.replace(claimant, role=role, actor=actor)
        return replaced(  # the rest handed on as kept: spilled sources and translations stay spilled
            self,
            **shown,
            claim=stored(words, "claim") or stored(self, "claim"),
            original_claim=stored(self, "claim") if words.claim else None,
            claimant=claimant,
            verdict=self.verdict.in_language(code) if self.verdict is not None else None,
            tags=tuple(t.in_language(code) for t in self.tags),
            actors=tuple(a.in_language(code) for a in self.actors),
            language=code,
            untranslated=tuple(untranslated),
        )

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def is_claim(self) -> bool:
        return self.kind == CLAIM

    @property
    def is_event(self) -> bool:
        return self.kind == EVENT

    @property
    def kind_label(self) -> str:
        return _("Claim") if self.is_claim else _("Event")

    @property
    def description(self) -> str:
        """One line for the page description and social cards: the verdict and why (an
        event's summary), or why the entry was withdrawn, so a shared link never shows a
        verdict we took back."""
        if self.withdrawal is not None:
            day = self.withdrawal.date.isoformat()
            return (_("Withdrawn on %(date)s:") % {"date": day} + f" {self.withdrawal.reason}").replace("\n", " ")
        if self.verdict is None:
            return (_("Event: %(summary)s") % {"summary": self.summary}).replace("\n", " ")
        return f"{self.verdict.label}: {self.conclusion}".replace("\n", " ")

    @property
    def headline_claim(self) -> str | None:
        """The claim in the fewest words we have: ``claim_short``, else the claim."""
        return self.claim_short or self.claim

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Chronological, coarse dates first within their period, ties broken by id."""
        return (self.date.earliest, self.id)

    @property
    def src_uri(self) -> str:
        """Where the fact's page lives in the site, '/'-separated."""
        return f"facts/{self.id}.md"


def build_fact(fact_id: str, path: str, data: dict[str, Any], vocab: Vocabularies) -> Fact:
    """Build a `Fact` from data that has passed the schema and every rule.

    Values that many facts repeat (kinds, statuses, publishers, languages, related ids,
    days) are shared rather than held once per fact: the facts are held for a whole build.
    """
    return Fact(
        id=sys.intern(fact_id),
        path=path,
        kind=sys.intern(data["kind"]),
        title=data["title"],
        date=PartialDate.parse(data["date"]),
        end_date=PartialDate.parse(data["end_date"]) if "end_date" in data else None,
        summary=data.get("summary"),
        claim=data.get("claim"),
        claim_short=data.get("claim_short"),
        claimant=_claimant(data["claimant"], vocab) if "claimant" in data else None,
        appearance=_appearance(data["appearance"]) if "appearance" in data else None,
        verdict=verdict(data["verdict"]) if "verdict" in data else None,
        conclusion=data.get("conclusion"),
        analysis=data.get("analysis"),
        sources=tuple(_source(s) for s in data["sources"]),
        tags=tuple(vocab.tags[t] for t in data["tags"]),
        actors=tuple(vocab.actors[a] for a in data["actors"]),
        related=tuple(sys.intern(other) for other in data.get("related", ())),
        checked=_day(data["checked"]),
        corrections=tuple(Correction(_day(c["date"]), c["note"]) for c in data.get("corrections", ())),
        status=sys.intern(data["status"]),
        withdrawal=(
            Withdrawal(_day(data["withdrawal"]["date"]), data["withdrawal"]["reason"]) if "withdrawal" in data else None
        ),
        translations=tuple(
            (sys.intern(code), _translation(words)) for code, words in data.get("translations", {}).items()
        ),
    )


@functools.lru_cache(maxsize=65536)
def _day(text: str) -> dt.date:
    """The day `text` names, one object for every fact that names it (sources are read on the same days)."""
    return dt.date.fromisoformat(text)


def _shared(text: str | None) -> str | None:
    """`text`, as the one copy every fact that has it holds (a publisher, a language, a name)."""
    return None if text is None else sys.intern(text)


def _translation(data: dict[str, Any]) -> Translation:
    fields = {name: data.get(name) for name in (*TRANSLATED_FIELDS, "claim")}
    return Translation(**fields, claimant_role=data.get("claimant", {}).get("role"))


def _claimant(data: dict[str, Any], vocab: Vocabularies) -> Claimant:
    actor = data.get("actor")
    return Claimant(sys.intern(data["name"]), data.get("role"), vocab.actors[actor] if actor else None)


def _appearance(data: dict[str, Any]) -> Appearance:
    return Appearance(data["url"], sys.intern(data["publisher"]), _date_or_none(data["date"]), data.get("title"))


def _date_or_none(text: str) -> PartialDate | None:
    return None if text == "undated" else PartialDate.parse(text)


def _source(data: dict[str, Any]) -> Source:
    return Source(
        url=data["url"],
        publisher=sys.intern(data["publisher"]),
        title=data.get("title"),
        published=_date_or_none(data["published"]),
        accessed=_day(data["accessed"]),
        archive_url=data.get("archive_url"),
        quote=data.get("quote"),
        quote_translation=data.get("quote_translation"),
        language=_shared(data.get("language")),
        kind=_shared(data.get("kind")),
        archived=_day(data["archived"]) if "archived" in data else None,
    )
