"""The site's own search index (factsite.render.searchindex): bytes, words, stems, ranking, shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsite.render import searchindex
from factsite.render.searchindex import Record, normalize, query, read_records, words, write_index


def record(number: int, title: str, said: str = "", tags: str = "") -> Record:
    fields = (("title", title), ("said", said), ("tags", tags), ("kind", "Event"))
    return Record(f"facts/entry-{number}/", title, f"{number} May 2022", "Event", fields)


def filler(count: int, word: str) -> list[Record]:
    return [record(n, f"Entry {n} about {word}", f"Something said in Dushanbe about {word}") for n in range(count)]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_the_same_records_give_the_same_bytes(tmp_path: Path) -> None:
    write_index(filler(50, "schools"), tmp_path / "one", "en")
    write_index(filler(50, "schools"), tmp_path / "two", "en")
    one = tree(tmp_path / "one")
    assert one == tree(tmp_path / "two")
    assert {"index.json", "r/0.json", "r/2.json", "t/0.json"} <= set(one)
    assert "p/0.json" in one, "a word in every entry has its postings in a file of its own"


def test_a_new_index_replaces_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "search"
    write_index(filler(30, "schools"), folder, "en")
    write_index(filler(3, "teachers"), folder, "en")
    assert [r["url"] for r in read_records(folder)] == ["facts/entry-0/", "facts/entry-1/", "facts/entry-2/"]
    assert not query(folder, "schools"), "nothing is left from the index before"
    assert not (folder / "r" / "1.json").exists() and not (folder / "p" / "1.json").exists()
    assert len(query(folder, "teachers")) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ВымпелКом", ["вымпелком"]),
        ("Алма-Атинский протокол", ["алма", "атинский", "протокол"]),
        ("Ёлка и ещё", ["елка", "еще"]),  # ё is е, as most Russian text writes it; one-letter words are left out
        ("Йошкар-Ола, бойкий", ["йошкар", "ола", "бойкий"]),  # й is a letter of its own, never и
        ("Café Zürich São", ["cafe", "zurich", "sao"]),
        ("Russia's «quota» 2022", ["russia", "quota", "2022"]),
    ],
)
def test_words_are_normalized_as_the_browser_does(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert normalize("ЁЖ") == "еж"


def test_the_browser_normalizes_with_the_same_accents_and_word_classes() -> None:
    script = (Path(__file__).resolve().parent.parent / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    assert f"/{searchindex._MARKS.pattern}/g" in script
    assert "[\\p{L}\\p{N}]+" in script


def test_russian_word_forms_find_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "ru"
    records = [
        record(0, "В Таджикистане открылись пять школ"),
        record(1, "Договор подписан в Ташкенте"),
        record(2, "Указание на ташкентском совещании министров"),
        record(3, "Телеграммами обменялись президенты"),
        record(4, "Посольство России в Душанбе"),
    ]
    write_index(records, folder, "ru")
    assert query(folder, "школы")[:1] == ["facts/entry-0/"]  # another form of «школ»
    assert query(folder, "школа")[:1] == ["facts/entry-0/"]
    assert query(folder, "телеграммы")[:1] == ["facts/entry-3/"]
    assert query(folder, "посольства душанбе")[:1] == ["facts/entry-4/"]
    # A whole word outranks a longer word it begins, however rare that one is.
    assert query(folder, "Ташкент") == ["facts/entry-1/", "facts/entry-2/"]
    assert set(query(folder, "ташк")) == {"facts/entry-1/", "facts/entry-2/"}, "the word being typed finds both"


def test_ranking_prefers_all_words_then_the_title_then_the_later_entry(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    records = [
        record(0, "Investment forum opens", "Delegates met."),
        record(1, "Delegates met in Dushanbe", "An investment forum was held."),  # the words in the claim only
        record(2, "Forum on trade", "Nothing about money."),  # one word of two
        record(3, "Investment forum opens", "Delegates met."),  # as entry 0, but later
        record(4, "Investments in schools", tags="Investment"),
    ]
    write_index(records, folder, "en")
    found = query(folder, "investment forum")
    assert found[:3] == ["facts/entry-3/", "facts/entry-0/", "facts/entry-1/"]
    assert found.index("facts/entry-2/") > found.index("facts/entry-1/"), "all words before some"
    assert "facts/entry-4/" in query(folder, "investment"), "investments is another form of investment"
    assert query(folder, "invest")[:1] != [], "the word being typed finds its completions"
    assert query(folder, "x") == [] and query(folder, "") == [], "single letters are not searched"


def test_a_common_word_keeps_only_its_best_postings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "CAP", 40)
    folder = tmp_path / "en"
    records = filler(200, "schools")
    records[150] = record(150, "Schools", "Schools schools.")  # the one entry that is about schools
    write_index(records, folder, "en")
    postings = json.loads((folder / "p" / "0.json").read_text(encoding="utf-8"))
    assert sum(len(run) for run in postings[1::2]) == 40
    assert query(folder, "schools")[:1] == ["facts/entry-150/"]


def test_a_large_prefix_is_split_and_its_words_still_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "SHARD_BYTES", 400)
    folder = tmp_path / "en"
    names = ["scaffold", "scale", "scandal", "scarce", "scatter", "scenario", "schedule", "scheme", "scholar", "sc"]
    write_index([record(n, f"The {name} of things") for n, name in enumerate(names)], folder, "en")
    shards = json.loads((folder / "index.json").read_text(encoding="utf-8"))["shards"]
    assert "sc" in shards and "sch" in shards, shards
    for number, name in enumerate(names):
        assert query(folder, name)[:1] == [f"facts/entry-{number}/"], name
    assert query(folder, "sc"), "the split prefix's own shard answers a two-letter word"


def test_hostile_text_is_kept_as_data(tmp_path: Path) -> None:
    """Records hold text as JSON strings; docs/assets/search.js shows them with textContent only."""
    folder = tmp_path / "en"
    title = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \u202e'
    write_index([record(0, title)], folder, "en")
    assert read_records(folder)[0]["title"] == title
    assert query(folder, "alert onerror") == ["facts/entry-0/"]
    script = (Path(__file__).resolve().parent.parent / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    assert "textContent" in script
    assert not any(sink in script for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"))
