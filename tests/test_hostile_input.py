"""Hostile input that a golden folder cannot hold portably, and the host and character checks in detail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, TODAY, CliRunner, write

from factsite.characters import invisible_characters
from factsite.hosts import host_problem
from factsite.problems import Problem
from factsite.yamlload import LoadedDocument, load_file, load_text

REFERENCE = CASES / "valid" / "complete" / "facts" / "1992-04-08--relations.yml"
FACT = REFERENCE.read_text(encoding="utf-8").replace("related: [2022-09--schools]\n", "")


def check(run_cli: CliRunner, root: Path) -> tuple[int, str]:
    return run_cli("check", "--root", root, "--vocab", CASES / "vocab", "--today", TODAY.isoformat())


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("1992-04-08--relations\n.yml", "1992-04-08--relations\\n.yml"),
        ("1992-04-08--rel\u202eations.yml", "1992-04-08--rel\\u202eations.yml"),
        ("1992-04-08--rel\u200bations.yml", "1992-04-08--rel\\u200bations.yml"),
        ("1992-04-08--a\\b.yml", "1992-04-08--a\\b.yml"),
        ("1992-04-08--..yml", "1992-04-08--..yml"),
    ],
)
def test_file_names_that_are_not_ids_are_errors_shown_escaped(
    tmp_path: Path, run_cli: CliRunner, name: str, shown: str
) -> None:
    try:
        write(tmp_path / "facts" / name, FACT)
    except OSError:
        pytest.skip("the file system refuses this name")
    code, output = check(run_cli, tmp_path)
    assert code == 1
    first = output.splitlines()[0]
    assert first.startswith(f"facts/{shown}:1:1: error: file name '{shown}' is not a fact id"), first
    assert "\u202e" not in output and "\u200b" not in output


def test_printed_problems_cannot_be_reordered_or_split() -> None:
    problem = Problem("facts/a\u202eb.yml", 1, 1, "x", "f\u2066", "m\u200b\r\n::error::forged")
    line = problem.format()
    assert line == "facts/a\\u202eb.yml:1:1: error: f\\u2066: m\\u200b\\r\\n::error::forged [x]"
    assert line.isprintable()


def test_a_byte_order_mark_does_not_shift_columns_on_the_first_line(tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain.yml", tmp_path / "marked.yml"
    plain.write_bytes(b"title: a\x07b\n")
    marked.write_bytes(b"\xef\xbb\xbftitle: a\x07b\n")
    columns = [[(p.line, p.column) for p in load_file(path, "x.yml").problems] for path in (plain, marked)]
    assert columns == [[(1, 9)], [(1, 9)]]


def test_a_byte_order_mark_is_not_part_of_the_data(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: a\r\n")
    assert load_file(path, "x.yml").data == {"title": "a"}


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.mid.ru/ru/", None),
        ("https://news.example.org:8443/a?b=c#d", None),
        ("https://xn--d1abbgf6aiiy.xn--p1ai/", None),  # президент.рф: one script
        ("https://παράδειγμα.δοκιμή/", None),
        ("https://ドメイン名例.jp/", None),  # Han with kana, as Japanese names are
        ("https://t\u0430ss.ru/", "mixes Cyrillic and Latin letters"),
        ("https://xn--tss-6cd.ru/", "mixes Cyrillic and Latin letters"),  # the same, as punycode
        ("https://www.g\u03bfogle.com/", "mixes Greek and Latin letters"),
        ("https://\uff45xample.org/", "look-alike characters; write it as 'example'"),
        ("https://xn--zz.example/", "not a valid internationalised name"),
        ("https://a\u2044b.example/", "not a valid internationalised name"),
        ("http://127.0.0.1/", "is an IP address"),
        ("http://[::1]/", "is an IP address"),
        ("https://localhost/", "not a public domain name"),
        ("https://files.internal/", "not a public domain name"),
        ("https://printer.local./", "not a public domain name"),
        ("https://example.org:99999/", "Port out of range"),
        ("https://evil.example\\.news.example.org/", "holds '\\', which no host name has"),
        ("https://ex%61mple.org/", "holds '%', which no host name has"),
        ("https://a..example.org/", "an empty label"),
        ("https://my_site.example.org/", None),
    ],
)
def test_hosts_must_be_real_public_names_in_one_script(url: str, problem: str | None) -> None:
    found = host_problem(url)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found, found


def test_joiners_are_allowed_in_text_but_not_in_urls() -> None:
    persian = "می\u200cخواهم"
    assert invisible_characters(persian, allow_joiners=True) == []
    assert invisible_characters(persian) == [(2, "\u200c")]
    assert invisible_characters("a\u2800b\u3164", allow_joiners=True) == [(1, "\u2800"), (3, "\u3164")]


def test_a_pipe_in_the_facts_folder_is_refused_not_read(tmp_path: Path, run_cli: CliRunner) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    os.mkfifo(facts / "1992-04-08--pipe.yml")
    code, output = check(run_cli, tmp_path)
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/1992-04-08--pipe.yml:1:1: error: not a regular file (a pipe, socket or device); "
        "add the file itself [fact-file]"
    )


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """With memory capped at 2 GiB, an 8 GiB (sparse) file is refused rather than read."""
    path = tmp_path / "huge.yml"
    with path.open("wb") as handle:
        handle.truncate(8 * 1024**3)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))\n"
        "from pathlib import Path\n"
        "from factsite.yamlload import load_file\n"
        "print(*[p.format() for p in load_file(Path(sys.argv[1]), 'facts/huge.yml').problems])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout == (
        "facts/huge.yml:1:1: error: file is 8,589,934,592 bytes; the limit is 262,144: "
        "shorten the analysis or quotes [file-size]\n"
    ), result.stderr[-500:]


def test_github_annotations_cannot_be_forged_or_reordered() -> None:
    from factsite.problems import Report
    from factsite.reporters import format_github

    report = Report()
    report.extend([Problem("facts/a\u202e.yml", 2, 3, "r", "f,x:y", "50% \x1b[31mred\n::error::forged")])
    line = format_github(report).splitlines()[0]
    assert line == (
        "::error file=facts/a\\u202e.yml,line=2,col=3,title=r%3A f%2Cx%3Ay::50%25 \\x1b[31mred\\n::error::forged"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 20_000 + "1" + "}" * 20_000,
        "- " * 50_000 + "x",
        "a:\n" + "".join(" " * depth + "b:\n" for depth in range(1, 3000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_nesting_far_past_the_limit_is_one_problem(text: str) -> None:
    doc = LoadedDocument("x.yml")
    load_text(text, doc)
    assert [p.rule for p in doc.problems] == ["yaml-syntax"]
    assert "nests too deeply" in doc.problems[0].message
