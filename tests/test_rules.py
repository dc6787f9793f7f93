"""Rules that need file layouts a golden folder cannot hold portably."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner

REFERENCE = CASES / "valid" / "complete" / "facts" / "1992-04-08--relations.yml"


def test_ids_that_differ_only_in_case_blame_the_misnamed_file(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    text = REFERENCE.read_text(encoding="utf-8").replace("related: [2022-09--schools]\n", "")
    (facts / "1992-04-08--relations.yml").write_text(text, encoding="utf-8")
    try:
        (facts / "1992-04-08--Relations.yml").write_text(text, encoding="utf-8")
    except OSError:
        pytest.skip("case-insensitive file system")
    if len(list(facts.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[:2] == [
        "facts/1992-04-08--Relations.yml:1:1: error: file name '1992-04-08--Relations.yml' is not a fact id; "
        "rename it to '1992-04-08--relations.yml' (YYYY-MM-DD--slug) [file-name]",
        "facts/1992-04-08--Relations.yml:1:1: error: id '1992-04-08--Relations' differs only in letter case "
        "from that of facts/1992-04-08--relations.yml; remove this file or give it another slug [unique-id]",
    ]
    assert "facts/1992-04-08--relations.yml:" not in output


def test_symlink_leading_outside_the_facts_folder_is_refused(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    outside = tmp_path / "elsewhere.yml"
    shutil.copy(REFERENCE, outside)
    (facts / "1992-04-08--relations.yml").symlink_to(outside)
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/1992-04-08--relations.yml:1:1: error: symbolic link points outside the facts folder; "
        "add the file itself [fact-file]"
    )


def test_symlink_loop_is_a_problem_not_a_crash(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "1992-04-08--a.yml").symlink_to("1992-04-08--b.yml")
    (facts / "1992-04-08--b.yml").symlink_to("1992-04-08--a.yml")
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    assert code == 1
    assert output.splitlines()[:2] == [
        "facts/1992-04-08--a.yml:1:1: error: symbolic link is broken or loops; add the file itself [fact-file]",
        "facts/1992-04-08--b.yml:1:1: error: symbolic link is broken or loops; add the file itself [fact-file]",
    ]


def test_checking_one_file_still_sees_the_other_facts(repo: Path, run_cli: CliRunner) -> None:
    one = repo / "facts" / "1992-04-08--diplomatic-relations.yml"
    assert "related:" in one.read_text(encoding="utf-8")
    code, output = run_cli("check", "--root", repo, "--today", TODAY.isoformat(), one)
    assert code == 0, output
    assert output.endswith("(1 fact file checked)\n")


# --- source-citation: what counts as a citation, and where a bad one is ---------------------


@pytest.mark.parametrize(
    ("analysis", "found"),
    [
        ("As reported [1], and again [2][3].", [1, 2, 3]),
        ("[a link](https://example.org/) and [1](https://example.org/) are links", []),
        ("![2](https://example.org/chart.png), a footnote[^3] and `[4]` in code", []),
        ("```\n[5]\n```\nafter the fence [6]", [6]),
        ("a reference [text][1] to a definition\n\n[1]: https://example.org/", []),
        ("[7] [ref] is a reference link's text\n\n[ref]: https://example.org/", []),
        ("[text][8] without a definition is shown as written", [8]),
    ],
)
def test_citation_markers_are_read_as_the_page_shows_them(analysis: str, found: list[int]) -> None:
    from factsite.rules.source_citation import markers

    assert [number for number, _ in markers(analysis)] == found


def test_publisher_names_include_the_name_before_and_inside_parentheses() -> None:
    from factsite.rules.source_citation import publisher_names

    assert publisher_names("Fergana (citing Kommersant)") == [
        "Fergana",
        "Fergana (citing Kommersant)",
        "citing Kommersant",
    ]
    assert publisher_names("President of Russia (Kremlin), accessible version") == [
        "Kremlin",
        "President of Russia",
        "President of Russia (Kremlin), accessible version",
    ]


@pytest.mark.parametrize(
    ("style", "line", "column"),
    [
        ("analysis: |\n  One [1].\n  Two [9] and [9].\n", 3, 15),
        ("analysis: >-\n  One [1].\n  Two [9] and [9].\n", 3, 15),
        ("analysis: One [1]. Two [9] and\n  [9].\n", 2, 3),
        ("analysis: 'One [1]. Two [9] and [9].'\n", 1, 33),
        ('analysis: "One [1]. Two \\x5b9] and [9]."\n', 1, 11),  # an escape: the value's start
    ],
    ids=["literal", "folded", "plain", "single-quoted", "double-quoted-escape"],
)
def test_a_marker_without_a_source_is_reported_at_its_own_position(
    tmp_path: Path, run_cli: CliRunner, style: str, line: int, column: int
) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("analysis: |")
    end = text.index("sources:")
    shutil.copytree(REFERENCE.parent, tmp_path / "facts")  # with the fact it is related to
    (tmp_path / "facts" / REFERENCE.name).write_text(text[:start] + style + text[end:], encoding="utf-8")
    code, output = run_cli("check", "--root", tmp_path, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    first_line = text[:start].count("\n")
    errors = [row for row in output.splitlines() if "[source-citation]" in row and ": error: " in row]
    assert code == 1
    assert errors[-1].startswith(
        f"facts/1992-04-08--relations.yml:{first_line + line}:{column}: error: analysis: [9] cites"
    )
    assert len(errors) == 2


def _translated_analysis(tmp_path: Path, analysis: str) -> Path:
    """REFERENCE (whose analysis cites [1][2]) with `analysis` as its Russian translation."""
    shutil.copytree(REFERENCE.parent, tmp_path / "facts")
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "notes: Internal note", f"translations:\n  ru:\n    analysis: |\n{analysis}notes: Internal note"
    )
    (tmp_path / "facts" / REFERENCE.name).write_text(text, encoding="utf-8")
    return tmp_path


def _citations(run_cli: CliRunner, root: Path) -> list[str]:
    _, output = run_cli("check", "--root", root, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())
    return [row for row in output.splitlines() if row.endswith("[source-citation]")]


def test_a_translated_analysis_with_the_same_markers_passes(tmp_path: Path, run_cli: CliRunner) -> None:
    root = _translated_analysis(tmp_path, "      Протокол подписан в столице [2], [1].\n")
    assert _citations(run_cli, root) == []


def test_a_marker_without_a_source_in_the_translation_is_reported_at_its_own_position(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    root = _translated_analysis(tmp_path, "      Протокол подписан в столице [1][2].\n\n      И ещё раз [3].\n")
    line = REFERENCE.read_text(encoding="utf-8").splitlines().index("notes: Internal note, never published.") + 6
    assert _citations(run_cli, root) == [
        f"facts/1992-04-08--relations.yml:{line}:17: error: translations.ru.analysis: [3] cites no source: the fact "
        "lists 2 sources; number sources from [1] in the order of sources [source-citation]",
        f"facts/1992-04-08--relations.yml:{line - 3}:15: warning: translations.ru.analysis: the Russian analysis "
        "cites [1], [2] and [3], the English one [1] and [2]; give the translation the same [n] source markers as "
        "the English analysis [source-citation]",
    ]


def test_a_translation_that_drops_a_marker_is_warned_about(tmp_path: Path, run_cli: CliRunner) -> None:
    root = _translated_analysis(tmp_path, "      Протокол подписан в столице, пишет Example Paper.\n")
    (warning,) = _citations(run_cli, root)
    assert warning.endswith(
        ": warning: translations.ru.analysis: the Russian analysis cites no [n] marker, the English one [1] and "
        "[2]; give the translation the same [n] source markers as the English analysis [source-citation]"
    )


# --- source-title: an editor's note in a title, not a headline's own brackets --------------


@pytest.mark.parametrize(
    ("title", "note"),
    [
        (
            "Tajik president leaves for Moscow [our description; headline not recorded]",
            "[our description; headline not recorded]",
        ),
        (
            "Muttaqi says Kabul will investigate … [headline shortened in the URL; full headline not recorded]",
            "[headline shortened in the URL; full headline not recorded]",
        ),
        ("Relations [title placeholder", "[title placeholder"),
        ("FACTBOX [VIDEO]: Russia-Tajikistan Relations", None),
        ("Shoigu: with the active presence of [IS-K] and al-Qaeda", None),
        ("Headline without brackets, not recorded anywhere else", None),
    ],
)
def test_a_title_note_is_told_from_a_headlines_own_brackets(title: str, note: str | None) -> None:
    from factsite.rules.source_title import _editorial_note

    assert _editorial_note(title) == note
