"""Synthetic facts that look like ours: lengths, sources, quotes, tags and links drawn from the real ones.

Each synthetic fact copies the shape of a randomly chosen fact in ``facts/`` (how long its
title, claim, conclusion and analysis are, how many sources, quotes, tags, actors and
related facts it has) and fills it with text from a word chain trained on our facts'
prose, so it reads, weighs and compresses like ours. On top of what our young facts
have, every source gets an archive copy (as a mature site would), some facts carry
corrections, an end date or links in the analysis, and a few are withdrawn. Related
ids point at earlier facts, so every link resolves. Everything is seeded: the same
count and seed give byte-identical files.

The generated facts pass ``factsite check`` with zero errors; they are written only to a
scratch project, never to the repository's ``facts/``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factsite.schema import verdict_scale

TODAY = dt.date(2026, 12, 4)
"""The benchmark's pinned "today" (also given to the build as FACTSITE_TODAY)."""
SCHEMA_LINE = "# yaml-language-server: $schema=../src/factsite/schema/fact.schema.json\n"

Fact = dict[str, Any]

_SLUG_WORD = re.compile(r"[a-z]{3,}")
_MARKUP = re.compile(r"\(https?://[^)]*\)|[*`|\[\]]")
"""Markdown marks and link targets, left out of the learnt text (the generator adds its own)."""
_PUBLISHER_KINDS = ("News", "Agency", "Ministry of Foreign Affairs", "Times", "Review", "Institute", "Radio", "Post")
_LANGUAGES = ("en", "en", "en", "en", "ru", "ru", "tg")


class Chain:
    """A first-order word chain: text with our words, punctuation and sentence lengths."""

    def __init__(self, texts: list[str]) -> None:
        self.following: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in texts:
            words = _MARKUP.sub("", text).split()
            for index, word in enumerate(words):
                if (index == 0 or words[index - 1].endswith((".", "!", "?"))) and word[:1].isupper():
                    self.starts.append(word)
                if index + 1 < len(words):
                    self.following[word].append(words[index + 1])
        if not self.starts:
            raise ValueError("no sentences to learn from")

    def text(self, rng: random.Random, length: int) -> str:
        """About `length` characters of sentences, cut at a word and ending with a full stop."""
        words: list[str] = []
        size = 0
        word = rng.choice(self.starts)
        while size < length:
            words.append(word)
            size += len(word) + 1
            options = self.following.get(word)
            word = rng.choice(options) if options else rng.choice(self.starts)
        text = " ".join(words).rstrip(",;:—–-(") or "Text"
        return text if text.endswith((".", "!", "?")) else text.rstrip(".!?") + "."

    def line(self, rng: random.Random, length: int, minimum: int, maximum: int) -> str:
        """One line of `minimum`-`maximum` characters without a final full stop, for titles."""
        text = self.text(rng, max(length, minimum)).rstrip(".!?")
        if len(text) > maximum:
            text = text[:maximum].rsplit(" ", 1)[0]
        while len(text) < minimum:
            text = f"{text} {rng.choice(self.starts)}".strip()
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class Corpus:
    """What the generator learns from the repository: real facts as shapes, text, vocabularies."""

    templates: list[Fact]
    english: Chain
    russian: Chain
    tags: list[str]
    actors: list[str]
    verdicts: list[str]

    @classmethod
    def of(cls, repo: Path) -> Corpus:
        templates = [
            yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((repo / "facts").glob("*.yml"))
        ]
        english: list[str] = []
        russian: list[str] = []
        for fact in templates:
            said = [fact["claim"], fact["conclusion"]] if fact["kind"] == "claim" else [fact["summary"]]
            english += [fact["title"] + ".", *said, *fact.get("analysis", "").split("\n\n")]
            russian += [text for text in fact.get("translations", {}).get("ru", {}).values() if isinstance(text, str)]
            for source in fact["sources"]:
                texts = [source.get("title", "") + ".", source.get("quote", ""), source.get("quote_translation", "")]
                for text in filter(None, texts):
                    (russian if re.search("[а-яА-Я]", text) else english).append(text)
        vocab = repo / "vocab"
        return cls(
            templates=templates,
            english=Chain(english),
            russian=Chain(russian or english),
            tags=sorted(yaml.safe_load((vocab / "tags.yml").read_text(encoding="utf-8"))),
            actors=sorted(yaml.safe_load((vocab / "actors.yml").read_text(encoding="utf-8"))),
            verdicts=[verdict.id for verdict in verdict_scale()],
        )


