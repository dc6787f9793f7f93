"""The site's own static search index: small files the browser fetches for the words typed.

A reader's browser must find an entry among 100,000 without downloading an index that
grows with the archive, so the index is cut into pieces fetched on demand
(``docs/assets/search.js`` reads them; `query` here does the same for the tests):

- ``index.json``: the few figures the browser needs first (entry count, chunk size,
  scoring constants) and the list of dictionary shards, one per word prefix.
- ``t/<n>.json``, the dictionary shards: every word form and every stem of the archive
  that begins with the shard's prefix (two letters, more where a prefix holds too many
  words), each pointing at its stem; a stem's document frequency and, for a rare stem,
  its postings inline.
- ``p/<n>.json``: a common stem's postings, impact-ordered and capped at `CAP`, so the
  most frequent word costs a few KB however large the archive.
- ``r/<n>.json``: what a result shows (address, title, date, verdict or "Event") for
  `CHUNK` entries at a time, fetched only for the results shown.

Words are normalized (lower case, ``ё`` as ``е``, accents dropped, ``й`` kept) and
stemmed at build time with the Snowball stemmer of the edition's language. The browser
has no stemmer: the dictionary holds every word form seen as well as the stems, and a
typed word matches the forms it begins (the word being typed) and the forms or stems that
begin it (another form of a known word, «школы» for «школ»). One stemmer, in Python, so
the two sides can never disagree on a stem, and the browser's code knows no language.

Each entry's impact for a stem is BM25F over its fields (title, short claim, claim or
summary, claimant, tags, actors, verdict) with fixed reference lengths, so it is known
as soon as the entry is read: records stream in, result chunks are written as they go,
and only compact postings arrays are held. The same records give the same bytes.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

CHUNK = 20
"""Entries per result chunk: small, since the top ten results may each be in a different one."""
CAP = 1000
"""Postings kept per stem, the most telling first: the rest would rank below them anyway."""
INLINE = 12
"""A stem found in at most this many entries keeps its postings in the dictionary shard."""
SHARD_BYTES = 64_000
"""A shard larger than this is split by the next letter (before compression)."""
LEVELS = 63
"""Impacts are stored as whole numbers 1..LEVELS."""
MIN_WORD = 2
"""Shorter words are neither indexed nor searched: single letters say nothing about an entry."""
K1 = 1.2
MAX_STEMS = 4
"""The stems one typed word may stand for (its best matches), whose postings are fetched."""
WHOLE = 0.8
"""The weight of a shorter form of the typed word; a typed word that is a whole word of the archive (weight
at least this) counts its longer words at half weight, so «Ташкент» prefers «Ташкенте» to «ташкентском»."""

REPEATED = 4096
"""How many repeated texts (names, labels) are kept read: the first ones met, so memory stays bounded."""

STEMMERS = {"en": "english", "ru": "russian"}

_MARKS = re.compile(r"(?<!и)\u0306|[\u0300-\u0305\u0307-\u036f]")
"""Combining accents, dropped after decomposition; the breve of «й» stays (it is a letter of its own).
Written as docs/assets/search.js writes it (tests/test_search_index.py holds the two to the same text)."""
_WORD = re.compile(r"[^\W_]+")
"""Letters and digits; docs/assets/search.js splits with [\\p{L}\\p{N}]+, the same classes."""


@dataclass(frozen=True)
class Field:
    """A part of an entry a word can be found in: its weight, the length at which BM25 treats it as
    typical, and how much a longer text lowers each word's part (BM25's b)."""

    weight: float
    length: float
    b: float = 0.75
    repeats: bool = False
    """The same text comes back across entries (names, labels): its words are worked out once."""


FIELDS = {
    "title": Field(3.0, 10, 0.5),
    "short": Field(2.0, 12),
    "said": Field(1.0, 30),
    "claimant": Field(2.0, 3, repeats=True),
    "tags": Field(1.0, 4, repeats=True),
    "actors": Field(1.5, 4, repeats=True),
    "kind": Field(0.5, 2, repeats=True),
}
MAX_IMPACT = sum(field.weight for field in FIELDS.values()) * (K1 + 1)


@dataclass(frozen=True)
class Record:
    """One entry as search knows it: what a result shows, and the text of each field it is found by."""

    url: str
    """Relative to the edition's root (``facts/<id>/``); the search box adds the root."""
    title: str
    date: str
    kind: str
    """The verdict's label, or "Event"."""
    fields: tuple[tuple[str, str], ...]
    """(field name in `FIELDS`, plain text)."""


def normalize(text: str) -> str:
    """Lower case, accents dropped (``ё`` → ``е``, ``é`` → ``e``), ``й`` kept: as the browser does it."""
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text.lower())))


def words(text: str) -> list[str]:
    """The normalized words of `text` of at least `MIN_WORD` characters, in order."""
    return [word for word in _WORD.findall(normalize(text)) if len(word) >= MIN_WORD]


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(STEMMERS.get(language, "english"))


