"""Vocabulary terms load with their translations, and each edition gets the term in its language."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write

from factsite.vocab import Term, TermTranslation, load_vocabularies

ACTORS = """\
russia:
  label: Russia
  description: The Russian Federation.
  kind: country
  wikidata: Q159
  translations:
    ru:
      label: Россия
      description: Российская Федерация.
tajikistan:
  label: Tajikistan
  description: The Republic of Tajikistan.
  kind: country
"""

TAGS = """\
migration:
  label: Migration
  description: Labour migration and remittances.
  translations:
    ru: {label: Миграция, description: Трудовая миграция и денежные переводы.}
"""


def _load(tmp_path: Path, actors: str = ACTORS, tags: str = TAGS) -> tuple[dict[str, Term], dict[str, Term], list[str]]:
    write(tmp_path / "vocab" / "actors.yml", actors)
    write(tmp_path / "vocab" / "tags.yml", tags)
    vocabularies, problems = load_vocabularies(tmp_path / "vocab", tmp_path)
    return vocabularies.actors, vocabularies.tags, [problem.format() for problem in problems]


def test_a_term_loads_with_its_translations(tmp_path: Path) -> None:
    actors, tags, problems = _load(tmp_path)
    assert problems == []
    assert actors["russia"].translations == (TermTranslation("ru", "Россия", "Российская Федерация."),)
    assert actors["tajikistan"].translations == ()
    assert tags["migration"].in_language("ru").label == "Миграция"


def test_in_language_gives_the_translation_and_keeps_what_is_not_translated(tmp_path: Path) -> None:
    russia = _load(tmp_path)[0]["russia"]
    russian = russia.in_language("ru")
    assert (russian.label, russian.description) == ("Россия", "Российская Федерация.")
    assert (russian.id, russian.kind, russian.wikidata) == ("russia", "country", "Q159")
    assert (russia.label, russia.description) == ("Russia", "The Russian Federation.")  # the loaded term is unchanged


def test_in_language_falls_back_to_english_without_a_translation(tmp_path: Path) -> None:
    actors = _load(tmp_path)[0]
    assert actors["tajikistan"].in_language("ru") == actors["tajikistan"]
    assert actors["russia"].in_language("en") == actors["russia"]
    assert actors["russia"].in_language("de").label == "Russia"


def test_terms_built_in_code_need_no_translations() -> None:
    term = Term("ana", "Ana Example", "A minister.", kind="person")
    assert term.translations == ()
    assert term.in_language("ru") is term
    assert len({term, term.in_language("ru")}) == 1  # still hashable, like every frozen term


def test_a_broken_translation_is_reported_at_its_line_and_the_term_still_loads(tmp_path: Path) -> None:
    actors = ACTORS.replace("      description: Российская Федерация.\n", "      kind: country\n")
    actors += "  translations:\n    de: {label: Tadschikistan, description: Die Republik Tadschikistan.}\n"
    loaded, _, problems = _load(tmp_path, actors=actors)
    assert problems == [
        "vocab/actors.yml:8:7: error: russia.translations.ru: missing required field 'description' (One line saying "
        "what the term covers, translated) [schema]",
        "vocab/actors.yml:9:7: error: russia.translations.ru.kind: unknown field 'kind'; a term's translation has "
        "only a label and a description: the id, kind and wikidata are the same in every language [schema]",
        "vocab/actors.yml:15:5: error: tajikistan.translations.de: unknown field 'de'; the site is published in "
        "English and Russian only, so the one translation block is ru [schema]",
    ]
    assert loaded["russia"].in_language("ru").description == "The Russian Federation."  # the English one, not none


def test_every_term_of_the_site_has_a_russian_label_and_description() -> None:
    """The Russian edition names every tag and actor in Russian."""
    vocabularies, problems = load_vocabularies(REPO / "vocab", REPO)
    assert problems == []
    for name in ("tags", "actors"):
        untranslated = [term.id for term in vocabularies.terms(name).values() if term.in_language("ru") is term]
        assert untranslated == [], f"vocab/{name}.yml: add translations.ru to {untranslated}"