def _date(rng: random.Random, number: int, count: int) -> tuple[str, dt.date]:
    """A date at day, month or year precision; later years hold more facts, as a growing timeline does."""
    span = TODAY.year - 1991
    year = 1991 + min(span - 1, int(span * (rng.random() ** 0.6)))
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    precision = rng.random()
    if precision < 0.8:
        return day.isoformat(), day
    if precision < 0.95:
        return day.isoformat()[:7], day.replace(day=1)
    return str(day.year), day.replace(month=1, day=1)


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _slug(rng: random.Random, title: str, number: int) -> str:
    words = [w for w in _SLUG_WORD.findall(title.lower()) if w not in {"the", "and", "for", "with", "from"}]
    chosen = rng.sample(words, min(len(words), rng.randint(2, 4))) if words else ["fact"]
    return "-".join(chosen) + f"-{number}"


class Generator:
    """Facts one after another; each may relate to the facts made before it."""

    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.corpus = corpus
        self.rng = random.Random(seed)
        rng = self.rng
        self.publishers = sorted(
            {
                f"{corpus.english.line(rng, 8, 3, 20).split()[0].strip(',.')} {rng.choice(_PUBLISHER_KINDS)}"
                for _ in range(80)
            }
        )
        self.hosts = {
            name: re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".example.org" for name in self.publishers
        }
        self.ids: list[str] = []

    def url(self, publisher: str, day: dt.date, title: str) -> str:
        slug = "-".join(_SLUG_WORD.findall(title.lower())[:8]) or "page"
        return f"https://{self.hosts[publisher]}/{day.year}/{day.month:02d}/{day.day:02d}/{slug}-{self.rng.randrange(10**6)}"

    def source(self, template: dict[str, Any], earliest: dt.date) -> Fact:
        rng, corpus = self.rng, self.corpus
        language = template.get("language") if template.get("language") in ("en", "ru") else rng.choice(_LANGUAGES)
        chain = corpus.russian if language == "ru" else corpus.english
        publisher = rng.choice(self.publishers)
        published = _between(rng, earliest, TODAY - dt.timedelta(days=30))
        accessed = _between(rng, published, TODAY)
        title = chain.line(rng, len(template.get("title", "")) or 60, 10, 300)
        url = self.url(publisher, published, title)
        source: Fact = {"url": url, "publisher": publisher}
        if "title" in template:  # as in the repository, some titles were never recorded
            source["title"] = title
        source |= {
            "published": "undated" if template.get("published") == "undated" else published.isoformat(),
            "accessed": accessed.isoformat(),
            "archive_url": f"https://archive.example.org/web/{accessed:%Y%m%d}{rng.randrange(10**6):06d}/{url}",
        }
        if "quote" in template:
            source["quote"] = chain.text(rng, len(template["quote"])).strip()
            if language != "en":
                source["quote_translation"] = corpus.english.text(rng, len(template["quote"])).strip()
        source["language"] = language
        source["kind"] = template.get("kind", rng.choice(["primary", "secondary"]))
        return source

    def analysis(self, template: Fact, sources: int) -> str:
        """Paragraphs like the template's, citing each of the `sources` as ``[n]``, as the check asks."""
        rng, chain = self.rng, self.corpus.english
        paragraphs = [chain.text(rng, len(p)) for p in template.get("analysis", "").split("\n\n") if p.strip()]
        if not paragraphs and sources > 1:
            paragraphs = [chain.text(rng, 300)]
        if paragraphs and rng.random() < 0.3:  # an inline link and some emphasis, as contributors write
            publisher = rng.choice(self.publishers)
            link = f"[{publisher}](https://{self.hosts[publisher]}/report-{rng.randrange(10**5)})"
            paragraphs[-1] = f"{paragraphs[-1]} According to {link}, this is *not* the whole story."
        for number in range(1, sources + 1 if paragraphs else 1):
            at = (number - 1) % len(paragraphs)
            paragraphs[at] = f"{paragraphs[at].rstrip('.')} [{number}]."
        return "\n\n".join(paragraphs)

    def translation(self, fact: Fact) -> Fact:
        """The Russian edition's text of `fact`, each field about as long as the English, as in the repository."""
        rng, russian = self.rng, self.corpus.russian
        found: Fact = {"title": russian.line(rng, len(fact["title"]), 3, 160)}
        for field, limit in (("summary", 799), ("claim", 2000), ("conclusion", 599)):
            if field in fact:
                found[field] = russian.text(rng, len(fact[field]))[:limit].rstrip()
        if "claim_short" in fact:
            found["claim_short"] = russian.line(rng, len(fact["claim_short"]), 10, 100)
        if "analysis" in fact:  # the same [n] source markers as the English, as the check asks
            text = re.sub(r"\s*\[\d+\]", "", russian.text(rng, len(fact["analysis"]))).rstrip(".")
            markers = " ".join(dict.fromkeys(re.findall(r"\[\d+\]", fact["analysis"])))
            found["analysis"] = f"{text} {markers}." if markers else f"{text}."
        if "role" in fact.get("claimant", {}):
            found["claimant"] = {"role": russian.line(rng, len(fact["claimant"]["role"]), 2, 200)}
        return found

    def fact(self, number: int, count: int) -> tuple[str, Fact]:
        rng, corpus = self.rng, self.corpus
        template = rng.choice(corpus.templates)
        date, day = _date(rng, number, count)
        title = corpus.english.line(rng, len(template["title"]), 20, 110)
        claim = corpus.english.text(rng, len(template.get("claim") or template["summary"]))[:2000]
        appeared = _between(rng, day, min(TODAY, day + dt.timedelta(days=400)))
        checked = _between(rng, appeared, TODAY)
        publisher = rng.choice(self.publishers)
        # About half the entries are events, as in the repository (24 of 46).
        kind = "event" if rng.random() < 0.5 else "claim"
        fact: Fact = {"kind": kind, "title": title, "date": date}
        if rng.random() < 0.05:
            fact["end_date"] = _between(rng, day, TODAY).isoformat()
        if kind == "event":
            fact["summary"] = corpus.english.text(rng, 200)[:599].rstrip()
        else:
            fact["claim"] = claim
            if len(claim) > 75:
                fact["claim_short"] = corpus.english.line(rng, 60, 20, 75)
            fact["claimant"] = {"name": rng.choice(self.publishers) if rng.random() < 0.4 else publisher}
            if rng.random() < 0.3:
                fact["claimant"]["role"] = corpus.english.line(rng, 40, 10, 80)
            fact["appearance"] = {
                "url": self.url(publisher, appeared, title),
                "publisher": publisher,
                "date": appeared.isoformat() if rng.random() < 0.95 else "undated",
            }
            if rng.random() < 0.5:
                fact["appearance"]["title"] = corpus.english.line(rng, len(template["title"]), 20, 200)
            fact["verdict"] = rng.choice(corpus.verdicts)
            fact["conclusion"] = corpus.english.text(rng, 200)[:399].rstrip()
        analysis = self.analysis(template, len(template["sources"]))
        if analysis:
            fact["analysis"] = analysis
        fact["sources"] = [self.source(s, day) for s in template["sources"]]
        fact["tags"] = rng.sample(corpus.tags, min(len(corpus.tags), len(template["tags"])))
        fact["actors"] = rng.sample(corpus.actors, min(len(corpus.actors), len(template["actors"])))
        related = len(template.get("related", []))
        if related and self.ids:
            fact["related"] = rng.sample(self.ids, min(related, len(self.ids)))
        fact["checked"] = checked.isoformat()
        if rng.random() < 0.05:
            fact["corrections"] = [{"date": checked.isoformat(), "note": corpus.english.text(rng, 120)}]
        if rng.random() < 0.01:
            fact["status"] = "withdrawn"
            fact["withdrawal"] = {"date": checked.isoformat(), "reason": corpus.english.text(rng, 150)}
        else:
            fact["status"] = "published"
        fact["translations"] = {"ru": self.translation(fact)}
        fact["notes"] = corpus.english.text(rng, 200)
        fact_id = f"{date}--{_slug(rng, title, number)}"
        self.ids.append(fact_id)
        return fact_id, fact


def synthetic_facts(repo: Path, count: int, seed: int = 1, existing: list[str] | None = None) -> list[tuple[str, Fact]]:
    """`count` facts; `existing` ids (the repository's own facts) may be related to as well."""
    generator = Generator(Corpus.of(repo), seed)
    generator.ids.extend(existing or [])
    return [generator.fact(number, count) for number in range(count)]


def dump(fact: Fact) -> str:
    """A fact file as a contributor would write it: the schema line, then the fields in order."""
    return SCHEMA_LINE + yaml.safe_dump(fact, allow_unicode=True, sort_keys=False, width=100)