class Analyzer:
    """The stems of texts in one language: each distinct word stemmed once, each repeated text read once."""

    def __init__(self, language: str) -> None:
        self.stemmer = _stemmer(language)
        self.stems: dict[str, str] = {}
        """Every word form seen, and its stem."""
        self.texts: dict[str, tuple[dict[str, int], int]] = {}

    def stem(self, word: str) -> str:
        stem = self.stems.get(word)
        if stem is None:
            stem = self.stemmer.stemWord(word)
            stem = stem if len(stem) >= MIN_WORD else word
            self.stems[word] = stem
        return stem

    def counts(self, text: str, repeats: bool) -> tuple[dict[str, int], int]:
        """How often each stem occurs in `text`, and how many words it has."""
        if repeats and text in self.texts:
            return self.texts[text]
        counts: dict[str, int] = {}
        found = words(text)
        known = self.stems
        for word in found:
            stem = known.get(word) or self.stem(word)
            counts[stem] = counts.get(stem, 0) + 1
        if repeats and len(self.texts) < REPEATED:
            self.texts[text] = (counts, len(found))
        return counts, len(found)

    def impacts(self, record: Record) -> dict[str, int]:
        """BM25F of each stem of `record` as a level 1..LEVELS: per field, term frequency saturated and
        normalized by length, weighted and summed."""
        scores: dict[str, float] = {}
        for name, text in record.fields:
            field = FIELDS[name]
            counts, length = self.counts(text, field.repeats)
            if not length:
                continue
            norm = K1 * (1 - field.b + field.b * length / field.length)
            scale = field.weight * (K1 + 1)
            for stem, count in counts.items():
                scores[stem] = scores.get(stem, 0.0) + scale * count / (count + norm)
        per_level = LEVELS / MAX_IMPACT
        return {stem: max(1, min(LEVELS, round(score * per_level))) for stem, score in scores.items()}


def idf(count: int, df: int) -> float:
    """BM25's inverse document frequency (docs/assets/search.js computes the same)."""
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


class _Postings:
    """One stem's entries and impact levels, as compact arrays while the records stream in."""

    __slots__ = ("docs", "levels")

    def __init__(self) -> None:
        self.docs = array("I")
        self.levels = array("B")

    def encoded(self) -> list[Any]:
        """The best `CAP` postings as ``[level, [first entry, gap, gap, …], level, […], …]``, best level first."""
        # One integer per posting sorts best level first, then by entry, in C.
        order = sorted(((LEVELS - lvl) << 32) | doc for doc, lvl in zip(self.docs, self.levels, strict=True))
        out: list[Any] = []
        current, previous = -1, 0
        run: list[int] = []
        for key in order[:CAP]:
            lvl, doc = LEVELS - (key >> 32), key & 0xFFFFFFFF
            if lvl != current:
                current, previous, run = lvl, 0, []
                out += [current, run]
            run.append(doc - previous)
            previous = doc
        return out


@dataclass(frozen=True)
class IndexStats:
    entries: int
    stems: int
    keys: int
    shards: int


