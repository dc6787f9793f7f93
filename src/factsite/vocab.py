"""Controlled vocabularies: the tags and actors a fact may use, each with a description.

They live in ``vocab/tags.yml`` and ``vocab/actors.yml``, are loaded with positions like
facts and checked against the schema's ``vocabulary`` definition. A term may carry our
translations of its label and description; each edition of the site shows the term in its
own language with ``Term.in_language``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

from factsite import schemacheck
from factsite.characters import invisible_problems
from factsite.files import display_path, leads_outside
from factsite.problems import Problem
from factsite.yamlload import load_file

VOCABULARY_NAMES = ("tags", "actors")


@dataclass(frozen=True)
class TermTranslation:
    """A term's label and description in another language (ours, from ``translations``)."""

    language: str
    label: str
    description: str


@dataclass(frozen=True)
class Term:
    """One vocabulary entry, in English, with its translations."""

    id: str
    label: str
    description: str
    kind: str | None = None
    wikidata: str | None = None
    translations: tuple[TermTranslation, ...] = ()
    """By language tag, in tag order: a tuple, so that a term stays hashable."""

    def in_language(self, code: str) -> Term:
        """The term as the `code` edition shows it: translated label and description, or the English ones.

        A term nobody has translated yet still needs a name on that edition's pages; the
        English one is the honest fallback. The id, kind and Wikidata id never change.
        """
        return _in_language(self, code)


@functools.lru_cache(maxsize=4096)
def _in_language(term: Term, code: str) -> Term:
    """`Term.in_language`, made once per term: every entry with the term shares it."""
    for translation in term.translations:
        if translation.language == code:
            return replace(term, label=translation.label, description=translation.description)
    return term


@dataclass(frozen=True)
class Vocabularies:
    tags: dict[str, Term] = field(default_factory=dict)
    actors: dict[str, Term] = field(default_factory=dict)
    unavailable: frozenset[str] = frozenset()
    """Vocabularies whose file is missing or unreadable: facts are not checked against them."""
    files: dict[str, str] = field(default_factory=dict)
    """The file each vocabulary was read from, as shown in messages."""

    def terms(self, name: str) -> dict[str, Term]:
        terms: dict[str, Term] = getattr(self, name)
        return terms


def load_vocabularies(vocab_dir: Path, root: Path) -> tuple[Vocabularies, list[Problem]]:
    """Load every vocabulary; return them and their problems."""
    loaded: dict[str, dict[str, Term]] = {}
    files: dict[str, str] = {}
    unavailable: set[str] = set()
    problems: list[Problem] = []
    for name in VOCABULARY_NAMES:
        path = vocab_dir / f"{name}.yml"
        shown = files[name] = display_path(path, root)
        if leads_outside(path, vocab_dir):
            unavailable.add(name)  # reported by files.link_problems; never read what it points at
            continue
        if not path.is_file():
            problems.append(Problem(shown, 1, 1, "vocabulary", "", f"vocabulary file is missing; create {shown}"))
            unavailable.add(name)
            continue
        doc = load_file(path, shown)
        found = doc.problems + schemacheck.check_document(doc, schemacheck.VOCABULARY)
        found += list(invisible_problems(doc))
        problems.extend(found)
        if not isinstance(doc.data, dict):
            unavailable.add(name)
            continue
        # Keep every declared id, even of a broken entry (reported above), so that one bad
        # entry does not make every fact that uses it "unknown" as well.
        loaded[name] = {term_id: _term(term_id, entry) for term_id, entry in sorted(doc.data.items())}
    vocabularies = Vocabularies(**loaded, unavailable=frozenset(unavailable), files=files)
    return vocabularies, problems


def _term(term_id: str, entry: object) -> Term:
    fields = entry if isinstance(entry, dict) else {}
    text = _strings(fields)
    label, description = text.get("label", term_id), text.get("description", "")
    return Term(
        term_id, label, description, text.get("kind"), text.get("wikidata"), _translations(fields, label, description)
    )


def _translations(fields: dict[object, object], label: str, description: str) -> tuple[TermTranslation, ...]:
    """The term's translations; in a broken one (reported by the schema) a missing text stays English."""
    given = fields.get("translations")
    blocks = given if isinstance(given, dict) else {}
    found = []
    for language, block in sorted(((str(key), value) for key, value in blocks.items()), key=lambda item: item[0]):
        if isinstance(block, dict):
            text = _strings(block)
            found.append(TermTranslation(language, text.get("label", label), text.get("description", description)))
    return tuple(found)


def _strings(mapping: dict[object, object]) -> dict[object, str]:
    return {key: value for key, value in mapping.items() if isinstance(value, str)}
