"""The check holds one loaded document at a time, and still sees across files."""

from __future__ import annotations

import dataclasses
import pickle
import re
import shutil
import weakref
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner

from factsite import pipeline
from factsite.buildcache import FactCache
from factsite.files import LoadedFact
from factsite.model import SPILL_FROM, Fact, Translation, pack, replaced, spill, stored
from factsite.pipeline import Layout, check_project

TRANSLATED = CASES / "valid" / "translated" / "facts"


class Watching(FactCache):
    """The plain check, noting each document it loads and how many earlier ones were still alive."""

    def __init__(self) -> None:
        self.documents: list[weakref.ref[object]] = []
        self.alive_at_load: list[int] = []

    def load(self, path: Path, shown: str) -> LoadedFact:
        self.alive_at_load.append(sum(ref() is not None for ref in self.documents))
        fact = super().load(path, shown)
        self.documents.append(weakref.ref(fact.doc))
        return fact


def test_each_batch_of_documents_is_let_go_before_the_next_is_loaded(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH", 4)
    watching = Watching()
    result = check_project(Layout.of(repo), today=TODAY, cache=watching)
    assert not result.report.errors
    assert len(result.facts) == len(watching.documents) > 10
    assert watching.alive_at_load == [index % 4 for index in range(len(watching.documents))]
    assert all(ref() is None for ref in watching.documents)


def test_the_answer_does_not_depend_on_the_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    for case in sorted([*(CASES / "invalid").iterdir(), *(CASES / "valid").iterdir()]):
        layout = Layout.of(case, vocab=case / "vocab" if (case / "vocab").is_dir() else CASES / "vocab")
        whole = check_project(layout, today=TODAY)
        monkeypatch.setattr(pipeline, "BATCH", 1)
        single = check_project(layout, today=TODAY)
        monkeypatch.undo()
        assert single.report.problems == whole.report.problems, case.name
        assert single.facts == whole.facts, case.name


def _project(tmp_path: Path) -> Path:
    """The translated case, and before it (in file order) an entry with no translation."""
    shutil.copytree(TRANSLATED.parent, tmp_path, dirs_exist_ok=True)
    shutil.copytree(CASES / "vocab", tmp_path / "vocab")
    text = (TRANSLATED / "1992-04-08--relations.yml").read_text(encoding="utf-8")
    untranslated = re.sub(r"\ntranslations:\n(?:  .*\n)+", "\n", text)
    assert "translations:" not in untranslated
    (tmp_path / "facts" / "1992-04-07--untranslated.yml").write_text(
        untranslated.replace('date: "1992-04-08"', 'date: "1992-04-07"'), encoding="utf-8"
    )
    return tmp_path


def test_an_entry_before_the_first_translation_is_still_told_it_has_none(tmp_path: Path, run_cli: CliRunner) -> None:
    root = _project(tmp_path)
    every, output = run_cli("check", "--root", root, "--today", TODAY.isoformat())
    assert every == 0, output
    warning = "facts/1992-04-07--untranslated.yml:1:1: warning: no Russian translation: add 'translations:'"
    assert output.startswith(warning), output
    code, alone = run_cli(
        "check", "--root", root, "--today", TODAY.isoformat(), root / "facts" / "1992-04-07--untranslated.yml"
    )
    assert code == 0 and alone.startswith(warning), "the other files are still read for whether there is an edition"
    assert alone.endswith("(1 fact file checked)\n")


def test_without_any_translation_nothing_is_missing(tmp_path: Path, run_cli: CliRunner) -> None:
    root = _project(tmp_path)
    for path in (root / "facts").glob("1992-04-08--*.yml"):
        path.unlink()
    for path in (root / "facts").glob("2022-*.yml"):
        path.unlink()
    code, output = run_cli("check", "--root", root, "--today", TODAY.isoformat())
    assert code == 0 and "translation" not in output, output


def test_packed_text_reads_and_compares_as_the_text() -> None:
    russian = "Россия и Таджикистан — договор"
    assert isinstance(pack(russian), bytes) and pack("plain ASCII") == "plain ASCII" and pack(None) is None
    words = Translation(title=russian, analysis="plain")
    assert words.title == russian and words == Translation(title=russian, analysis="plain")
    assert hash(words) == hash(Translation(title=russian, analysis="plain"))
    assert isinstance(stored(words, "title"), bytes) and stored(words, "analysis") == "plain"
    assert dataclasses.replace(words, analysis="другой").title == russian
    assert repr(words).startswith(f"Translation(title={russian!r}")


def test_an_edition_shares_the_text_of_its_translations(repo: Path) -> None:
    facts = check_project(Layout.of(repo), today=TODAY).facts
    translated: list[Fact] = [fact for fact in facts if dict(fact.translations).get("ru")]
    assert translated
    for fact in translated:
        words = dict(fact.translations)["ru"]
        shown = fact.in_language("ru")
        assert shown.title == words.title and stored(shown, "title") is stored(words, "title")
        assert shown.tags == tuple(term.in_language("ru") for term in fact.tags)
        assert all(a is b for a, b in zip(shown.tags, fact.in_language("ru").tags, strict=True))


def test_spilled_texts_read_compare_and_travel_as_the_text(repo: Path) -> None:
    """`spill` moves the long texts out of memory; every reader of the facts sees the same entries."""
    kept = check_project(Layout.of(repo), today=TODAY).facts
    facts = check_project(Layout.of(repo), today=TODAY).facts
    spill(facts)
    spill(facts)  # serve keeps facts between rebuilds: spilling again changes nothing
    assert facts == kept and [hash(fact) for fact in facts] == [hash(fact) for fact in kept]
    assert pickle.loads(pickle.dumps(facts)) == kept
    long = [(fact, old) for fact, old in zip(facts, kept, strict=True) if len(old.analysis.encode()) >= SPILL_FROM]
    assert long, "the repository has analyses long enough to spill"
    for fact, old in long:
        assert isinstance(stored(old, "analysis"), str | bytes)
        assert not isinstance(stored(fact, "analysis"), str | bytes), "held in the spool, not in memory"
        assert fact.analysis == old.analysis and fact.in_language("ru") == old.in_language("ru")
        words = dict(fact.translations).get("ru")
        if words is not None and words.analysis:
            assert stored(fact.in_language("ru"), "analysis") is stored(words, "analysis"), "shared, not read back"


def test_spilled_sources_read_as_the_sources_and_are_shared_by_an_edition(repo: Path) -> None:
    """A fact's sources wait in the spool, pickled whole; readers, editions and copies see the tuple."""
    kept = check_project(Layout.of(repo), today=TODAY).facts
    facts = check_project(Layout.of(repo), today=TODAY, spilled=True).facts  # spilled batch by batch
    assert facts == kept
    for fact, old in zip(facts, kept, strict=True):
        assert type(stored(old, "sources")) is tuple
        assert type(stored(fact, "sources")) is not tuple, "held in the spool, not in memory"
        assert fact.sources == old.sources and type(fact.sources) is tuple
        shown = fact.in_language("ru")
        assert stored(shown, "sources") is stored(fact, "sources"), "the edition shares them, unread"
        assert shown.sources == old.in_language("ru").sources
        assert pickle.loads(pickle.dumps(fact)).sources == old.sources
        assert dataclasses.replace(fact, title="x").sources == old.sources


def test_a_copy_of_a_spilled_fact_stays_spilled(repo: Path) -> None:
    """`replaced` (the downloads' copy of each fact) hands texts and sources on as kept, not read back."""
    kept = check_project(Layout.of(repo), today=TODAY).facts
    facts = check_project(Layout.of(repo), today=TODAY, spilled=True).facts
    long = [fact for fact in facts if not isinstance(stored(fact, "analysis"), str | bytes | None)]
    assert long, "the repository has analyses long enough to spill"
    for fact, old in zip(facts, kept, strict=True):
        copy = replaced(fact, related=())
        assert copy == dataclasses.replace(old, related=())
        assert stored(copy, "sources") is stored(fact, "sources")
        assert stored(copy, "analysis") is stored(fact, "analysis")
        assert stored(copy, "translations") is stored(fact, "translations")
        assert stored(fact.in_language("ru"), "translations") is stored(fact, "translations"), "an edition's too"
    assert type(stored(dataclasses.replace(long[0], related=()), "analysis")) in (str, bytes), (
        "dataclasses.replace reads the text back: what `replaced` avoids"
    )