class _Files:
    """The index's files, written over those of the index before; what that one had beyond them is removed
    at the end (a live rebuild then rewrites files instead of deleting thousands and making them again)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stale = {path for path in folder.rglob("*") if not path.is_dir()} if folder.is_dir() else set()
        for sub in ("t", "p", "r"):
            (folder / sub).mkdir(parents=True, exist_ok=True)

    def dump(self, name: str, data: object) -> None:
        path = self.folder / name
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.stale.discard(path)

    def finish(self) -> None:
        for path in sorted(self.stale):
            path.unlink()


def write_index(records: Iterable[Record], folder: Path, language: str) -> IndexStats:
    """Index `records` (in the order results should break ties: later ones first) into `folder`, replacing
    what it held."""
    files = _Files(folder)
    analyzer = Analyzer(language)
    postings: dict[str, _Postings] = {}
    chunk: list[list[str]] = []
    count = 0
    for record in records:
        for stem, impact in analyzer.impacts(record).items():
            entry = postings.get(stem)
            if entry is None:
                entry = postings[stem] = _Postings()
            entry.docs.append(count)
            entry.levels.append(impact)
        chunk.append([record.url, record.title, record.date, record.kind])
        count += 1
        if len(chunk) == CHUNK:
            files.dump(f"r/{count // CHUNK - 1}.json", chunk)
            chunk = []
    if chunk:
        files.dump(f"r/{count // CHUNK}.json", chunk)

    keys = {word: stem for word, stem in analyzer.stems.items() if stem in postings}
    keys.update((stem, stem) for stem in postings)
    numbers: dict[str, int] = {}
    stem_data: dict[str, list[Any]] = {}
    for stem in sorted(postings):
        entry = postings[stem]
        df = len(entry.docs)
        if df <= INLINE:
            stem_data[stem] = [df, entry.encoded()]
        else:
            numbers[stem] = len(numbers)
            files.dump(f"p/{numbers[stem]}.json", entry.encoded())
            stem_data[stem] = [df, numbers[stem]]
        del postings[stem]  # written: its arrays can go
    prefixes = _shard(sorted(keys), keys, stem_data, 2)
    for number, (_, selected) in enumerate(prefixes):
        files.dump(f"t/{number}.json", _shard_data(selected, keys, stem_data))
    manifest = {
        "version": 1,
        "language": language,
        "entries": count,
        "chunk": CHUNK,
        "minWord": MIN_WORD,
        "maxStems": MAX_STEMS,
        "whole": WHOLE,
        "shards": [prefix for prefix, _ in prefixes],
    }
    files.dump("index.json", manifest)
    files.finish()
    return IndexStats(count, len(stem_data), len(keys), len(prefixes))


def _shard_data(selected: Sequence[str], keys: dict[str, str], stem_data: dict[str, list[Any]]) -> dict[str, Any]:
    """``{"w": [[word, stem number], …], "s": [[stem, df, postings or file], …]}``, stems local to the shard."""
    local: dict[str, int] = {}
    rows = []
    for word in selected:
        stem = keys[word]
        if stem not in local:
            local[stem] = len(local)
        rows.append([word, local[stem]])
    return {"w": rows, "s": [[stem, *stem_data[stem]] for stem in local]}


def _shard(
    ordered: list[str], keys: dict[str, str], stem_data: dict[str, list[Any]], depth: int
) -> list[tuple[str, list[str]]]:
    """The shards of `ordered` words, by prefix of `depth` letters; a prefix too large is split one letter
    deeper, its own shard keeping the words no longer than the prefix and its most frequent completions."""
    groups: dict[str, list[str]] = {}
    for word in ordered:
        groups.setdefault(word[:depth], []).append(word)
    out: list[tuple[str, list[str]]] = []
    for prefix in sorted(groups):
        group = groups[prefix]
        size = len(json.dumps(_shard_data(group, keys, stem_data), ensure_ascii=False))
        if size <= SHARD_BYTES or all(len(word) <= depth for word in group):
            out.append((prefix, group))
            continue
        short = [word for word in group if len(word) <= depth]
        longer = [word for word in group if len(word) > depth]
        frequent = sorted(longer, key=lambda word: (-stem_data[keys[word]][0], word))[: MAX_STEMS * 4]
        out.append((prefix, sorted(short + frequent)))
        out += _shard(longer, keys, stem_data, depth + 1)
    return out


# ---- the query, as docs/assets/search.js runs it --------------------------------------------------


def _decode(encoded: list[Any]) -> list[tuple[int, int]]:
    """(entry, level) pairs from `_Postings.encoded`."""
    out = []
    for at in range(0, len(encoded), 2):
        doc = 0
        for gap in encoded[at + 1]:
            doc += gap
            out.append((doc, encoded[at]))
    return out


def match_weight(typed: str, key: str) -> float:
    """How well a dictionary word stands for a typed one: itself, a word it begins, or a shorter form of it."""
    if key == typed:
        return 1.0
    if typed.startswith(key) and len(key) >= max(3, len(typed) - 3):
        return WHOLE
    if key.startswith(typed):
        return 0.3 + 0.4 * len(typed) / len(key)
    return 0.0


def query(folder: Path, text: str, limit: int = 10) -> list[str]:
    """The addresses of the best `limit` results for `text`: the browser's ranking, for tests and benchmarks."""
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    count = manifest["entries"]
    typed = list(dict.fromkeys(words(text)))
    if not typed:
        return []
    matched: dict[int, int] = {}
    scores: dict[int, float] = {}
    for word in typed:
        best: dict[str, tuple[float, int, Any]] = {}
        for number, prefix in enumerate(manifest["shards"]):
            if not word.startswith(prefix):
                continue
            shard = json.loads((folder / "t" / f"{number}.json").read_text(encoding="utf-8"))
            for key, local in shard["w"]:
                weight = match_weight(word, key)
                stem, df, where = shard["s"][local]
                if weight > best.get(stem, (0.0, 0, None))[0]:
                    best[stem] = (weight, df, where)
        if any(weight >= WHOLE for weight, _, _ in best.values()):
            best = {stem: (w if w >= WHOLE else w / 2, df, where) for stem, (w, df, where) in best.items()}
        chosen = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))[: manifest["maxStems"]]
        word_scores: dict[int, float] = {}
        for _, (weight, df, where) in chosen:
            encoded = where if isinstance(where, list) else _read(folder / "p" / f"{where}.json")
            factor = weight * idf(count, df)
            for doc, impact in _decode(encoded):
                word_scores[doc] = max(word_scores.get(doc, 0.0), factor * impact)
        for doc, score in word_scores.items():
            matched[doc] = matched.get(doc, 0) + 1
            scores[doc] = scores.get(doc, 0.0) + score
    ranked = sorted(scores, key=lambda doc: (-matched[doc], -scores[doc], -doc))[:limit]
    chunk = manifest["chunk"]
    return [_read(folder / "r" / f"{doc // chunk}.json")[doc % chunk][0] for doc in ranked]


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_records(folder: Path) -> list[dict[str, str]]:
    """What each entry's result shows (``url``, ``title``, ``date``, ``kind``), in the index's order."""
    chunks = sorted((folder / "r").glob("*.json"), key=lambda path: int(path.stem))
    return [dict(zip(("url", "title", "date", "kind"), row, strict=True)) for path in chunks for row in _read(path)]
