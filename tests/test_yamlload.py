"""The loader keeps positions, resolves only the YAML 1.2 core schema, and never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsite.yamlload import LoadedDocument, Position, load_file, load_text


def load(text: str) -> LoadedDocument:
    doc = LoadedDocument("x.yml")
    load_text(text, doc)
    return doc


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc = load("title: Hello\nsources:\n  - url: https://a.example\n    title: A\n")
    assert doc.values[("title",)] == Position(1, 8)
    assert doc.keys[("sources", 0, "title")] == Position(4, 5)
    assert doc.values[("sources", 0, "url")] == Position(3, 10)


def test_position_falls_back_to_the_nearest_ancestor() -> None:
    doc = load("appearance:\n  url: https://a.example\n")
    assert doc.position(("appearance", "missing")) == Position(2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("2022-09-01", "2022-09-01"),
        ("1:20", "1:20"),
        ("true", True),
        ("false", False),
        ("~", None),
        ("", None),
        ("12", 12),
        ("0x1f", 31),
        ("1.5", 1.5),
        ("'2022'", "2022"),
        ("!!str 2022", "2022"),
    ],
)
def test_only_the_yaml_1_2_core_schema_is_resolved(text: str, expected: object) -> None:
    assert load(f"value: {text}\n").data == {"value": expected}


def test_explicit_tag_that_does_not_fit_its_value_is_a_problem_not_a_crash() -> None:
    doc = load("value: !!int twelve\n")
    assert [p.rule for p in doc.problems] == ["yaml-value"]
    assert doc.data is None


@pytest.mark.parametrize("text", ["1: x\n", "? [a, b]\n: x\n", "? {a: b}\n: x\n", "null: x\n", "true: x\n"])
def test_keys_that_are_not_text_are_problems(text: str) -> None:
    doc = load(text)
    assert [p.rule for p in doc.problems] == ["yaml-key"]
    assert doc.data is None


def test_crlf_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: a\r\nclaim: b\r\nbad: [\r\n")
    doc = load_file(path, "x.yml")
    assert [(p.line, p.rule) for p in doc.problems] == [(4, "yaml-syntax")]


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    doc = load(bomb)
    assert doc.data is None
    assert {p.rule for p in doc.problems} == {"yaml-anchor"}
