"""The Pagefind bundle: what the core writes for a site's search, through the binary in the wheel."""

from __future__ import annotations

from pathlib import Path

from factsite.render.pagefind import UNUSED, Record, read_records, write_bundle


def records(count: int, word: str) -> list[Record]:
    return [
        Record(f"facts/entry-{n}/", f"Entry {n} about {word} in Dushanbe", "en", {"title": f"Entry {n}"})
        for n in range(count)
    ] + [Record("facts/ru/", "В Душанбе открылись пять школ", "ru", {"title": "Школы"})]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_the_same_records_give_the_same_bytes(tmp_path: Path) -> None:
    write_bundle(records(50, "schools"), tmp_path / "one")
    write_bundle(records(50, "schools"), tmp_path / "two")
    one = tree(tmp_path / "one")
    assert one == tree(tmp_path / "two")
    assert '"languages":{"en":' in one["pagefind-entry.json"].decode(), "languages sorted, not in hash order"
    assert not any(name in one for name in UNUSED), "Pagefind's own interfaces are not shipped"


def test_a_new_bundle_replaces_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "pagefind"
    write_bundle(records(30, "schools"), folder)
    write_bundle(records(3, "teachers"), folder)
    found = read_records(folder)
    assert [record["url"] for record in found] == ["facts/entry-0/", "facts/entry-1/", "facts/entry-2/", "facts/ru/"]
    assert all("schools" not in record["content"] for record in found), "no record is left from the build before"
    assert found[-1]["meta"]["title"] == "Школы"
